#include "result.h"

namespace handover {

int httpStatus(ErrorCode code)
{
    return static_cast<int>(code) / 10000;
}

QString errorMessage(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest: return QStringLiteral("BAD_REQUEST");
    case ErrorCode::ValidationFailed: return QStringLiteral("VALIDATION_FAILED");
    case ErrorCode::Unauthenticated: return QStringLiteral("UNAUTHENTICATED");
    case ErrorCode::Forbidden: return QStringLiteral("FORBIDDEN");
    case ErrorCode::NotFound: return QStringLiteral("NOT_FOUND");
    case ErrorCode::RequestTimeout: return QStringLiteral("REQUEST_TIMEOUT");
    case ErrorCode::UniqueConstraintFailed: return QStringLiteral("UQ_CONSTRAINT_FAILED");
    case ErrorCode::ChatroomInactive: return QStringLiteral("CHATROOM_INACTIVE");
    case ErrorCode::SessionWindowClosed: return QStringLiteral("SESSION_WINDOW_CLOSED");
    case ErrorCode::IdempotencyInProgress: return QStringLiteral("IDEMPOTENCY_IN_PROGRESS");
    case ErrorCode::PayloadTooLarge: return QStringLiteral("PAYLOAD_TOO_LARGE");
    case ErrorCode::UriTooLong: return QStringLiteral("URI_TOO_LONG");
    case ErrorCode::IdempotencyKeyReused: return QStringLiteral("IDEMPOTENCY_KEY_REUSED");
    case ErrorCode::TemplateNotSendable: return QStringLiteral("TEMPLATE_NOT_SENDABLE");
    case ErrorCode::TemplateParamsInvalid: return QStringLiteral("TEMPLATE_PARAMS_INVALID");
    case ErrorCode::WabaPhoneNotVerified: return QStringLiteral("WABA_PHONE_NOT_VERIFIED");
    case ErrorCode::RateLimited: return QStringLiteral("RATE_LIMITED");
    case ErrorCode::HeadersTooLarge: return QStringLiteral("HEADERS_TOO_LARGE");
    case ErrorCode::Internal: return QStringLiteral("INTERNAL");
    case ErrorCode::UpstreamUnavailable: return QStringLiteral("UPSTREAM_UNAVAILABLE");
    case ErrorCode::ServerBusy: return QStringLiteral("SERVER_BUSY");
    }
    return QStringLiteral("INTERNAL");
}

bool errorCodeFromInt(int value, ErrorCode *code)
{
    switch (static_cast<ErrorCode>(value)) {
    case ErrorCode::BadRequest:
    case ErrorCode::ValidationFailed:
    case ErrorCode::Unauthenticated:
    case ErrorCode::Forbidden:
    case ErrorCode::NotFound:
    case ErrorCode::RequestTimeout:
    case ErrorCode::UniqueConstraintFailed:
    case ErrorCode::ChatroomInactive:
    case ErrorCode::SessionWindowClosed:
    case ErrorCode::IdempotencyInProgress:
    case ErrorCode::PayloadTooLarge:
    case ErrorCode::UriTooLong:
    case ErrorCode::IdempotencyKeyReused:
    case ErrorCode::TemplateNotSendable:
    case ErrorCode::TemplateParamsInvalid:
    case ErrorCode::WabaPhoneNotVerified:
    case ErrorCode::RateLimited:
    case ErrorCode::HeadersTooLarge:
    case ErrorCode::Internal:
    case ErrorCode::UpstreamUnavailable:
    case ErrorCode::ServerBusy:
        *code = static_cast<ErrorCode>(value);
        return true;
    }
    return false;
}

} // namespace handover
