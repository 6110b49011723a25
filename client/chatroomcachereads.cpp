// ChatroomCache: the reads (cold start, list rows, one chatroom, message pages).
#include "client/chatroomcache.h"
#include "core/json/apicodec.h"
#include "core/store/sql.h"

#include <QJsonDocument>
#include <algorithm>

namespace handover::client {

using store::exec;
using store::prepare;

namespace {

// R20 order, with the id as the tie-breaker that ChatroomIndex uses too.
const QString kListOrder = QStringLiteral(" ORDER BY bumped_at DESC, bump_seq DESC, id ASC");

// Columns are read CAST AS BLOB: the UTF-8 bytes as stored, with no round trip through UTF-16.
Result<QJsonObject> parseStored(const QByteArray &utf8, const char *what)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("The cache holds a %1 that is not JSON.").arg(QLatin1String(what)));
    return document.object();
}

Result<Chatroom> chatroomFromStored(const QByteArray &utf8)
{
    Result<QJsonObject> object = parseStored(utf8, "chatroom");
    if (!object)
        return object.error();
    return chatroomFromJson(*object);
}

} // namespace

QString ChatroomCache::viewFilter(View view) const
{
    switch (view) {
    case View::Mine:
        return QStringLiteral(" AND is_participant = 1");
    case View::AwaitingHandover:
        return QStringLiteral(" AND awaiting_handover = 1");
    case View::All:
        break;
    }
    return {};
}

Result<QSqlQuery> ChatroomCache::selectInView(const QString &columns, View view)
{
    Result<QSqlQuery> query =
        prepare(m_db.connection(), QStringLiteral("SELECT ") + columns +
                                       QStringLiteral(" FROM chatrooms WHERE org_id = ?") + viewFilter(view) +
                                       kListOrder);
    if (!query)
        return query.error();
    query->bindValue(0, m_identity.orgId);
    if (Result<void> ran = exec(*query); !ran)
        return ran.error();
    return query;
}

Result<std::vector<std::pair<QString, SortKey>>> ChatroomCache::sortKeys(View view)
{
    Result<QSqlQuery> query = selectInView(QStringLiteral("id, bumped_at, bump_seq"), view);
    if (!query)
        return query.error();
    std::vector<std::pair<QString, SortKey>> keys;
    while (query->next())
        keys.emplace_back(query->value(0).toString(),
                          SortKey{query->value(1).toLongLong(), query->value(2).toLongLong()});
    return keys;
}

Result<QList<CachedChatroomRow>> ChatroomCache::rows(View view)
{
    Result<QSqlQuery> query = selectInView(QStringLiteral("id, bumped_at, bump_seq, state, display_name, "
                                                          "is_participant, awaiting_handover, unread_count, "
                                                          "updated_seq"),
                                           view);
    if (!query)
        return query.error();
    QList<CachedChatroomRow> rows;
    while (query->next()) {
        CachedChatroomRow row;
        row.id = query->value(0).toString();
        row.sortKey = SortKey{query->value(1).toLongLong(), query->value(2).toLongLong()};
        row.state = chatroomStateFromName(query->value(3).toString()).value_or(ChatroomState::Active);
        row.displayName = query->value(4).toString();
        row.isParticipant = query->value(5).toInt() != 0;
        row.awaitingHandover = query->value(6).toInt() != 0;
        row.unreadCount = query->value(7).toInt();
        row.updatedSeq = query->value(8).toLongLong();
        rows.append(row);
    }
    return rows;
}

Result<std::optional<Chatroom>> ChatroomCache::chatroom(const ChatroomId &chatroomId)
{
    Result<QSqlQuery> query =
        prepare(m_db.connection(),
                QStringLiteral("SELECT CAST(summary AS BLOB) FROM chatrooms WHERE id = ? AND org_id = ?"));
    if (!query)
        return query.error();
    query->bindValue(0, chatroomId);
    query->bindValue(1, m_identity.orgId);
    if (Result<void> ran = exec(*query); !ran)
        return ran.error();
    if (!query->next())
        return std::optional<Chatroom>();
    Result<Chatroom> decoded = chatroomFromStored(query->value(0).toByteArray());
    if (!decoded)
        return decoded.error();
    return std::optional<Chatroom>(std::move(decoded).value());
}

Result<QList<Chatroom>> ChatroomCache::chatrooms(View view)
{
    Result<QSqlQuery> query = selectInView(QStringLiteral("CAST(summary AS BLOB)"), view);
    if (!query)
        return query.error();
    QList<Chatroom> chatrooms;
    while (query->next()) {
        Result<Chatroom> decoded = chatroomFromStored(query->value(0).toByteArray());
        if (!decoded)
            return decoded.error();
        chatrooms.append(std::move(decoded).value());
    }
    return chatrooms;
}

Result<qsizetype> ChatroomCache::chatroomCount()
{
    Result<QSqlQuery> query =
        prepare(m_db.connection(), QStringLiteral("SELECT count(*) FROM chatrooms WHERE org_id = ?"));
    if (!query)
        return query.error();
    query->bindValue(0, m_identity.orgId);
    if (Result<void> ran = exec(*query); !ran)
        return ran.error();
    return query->next() ? qsizetype(query->value(0).toLongLong()) : qsizetype(0);
}

Result<QList<Message>> ChatroomCache::messages(const ChatroomId &chatroomId, const MessageId &before,
                                               int limit)
{
    // Newest first up to the limit, then turned around: pages read back from the newest like the API's.
    // Messages of one millisecond keep the order they reached the cache in (rowid). An unknown `before` gives
    // no rows.
    QString sql = QStringLiteral("SELECT CAST(body AS BLOB) FROM messages WHERE chatroom_id = ?");
    if (!before.isEmpty()) {
        sql += QStringLiteral(
            " AND (created_at, rowid) < (SELECT created_at, rowid FROM messages WHERE id = ?)");
    }
    sql += QStringLiteral(" ORDER BY created_at DESC, rowid DESC LIMIT ?");
    Result<QSqlQuery> query = prepare(m_db.connection(), sql);
    if (!query)
        return query.error();
    int bound = 0;
    query->bindValue(bound++, chatroomId);
    if (!before.isEmpty())
        query->bindValue(bound++, before);
    query->bindValue(bound, std::max(0, limit));
    if (Result<void> ran = exec(*query); !ran)
        return ran.error();
    QList<Message> page;
    while (query->next()) {
        Result<QJsonObject> object = parseStored(query->value(0).toByteArray(), "message");
        if (!object)
            return object.error();
        Result<Message> message = messageFromJson(*object);
        if (!message)
            return message.error();
        page.append(std::move(message).value());
    }
    std::reverse(page.begin(), page.end());
    return page;
}

} // namespace handover::client
