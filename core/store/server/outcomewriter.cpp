#include "core/store/server/outcomewriter.h"

#include "core/json/timestamps.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/contacts.h"
#include "core/store/server/eventlog.h"
#include "core/store/server/mediafiles.h"
#include "core/store/server/messages.h"
#include "core/store/server/users.h"
#include "core/store/server/webhookdeliveries.h"
#include "core/store/server/whatsappqueues.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace handover::store::server {

namespace {

bool sentOverWhatsApp(const Message &message)
{
    return message.direction == Direction::Out &&
           (message.kind == MessageKind::Text || message.kind == MessageKind::Template ||
            isMediaKind(message.kind));
}

// A new message's file: an inbound one waits for the media fetcher; an agent's upload joins the message.
Result<void> recordMediaOf(QSqlDatabase &db, const Chatroom &chatroom, const Message &message,
                           const QDateTime &now)
{
    if (!message.media)
        return {};
    const MediaAttachment &media = *message.media;
    if (message.direction == Direction::Out)
        return attachMediaToMessage(db, media.id, message.chatroomId, message.id, now);
    MediaRecord record;
    record.id = media.id;
    record.orgId = chatroom.orgId;
    record.chatroomId = message.chatroomId;
    record.messageId = message.id;
    record.direction = Direction::In;
    record.remotePhoneId = chatroom.remotePhoneId;
    record.waMediaId = media.waMediaId;
    record.mimeType = media.mimeType.isEmpty() ? QStringLiteral("application/octet-stream") : media.mimeType;
    record.filename = media.filename;
    record.sha256 = media.sha256;
    record.status = MediaStatus::Pending;
    record.nextAttemptAt = now;
    return insertMedia(db, record, now);
}

// Messages whose message.created event is in the outcome: new, to insert (once) rather than update.
QSet<MessageId> createdMessages(const Outcome &outcome)
{
    QSet<MessageId> created;
    for (const Event &event : outcome.events) {
        if (event.kind == EventKind::MessageCreated && event.message)
            created.insert(event.message->id);
    }
    return created;
}

Result<void> writeMessages(QSqlDatabase &db, const Outcome &outcome, const QDateTime &now)
{
    const QSet<MessageId> created = createdMessages(outcome);
    QSet<MessageId> inserted;
    for (const Message &message : outcome.messages) {
        const bool isNew = created.contains(message.id) && !inserted.contains(message.id);
        if (isNew) {
            if (auto done = insertMessage(db, message, now); !done)
                return done.error();
            inserted.insert(message.id);
            if (auto media = recordMediaOf(db, outcome.chatroom, message, now); !media)
                return media.error();
            if (sentOverWhatsApp(message)) {
                if (auto queued = enqueueOutbound(db, message.id, now); !queued)
                    return queued.error();
            }
        } else if (auto done = updateMessage(db, message, now); !done) {
            return done.error();
        }
    }
    return {};
}

Result<void> enqueueRelays(QSqlDatabase &db, const Outcome &outcome, const QDateTime &now)
{
    const OrgId &orgId = outcome.chatroom.orgId;
    for (const RelayRequest &relay : outcome.relays) {
        auto contact = contactById(db, orgId, relay.contactId);
        if (!contact)
            return contact.error();
        auto queued =
            enqueueDelivery(db, orgId, kButtonReplyEventType, relayPayload(orgId, relay, *contact, now), now);
        if (!queued)
            return queued.error();
    }
    return {};
}

} // namespace

QByteArray relayPayload(const OrgId &orgId, const RelayRequest &relay, const Contact &contact,
                        const QDateTime &timestamp)
{
    const QJsonObject contactObject{{QStringLiteral("id"), contact.id},
                                    {QStringLiteral("crm_id"), contact.crmId},
                                    {QStringLiteral("phone_number"), contact.phoneNumber}};
    const QJsonObject button{{QStringLiteral("index"), relay.button.index},
                             {QStringLiteral("text"), relay.button.text},
                             {QStringLiteral("payload"), relay.button.payload.isEmpty()
                                                             ? QJsonValue(QJsonValue::Null)
                                                             : QJsonValue(relay.button.payload)}};
    const QJsonObject data{{QStringLiteral("org_id"), orgId},
                           {QStringLiteral("chatroom_id"), relay.chatroomId},
                           {QStringLiteral("contact"), contactObject},
                           {QStringLiteral("message_id"), relay.templateMessageId},
                           {QStringLiteral("remote_template_id"), relay.remoteTemplateId},
                           {QStringLiteral("template_name"), relay.templateName},
                           {QStringLiteral("button"), button},
                           {QStringLiteral("reply_message_id"), relay.replyMessageId},
                           {QStringLiteral("received_at"), timestampToJson(relay.receivedAt)}};
    const QJsonObject body{{QStringLiteral("type"), kButtonReplyEventType},
                           {QStringLiteral("timestamp"), timestampToJson(timestamp)},
                           {QStringLiteral("data"), data}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

Result<void> writeOutcome(QSqlDatabase &db, const Outcome &outcome, const WebhookTarget *webhookOrNull,
                          const QDateTime &now)
{
    if (outcome.events.isEmpty() && outcome.messages.isEmpty())
        return {}; // nothing changed (R3 returns the chatroom as it is)

    if (!outcome.chatroom.id.isEmpty()) {
        if (auto saved = saveChatroom(db, outcome.chatroom, now); !saved)
            return saved.error();
    }
    if (auto written = writeMessages(db, outcome, now); !written)
        return written.error();
    if (auto appended = appendEvents(db, outcome.chatroom.orgId, outcome.events); !appended)
        return appended.error();
    if (webhookOrNull && !webhookOrNull->url.isEmpty()) {
        if (auto relayed = enqueueRelays(db, outcome, now); !relayed)
            return relayed.error();
    }
    for (const UserId &userId : outcome.assignedUsers) {
        if (auto recorded = recordAssignment(db, userId, now); !recorded)
            return recorded.error();
    }
    return {};
}

} // namespace handover::store::server
