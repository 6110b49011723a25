#include "core/store/server/messages.h"

#include "core/json/richcontentcodec.h"
#include "core/store/server/jsoncolumns.h"
#include "core/store/server/statementcache.h"

#include <algorithm>

namespace handover::store::server {

namespace {

const QString selectMessages = QStringLiteral(
    "SELECT m.id, m.chatroom_id, m.direction, m.kind, m.sender_type, m.sender_user_id, m.text, "
    "m.template, m.button, m.in_reply_to, m.relay_response, m.bump, m.bump_response, m.status, "
    "m.error, m.wa_message_id, m.created_at, m.content FROM messages m ");

Error unknownName(const Message &message, const QString &column)
{
    return Error::make(ErrorCode::Internal,
                       QStringLiteral("message ") + message.id + QStringLiteral(" has an unknown ") + column);
}

Result<Message> messageFromRow(const Statement &row)
{
    Message m;
    m.id = row.value(0).toString();
    m.chatroomId = row.value(1).toString();
    const auto direction = directionFromName(row.value(2).toString());
    const auto kind = messageKindFromName(row.value(3).toString());
    const auto senderType = senderTypeFromName(row.value(4).toString());
    const auto status = deliveryStatusFromName(row.value(13).toString());
    if (!direction)
        return unknownName(m, QStringLiteral("direction"));
    if (!kind)
        return unknownName(m, QStringLiteral("kind"));
    if (!senderType)
        return unknownName(m, QStringLiteral("sender type"));
    if (!status)
        return unknownName(m, QStringLiteral("status"));
    m.direction = *direction;
    m.kind = *kind;
    m.sender = Sender{*senderType, textFrom(row.value(5))};
    m.text = textFrom(row.value(6));
    if (!row.value(7).isNull()) {
        auto sent = sentTemplateFromColumn(row.value(7).toString());
        if (!sent)
            return sent.error();
        m.sentTemplate = std::move(*sent);
    }
    if (!row.value(8).isNull()) {
        auto button = buttonReplyFromColumn(row.value(8).toString());
        if (!button)
            return button.error();
        m.button = std::move(*button);
    }
    m.inReplyTo = textFrom(row.value(9));
    m.relayResponse = row.value(10).toInt() != 0;
    m.bump = row.value(11).toInt() != 0;
    m.bumpResponse = row.value(12).toInt() != 0;
    m.status = *status;
    m.error = textFrom(row.value(14));
    m.waMessageId = textFrom(row.value(15));
    m.createdAt = timeFrom(row.value(16));
    if (auto rich = richContentFromColumn(textFrom(row.value(17)), m); !rich)
        return rich.error();
    return m;
}

Result<QList<Message>> messagesOf(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto rows = run(db, sql, values);
    if (!rows)
        return rows.error();
    QList<Message> messages;
    while (rows->next()) {
        auto message = messageFromRow(*rows);
        if (!message)
            return message.error();
        messages.append(std::move(*message));
    }
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return messages;
}

Result<bool> exists(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto row = run(db, sql, values);
    if (!row)
        return row.error();
    return row->fetch();
}

} // namespace

Result<void> insertMessage(QSqlDatabase &db, const Message &m, const QDateTime &now)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO messages (id, chatroom_id, direction, kind, sender_type, sender_user_id, text, "
        "template, "
        "button, in_reply_to, relay_response, bump, bump_response, status, error, wa_message_id, created_at, "
        "updated_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto inserted = change(db, sql,
                           {m.id, m.chatroomId, directionName(m.direction), messageKindName(m.kind),
                            senderTypeName(m.sender.type), textOrNull(m.sender.userId), textOrNull(m.text),
                            m.sentTemplate ? QVariant(sentTemplateToColumn(*m.sentTemplate)) : QVariant(),
                            m.button ? QVariant(buttonReplyToColumn(*m.button)) : QVariant(),
                            textOrNull(m.inReplyTo), flag(m.relayResponse), flag(m.bump),
                            flag(m.bumpResponse), deliveryStatusName(m.status), textOrNull(m.error),
                            textOrNull(m.waMessageId), msOf(m.createdAt.isValid() ? m.createdAt : now),
                            msOf(now), textOrNull(richContentToColumn(m))});
    if (!inserted)
        return inserted.error();
    return {};
}

Result<void> updateMessage(QSqlDatabase &db, const Message &m, const QDateTime &now)
{
    static const QString sql = QStringLiteral("UPDATE messages SET status = ?, error = ?, wa_message_id = ?, "
                                              "updated_at = ?, content = ? WHERE id = ?");
    auto updated = change(db, sql,
                          {deliveryStatusName(m.status), textOrNull(m.error), textOrNull(m.waMessageId),
                           msOf(now), textOrNull(richContentToColumn(m)), m.id});
    if (!updated)
        return updated.error();
    if (*updated == 0)
        return notFound(QStringLiteral("message"));
    return {};
}

Result<Message> messageById(QSqlDatabase &db, const OrgId &orgId, const MessageId &messageId)
{
    static const QString sql =
        selectMessages +
        QStringLiteral("JOIN chatrooms c ON c.id = m.chatroom_id WHERE m.id = ? AND c.org_id = ?");
    auto found = messagesOf(db, sql, {messageId, orgId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return notFound(QStringLiteral("message"));
    return found->first();
}

Result<std::optional<Message>> messageByWaId(QSqlDatabase &db, const QString &waMessageId)
{
    static const QString sql = selectMessages + QStringLiteral("WHERE m.wa_message_id = ?");
    if (waMessageId.isEmpty())
        return std::optional<Message>();
    auto found = messagesOf(db, sql, {waMessageId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<Message>();
    return std::optional<Message>(found->first());
}

Result<std::optional<Message>> findMessage(QSqlDatabase &db, const MessageId &messageId)
{
    static const QString sql = selectMessages + QStringLiteral("WHERE m.id = ?");
    auto found = messagesOf(db, sql, {messageId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<Message>();
    return std::optional<Message>(found->first());
}

Result<QList<Message>> messagePage(QSqlDatabase &db, const OrgId &orgId, const ChatroomId &chatroomId,
                                   const MessageId &before, int limit)
{
    // The order is (created_at, position): what messages_by_chatroom keeps, since position is the rowid.
    static const QString newest =
        selectMessages +
        QStringLiteral("WHERE m.chatroom_id = ? ORDER BY m.created_at DESC, m.position DESC LIMIT ?");
    static const QString older =
        selectMessages + QStringLiteral("WHERE m.chatroom_id = ? AND (m.created_at, m.position) < "
                                        "(SELECT created_at, position FROM messages WHERE id = ?) ORDER BY "
                                        "m.created_at DESC, m.position DESC LIMIT ?");
    static const QString chatroomOfOrg =
        QStringLiteral("SELECT 1 FROM chatrooms WHERE id = ? AND org_id = ?");
    static const QString beforeInChatroom =
        QStringLiteral("SELECT 1 FROM messages m JOIN chatrooms c ON c.id = m.chatroom_id "
                       "WHERE m.id = ? AND m.chatroom_id = ? AND c.org_id = ?");

    const int bounded = qBound(1, limit, kMaxMessagePage);
    Result<QList<Message>> page = QList<Message>();
    if (before.isEmpty()) {
        auto known = exists(db, chatroomOfOrg, {chatroomId, orgId});
        if (!known)
            return known.error();
        if (!*known)
            return notFound(QStringLiteral("chatroom"));
        page = messagesOf(db, newest, {chatroomId, bounded});
    } else {
        auto known = exists(db, beforeInChatroom, {before, chatroomId, orgId});
        if (!known)
            return known.error();
        if (!*known)
            return Error::make(ErrorCode::NotFound, QStringLiteral("No such message in this chatroom."),
                               {QStringLiteral("before")});
        page = messagesOf(db, older, {chatroomId, before, bounded});
    }
    if (!page)
        return page.error();
    std::reverse(page->begin(), page->end()); // newest last
    return page;
}

} // namespace handover::store::server
