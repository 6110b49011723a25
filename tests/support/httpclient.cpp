#include "tests/support/httpclient.h"

#include "tests/support/concurrentrequests.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

namespace handover::testing {

namespace {
constexpr int kTimeoutMs = 20000;
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResult HttpClient::get(const QString &pathAndQuery, const Headers &headers)
{
    return send("GET", pathAndQuery, {}, headers);
}

HttpResult HttpClient::post(const QString &pathAndQuery, const QJsonObject &body, const Headers &headers)
{
    return send("POST", pathAndQuery, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpResult HttpClient::postRaw(const QString &pathAndQuery, const QByteArray &body, const Headers &headers)
{
    return send("POST", pathAndQuery, body, headers);
}

HttpResult HttpClient::put(const QString &pathAndQuery, const QJsonObject &body, const Headers &headers)
{
    return send("PUT", pathAndQuery, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpResult HttpClient::del(const QString &pathAndQuery, const Headers &headers)
{
    return send("DELETE", pathAndQuery, {}, headers);
}

HttpResult HttpClient::send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                            const Headers &headers)
{
    QUrl url = m_base.resolved(QUrl(pathAndQuery));
    QNetworkRequest request(url);
    request.setTransferTimeout(kTimeoutMs);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_token.toUtf8());
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QBuffer *buffer = new QBuffer;
    buffer->setData(body);
    buffer->open(QIODevice::ReadOnly);
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, buffer);
    buffer->setParent(reply);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(kTimeoutMs + 1000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result = resultOf(reply);
    reply->deleteLater();
    return result;
}

} // namespace handover::testing
