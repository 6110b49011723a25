#include "app/console/localmode/localwebhookreceiver.h"

#include "core/clock.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <algorithm>

namespace handover::console {

namespace {

constexpr qint64 kToleranceSecs = 5 * 60;
constexpr qsizetype kMaxKept = 1000; // the panel shows the latest; older ones are dropped

bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &header : request.headers()) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

} // namespace

QString standardWebhookProblem(const QString &secret, const QByteArray &webhookId,
                               const QByteArray &timestamp, const QByteArray &body,
                               const QByteArray &signatureHeader, qint64 nowSecs)
{
    if (webhookId.isEmpty() || timestamp.isEmpty() || signatureHeader.isEmpty())
        return QString::fromLatin1(QT_TRANSLATE_NOOP(
            "LocalWebhookReceiver", "webhook-id, webhook-timestamp or webhook-signature missing"));
    bool numeric = false;
    const qint64 sentAt = timestamp.toLongLong(&numeric);
    if (!numeric)
        return QString::fromLatin1(
            QT_TRANSLATE_NOOP("LocalWebhookReceiver", "webhook-timestamp is not a number"));
    if (qAbs(nowSecs - sentAt) > kToleranceSecs)
        return QString::fromLatin1(
            QT_TRANSLATE_NOOP("LocalWebhookReceiver", "webhook-timestamp is more than 5 minutes away"));
    if (!secret.startsWith(QLatin1String("whsec_")))
        return QString::fromLatin1(QT_TRANSLATE_NOOP("LocalWebhookReceiver", "no secret to verify with"));
    const QByteArray key = QByteArray::fromBase64(secret.mid(6).toLatin1());
    const QByteArray expected = QMessageAuthenticationCode::hash(webhookId + '.' + timestamp + '.' + body,
                                                                 key, QCryptographicHash::Sha256)
                                    .toBase64();
    // Several signatures may be listed (key rotation); one match is enough.
    for (const QByteArray &entry : signatureHeader.split(' ')) {
        if (entry.startsWith("v1,") && equalInConstantTime(entry.mid(3), expected))
            return {};
    }
    return QString::fromLatin1(QT_TRANSLATE_NOOP("LocalWebhookReceiver", "no signature matches"));
}

LocalWebhookReceiver::LocalWebhookReceiver(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_http(new QHttpServer(this))
{
    m_http->route(QStringLiteral("/hooks/handover"), QHttpServerRequest::Method::Post,
                  [this](const QHttpServerRequest &request) { return receive(request); });
}

LocalWebhookReceiver::~LocalWebhookReceiver() = default;

bool LocalWebhookReceiver::listen(const QHostAddress &address, quint16 port)
{
    m_port = m_http->listen(address, port);
    return m_port != 0;
}

QUrl LocalWebhookReceiver::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/hooks/handover").arg(m_port));
}

qsizetype LocalWebhookReceiver::verifiedCount() const
{
    return std::count_if(m_deliveries.cbegin(), m_deliveries.cend(),
                         [](const ReceivedWebhook &d) { return d.verified; });
}

QHttpServerResponse LocalWebhookReceiver::receive(const QHttpServerRequest &request)
{
    const QDateTime now = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
    ReceivedWebhook delivery;
    delivery.receivedAt = now;
    delivery.body = request.body();
    const QByteArray id = headerValue(request, "webhook-id");
    delivery.webhookId = QString::fromUtf8(id);
    delivery.problem =
        standardWebhookProblem(m_secret, id, headerValue(request, "webhook-timestamp"), delivery.body,
                               headerValue(request, "webhook-signature"), now.toSecsSinceEpoch());
    delivery.verified = delivery.problem.isEmpty();
    const QJsonObject event = QJsonDocument::fromJson(delivery.body).object();
    const QJsonObject data = event.value(QLatin1String("data")).toObject();
    const QJsonObject button = data.value(QLatin1String("button")).toObject();
    delivery.type = event.value(QLatin1String("type")).toString();
    delivery.chatroomId = data.value(QLatin1String("chatroom_id")).toString();
    delivery.templateName = data.value(QLatin1String("template_name")).toString();
    delivery.buttonText = button.value(QLatin1String("text")).toString();
    delivery.buttonPayload = button.value(QLatin1String("payload")).toString();
    if (delivery.verified) {
        delivery.duplicate = m_seenIds.contains(delivery.webhookId);
        m_seenIds.insert(delivery.webhookId);
    }
    m_deliveries.append(delivery);
    if (m_deliveries.size() > kMaxKept)
        m_deliveries.removeFirst();
    Q_EMIT deliveryReceived(delivery);
    return QHttpServerResponse(delivery.verified ? QHttpServerResponse::StatusCode::Ok
                                                 : QHttpServerResponse::StatusCode::Unauthorized);
}

} // namespace handover::console
