// ChatroomCache: opening, and every write (events, resets, snapshots, fetched history).
#include "client/chatroomcache.h"

#include "core/json/apicodec.h"
#include "core/logging.h"
#include "core/store/schema.h"
#include "core/store/sql.h"

#include <QHash>
#include <QJsonDocument>

namespace handover::client {

using store::exec;
using store::prepare;

namespace {

// `>=`: an equal seq is the same state or a newer read of it (a snapshot row seen on two pages). Events at or
// below the position never get here, so an older event cannot overwrite a newer row.
const QString kUpsertChatroom = QStringLiteral(
    "INSERT INTO chatrooms (id, org_id, bumped_at, bump_seq, state, display_name, is_participant, "
    "awaiting_handover, unread_count, summary, updated_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS "
    "TEXT), ?) "
    "ON CONFLICT (id) DO UPDATE SET org_id = excluded.org_id, bumped_at = excluded.bumped_at, "
    "bump_seq = excluded.bump_seq, state = excluded.state, display_name = excluded.display_name, "
    "is_participant = excluded.is_participant, awaiting_handover = excluded.awaiting_handover, "
    "unread_count = excluded.unread_count, summary = excluded.summary, updated_seq = excluded.updated_seq "
    "WHERE excluded.updated_seq >= chatrooms.updated_seq");

// Only for chatrooms the cache holds (the foreign key would refuse the others).
const QString kUpsertMessage =
    QStringLiteral("INSERT INTO messages (id, chatroom_id, created_at, body) "
                   "SELECT ?, ?, ?, CAST(? AS TEXT) WHERE EXISTS (SELECT 1 FROM chatrooms WHERE id = ?) "
                   "ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, body = excluded.body");

const QString kWritePosition = QStringLiteral(
    "INSERT INTO sync_state (org_id, user_id, last_applied_seq, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (org_id, user_id) DO UPDATE SET last_applied_seq = excluded.last_applied_seq, "
    "updated_at = excluded.updated_at");

// JSON goes in as UTF-8 bytes bound as a blob and CAST to TEXT: SQLite keeps the bytes (the file is UTF-8)
// instead of converting from UTF-16, and the column holds text as the schema says.
QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Qt Sql binds a null QString as NULL; an empty name is still a name.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

const Event &eventOf(const Event &event)
{
    return event;
}
const Event &eventOf(const ReceivedEvent &received)
{
    return received.event;
}
QByteArray chatroomJsonOf(const Event &)
{
    return {};
}
QByteArray chatroomJsonOf(const ReceivedEvent &received)
{
    return received.chatroomJson;
}
QByteArray messageJsonOf(const Event &)
{
    return {};
}
QByteArray messageJsonOf(const ReceivedEvent &received)
{
    return received.messageJson;
}

} // namespace

Result<std::unique_ptr<ChatroomCache>> ChatroomCache::open(const QString &path, CacheIdentity identity,
                                                           const Clock &clock)
{
    if (identity.orgId.isEmpty() || identity.userId.isEmpty())
        return Error::make(ErrorCode::BadRequest, QStringLiteral("A cache belongs to one user of one org."));
    store::DatabaseOptions options;
    options.path = path;
    // A copy of the server's state: a power cut may roll it back a few commits, and it re-fetches them from
    // the older position (docs/storage.md).
    options.durability = store::Durability::SurvivesProcessCrash;
    Result<store::Database> db = store::Database::open(options, store::cacheSchema());
    if (!db)
        return db.error();
    std::unique_ptr<ChatroomCache> cache(
        new ChatroomCache(std::move(db).value(), std::move(identity), clock));
    if (Result<void> prepared = cache->prepareStatements(); !prepared)
        return prepared.error();
    if (Result<void> position = cache->readPosition(); !position)
        return position.error();
    qCDebug(lcClient) << "cache" << path << "opened at seq" << cache->m_lastAppliedSeq;
    return cache;
}

ChatroomCache::ChatroomCache(store::Database db, CacheIdentity identity, const Clock &clock)
    : m_db(std::move(db))
    , m_identity(std::move(identity))
    , m_clock(clock)
{}

ChatroomCache::~ChatroomCache()
{
    // Statements first: a connection closes only once its queries are gone.
    m_upsertChatroom.reset();
    m_deleteChatroom.reset();
    m_upsertMessage.reset();
    m_writePosition.reset();
    m_db.close();
}

Result<void> ChatroomCache::prepareStatements()
{
    const QSqlDatabase &db = m_db.connection();
    struct Statement
    {
        std::optional<QSqlQuery> *query;
        QString sql;
    };
    const Statement statements[] = {
        {&m_upsertChatroom, kUpsertChatroom},
        {&m_deleteChatroom, QStringLiteral("DELETE FROM chatrooms WHERE id = ?")},
        {&m_upsertMessage, kUpsertMessage},
        {&m_writePosition, kWritePosition},
    };
    for (const Statement &s : statements) {
        Result<QSqlQuery> query = prepare(db, s.sql);
        if (!query)
            return query.error();
        s.query->emplace(std::move(query).value());
    }
    return {};
}

Result<void> ChatroomCache::readPosition()
{
    Result<QSqlQuery> query =
        prepare(m_db.connection(),
                QStringLiteral("SELECT last_applied_seq FROM sync_state WHERE org_id = ? AND user_id = ?"));
    if (!query)
        return query.error();
    query->bindValue(0, m_identity.orgId);
    query->bindValue(1, m_identity.userId);
    if (Result<void> ran = exec(*query); !ran)
        return ran.error();
    m_lastAppliedSeq = query->next() ? query->value(0).toLongLong() : 0;
    return {};
}

// ---- transactions

Result<void> ChatroomCache::begin()
{
    // IMMEDIATE: take the write lock now, so a busy file is waited for here and not half-way through.
    return store::execute(m_db.connection(), QStringLiteral("BEGIN IMMEDIATE"));
}

Result<void> ChatroomCache::commit()
{
    return store::execute(m_db.connection(), QStringLiteral("COMMIT"));
}

void ChatroomCache::rollback()
{
    if (Result<void> rolledBack = store::execute(m_db.connection(), QStringLiteral("ROLLBACK")); !rolledBack)
        qCWarning(lcClient) << "cache: rollback failed:" << rolledBack.error().description;
}

Result<void> ChatroomCache::inTransaction(const std::function<Result<void>()> &work)
{
    if (Result<void> begun = begin(); !begun)
        return begun;
    Result<void> done = work();
    if (done)
        done = commit();
    if (!done)
        rollback();
    return done;
}

// ---- rows

Result<void> ChatroomCache::upsertChatroom(const Chatroom &chatroom, qint64 seq,
                                           const QByteArray &summaryJson)
{
    const Participant *me = chatroom.participant(m_identity.userId);
    QSqlQuery &q = *m_upsertChatroom;
    q.bindValue(0, chatroom.id);
    q.bindValue(1, chatroom.orgId);
    q.bindValue(2, chatroom.sortKey.bumpedAtMs);
    q.bindValue(3, chatroom.sortKey.bumpSeq);
    q.bindValue(4, chatroomStateName(chatroom.state));
    q.bindValue(5, notNull(chatroom.displayName));
    q.bindValue(6, me ? 1 : 0);
    q.bindValue(7, chatroom.pendingHandover.has_value() ? 1 : 0);
    q.bindValue(8, me ? me->unreadCount : 0);
    // The received summary has no viewer (no unread_count); the decoder reads the viewer's count from
    // participant_details, so the stored JSON needs none either.
    q.bindValue(9, summaryJson.isEmpty() ? compactJson(chatroomToJson(chatroom, std::nullopt)) : summaryJson);
    q.bindValue(10, seq);
    return exec(q);
}

Result<void> ChatroomCache::upsertMessage(const Message &message, const QByteArray &bodyJson)
{
    QSqlQuery &q = *m_upsertMessage;
    q.bindValue(0, message.id);
    q.bindValue(1, message.chatroomId);
    q.bindValue(2, message.createdAt.toMSecsSinceEpoch());
    q.bindValue(3, bodyJson.isEmpty() ? compactJson(messageToJson(message)) : bodyJson);
    q.bindValue(4, message.chatroomId);
    return exec(q);
}

Result<void> ChatroomCache::writePosition(qint64 seq)
{
    QSqlQuery &q = *m_writePosition;
    q.bindValue(0, m_identity.orgId);
    q.bindValue(1, m_identity.userId);
    q.bindValue(2, seq);
    q.bindValue(3, m_clock.nowMs());
    return exec(q);
}

Result<void> ChatroomCache::applyChatroom(const Event &event, const QByteArray &chatroomJson)
{
    const Chatroom &chatroom = event.chatroom;
    if (m_identity.role == Role::Member && !chatroom.hasParticipant(m_identity.userId)) {
        // A MEMBER sees a chatroom only while participating (the unassigned event is the last they get).
        QSqlQuery &q = *m_deleteChatroom;
        q.bindValue(0, chatroom.id);
        return exec(q);
    }
    return upsertChatroom(chatroom, event.seq, chatroomJson);
}

// ---- writes

template <typename Item>
Result<qsizetype> ChatroomCache::applyInOneTransaction(const QList<Item> &items, qint64 positionAtLeast)
{
    // What is new, in seq order; events at or below the position were applied before (a replay after a
    // reconnect, or covered by a snapshot).
    qint64 position = std::max(m_lastAppliedSeq, positionAtLeast);
    QList<const Item *> fresh;
    fresh.reserve(items.size());
    // Every event carries its chatroom as it is after the event, so only a chatroom's last state in the batch
    // needs writing: a busy chatroom costs one row write per batch, not one per event.
    QHash<ChatroomId, const Item *> lastOfChatroom;
    for (const Item &item : items) {
        const Event &event = eventOf(item);
        if (event.seq <= position)
            continue;
        position = event.seq;
        fresh.append(&item);
        if (event.kind != EventKind::PresenceUpdated) // presence is the supervisor board's; nothing is cached
            lastOfChatroom.insert(event.chatroom.id, &item);
    }
    if (Result<void> begun = begin(); !begun)
        return begun.error();
    const auto fail = [this](const Error &error) -> Result<qsizetype> {
        rollback();
        return error;
    };
    for (const Item *item : std::as_const(fresh)) {
        const Event &event = eventOf(*item);
        if (event.kind != EventKind::PresenceUpdated && lastOfChatroom.value(event.chatroom.id) == item) {
            if (Result<void> done = applyChatroom(event, chatroomJsonOf(*item)); !done)
                return fail(done.error());
        }
    }
    // Then the messages, once their chatrooms exist; those of a chatroom a member has lost are skipped.
    for (const Item *item : std::as_const(fresh)) {
        const Event &event = eventOf(*item);
        if (!event.message)
            continue;
        if (Result<void> done = upsertMessage(*event.message, messageJsonOf(*item)); !done)
            return fail(done.error());
    }
    if (position != m_lastAppliedSeq) {
        if (Result<void> written = writePosition(position); !written)
            return fail(written.error());
    }
    if (Result<void> committed = commit(); !committed)
        return fail(committed.error());
    m_lastAppliedSeq = position;
    return fresh.size();
}

Result<qsizetype> ChatroomCache::applyBatch(const QList<ReceivedEvent> &events, qint64 positionAtLeast)
{
    return applyInOneTransaction(events, positionAtLeast);
}

Result<qsizetype> ChatroomCache::applyBatch(const QList<Event> &events, qint64 positionAtLeast)
{
    return applyInOneTransaction(events, positionAtLeast);
}

Result<void> ChatroomCache::reset(const OrgId &orgId)
{
    Result<void> dropped = inTransaction([&]() -> Result<void> {
        for (const QString &sql : {QStringLiteral("DELETE FROM chatrooms WHERE org_id = ?"),
                                   QStringLiteral("DELETE FROM sync_state WHERE org_id = ?")}) {
            Result<QSqlQuery> query = prepare(m_db.connection(), sql);
            if (!query)
                return query.error();
            query->bindValue(0, orgId);
            if (Result<void> ran = exec(*query); !ran)
                return ran;
        }
        return {};
    });
    if (!dropped)
        return dropped;
    if (orgId == m_identity.orgId)
        m_lastAppliedSeq = 0;
    qCInfo(lcClient) << "cache: dropped org" << orgId;
    return {};
}

Result<void> ChatroomCache::loadSnapshot(const QList<Chatroom> &chatrooms, qint64 snapshotSeq)
{
    return inTransaction([&]() -> Result<void> {
        for (const Chatroom &chatroom : chatrooms) {
            if (m_identity.role == Role::Member && !chatroom.hasParticipant(m_identity.userId))
                continue;
            if (Result<void> upserted = upsertChatroom(chatroom, snapshotSeq, {}); !upserted)
                return upserted;
        }
        return {};
    });
}

Result<void> ChatroomCache::storeMessages(const QList<Message> &messages)
{
    return inTransaction([&]() -> Result<void> {
        for (const Message &message : messages) {
            if (Result<void> upserted = upsertMessage(message, {}); !upserted)
                return upserted;
        }
        return {};
    });
}

} // namespace handover::client
