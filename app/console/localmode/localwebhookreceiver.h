#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;

namespace handover {
class Clock;
}

namespace handover::console {

// One request that reached the receiver, as the console's "webhook deliveries" panel shows it.
struct ReceivedWebhook
{
    QDateTime receivedAt;
    QString webhookId; // webhook-id: the same across retries of one delivery
    QString type;      // "template.button_reply"
    QString chatroomId;
    QString templateName;
    QString buttonText;
    QString buttonPayload;
    bool verified = false;  // the Standard Webhooks signature checked out with the org's secret
    bool duplicate = false; // a webhook-id seen before (a retry whose first answer got lost)
    QString problem;        // why it did not verify (English; see standardWebhookProblem)
    QByteArray body;
};

// Checks a Standard Webhooks signature: `signatureHeader` lists "v1,<base64>" entries, one of which must be
// the HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the base64 after "whsec_" in `secret`, and the
// timestamp must be within 5 minutes of `nowSecs`. Empty when it verifies, else why not: an English sentence
// that is also a source text of the "LocalWebhookReceiver" context, so a view can show it translated.
QString standardWebhookProblem(const QString &secret, const QByteArray &webhookId,
                               const QByteArray &timestamp, const QByteArray &body,
                               const QByteArray &signatureHeader, qint64 nowSecs);

// The org webhook of local mode: a small HTTP listener on loopback that plays the automation's endpoint. It
// verifies each delivery independently of the server's signer and records it. Verified deliveries get 200;
// others 401 (so the server retries them, as it would with a real receiver).
class LocalWebhookReceiver final : public QObject
{
    Q_OBJECT

public:
    explicit LocalWebhookReceiver(const Clock *clock = nullptr, QObject *parent = nullptr);
    ~LocalWebhookReceiver() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const { return m_port; }
    QUrl url() const; // what the org webhook is configured to

    void setSecret(const QString &secret) { m_secret = secret; }
    const QList<ReceivedWebhook> &deliveries() const { return m_deliveries; }
    qsizetype verifiedCount() const;

Q_SIGNALS:
    void deliveryReceived(const handover::console::ReceivedWebhook &delivery);

private:
    QHttpServerResponse receive(const QHttpServerRequest &request);

    const Clock *m_clock;
    QHttpServer *m_http = nullptr;
    quint16 m_port = 0;
    QString m_secret;
    QList<ReceivedWebhook> m_deliveries;
    QSet<QString> m_seenIds;
};

} // namespace handover::console
