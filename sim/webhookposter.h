#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

class QJsonObject;
class QNetworkAccessManager;
class QNetworkReply;

namespace handover::sim {

// How the server answered one webhook call.
struct DeliveryResult
{
    QString waMessageId;          // the message or status the webhook carried; empty for a verification
    int httpStatus = 0;           // the server's HTTP status; 0 when it could not be reached
    QByteArray responseBody;      // the first MiB of the server's answer
    QString error;                // why the server could not be reached
    bool challengeEchoed = false; // verification only: 200 with exactly the challenge as the body

    bool reached() const { return httpStatus != 0; }
};

// One webhook call in flight. It emits finished() once, from the event loop (never from inside the
// call that created it), then deletes itself: connect to it right away.
class WebhookDelivery final : public QObject
{
    Q_OBJECT

public:
    QString waMessageId() const { return m_result.waMessageId; }
    bool isFinished() const { return m_finished; }
    const DeliveryResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const handover::sim::DeliveryResult &result);

private:
    friend class WebhookPoster;
    WebhookDelivery(QString waMessageId, QObject *parent);
    void finish(DeliveryResult result);
    void failLater(const QString &error);

    DeliveryResult m_result;
    bool m_finished = false;
};

// Posts signed webhooks the way Meta does, and makes Meta's subscription check.
class WebhookPoster final : public QObject
{
    Q_OBJECT

public:
    WebhookPoster(QByteArray appSecret, int timeoutMs, QObject *parent = nullptr);

    QUrl url() const { return m_url; }
    void setUrl(const QUrl &url) { m_url = url; }

    // POSTs the compact JSON of envelope with X-Hub-Signature-256.
    WebhookDelivery *post(const QJsonObject &envelope, const QString &waMessageId);
    // The same for bytes already serialised: the signature covers exactly these bytes.
    WebhookDelivery *postBytes(const QByteArray &body, const QString &waMessageId);
    // GET url?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...
    WebhookDelivery *verify(const QString &verifyToken, const QString &challenge);

private:
    QString urlProblem() const;
    void track(QNetworkReply *reply, WebhookDelivery *delivery, bool isVerification,
               const QString &challenge);

    QByteArray m_appSecret;
    int m_timeoutMs;
    QUrl m_url;
    QNetworkAccessManager *m_network;
};

// Meta's GET verification handshake against a webhook URL, for tests: the result says whether the
// server echoed the challenge. The delivery is a child of parent until it finishes.
WebhookDelivery *verifyWebhookSubscription(const QUrl &webhookUrl, const QString &verifyToken,
                                           const QString &challenge, QObject *parent);

} // namespace handover::sim
