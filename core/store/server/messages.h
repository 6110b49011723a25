#pragma once

#include "core/domain/message.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <optional>

// The messages of chatrooms, in the order they were stored.
namespace handover::store::server {

// The chatroom must exist; a reused id or wa_message_id is UniqueConstraintFailed.
Result<void> insertMessage(QSqlDatabase &db, const Message &message, const QDateTime &now);
// The parts that change after a message is stored (R14 and the channel): status, error and wa_message_id.
// NotFound when no message has that id.
Result<void> updateMessage(QSqlDatabase &db, const Message &message, const QDateTime &now);
// NotFound for an unknown id and for a message of another org's chatroom.
Result<Message> messageById(QSqlDatabase &db, const OrgId &orgId, const MessageId &messageId);
// Whatever org (the WhatsApp send queue names messages by id alone); nullopt when unknown.
Result<std::optional<Message>> findMessage(QSqlDatabase &db, const MessageId &messageId);
// Whatever org (WhatsApp names messages by its own id: statuses, and the template a tap answers).
Result<std::optional<Message>> messageByWaId(QSqlDatabase &db, const QString &waMessageId);

inline constexpr int kMaxMessagePage = 200;

// Up to `limit` (1..kMaxMessagePage, clamped) messages of the org's chatroom that were stored before
// `before` (empty: the newest), oldest first, newest last. NotFound for another org's chatroom and for a
// `before` that is not a message of this chatroom.
Result<QList<Message>> messagePage(QSqlDatabase &db, const OrgId &orgId, const ChatroomId &chatroomId,
                                   const MessageId &before, int limit);

} // namespace handover::store::server
