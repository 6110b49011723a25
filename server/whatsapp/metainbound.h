#pragma once

#include "core/domain/message.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace handover {

// One customer message of Meta's webhook envelope, reduced to what the rules need.
struct MetaInboundMessage
{
    QString phoneNumberId; // metadata.phone_number_id: our WABA phone
    QString waMessageId;
    QString from; // E.164, "+919999990001"
    QString profileName;
    // Free flow (text, media, location, contacts, list replies: R9), a tap on a button, or a reaction.
    enum class Kind { FreeFlow, Button, Reaction } kind = Kind::FreeFlow;
    MessageKind messageKind = MessageKind::Text; // for FreeFlow
    QString text;      // the body, a caption, a tap's button text, or Meta's error title for unsupported
    QString payload;   // a tap's payload
    QString contextId; // a tap's context.id: the wa id of the template message
    qint64 timestamp = 0;
    std::optional<MediaAttachment> media; // id empty until stored; its file is fetched by its waMediaId
    std::optional<Location> location;
    QList<SharedContact> contacts;
    std::optional<InteractiveReply> interactive;
    QString reactedWaId; // a reaction's message_id
    QString emoji;       // a reaction's emoji; empty removes it
};

struct MetaStatusUpdate
{
    QString phoneNumberId;
    QString waMessageId;
    QString status; // sent, delivered, read, played (a voice message listened to: read), failed
    QString error;  // "<code>: <title>" for failed
};

struct MetaWebhookBatch
{
    QList<MetaInboundMessage> messages;
    QList<MetaStatusUpdate> statuses;
};

// Parses Meta's webhook envelope (object "whatsapp_business_account", entry[].changes[].value with metadata,
// contacts, messages, statuses). A body that is not a JSON object is BadRequest; parts it does not understand
// are skipped, as Meta adds fields and kinds over time.
Result<MetaWebhookBatch> parseMetaWebhook(const QByteArray &body);

// X-Hub-Signature-256: "sha256=<hex HMAC-SHA256 of the raw body with the app secret>", compared in constant time.
bool metaSignatureValid(const QByteArray &body, const QByteArray &appSecret, const QByteArray &header);

} // namespace handover
