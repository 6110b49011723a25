#pragma once

#include "core/result.h"
#include "sim/conversationbook.h"
#include "sim/mediaformat.h"
#include "sim/metaformat.h"
#include "sim/phoneregistry.h"
#include "sim/webhookposter.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QUrl>
#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QHttpServerResponse;

namespace handover {
class Clock;
}

namespace handover::sim {

class MediaEndpoints;
class MessageLog;

struct SimulatorOptions
{
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 listenPort = 0; // 0: any free port
    QUrl webhookUrl;        // the server's POST /webhooks/whatsapp
    QByteArray appSecret;   // signs webhooks
    QByteArray accessToken; // while no phone has a token of its own: required as "Bearer" when not empty
    QList<PhoneRegistration> phones; // known from the start (--phone ID:TOKEN)
    QString verifyToken;             // for verifyWebhook()
    qsizetype maxRecordedMessages = 100000;
    qint64 maxBodyBytes = 1 << 20;
    qint64 maxMediaRequestBytes = 140LL * 1024 * 1024; // uploads and /sim/inbound with media (base64)
    qint64 maxMediaStoreBytes = 512LL * 1024 * 1024;   // past it the oldest media are dropped
    int webhookTimeoutMs = 15000;
    const Clock *clock = nullptr; // not owned; the system clock when null
};

// Plays Meta's side of the WhatsApp Cloud API on loopback: the Graph send endpoint the server posts
// to, signed webhooks for what customers do, and a control API (/sim/...) for tests and demos. The
// C++ methods mirror the control API so an embedding process can script customers directly.
class WhatsAppSimulator final : public QObject
{
    Q_OBJECT

public:
    explicit WhatsAppSimulator(SimulatorOptions options, QObject *parent = nullptr);
    ~WhatsAppSimulator() override;

    bool listen();
    bool isListening() const { return m_port != 0; }
    QHostAddress address() const { return m_options.listenAddress; }
    quint16 port() const { return m_port; }
    QUrl graphUrl() const; // http://host:port, what the server's --graph-url names

    const SimulatorOptions &options() const { return m_options; }
    void setWebhookUrl(const QUrl &url);
    QUrl webhookUrl() const;

    // Webhooks name the business phone by id, display number and WABA; unknown ids are reported with
    // the id as display number and WABA "0".
    void addBusinessPhone(const BusinessPhone &phone);
    BusinessPhone businessPhone(const QString &phoneNumberId) const;
    // Names the phone and, with a token, lets only that token look it up and send from it; from then on the
    // simulator is strict (PhoneRegistry).
    void registerPhone(const PhoneRegistration &registration);

    // The customer side. Each posts a signed webhook and returns the call in flight; errors are
    // invalid arguments (or, for statuses, an unknown wa_message_id). Empty fields of a
    // CustomerMessage get defaults: a new wa_message_id, the current time, a profile name. Media with bytes
    // is stored first: the webhook names its new media id, which the server then fetches like Meta's.
    Result<WebhookDelivery *> sendInbound(CustomerMessage message);
    Result<WebhookDelivery *> sendInboundText(const QString &from, const QString &phoneNumberId,
                                              const QString &text, const QString &profileName = {});
    Result<WebhookDelivery *> sendButtonTap(const QString &from, const QString &phoneNumberId,
                                            const ButtonTap &tap, const QString &profileName = {});
    // Statuses other than failed carry Meta's conversation and pricing (ConversationBook) unless given.
    Result<WebhookDelivery *> sendStatus(StatusUpdate status);
    Result<WebhookDelivery *> sendStatus(const QString &waMessageId, const QString &status,
                                         std::optional<StatusError> error = {});
    // Meta's subscription check against the webhook URL with options().verifyToken.
    WebhookDelivery *verifyWebhook(const QString &challenge = {});

    // What the business sent, oldest first; phone in digits or E.164.
    QList<OutboundMessage> messagesTo(const QString &phone) const;
    std::optional<OutboundMessage> message(const QString &waMessageId) const;
    qsizetype messageCount() const;
    void clearMessages();

    // Media the simulator holds (uploads and what customers sent), by media id.
    std::optional<MediaAsset> media(const QString &mediaId) const;
    // Stores media for a business phone as an upload would; returns its media id.
    QString addMedia(const QString &phoneNumberId, const QByteArray &bytes, const QString &mimeType,
                     const QString &filename = {});

Q_SIGNALS:
    // The business sent a message (a valid POST /v21.0/{phone_number_id}/messages was recorded).
    void businessMessageSent(const handover::sim::OutboundMessage &message);

private:
    void addRoutes();
    void addGraphRoutes();
    QHttpServerResponse handleSend(const QString &version, const QString &phoneNumberId,
                                   const QHttpServerRequest &request);
    QHttpServerResponse handleGraphGet(const QString &version, const QString &objectId,
                                       const QHttpServerRequest &request);
    QHttpServerResponse handleUpload(const QString &version, const QString &phoneNumberId,
                                     const QHttpServerRequest &request);
    QHttpServerResponse handleMediaDelete(const QString &version, const QString &mediaId,
                                          const QHttpServerRequest &request);
    std::optional<QHttpServerResponse> refusedAccess(const QString &phoneNumberId, const QString &method,
                                                     const QHttpServerRequest &request);
    Result<CustomerMessage> prepareInbound(CustomerMessage message);
    QHttpServerResponse handleMessages(const QHttpServerRequest &request) const;
    QHttpServerResponse handlePhones(const QHttpServerRequest &request);
    void handleInbound(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleStatus(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleVerify(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void answerWhenDelivered(Result<WebhookDelivery *> started, QHttpServerResponder &&responder,
                             const QJsonObject &extra = {});

    QString newWaMessageId(const QString &phoneDigits);
    qint64 nowSecs() const;

    SimulatorOptions m_options;
    std::unique_ptr<Clock> m_ownClock;
    const Clock *m_clock = nullptr;
    QHttpServer *m_http = nullptr;
    WebhookPoster *m_poster = nullptr;
    std::unique_ptr<MessageLog> m_log;
    PhoneRegistry m_phones;
    std::unique_ptr<MediaEndpoints> m_media;
    ConversationBook m_conversations;
    QByteArray m_idSalt;
    quint64 m_idCounter = 0;
    quint16 m_port = 0;
};

} // namespace handover::sim
