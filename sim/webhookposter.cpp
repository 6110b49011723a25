#include "sim/webhookposter.h"

#include "core/logging.h"
#include "sim/metaformat.h"
#include "sim/signature.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace handover::sim {

namespace {
constexpr qint64 kMaxResponseBytes = 1 << 20;
} // namespace

WebhookDelivery::WebhookDelivery(QString waMessageId, QObject *parent)
    : QObject(parent)
{
    m_result.waMessageId = std::move(waMessageId);
}

void WebhookDelivery::finish(DeliveryResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    result.waMessageId = m_result.waMessageId;
    m_result = std::move(result);
    Q_EMIT finished(m_result);
    deleteLater();
}

void WebhookDelivery::failLater(const QString &error)
{
    QTimer::singleShot(0, this, [this, error] {
        DeliveryResult result;
        result.error = error;
        finish(std::move(result));
    });
}

WebhookPoster::WebhookPoster(QByteArray appSecret, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_appSecret(std::move(appSecret))
    , m_timeoutMs(timeoutMs)
    , m_network(new QNetworkAccessManager(this))
{
    // The server is on loopback; a proxy from the environment must not get in between.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

WebhookDelivery *WebhookPoster::post(const QJsonObject &envelope, const QString &waMessageId)
{
    return postBytes(QJsonDocument(envelope).toJson(QJsonDocument::Compact), waMessageId);
}

WebhookDelivery *WebhookPoster::postBytes(const QByteArray &body, const QString &waMessageId)
{
    auto *delivery = new WebhookDelivery(waMessageId, this);
    if (const QString problem = urlProblem(); !problem.isEmpty()) {
        delivery->failLater(problem);
        return delivery;
    }
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("facebookexternalua"));
    request.setRawHeader(kSignatureHeader, metaSignature(body, m_appSecret));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    qCDebug(lcWhatsApp) << "posting webhook" << waMessageId << "to" << m_url.toString();
    track(m_network->post(request, body), delivery, false, {});
    return delivery;
}

WebhookDelivery *WebhookPoster::verify(const QString &verifyToken, const QString &challenge)
{
    auto *delivery = new WebhookDelivery(QString(), this);
    if (const QString problem = urlProblem(); !problem.isEmpty()) {
        delivery->failLater(problem);
        return delivery;
    }
    QNetworkRequest request(verificationUrl(m_url, verifyToken, challenge));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("facebookplatform/1.0"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    track(m_network->get(request), delivery, true, challenge);
    return delivery;
}

QString WebhookPoster::urlProblem() const
{
    if (m_url.isEmpty())
        return QStringLiteral("no webhook URL is configured");
    const QString scheme = m_url.scheme();
    if (!m_url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return QStringLiteral("the webhook URL is not an http(s) URL: ") + m_url.toString();
    return {};
}

void WebhookPoster::track(QNetworkReply *reply, WebhookDelivery *delivery, bool isVerification,
                          const QString &challenge)
{
    connect(reply, &QNetworkReply::finished, delivery, [reply, delivery, challenge, isVerification] {
        reply->deleteLater();
        DeliveryResult result;
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.responseBody = reply->read(kMaxResponseBytes);
        if (!result.reached()) {
            result.error = reply->errorString();
            qCWarning(lcWhatsApp) << "webhook not delivered:" << result.error;
        }
        if (isVerification)
            result.challengeEchoed = result.httpStatus == 200 && result.responseBody == challenge.toUtf8();
        delivery->finish(std::move(result));
    });
}

WebhookDelivery *verifyWebhookSubscription(const QUrl &webhookUrl, const QString &verifyToken,
                                           const QString &challenge, QObject *parent)
{
    // The poster lives as long as the delivery: it owns the network access manager the call uses.
    auto *poster = new WebhookPoster(QByteArray(), 15000, parent);
    poster->setUrl(webhookUrl);
    WebhookDelivery *delivery = poster->verify(verifyToken, challenge);
    QObject::connect(delivery, &WebhookDelivery::finished, poster, [poster] { poster->deleteLater(); });
    return delivery;
}

} // namespace handover::sim
