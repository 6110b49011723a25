#pragma once

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
    enum class Kind { Text, Button } kind = Kind::Text;
    QString text;      // the body, a tap's button text, or a placeholder for media
    QString payload;   // a tap's payload
    QString contextId; // a tap's context.id: the wa id of the template message
    qint64 timestamp = 0;
};

struct MetaStatusUpdate
{
    QString phoneNumberId;
    QString waMessageId;
    QString status; // sent, delivered, read, failed
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
