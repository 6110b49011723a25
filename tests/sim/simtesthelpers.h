#pragma once

// Helpers shared by the simulator tests: a blocking HTTP call for test code, and a stand-in for the
// server's WhatsApp webhook that records what it receives.

#include "sim/metaformat.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QUrlQuery>
#include <utility>

namespace simtest {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// Sends one request and waits for the answer (at most timeoutMs).
inline HttpResult httpCall(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                           const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                           int timeoutMs = 10000)
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(timeoutMs);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    delete reply;
    return result;
}

inline QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

struct ReceivedWebhook
{
    QByteArray body;
    QByteArray signature;
    QByteArray contentType;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    // entry[0].changes[0].value
    QJsonObject value() const
    {
        return json()
            .value(QStringLiteral("entry"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("changes"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("value"))
            .toObject();
    }
};

// Plays the server's /webhooks/whatsapp: answers Meta's verification, records signed POSTs and
// answers them with answerStatus.
class WebhookReceiver
{
public:
    explicit WebhookReceiver(QString verifyToken = QStringLiteral("verify-me"))
        : m_verifyToken(std::move(verifyToken))
    {
        const QString path = QStringLiteral("/webhooks/whatsapp");
        m_server.route(path, QHttpServerRequest::Method::Post, [this](const QHttpServerRequest &request) {
            ReceivedWebhook hook;
            hook.body = request.body();
            hook.signature = header(request, QByteArrayLiteral("x-hub-signature-256"));
            hook.contentType = header(request, QByteArrayLiteral("content-type"));
            received.append(hook);
            return QHttpServerResponse(static_cast<QHttpServerResponse::StatusCode>(answerStatus));
        });
        m_server.route(path, QHttpServerRequest::Method::Get, [this](const QHttpServerRequest &request) {
            const QUrlQuery query = request.query();
            ++verifications;
            if (query.queryItemValue(QStringLiteral("hub.mode")) != QLatin1String("subscribe") ||
                query.queryItemValue(QStringLiteral("hub.verify_token")) != m_verifyToken)
                return QHttpServerResponse(QHttpServerResponse::StatusCode::Forbidden);
            return QHttpServerResponse(QByteArrayLiteral("text/plain"),
                                       query.queryItemValue(QStringLiteral("hub.challenge")).toUtf8());
        });
        m_port = m_server.listen(QHostAddress(QHostAddress::LocalHost), 0);
    }

    bool isListening() const { return m_port != 0; }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(m_port) +
                    QStringLiteral("/webhooks/whatsapp"));
    }

    QList<ReceivedWebhook> received;
    int verifications = 0;
    int answerStatus = 200;

private:
    static QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
    {
        const auto headers = request.headers();
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    QString m_verifyToken;
    QHttpServer m_server;
    quint16 m_port = 0;
};

// A status report for a message sent to 919999990001.
inline handover::sim::StatusUpdate statusUpdate(const QString &waMessageId, const QString &status,
                                                qint64 timestamp)
{
    handover::sim::StatusUpdate update;
    update.waMessageId = waMessageId;
    update.status = status;
    update.recipientId = QStringLiteral("919999990001");
    update.timestamp = timestamp;
    return update;
}

// A loopback port nobody listens on (bound, then released).
inline quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress(QHostAddress::LocalHost), 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace simtest
