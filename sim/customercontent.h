#pragma once

// What a customer can send besides text and quick-reply taps, and how Meta's messages webhook carries each
// kind. The shapes follow Meta's webhook examples in its OpenAPI description of the WhatsApp Business
// Platform (https://github.com/facebook/openapi/blob/main/business-messaging-api_v23.0.yaml, "Image Message",
// "Location Message", "Contact Sharing Message", "Reaction Message", "Interactive List Reply Message",
// "Interactive Button Reply Message", "Unsupported Message").

#include "core/result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace handover::sim {

struct BusinessPhone;
struct CustomerMessage;

// A photo, document, voice note, video or sticker. The simulator stores the bytes and fills id and sha256.
struct InboundMedia
{
    QString kind; // image | document | audio | video | sticker
    QByteArray bytes;
    QString mimeType;
    QString filename;      // documents
    QString caption;       // images, videos, documents
    bool voice = false;    // audio recorded with WhatsApp's voice recorder
    bool animated = false; // stickers
    QString id;            // the media id, once stored
    QByteArray sha256;     // the raw digest of bytes, once stored
    QString url;           // the download URL, as Meta's webhooks name it; left out when empty
    friend bool operator==(const InboundMedia &, const InboundMedia &) = default;
};

struct SharedLocation
{
    double latitude = 0;
    double longitude = 0;
    QString name;
    QString address;
    QString url;
    friend bool operator==(const SharedLocation &, const SharedLocation &) = default;
};

// An emoji on a message; an empty emoji takes a reaction back (the webhook then has no emoji, as Meta's).
struct Reaction
{
    QString messageId;
    QString emoji;
    friend bool operator==(const Reaction &, const Reaction &) = default;
};

// A choice from an interactive list (list_reply) or a tap on an interactive reply button (button_reply).
struct InteractiveReply
{
    QString type; // list_reply | button_reply
    QString id;
    QString title;
    QString description; // list rows only
    QString contextId;   // the interactive message answered; empty: no context
    friend bool operator==(const InteractiveReply &, const InteractiveReply &) = default;
};

// A message WhatsApp cannot pass on (a poll, a message that was edited, ...).
struct UnsupportedContent
{
    QString type; // what it was, when known ("poll"); empty: not named
    friend bool operator==(const UnsupportedContent &, const UnsupportedContent &) = default;
};

// The kind of a customer message: text, button, image, ..., location, contacts, reaction, interactive,
// unsupported; an error when it has none or more than one.
Result<QString> customerMessageKind(const CustomerMessage &message);

// Adds "type" and the kind's own object (and "context" or "errors" where Meta puts them) to a message of a
// messages webhook.
void addCustomerContent(const BusinessPhone &phone, const CustomerMessage &message, QJsonObject &wire);

// Meta's error for an unsupported message: code 131051, "Message type unknown".
QJsonObject unsupportedMessageError();

} // namespace handover::sim
