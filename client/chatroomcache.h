#pragma once

#include "client/receivedevent.h"
#include "core/clock.h"
#include "core/domain/event.h"
#include "core/result.h"
#include "core/sortkey.h"
#include "core/store/database.h"

#include <QList>
#include <QSqlQuery>
#include <functional>
#include <QString>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace handover::client {

// Whose view of which org a cache holds. is_participant and unread_count are the viewer's, so one cache file
// belongs to one user of one server.
struct CacheIdentity
{
    OrgId orgId;
    UserId userId;
    Role role = Role::Member;
};

// A chatroom as the list needs it, without decoding its summary.
struct CachedChatroomRow
{
    ChatroomId id;
    SortKey sortKey;
    ChatroomState state = ChatroomState::Active;
    QString displayName;
    bool isParticipant = false;
    bool awaitingHandover = false;
    int unreadCount = 0;
    qint64 updatedSeq = 0;
};

// The console's local copy of the server's state (the cache schema of docs/storage.md): chatroom summaries,
// the messages that came with events or were fetched, and the sync position. It opens at once with the last
// known state, so the console works before (and without) a connection.
//
// applyBatch() writes a batch of events and the new last_applied_seq in ONE transaction: after a crash the
// cache and its position always agree, so resuming from the position neither loses nor repeats an event
// (SYNC.md, client duties). Statements are prepared once and reused.
//
// One connection, used by the thread that opened it.
class ChatroomCache
{
public:
    static Result<std::unique_ptr<ChatroomCache>> open(const QString &path, CacheIdentity identity,
                                                       const Clock &clock);
    ~ChatroomCache();
    ChatroomCache(const ChatroomCache &) = delete;
    ChatroomCache &operator=(const ChatroomCache &) = delete;

    const CacheIdentity &identity() const { return m_identity; }
    const QString &path() const { return m_db.path(); }

    // ---- writes
    // Applies events in seq order: each chatroom's last state in the batch is upserted (never replaced, so
    // its messages stay), a MEMBER's chatroom they no longer participate in is dropped, the messages carried
    // by events are upserted, and last_applied_seq becomes the highest seq seen (at least `positionAtLeast`).
    // Events at or below the stored position are skipped. All or nothing: on an error neither the rows nor
    // the position change. Returns how many events were applied.
    Result<qsizetype> applyBatch(const QList<ReceivedEvent> &events, qint64 positionAtLeast = 0);
    // The same for events without their received JSON (tests, tools): the cache encodes them.
    Result<qsizetype> applyBatch(const QList<Event> &events, qint64 positionAtLeast = 0);
    // Drops every chatroom of the org (their messages go with them) and its sync positions; the outbox stays.
    Result<void> reset(const OrgId &orgId);
    // Upserts one page of a snapshot (GET chatrooms) read after a reset at `snapshotSeq` (the reset's
    // head_seq); the position is not moved: applyBatch(buffered events, snapshotSeq) does that at the end.
    Result<void> loadSnapshot(const QList<Chatroom> &chatrooms, qint64 snapshotSeq);
    // Messages fetched over HTTP (history), upserted; those of chatrooms not in the cache are skipped.
    Result<void> storeMessages(const QList<Message> &messages);

    // ---- reads
    qint64 lastAppliedSeq() const { return m_lastAppliedSeq; }
    // Ids and sort keys of a view (All: every cached chatroom) in list order, for ChatroomIndex::assign().
    Result<std::vector<std::pair<QString, SortKey>>> sortKeys(View view = View::All);
    // The list's columns of a view, in list order.
    Result<QList<CachedChatroomRow>> rows(View view = View::All);
    Result<std::optional<Chatroom>> chatroom(const ChatroomId &chatroomId);
    // Every chatroom of a view, decoded, in list order.
    Result<QList<Chatroom>> chatrooms(View view = View::All);
    Result<qsizetype> chatroomCount();
    // A page of a chatroom's cached messages, newest last, older than `before` (empty: the newest page).
    Result<QList<Message>> messages(const ChatroomId &chatroomId, const MessageId &before = {},
                                    int limit = 50);

private:
    ChatroomCache(store::Database db, CacheIdentity identity, const Clock &clock);
    Result<void> prepareStatements();
    Result<void> readPosition();
    template <typename Item>
    Result<qsizetype> applyInOneTransaction(const QList<Item> &items, qint64 positionAtLeast);
    Result<void> applyChatroom(const Event &event, const QByteArray &chatroomJson);
    Result<void> upsertChatroom(const Chatroom &chatroom, qint64 seq, const QByteArray &summaryJson);
    Result<void> upsertMessage(const Message &message, const QByteArray &bodyJson);
    Result<void> writePosition(qint64 seq);
    Result<void> begin();
    Result<void> commit();
    void rollback();
    // Runs `work` inside one transaction: committed when it succeeds, rolled back when anything fails.
    Result<void> inTransaction(const std::function<Result<void>()> &work);
    QString viewFilter(View view) const;
    // The executed SELECT of `columns` over the chatrooms of a view, in list order.
    Result<QSqlQuery> selectInView(const QString &columns, View view);

    store::Database m_db;
    CacheIdentity m_identity;
    const Clock &m_clock;
    qint64 m_lastAppliedSeq = 0;
    // Prepared once, reused for every row.
    std::optional<QSqlQuery> m_upsertChatroom;
    std::optional<QSqlQuery> m_deleteChatroom;
    std::optional<QSqlQuery> m_upsertMessage;
    std::optional<QSqlQuery> m_writePosition;
};

} // namespace handover::client
