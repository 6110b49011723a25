#include "sim/whatsappsimulator.h"

#include "core/clock.h"
#include "core/logging.h"
#include "sim/controlformat.h"
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
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

namespace handover::sim {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QHttpServerResponse controlError(const QString &message, Status status = Status::BadRequest)
{
    return QHttpServerResponse(controlErrorBody(message), status);
}

void writeJson(QHttpServerResponder &responder, const QJsonObject &body, Status status)
{
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"),
                    status);
}

// The token after "Bearer " (any case), or an empty one.
QByteArray bearerToken(const QHttpServerRequest &request)
{
    const QByteArray authorization = headerValue(request, QByteArrayLiteral("Authorization")).trimmed();
    const QByteArray scheme = QByteArrayLiteral("bearer ");
    if (!authorization.toLower().startsWith(scheme))
        return {};
    return authorization.mid(scheme.size()).trimmed();
}

bool isGraphVersion(const QString &version)
{
    static const QRegularExpression versionPattern(QStringLiteral("^v\\d+\\.\\d+$"));
    return versionPattern.match(version).hasMatch();
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
    const QString from = metaPhoneDigits(message.from);
    if (from.isEmpty())
        return Error::make(ErrorCode::ValidationFailed, str("from must be a phone number."), {str("from")});
    if (message.phoneNumberId.isEmpty())
        return Error::make(ErrorCode::ValidationFailed, str("phone_number_id is required."),
                           {str("phone_number_id")});
    if (message.button && message.button->contextId.isEmpty())
        return Error::make(ErrorCode::ValidationFailed, str("A button tap needs the context_id it answers."),
                           {str("button.context_id")});
    if (!message.button && message.text.isEmpty())
        return Error::make(ErrorCode::ValidationFailed, str("A text message needs text."), {str("text")});

    message.from = from;
    if (message.waMessageId.isEmpty())
        message.waMessageId = newWaMessageId(from);
    if (message.timestamp <= 0)
        message.timestamp = nowSecs();
    if (message.profileName.isEmpty())
        message.profileName = QStringLiteral("Customer ") + from.right(4);
    const QJsonObject envelope = customerMessageEnvelope(businessPhone(message.phoneNumberId), message);
    return m_poster->post(envelope, message.waMessageId);
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
                           str("status must be sent, delivered, read or failed."), {str("status")});
    const std::optional<OutboundMessage> sent = m_log->find(status.waMessageId);
    if (!sent)
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("No recorded message has wa_message_id ") + status.waMessageId +
                               QLatin1Char('.'),
                           {str("wa_message_id")});
    status.recipientId = sent->to;
    if (status.timestamp <= 0)
        status.timestamp = nowSecs();
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
    // After every /sim/ GET, so that those keep their own routes.
    m_http->route(
        str("/<arg>/<arg>"), Method::Get,
        [this](const QString &version, const QString &phoneNumberId, const QHttpServerRequest &request) {
            return handlePhoneLookup(version, phoneNumberId, request);
        });
    m_http->route(
        str("/<arg>/<arg>/messages"), Method::Post,
        [this](const QString &version, const QString &phoneNumberId, const QHttpServerRequest &request) {
            return handleSend(version, phoneNumberId, request);
        });
    m_http->setMissingHandler([](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        writeJson(responder, controlErrorBody(str("No such endpoint.")), Status::NotFound);
    });
}

QHttpServerResponse WhatsAppSimulator::metaErrorResponse(const MetaError &error) const
{
    QHttpServerResponse response(metaErrorBody(error, newTraceId()), static_cast<Status>(error.httpStatus));
    if (error.code == 190)
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"),
                           QByteArrayLiteral("OAuth \"Facebook Platform\" \"invalid_token\" \"") +
                               error.message.toUtf8() + '"');
    return response;
}

std::optional<QHttpServerResponse> WhatsAppSimulator::refusedAccess(const QString &phoneNumberId,
                                                                    const QString &method,
                                                                    const QHttpServerRequest &request)
{
    switch (m_phones.access(phoneNumberId, bearerToken(request), m_options.accessToken)) {
    case GraphAccess::Granted:
        return std::nullopt;
    case GraphAccess::InvalidToken:
        return metaErrorResponse(MetaError::invalidAccessToken());
    case GraphAccess::UnknownPhone:
        return metaErrorResponse(MetaError::unknownObject(phoneNumberId, method));
    }
    return metaErrorResponse(MetaError::invalidAccessToken());
}

QHttpServerResponse WhatsAppSimulator::handlePhoneLookup(const QString &version, const QString &phoneNumberId,
                                                         const QHttpServerRequest &request)
{
    if (!isGraphVersion(version))
        return controlError(str("No such endpoint."), Status::NotFound);
    if (auto refused = refusedAccess(phoneNumberId, str("get"), request))
        return std::move(*refused);
    return QHttpServerResponse(
        phoneNumberNode(m_phones.phone(phoneNumberId), m_phones.verifiedName(phoneNumberId)));
}

QHttpServerResponse WhatsAppSimulator::handleSend(const QString &version, const QString &phoneNumberId,
                                                  const QHttpServerRequest &request)
{
    const auto metaError = [this](const MetaError &error) { return metaErrorResponse(error); };
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
        return controlError(str("to is required: the customer's phone, digits only as Meta writes it."));
    QJsonArray messages;
    const QList<OutboundMessage> sent = m_log->sentTo(to);
    for (const OutboundMessage &message : sent)
        messages.append(outboundMessageJson(message));
    return QHttpServerResponse(QJsonObject{{str("messages"), messages}});
}

QHttpServerResponse WhatsAppSimulator::handlePhones(const QHttpServerRequest &request)
{
    if (request.body().size() > m_options.maxBodyBytes)
        return controlError(tooLargeMessage(m_options.maxBodyBytes), Status::PayloadTooLarge);
    const Result<PhoneRegistration> registration = parseBusinessPhoneRequest(request.body());
    if (!registration)
        return controlError(registration.error().description);
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
    if (request.body().size() > m_options.maxBodyBytes) {
        writeJson(responder, controlErrorBody(tooLargeMessage(m_options.maxBodyBytes)),
                  Status::PayloadTooLarge);
        return;
    }
    Result<CustomerMessage> message = parseInboundRequest(request.body());
    if (!message) {
        writeJson(responder, controlErrorBody(message.error().description), Status::BadRequest);
        return;
    }
    answerWhenDelivered(sendInbound(std::move(*message)), std::move(responder));
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
                                            QHttpServerResponder &&responder)
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
            [pending, socket, isVerification](const DeliveryResult &result) {
                if (!socket || socket->state() != QAbstractSocket::ConnectedState)
                    return;
                QJsonObject body;
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

QString WhatsAppSimulator::newTraceId() const
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString trace(23, Qt::Uninitialized);
    for (QChar &c : trace)
        c = QLatin1Char(
            alphabet[QRandomGenerator::global()->bounded(static_cast<int>(sizeof(alphabet) - 1))]);
    return trace;
}

qint64 WhatsAppSimulator::nowSecs() const
{
    return m_clock->now().toSecsSinceEpoch();
}

} // namespace handover::sim
