// The transport of ApiClient: building requests, and turning replies into a JSON object or an ApiError.
#include "client/apiclient.h"

#include "core/json/apicodec.h"
#include "core/logging.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace handover::client {

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

} // namespace

ApiClient::ApiClient(QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
{
    m_network.setAutoDeleteReplies(false);
}

ApiClient::~ApiClient()
{
    // Replies still running would finish while the manager is destroyed; nobody may hear about them.
    const QList<QNetworkReply *> replies = m_network.findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        reply->disconnect();
        reply->abort();
    }
}

QString ApiClient::orgPath(const QString &rest) const
{
    return QStringLiteral("/v1/orgs/") + QString::fromLatin1(QUrl::toPercentEncoding(m_orgId)) + rest;
}

QString ApiClient::chatroomPath(const ChatroomId &chatroomId, const QString &rest) const
{
    return orgPath(QStringLiteral("/chatrooms/") + QString::fromLatin1(QUrl::toPercentEncoding(chatroomId)) +
                   rest);
}

QUrl ApiClient::endpoint(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString prefix = url.path(QUrl::FullyEncoded);
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path, QUrl::TolerantMode);
    url.setQuery(query);
    url.setFragment({});
    return url;
}

void ApiClient::get(const QString &path, const QUrlQuery &query, const QObject *context,
                    Callback<QJsonObject> done)
{
    send(QByteArrayLiteral("GET"), path, query, {}, {}, context, std::move(done));
}

void ApiClient::post(const QString &path, const QJsonObject &body, const QString &idempotencyKey,
                     const QObject *context, Callback<QJsonObject> done)
{
    send(QByteArrayLiteral("POST"), path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact),
         idempotencyKey, context, std::move(done));
}

void ApiClient::send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                     const QByteArray &body, const QString &idempotencyKey, const QObject *context,
                     Callback<QJsonObject> done)
{
    QNetworkRequest request(endpoint(path, query));
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"),
                             QByteArrayLiteral("Bearer ") + m_token.toUtf8());
    if (!idempotencyKey.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Idempotency-Key"), idempotencyKey.toUtf8());
    QNetworkReply *reply = nullptr;
    if (verb == "GET") {
        reply = m_network.get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network.sendCustomRequest(request, verb, body);
    }
    ++m_inFlight;
    const bool withToken = !m_token.isEmpty();
    // Always cleaned up and counted, whether or not the context still wants the answer.
    connect(reply, &QNetworkReply::finished, this, [this, reply, withToken, verb, path] {
        --m_inFlight;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        qCDebug(lcClient) << verb << path << "->" << status << reply->error();
        if (status == 401 && withToken)
            Q_EMIT unauthenticated();
        reply->deleteLater();
    });
    connect(reply, &QNetworkReply::finished, context,
            [reply, done = std::move(done)] { done(decodeReply(reply)); });
}

} // namespace handover::client
