// The transport of ApiClient: building requests, and turning replies into a JSON object or an ApiError.
#include "client/apiclient.h"

#include "client/apireplies_p.h"
#include "core/logging.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace handover::client {

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

QNetworkRequest ApiClient::request(const QString &path, const QUrlQuery &query,
                                   const QString &idempotencyKey) const
{
    QNetworkRequest request(endpoint(path, query));
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"),
                             QByteArrayLiteral("Bearer ") + m_token.toUtf8());
    if (!idempotencyKey.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Idempotency-Key"), idempotencyKey.toUtf8());
    return request;
}

void ApiClient::track(QNetworkReply *reply, const QByteArray &verb, const QString &path)
{
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
}

void ApiClient::send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                     const QByteArray &body, const QString &idempotencyKey, const QObject *context,
                     Callback<QJsonObject> done)
{
    QNetworkRequest request = this->request(path, query, idempotencyKey);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    QNetworkReply *reply = nullptr;
    if (verb == "GET") {
        reply = m_network.get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network.sendCustomRequest(request, verb, body);
    }
    track(reply, verb, path);
    connect(reply, &QNetworkReply::finished, context,
            [reply, done = std::move(done)] { done(detail::decodeReply(reply)); });
}

} // namespace handover::client
