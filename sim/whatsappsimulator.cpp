#include "sim/whatsappsimulator.h"

#include "core/clock.h"
#include "core/logging.h"
#include "sim/controlformat.h"
#include "sim/graphhttp.h"
#include "sim/latin1.h"
#include "sim/mediaendpoints.h"
#include "sim/messagelog.h"
#include "sim/signature.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

namespace handover::sim {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;

void writeJson(QHttpServerResponder &responder, const QJsonObject &body, Status status)
{
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"),
                    status);
}

QString tooLargeMessage(qint64 limit)
{
    return QStringLiteral("The request body is larger than ") + QString::number(limit) +
           QStringLiteral(" bytes.");
}

} // namespace

WhatsAppSimulator::WhatsAppSimulator(SimulatorOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_http(new QHttpServer(this))
    , m_poster(new WebhookPoster(m_options.appSecret, m_options.webhookTimeoutMs, this))
    , m_log(std::make_unique<MessageLog>(m_options.maxRecordedMessages))
{
    if (m_options.clock) {
        m_clock = m_options.clock;
    } else {
        m_ownClock = std::make_unique<SystemClock>();
        m_clock = m_ownClock.get();
    }
    m_poster->setUrl(m_options.webhookUrl);
    for (const PhoneRegistration &phone : std::as_const(m_options.phones))
        m_phones.add(phone);
    MediaLimits mediaLimits;
    mediaLimits.maxStoreBytes = m_options.maxMediaStoreBytes;
    mediaLimits.maxUploadBytes = m_options.maxMediaRequestBytes;
    m_media = std::make_unique<MediaEndpoints>(m_phones, m_options.accessToken, *m_clock, mediaLimits);
    // Ids stay unique across simulator runs against the same server database.
    m_idSalt = QByteArray::number(QRandomGenerator::global()->generate64(), 16).toUpper().left(12);
    addRoutes();
}

WhatsAppSimulator::~WhatsAppSimulator() = default;

bool WhatsAppSimulator::listen()
{
    if (m_port != 0)
        return true;
    m_port = m_http->listen(m_options.listenAddress, m_options.listenPort);
    if (m_port == 0) {
        qCWarning(lcWhatsApp) << "simulator cannot listen on" << m_options.listenAddress
                              << m_options.listenPort;
        return false;
    }
    return true;
}

QUrl WhatsAppSimulator::graphUrl() const
{
    QHostAddress host = m_options.listenAddress;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl url;
    url.setScheme(str("http"));
    url.setHost(host.toString());
    url.setPort(m_port);
    return url;
}

void WhatsAppSimulator::setWebhookUrl(const QUrl &url)
{
    m_options.webhookUrl = url;
    m_poster->setUrl(url);
}

QUrl WhatsAppSimulator::webhookUrl() const
{
    return m_poster->url();
}

void WhatsAppSimulator::addBusinessPhone(const BusinessPhone &phone)
{
    m_phones.add(PhoneRegistration{phone, {}, {}});
}

BusinessPhone WhatsAppSimulator::businessPhone(const QString &phoneNumberId) const
{
    return m_phones.phone(phoneNumberId);
}

void WhatsAppSimulator::registerPhone(const PhoneRegistration &registration)
{
    m_phones.add(registration);
}

Result<WebhookDelivery *> WhatsAppSimulator::sendInbound(CustomerMessage message)
{
    Result<CustomerMessage> prepared = prepareInbound(std::move(message));
    if (!prepared)
        return prepared.error();
    const QJsonObject envelope = customerMessageEnvelope(businessPhone(prepared->phoneNumberId), *prepared);
    return m_poster->post(envelope, prepared->waMessageId);
}

Result<CustomerMessage> WhatsAppSimulator::prepareInbound(CustomerMessage message)
{
    const QString from = metaPhoneDigits(message.from);
    if (from.isEmpty())
        return Error::make(ErrorCode::ValidationFailed, str("from must be a phone number."), {str("from")});
    if (message.phoneNumberId.isEmpty())
        return Error::make(ErrorCode::ValidationFailed, str("phone_number_id is required."),
                           {str("phone_number_id")});
    if (message.button && message.button->contextId.isEmpty())
        return Error::make(ErrorCode::ValidationFailed, str("A button tap needs the context_id it answers."),
                           {str("button.context_id")});
    if (const Result<QString> kind = customerMessageKind(message); !kind)
        return kind.error();
    if (message.media && message.media->id.isEmpty()) {
        if (const Result<void> stored = m_media->storeInbound(message.phoneNumberId, *message.media); !stored)
            return stored.error();
    } else if (message.media && message.media->sha256.isEmpty()) {
        // Media stored before (addMedia): the webhook describes it.
        const MediaAsset *asset = m_media->store().find(message.media->id);
        if (!asset)
            return Error::make(ErrorCode::NotFound, QStringLiteral("No media has id ") + message.media->id,
                               {message.media->kind + QStringLiteral(".id")});
        message.media->mimeType = asset->mimeType;
        message.media->sha256 = asset->sha256;
    }
    if (message.media && message.media->url.isEmpty()) {
        if (const MediaAsset *asset = m_media->store().find(message.media->id))
            message.media->url = m_media->downloadUrl(*asset, graphUrl()).toString(QUrl::FullyEncoded);
    }

    message.from = from;
    if (message.waMessageId.isEmpty())
        message.waMessageId = newWaMessageId(from);
    if (message.timestamp <= 0)
        message.timestamp = nowSecs();
    if (message.profileName.isEmpty())
        message.profileName = QStringLiteral("Customer ") + from.right(4);
    return message;
}

Result<WebhookDelivery *> WhatsAppSimulator::sendInboundText(const QString &from,
                                                             const QString &phoneNumberId,
                                                             const QString &text, const QString &profileName)
{
    CustomerMessage message;
    message.from = from;
    message.phoneNumberId = phoneNumberId;
    message.text = text;
    message.profileName = profileName;
    return sendInbound(std::move(message));
}

Result<WebhookDelivery *> WhatsAppSimulator::sendButtonTap(const QString &from, const QString &phoneNumberId,
                                                           const ButtonTap &tap, const QString &profileName)
{
    CustomerMessage message;
    message.from = from;
    message.phoneNumberId = phoneNumberId;
    message.button = tap;
    message.profileName = profileName;
    return sendInbound(std::move(message));
}

Result<WebhookDelivery *> WhatsAppSimulator::sendStatus(StatusUpdate status)
{
    if (!isKnownStatus(status.status))
        return Error::make(ErrorCode::ValidationFailed,
                           str("status must be sent, delivered, read, played or failed."), {str("status")});
    const std::optional<OutboundMessage> sent = m_log->find(status.waMessageId);
    if (!sent)
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("No recorded message has wa_message_id ") + status.waMessageId +
                               QLatin1Char('.'),
                           {str("wa_message_id")});
    if (status.status == QLatin1String("played") && sent->type != QLatin1String("audio"))
        return Error::make(ErrorCode::ValidationFailed,
                           str("played is reported only for audio messages (voice messages)."),
                           {str("status")});
    status.recipientId = sent->to;
    if (status.timestamp <= 0)
        status.timestamp = nowSecs();
    m_conversations.describe(*sent, status);
    return m_poster->post(statusEnvelope(businessPhone(sent->phoneNumberId), status), status.waMessageId);
}

Result<WebhookDelivery *> WhatsAppSimulator::sendStatus(const QString &waMessageId, const QString &status,
                                                        std::optional<StatusError> error)
{
    StatusUpdate update;
    update.waMessageId = waMessageId;
    update.status = status;
    update.error = std::move(error);
    return sendStatus(std::move(update));
}

WebhookDelivery *WhatsAppSimulator::verifyWebhook(const QString &challenge)
{
    const QString sent = challenge.isEmpty()
                             ? QString::number(QRandomGenerator::global()->bounded(1000000000, 2000000000))
                             : challenge;
    return m_poster->verify(m_options.verifyToken, sent);
}

QList<OutboundMessage> WhatsAppSimulator::messagesTo(const QString &phone) const
{
    const QString digits = metaPhoneDigits(phone);
    return digits.isEmpty() ? QList<OutboundMessage>() : m_log->sentTo(digits);
}

std::optional<OutboundMessage> WhatsAppSimulator::message(const QString &waMessageId) const
{
    return m_log->find(waMessageId);
}

qsizetype WhatsAppSimulator::messageCount() const
{
    return m_log->size();
}

void WhatsAppSimulator::clearMessages()
{
    m_log->clear();
}

std::optional<MediaAsset> WhatsAppSimulator::media(const QString &mediaId) const
{
    const MediaAsset *asset = m_media->store().find(mediaId);
    return asset ? std::optional<MediaAsset>(*asset) : std::nullopt;
}

QString WhatsAppSimulator::addMedia(const QString &phoneNumberId, const QByteArray &bytes,
                                    const QString &mimeType, const QString &filename)
{
    return m_media->add(phoneNumberId, bytes, mimeType, filename).id;
}

void WhatsAppSimulator::addRoutes()
{
    m_http->route(str("/sim/health"), Method::Get, [] {
        return QHttpServerResponse(QJsonObject{{str("status"), str("ok")}});
    });
    m_http->route(str("/sim/messages"), Method::Get,
                  [this](const QHttpServerRequest &request) { return handleMessages(request); });
    m_http->route(str("/sim/phones"), Method::Post,
                  [this](const QHttpServerRequest &request) { return handlePhones(request); });
    m_http->route(str("/sim/inbound"), Method::Post,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleInbound(request, std::move(responder));
                  });
    m_http->route(str("/sim/status"), Method::Post,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleStatus(request, std::move(responder));
                  });
    m_http->route(str("/sim/verify"), Method::Post,
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      handleVerify(request, std::move(responder));
                  });
    m_http->route(str("/sim/media-faults"), Method::Post,
                  [this](const QHttpServerRequest &request) { return m_media->armFault(request); });
    m_http->route(str("/sim/media-faults"), Method::Delete, [this] { return m_media->clearFaults(); });
    addGraphRoutes();
    m_http->setMissingHandler([](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        writeJson(responder, controlErrorBody(str("No such endpoint.")), Status::NotFound);
    });
}

void WhatsAppSimulator::addGraphRoutes()
{
    // After every /sim/ route, so that those keep their own. The download URLs of media end in '/', which no
    // Graph object path does.
    m_http->route(str("/whatsapp_business/attachments/"), Method::Get,
                  [this](const QHttpServerRequest &request) { return m_media->download(request); });
    m_http->route(str("/<arg>/<arg>"), Method::Get,
                  [this](const QString &version, const QString &objectId, const QHttpServerRequest &request) {
                      return handleGraphGet(version, objectId, request);
                  });
    m_http->route(str("/<arg>/<arg>"), Method::Delete,
                  [this](const QString &version, const QString &mediaId, const QHttpServerRequest &request) {
                      return handleMediaDelete(version, mediaId, request);
                  });
    m_http->route(
        str("/<arg>/<arg>/messages"), Method::Post,
        [this](const QString &version, const QString &phoneNumberId, const QHttpServerRequest &request) {
            return handleSend(version, phoneNumberId, request);
        });
    m_http->route(
        str("/<arg>/<arg>/media"), Method::Post,
        [this](const QString &version, const QString &phoneNumberId, const QHttpServerRequest &request) {
            return handleUpload(version, phoneNumberId, request);
        });
}

std::optional<QHttpServerResponse> WhatsAppSimulator::refusedAccess(const QString &phoneNumberId,
                                                                    const QString &method,
                                                                    const QHttpServerRequest &request)
{
    return refusedGraphAccess(m_phones.access(phoneNumberId, bearerToken(request), m_options.accessToken),
                              phoneNumberId, method);
}

QHttpServerResponse WhatsAppSimulator::handleGraphGet(const QString &version, const QString &objectId,
                                                      const QHttpServerRequest &request)
{
    if (!isGraphVersion(version))
        return controlErrorResponse(str("No such endpoint."), Status::NotFound);
    // A media id the simulator held is media; any other id is a phone number id.
    if (auto media = m_media->lookup(objectId, request, graphUrl()))
        return std::move(*media);
    if (auto refused = refusedAccess(objectId, str("get"), request))
        return std::move(*refused);
    return QHttpServerResponse(phoneNumberNode(m_phones.phone(objectId), m_phones.verifiedName(objectId)));
}

QHttpServerResponse WhatsAppSimulator::handleMediaDelete(const QString &version, const QString &mediaId,
                                                         const QHttpServerRequest &request)
{
    if (!isGraphVersion(version))
        return controlErrorResponse(str("No such endpoint."), Status::NotFound);
    if (auto removed = m_media->remove(mediaId, request))
        return std::move(*removed);
    if (auto refused = refusedAccess(mediaId, str("delete"), request))
        return std::move(*refused);
    return metaErrorResponse(MetaError::unknownObject(mediaId, str("delete")));
}

QHttpServerResponse WhatsAppSimulator::handleUpload(const QString &version, const QString &phoneNumberId,
                                                    const QHttpServerRequest &request)
{
    if (!isGraphVersion(version)) {
        MetaError error;
        error.code = 2500;
        error.message = QStringLiteral("Unknown path components: /") + version;
        return metaErrorResponse(error);
    }
    return m_media->upload(phoneNumberId, request);
}

QHttpServerResponse WhatsAppSimulator::handleSend(const QString &version, const QString &phoneNumberId,
                                                  const QHttpServerRequest &request)
{
    const auto metaError = [](const MetaError &error) { return metaErrorResponse(error); };
    if (request.body().size() > m_options.maxBodyBytes) {
        MetaError error = MetaError::invalidParameter(tooLargeMessage(m_options.maxBodyBytes));
        error.httpStatus = 413;
        return metaError(error);
    }
    if (!isGraphVersion(version)) {
        MetaError error;
        error.code = 2500;
        error.message = QStringLiteral("Unknown path components: /") + version;
        return metaError(error);
    }
    if (auto refused = refusedAccess(phoneNumberId, str("post"), request))
        return std::move(*refused);

    SendRequestCheck check = parseSendRequest(request.body());
    if (!check.ok()) {
        qCDebug(lcWhatsApp) << "send request refused:" << check.error->message << check.error->details;
        return metaError(*check.error);
    }
    OutboundMessage message = std::move(check.message);
    if (message.media) {
        if (auto error = m_media->resolve(*message.media, message.type, bearerToken(request)))
            return metaError(*error);
    }
    if (message.headerMedia) {
        if (auto error = m_media->resolve(*message.headerMedia, str("template['components'][header]"),
                                          bearerToken(request)))
            return metaError(*error);
    }
    message.phoneNumberId = phoneNumberId;
    message.accessToken = bearerToken(request);
    message.waMessageId = newWaMessageId(message.to);
    message.sentAt = m_clock->now();
    m_log->append(message);
    qCDebug(lcWhatsApp) << "business sent" << message.type << message.waMessageId << "to" << message.to;

    QHttpServerResponse response(sendResponseBody(message));
    // After the answer is on its way, so a scripted customer reacts to a message the server knows.
    QTimer::singleShot(0, this, [this, message] { Q_EMIT businessMessageSent(message); });
    return response;
}

QHttpServerResponse WhatsAppSimulator::handleMessages(const QHttpServerRequest &request) const
{
    const QString to = metaPhoneDigits(request.query().queryItemValue(str("to"), QUrl::FullyDecoded));
    if (to.isEmpty())
        return controlErrorResponse(
            str("to is required: the customer's phone, digits only as Meta writes it."));
    QJsonArray messages;
    const QList<OutboundMessage> sent = m_log->sentTo(to);
    for (const OutboundMessage &message : sent)
        messages.append(outboundMessageJson(message));
    return QHttpServerResponse(QJsonObject{{str("messages"), messages}});
}

QHttpServerResponse WhatsAppSimulator::handlePhones(const QHttpServerRequest &request)
{
    if (request.body().size() > m_options.maxBodyBytes)
        return controlErrorResponse(tooLargeMessage(m_options.maxBodyBytes), Status::PayloadTooLarge);
    const Result<PhoneRegistration> registration = parseBusinessPhoneRequest(request.body());
    if (!registration)
        return controlErrorResponse(registration.error().description);
    registerPhone(*registration);
    const BusinessPhone &phone = registration->phone;
    return QHttpServerResponse(
        QJsonObject{{str("phone_number_id"), phone.phoneNumberId},
                    {str("display_phone_number"), phone.displayPhoneNumber},
                    {str("waba_id"), phone.wabaId},
                    {str("verified_name"), m_phones.verifiedName(phone.phoneNumberId)}});
}

void WhatsAppSimulator::handleInbound(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (request.body().size() > m_options.maxMediaRequestBytes) {
        writeJson(responder, controlErrorBody(tooLargeMessage(m_options.maxMediaRequestBytes)),
                  Status::PayloadTooLarge);
        return;
    }
    Result<CustomerMessage> parsed = parseInboundRequest(request.body());
    if (!parsed) {
        writeJson(responder, controlErrorBody(parsed.error().description), Status::BadRequest);
        return;
    }
    Result<CustomerMessage> message = prepareInbound(std::move(*parsed));
    if (!message) {
        writeJson(responder, controlErrorBody(message.error().description), Status::BadRequest);
        return;
    }
    QJsonObject extra;
    if (message->media) {
        extra.insert(str("media_id"), message->media->id);
        extra.insert(str("sha256"), QString::fromLatin1(message->media->sha256.toHex()));
    }
    answerWhenDelivered(sendInbound(std::move(*message)), std::move(responder), extra);
}

void WhatsAppSimulator::handleStatus(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (request.body().size() > m_options.maxBodyBytes) {
        writeJson(responder, controlErrorBody(tooLargeMessage(m_options.maxBodyBytes)),
                  Status::PayloadTooLarge);
        return;
    }
    Result<StatusUpdate> status = parseStatusRequest(request.body());
    if (!status) {
        writeJson(responder, controlErrorBody(status.error().description), Status::BadRequest);
        return;
    }
    answerWhenDelivered(sendStatus(std::move(*status)), std::move(responder));
}

void WhatsAppSimulator::handleVerify(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    QString challenge;
    if (!request.body().trimmed().isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson(request.body());
        if (!document.isObject() || !(document.object().value(str("challenge")).isString() ||
                                      document.object().value(str("challenge")).isUndefined())) {
            writeJson(responder, controlErrorBody(str("The body must be empty or {\"challenge\": \"...\"}.")),
                      Status::BadRequest);
            return;
        }
        challenge = document.object().value(str("challenge")).toString();
    }
    answerWhenDelivered(verifyWebhook(challenge), std::move(responder));
}

void WhatsAppSimulator::answerWhenDelivered(Result<WebhookDelivery *> started,
                                            QHttpServerResponder &&responder, const QJsonObject &extra)
{
    if (!started) {
        writeJson(responder, controlErrorBody(started.error().description), Status::BadRequest);
        return;
    }
    // The control client may hang up before the server answers the webhook; then nobody is told.
    const QPointer<QTcpSocket> socket = responder.socket();
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    const bool isVerification = (*started)->waMessageId().isEmpty();
    connect(*started, &WebhookDelivery::finished, this,
            [pending, socket, isVerification, extra](const DeliveryResult &result) {
                if (!socket || socket->state() != QAbstractSocket::ConnectedState)
                    return;
                QJsonObject body = extra;
                if (isVerification)
                    body.insert(str("challenge_echoed"), result.challengeEchoed);
                else
                    body.insert(str("wa_message_id"), result.waMessageId);
                if (!result.reached()) {
                    body.insert(str("error"),
                                QString(QStringLiteral("The server could not be reached: ") + result.error));
                    writeJson(*pending, body, Status::BadGateway);
                    return;
                }
                body.insert(str("status"), result.httpStatus);
                writeJson(*pending, body, Status::Ok);
            });
}

QString WhatsAppSimulator::newWaMessageId(const QString &phoneDigits)
{
    // Shaped like Meta's: base64 of a blob holding the phone and a hex id.
    const QByteArray id = m_idSalt + QByteArray::number(++m_idCounter, 16).toUpper().rightJustified(10, '0');
    const QByteArray blob = phoneDigits.toLatin1() + '_' + id;
    return QStringLiteral("wamid.") + QString::fromLatin1(blob.toBase64());
}

qint64 WhatsAppSimulator::nowSecs() const
{
    return m_clock->now().toSecsSinceEpoch();
}

} // namespace handover::sim
