// Turning finished replies into JSON objects or ApiErrors, for ApiClient's JSON and byte transfers.
#include "client/apireplies_p.h"
#include "core/json/apicodec.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace handover::client::detail {

namespace {

// What an error status means when its body is not API.md's error object (a proxy's page, an empty body).
ErrorCode codeForStatus(int status)
{
    switch (status) {
    case 400:
        return ErrorCode::BadRequest;
    case 401:
        return ErrorCode::Unauthenticated;
    case 403:
        return ErrorCode::Forbidden;
    case 404:
        return ErrorCode::NotFound;
    case 409:
        return ErrorCode::UniqueConstraintFailed;
    case 413:
        return ErrorCode::PayloadTooLarge;
    case 422:
        return ErrorCode::ValidationFailed;
    case 429:
        return ErrorCode::RateLimited;
    default:
        return status >= 400 && status < 500 ? ErrorCode::BadRequest : ErrorCode::Internal;
    }
}

int retryAfterSeconds(const QNetworkReply *reply)
{
    bool ok = false;
    const int seconds = reply->rawHeader(QByteArrayLiteral("Retry-After")).trimmed().toInt(&ok);
    return ok && seconds >= 0 ? seconds : -1;
}

} // namespace

ApiError httpError(int status, const QByteArray &body, const QNetworkReply *reply)
{
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.httpStatus = status;
    e.requestId = QString::fromLatin1(reply->rawHeader(QByteArrayLiteral("X-Request-Id")));
    e.retryAfterSecs = retryAfterSeconds(reply);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        if (Result<ErrorBody> decoded = errorFromJson(document.object())) {
            e.error = decoded->error;
            if (!decoded->requestId.isEmpty())
                e.requestId = decoded->requestId;
            return e;
        }
    }
    e.error = Error::make(codeForStatus(status),
                          QStringLiteral("HTTP %1: %2").arg(status).arg(QString::fromUtf8(body.left(200))));
    return e;
}

ApiResult<QJsonObject> decodeReply(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return ApiError::network(reply->errorString());
    const QByteArray body = reply->readAll();
    if (status < 200 || status >= 300)
        return httpError(status, body, reply);
    if (body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return ApiError::protocol(status, QStringLiteral("the body is not a JSON object"));
    return document.object();
}

} // namespace handover::client::detail
