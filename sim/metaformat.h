#pragma once

// Meta's WhatsApp Cloud API wire formats, as pure functions: the webhook envelopes Meta posts to a
// business, the send request a business posts to Meta (validated the way the Graph API does), and
// Meta's error body. No I/O here, so the server's tests can reuse it.

#include "sim/customercontent.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

namespace handover::sim {

inline constexpr char kGraphVersion[] = "v21.0";
inline constexpr int kMaxTextBodyLength = 4096;

// The business phone a webhook is about, as Meta's metadata names it.
struct BusinessPhone
{
    QString phoneNumberId;
    QString displayPhoneNumber; // digits only, e.g. "15550001111"
    QString wabaId;             // entry[].id
    friend bool operator==(const BusinessPhone &, const BusinessPhone &) = default;
};

// A tap on a template's quick-reply button.
struct ButtonTap
{
    QString contextId; // wa_message_id of the template message that carried the button
    QString text;      // the button's label
    QString payload;   // the payload the business put on the button
    friend bool operator==(const ButtonTap &, const ButtonTap &) = default;
};

// What a customer sends to a business: exactly one of a text, a button tap, media, a location, contact cards,
// a reaction, an interactive reply or an unsupported message.
struct CustomerMessage
{
    QString from;          // the customer's phone, digits only
    QString phoneNumberId; // the business phone written to
    QString profileName;   // the customer's WhatsApp name
    QString text;
    std::optional<ButtonTap> button;
    std::optional<InboundMedia> media;
    std::optional<SharedLocation> location;
    std::optional<QJsonArray>
        contacts; // contact cards in Meta's shape: [{name: {formatted_name, ...}, phones}]
    std::optional<Reaction> reaction;
    std::optional<InteractiveReply> interactive;
    std::optional<UnsupportedContent> unsupported;
    QString waMessageId;  // "wamid...."
    qint64 timestamp = 0; // unix seconds
    friend bool operator==(const CustomerMessage &, const CustomerMessage &) = default;
};

inline constexpr char kErrorCodesUrl[] =
    "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

// One entry of a failed status's errors: {code, title, message, error_data: {details}, href}. Empty message
// and details repeat the title; an empty href is Meta's error code page.
struct StatusError
{
    int code = 131000;
    QString title;
    QString message;
    QString details;
    QString href;
    friend bool operator==(const StatusError &, const StatusError &) = default;
};

// The conversation a status reports: {id, expiration_timestamp (when given), origin: {type}}.
struct StatusConversation
{
    QString id;
    qint64 expirationTimestamp = 0; // unix seconds; 0: not reported
    QString originType;             // service, utility, marketing, authentication, ...
    friend bool operator==(const StatusConversation &, const StatusConversation &) = default;
};

// {billable, pricing_model, type, category}; type (PMP's regular, free_customer_service, ...) only when set.
struct StatusPricing
{
    std::optional<bool> billable; // written as true when unset
    QString pricingModel;
    QString type;
    QString category;
    friend bool operator==(const StatusPricing &, const StatusPricing &) = default;
};

// A delivery report for a message the business sent.
struct StatusUpdate
{
    QString waMessageId;
    QString status;      // sent | delivered | read | played | failed
    QString recipientId; // the customer, digits only
    qint64 timestamp = 0;
    std::optional<StatusError> error; // reported for failed
    std::optional<StatusConversation> conversation;
    std::optional<StatusPricing> pricing;
    friend bool operator==(const StatusUpdate &, const StatusUpdate &) = default;
};

bool isKnownStatus(const QString &status);

// {"object":"whatsapp_business_account","entry":[{"id":waba,"changes":[{"field":"messages","value":value}]}]}
// with messaging_product and metadata added to value; the builders below add the rest.
QJsonObject webhookEnvelope(const BusinessPhone &phone, const QJsonObject &value);
QJsonObject customerMessageEnvelope(const BusinessPhone &phone, const CustomerMessage &message);
QJsonObject statusEnvelope(const BusinessPhone &phone, const StatusUpdate &status);

// The query of Meta's subscription check: hub.mode=subscribe, hub.verify_token, hub.challenge.
QUrl verificationUrl(const QUrl &webhookUrl, const QString &verifyToken, const QString &challenge);

// A button as it appears in a send request. Quick replies carry only a payload; text is known for
// interactive reply buttons.
struct OutboundButton
{
    int index = 0;
    QString subType; // quick_reply, url, ... ("reply" for interactive buttons)
    QString payload;
    QString text;
    friend bool operator==(const OutboundButton &, const OutboundButton &) = default;
};

// The media a send request carries (or a template header's media parameter): an uploaded media id or a link.
// The simulator fills mimeType, sha256 and fileSize from the media it holds for the id.
struct OutboundMedia
{
    QString kind; // image | document | audio | video | sticker
    QString id;
    QString link;
    QString caption;
    QString filename;
    QString mimeType;
    QByteArray sha256; // raw digest
    qint64 fileSize = -1;
    friend bool operator==(const OutboundMedia &, const OutboundMedia &) = default;
};

// A message the business sent, as parsed from its send request.
struct OutboundMessage
{
    QString waMessageId;
    QString phoneNumberId;
    QString to;    // digits only
    QString input; // "to" exactly as the request wrote it
    QString type;  // text, template, interactive, image...
    QString text;  // text.body, or an interactive message's body text
    QString templateName;
    QString templateLanguage;
    QStringList headerParameters;
    QStringList bodyParameters;
    QStringList bodyParameterNames; // parameter_name of each body parameter, for templates with named ones
    std::optional<OutboundMedia> headerMedia;
    QList<OutboundButton> buttons;
    std::optional<OutboundMedia> media; // image, document, audio, video and sticker messages
    QString contextMessageId;           // context.message_id: the message this one replies to
    QDateTime sentAt;
    QJsonObject request;    // the request body as received
    QByteArray accessToken; // the bearer token the request carried
};

// The Graph API's error, rendered by metaErrorBody as {"error":{"message","type","code",...}}.
struct MetaError
{
    int httpStatus = 400;
    int code = 100;
    int subcode = 0; // omitted when 0
    QString type = QStringLiteral("OAuthException");
    QString message;
    QString details; // error_data.details; omitted when empty

    static MetaError missingParameter(const QString &name);
    static MetaError invalidParameter(const QString &details);
    static MetaError invalidAccessToken();
    // What Meta answers for an object the token cannot see (GraphMethodException 100, subcode 33); `method`
    // is "get" or "post".
    static MetaError unknownObject(const QString &objectId, const QString &method);
};

QJsonObject metaErrorBody(const MetaError &error, const QString &fbtraceId);

struct SendRequestCheck
{
    OutboundMessage message; // valid when ok(); waMessageId, phoneNumberId and sentAt left to the caller
    std::optional<MetaError> error;
    bool ok() const { return !error.has_value(); }
};

// Validates a POST /{phone_number_id}/messages body as Meta does.
SendRequestCheck parseSendRequest(const QByteArray &body);
SendRequestCheck parseSendRequest(const QJsonObject &request);

// {"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id","message_status":"accepted"}]}
QJsonObject sendResponseBody(const OutboundMessage &message);

// The Graph API's phone number node as GET /{phone_number_id} answers it: {id, display_phone_number,
// verified_name}, a display number of digits with a leading "+".
QJsonObject phoneNumberNode(const BusinessPhone &phone, const QString &verifiedName);

// Digits of a phone as Meta writes it ("+91 99999-90001" -> "919999990001"), or an empty string
// when it is not a plausible number.
QString metaPhoneDigits(const QString &phone);

} // namespace handover::sim
