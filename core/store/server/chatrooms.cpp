#include "core/store/server/chatrooms.h"

#include "core/store/server/chatroomrows_p.h"
#include "core/store/server/statementcache.h"

#include <QHash>

namespace handover::store::server {

namespace detail {

namespace {

enum Column
{
    Id,
    OrgIdColumn,
    ContactIdColumn,
    CustomerPhone,
    RemoteWabaId,
    RemotePhoneId,
    DisplayName,
    DisplayNameDerived,
    State,
    PendingUserId,
    PendingGroupId,
    PendingRequestedAt,
    BumpedAt,
    BumpSeq,
    LastMessageId,
    LastMessagePreview,
    LastMessageDirection,
    LastMessageSilent,
    LastMessageAt,
    LastCustomerMessageAt,
    CreatedAt,
    LastMessageKind,
};

Result<Chatroom> chatroomFromRow(const Statement &row)
{
    Chatroom c;
    c.id = row.value(Id).toString();
    c.orgId = row.value(OrgIdColumn).toString();
    c.contactId = row.value(ContactIdColumn).toString();
    c.phoneNumber = row.value(CustomerPhone).toString();
    c.remoteWabaId = row.value(RemoteWabaId).toString();
    c.remotePhoneId = row.value(RemotePhoneId).toString();
    c.displayName = textFrom(row.value(DisplayName));
    c.displayNameDerived = row.value(DisplayNameDerived).toInt() != 0;
    const auto state = chatroomStateFromName(row.value(State).toString());
    if (!state)
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("chatroom ") + c.id + QStringLiteral(" has an unknown state"));
    c.state = *state;
    if (!row.value(PendingRequestedAt).isNull()) {
        c.pendingHandover =
            PendingHandover{textFrom(row.value(PendingUserId)), textFrom(row.value(PendingGroupId)),
                            timeFrom(row.value(PendingRequestedAt))};
    }
    c.sortKey = SortKey{row.value(BumpedAt).toLongLong(), row.value(BumpSeq).toLongLong()};
    if (!row.value(LastMessageId).isNull()) {
        LastMessage last;
        last.id = row.value(LastMessageId).toString();
        last.preview = textFrom(row.value(LastMessagePreview));
        last.direction =
            directionFromName(row.value(LastMessageDirection).toString()).value_or(Direction::Out);
        last.silent = row.value(LastMessageSilent).toInt() != 0;
        last.createdAt = timeFrom(row.value(LastMessageAt));
        last.kind = messageKindFromName(row.value(LastMessageKind).toString()).value_or(MessageKind::Text);
        c.lastMessage = last;
    }
    c.lastCustomerMessageAt = timeFrom(row.value(LastCustomerMessageAt));
    c.createdAt = timeFrom(row.value(CreatedAt));
    return c;
}

Participant participantFromRow(const Statement &row)
{
    // Columns: chatroom_id, user_id, joined_at, read_up_to_message_id, unread_count.
    return Participant{row.value(1).toString(), timeFrom(row.value(2)), textFrom(row.value(3)),
                       row.value(4).toInt()};
}

Result<void> loadParticipants(QSqlDatabase &db, QList<Chatroom> &chatrooms)
{
    if (chatrooms.isEmpty())
        return {};
    static const QString one =
        QStringLiteral("SELECT chatroom_id, user_id, joined_at, read_up_to_message_id, unread_count "
                       "FROM chatroom_participants WHERE chatroom_id = ? ORDER BY joined_at, user_id");
    static const QString many =
        QStringLiteral("SELECT chatroom_id, user_id, joined_at, read_up_to_message_id, unread_count "
                       "FROM chatroom_participants WHERE chatroom_id IN (SELECT value FROM json_each(?)) "
                       "ORDER BY chatroom_id, joined_at, user_id");
    if (chatrooms.size() == 1) {
        auto rows = run(db, one, {chatrooms.first().id});
        if (!rows)
            return rows.error();
        while (rows->next())
            chatrooms.first().participants.append(participantFromRow(*rows));
        return rows->checkRead();
    }
    QHash<ChatroomId, qsizetype> indexOf;
    QStringList ids;
    for (qsizetype i = 0; i < chatrooms.size(); ++i) {
        indexOf.insert(chatrooms.at(i).id, i);
        ids.append(chatrooms.at(i).id);
    }
    auto rows = run(db, many, {jsonStringArray(ids)});
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const qsizetype index = indexOf.value(rows->value(0).toString(), -1);
        if (index >= 0)
            chatrooms[index].participants.append(participantFromRow(*rows));
    }
    return rows->checkRead();
}

} // namespace

const QString &chatroomColumns()
{
    static const QString columns = QStringLiteral(
        "SELECT c.id, c.org_id, c.contact_id, c.customer_phone, w.remote_waba_id, c.remote_phone_id, "
        "c.display_name, c.display_name_derived, c.state, c.pending_user_id, c.pending_group_id, "
        "c.pending_requested_at, c.bumped_at, c.bump_seq, c.last_message_id, c.last_message_preview, "
        "c.last_message_direction, c.last_message_silent, c.last_message_at, c.last_customer_message_at, "
        "c.created_at, c.last_message_kind ");
    return columns;
}

const QString &selectChatrooms()
{
    static const QString sql =
        chatroomColumns() + QStringLiteral("FROM chatrooms c JOIN waba_phones w ON w.id = c.waba_phone_id ");
    return sql;
}

Result<QList<Chatroom>> loadChatrooms(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QList<Chatroom> chatrooms;
    {
        auto rows = run(db, sql, values);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            auto chatroom = chatroomFromRow(*rows);
            if (!chatroom)
                return chatroom.error();
            chatrooms.append(std::move(*chatroom));
        }
        if (auto read = rows->checkRead(); !read)
            return read.error();
    }
    if (auto loaded = loadParticipants(db, chatrooms); !loaded)
        return loaded.error();
    return chatrooms;
}

} // namespace detail

namespace {

Result<std::optional<Chatroom>> firstOf(Result<QList<Chatroom>> found)
{
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<Chatroom>();
    return std::optional<Chatroom>(std::move(found->first()));
}

Result<void> saveParticipants(QSqlDatabase &db, const Chatroom &chatroom, const QDateTime &now)
{
    // The read time is kept while the marker stays where it was (UPSERT's SET sees the old row).
    static const QString upsert = QStringLiteral(
        "INSERT INTO chatroom_participants (chatroom_id, user_id, joined_at, read_up_to_message_id, read_at, "
        "unread_count) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chatroom_id, user_id) DO UPDATE SET "
        "joined_at = excluded.joined_at, unread_count = excluded.unread_count, "
        "read_at = CASE WHEN read_up_to_message_id IS excluded.read_up_to_message_id THEN read_at "
        "ELSE excluded.read_at END, read_up_to_message_id = excluded.read_up_to_message_id");
    static const QString dropOthers = QStringLiteral("DELETE FROM chatroom_participants WHERE chatroom_id = "
                                                     "? AND user_id NOT IN (SELECT value FROM json_each(?))");
    QStringList ids;
    for (const Participant &p : chatroom.participants) {
        ids.append(p.userId);
        auto saved =
            change(db, upsert,
                   {chatroom.id, p.userId, msOf(p.joinedAt), textOrNull(p.readUpTo),
                    p.readUpTo.isEmpty() ? QVariant() : QVariant(msOf(now)), qMax(0, p.unreadCount)});
        if (!saved)
            return saved.error();
    }
    auto dropped = change(db, dropOthers, {chatroom.id, jsonStringArray(ids)});
    if (!dropped)
        return dropped.error();
    return {};
}

} // namespace

Result<Chatroom> chatroomById(QSqlDatabase &db, const OrgId &orgId, const ChatroomId &chatroomId)
{
    static const QString sql = detail::selectChatrooms() + QStringLiteral("WHERE c.id = ? AND c.org_id = ?");
    auto found = firstOf(detail::loadChatrooms(db, sql, {chatroomId, orgId}));
    if (!found)
        return found.error();
    if (!*found)
        return notFound(QStringLiteral("chatroom"));
    return std::move(**found);
}

Result<std::optional<Chatroom>> findChatroom(QSqlDatabase &db, const ChatroomId &chatroomId)
{
    static const QString sql = detail::selectChatrooms() + QStringLiteral("WHERE c.id = ?");
    return firstOf(detail::loadChatrooms(db, sql, {chatroomId}));
}

Result<QList<Chatroom>> activeChatroomsOfPhone(QSqlDatabase &db, const OrgId &orgId,
                                               const QString &customerPhone)
{
    static const QString sql =
        detail::selectChatrooms() +
        QStringLiteral("WHERE c.customer_phone = ? AND c.org_id = ? AND c.state = 'active' "
                       "ORDER BY c.remote_phone_id");
    return detail::loadChatrooms(db, sql, {customerPhone, orgId});
}

Result<std::optional<Chatroom>> activeChatroomOn(QSqlDatabase &db, const QString &customerPhone,
                                                 const QString &remotePhoneId)
{
    static const QString sql =
        detail::selectChatrooms() +
        QStringLiteral("WHERE c.customer_phone = ? AND c.remote_phone_id = ? AND c.state = 'active'");
    return firstOf(detail::loadChatrooms(db, sql, {customerPhone, remotePhoneId}));
}

Result<QList<Chatroom>> chatroomsOfContact(QSqlDatabase &db, const OrgId &orgId, const ContactId &contactId)
{
    static const QString sql =
        detail::selectChatrooms() +
        QStringLiteral("WHERE c.contact_id = ? AND c.org_id = ? ORDER BY c.created_at DESC, c.id");
    return detail::loadChatrooms(db, sql, {contactId, orgId});
}

Result<void> saveChatroom(QSqlDatabase &db, const Chatroom &c, const QDateTime &now)
{
    static const QString upsert = QStringLiteral(
        "INSERT INTO chatrooms (id, org_id, contact_id, waba_phone_id, customer_phone, remote_phone_id, "
        "display_name, display_name_derived, state, pending_user_id, pending_group_id, pending_requested_at, "
        "bumped_at, bump_seq, last_message_id, last_message_preview, last_message_direction, "
        "last_message_silent, "
        "last_message_at, last_customer_message_at, created_at, updated_at, last_message_kind) VALUES (?, ?, "
        "?, "
        "(SELECT id FROM waba_phones WHERE remote_phone_id = ? AND org_id = ?), "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET contact_id = excluded.contact_id, waba_phone_id = "
        "excluded.waba_phone_id, "
        "customer_phone = excluded.customer_phone, remote_phone_id = excluded.remote_phone_id, "
        "display_name = excluded.display_name, display_name_derived = excluded.display_name_derived, "
        "state = excluded.state, pending_user_id = excluded.pending_user_id, "
        "pending_group_id = excluded.pending_group_id, pending_requested_at = excluded.pending_requested_at, "
        "bumped_at = excluded.bumped_at, bump_seq = excluded.bump_seq, last_message_id = "
        "excluded.last_message_id, "
        "last_message_preview = excluded.last_message_preview, "
        "last_message_direction = excluded.last_message_direction, "
        "last_message_silent = excluded.last_message_silent, last_message_at = excluded.last_message_at, "
        "last_message_kind = excluded.last_message_kind, "
        "last_customer_message_at = excluded.last_customer_message_at, updated_at = excluded.updated_at "
        "WHERE chatrooms.org_id = excluded.org_id");

    const std::optional<PendingHandover> &pending = c.pendingHandover;
    const std::optional<LastMessage> &last = c.lastMessage;
    // A pending handover is marked by its time (R13b may wait with neither user nor group).
    const QVariant pendingAt = pending ? QVariant(msOf(pending->requestedAt)) : QVariant();
    auto saved = change(db, upsert,
                        {c.id,
                         c.orgId,
                         c.contactId,
                         c.remotePhoneId,
                         c.orgId,
                         textNotNull(c.phoneNumber),
                         textNotNull(c.remotePhoneId),
                         textNotNull(c.displayName),
                         flag(c.displayNameDerived),
                         chatroomStateName(c.state),
                         pending ? textOrNull(pending->userId) : QVariant(),
                         pending ? textOrNull(pending->groupId) : QVariant(),
                         pendingAt,
                         c.sortKey.bumpedAtMs,
                         c.sortKey.bumpSeq,
                         last ? QVariant(last->id) : QVariant(),
                         last ? textNotNull(last->preview) : QVariant(),
                         last ? QVariant(directionName(last->direction)) : QVariant(),
                         last ? flag(last->silent) : QVariant(),
                         last ? msOrNull(last->createdAt) : QVariant(),
                         msOrNull(c.lastCustomerMessageAt),
                         msOf(c.createdAt.isValid() ? c.createdAt : now),
                         msOf(now),
                         last ? QVariant(messageKindName(last->kind)) : QVariant()});
    if (!saved) {
        return describeConflict(
            saved.error(),
            QStringLiteral("This customer phone already has an active chatroom on this WABA phone."),
            {QStringLiteral("remote_phone_id")});
    }
    if (*saved == 0)
        return notFound(QStringLiteral("chatroom"));
    return saveParticipants(db, c, now);
}

} // namespace handover::store::server
