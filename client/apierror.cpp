#include "client/apierror.h"

namespace handover::client {

ApiError ApiError::network(QString description)
{
    ApiError e;
    e.kind = Kind::Network;
    e.error = Error::make(ErrorCode::Internal, std::move(description));
    return e;
}

ApiError ApiError::protocol(int status, QString description)
{
    ApiError e;
    e.kind = Kind::Protocol;
    e.httpStatus = status;
    e.error = Error::make(ErrorCode::Internal, std::move(description));
    return e;
}

bool ApiError::isRetryable() const
{
    switch (kind) {
    case Kind::Network:
        return true;
    case Kind::Protocol:
        return false;
    case Kind::Http:
        return httpStatus >= 500 || httpStatus == 429 || error.code == ErrorCode::RateLimited ||
               error.code == ErrorCode::IdempotencyInProgress;
    }
    return false;
}

QString ApiError::message() const
{
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("The server could not be reached: ") + error.description;
    case Kind::Protocol:
        return QStringLiteral("The server's answer (HTTP %1) was not understood: %2")
            .arg(httpStatus)
            .arg(error.description);
    case Kind::Http:
        break;
    }
    QString text = QStringLiteral("HTTP %1 %2").arg(httpStatus).arg(errorMessage(error.code));
    if (!error.description.isEmpty())
        text += QStringLiteral(": ") + error.description;
    return text;
}

} // namespace handover::client
