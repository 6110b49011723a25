#include "core/store/server/eventlog.h"

#include "core/json/syncframes.h"
#include "core/store/server/statementcache.h"

namespace handover::store::server {

namespace {

Error seqMismatch(const OrgId &orgId, qint64 firstSeq)
{
    return Error::make(ErrorCode::Internal,
                       QStringLiteral("event seq ") + QString::number(firstSeq) +
                           QStringLiteral(" does not follow the event counter of org ") + orgId +
                           QStringLiteral(": two writers decided from the same counter"));
}

// Moves the counter from firstSeq - 1 to lastSeq, or fails when it is not at firstSeq - 1.
Result<void> advanceCounter(QSqlDatabase &db, const OrgId &orgId, qint64 firstSeq, qint64 lastSeq)
{
    static const QString advance =
        QStringLiteral("UPDATE org_event_counters SET last_seq = ? WHERE org_id = ? AND last_seq = ?");
    static const QString start =
        QStringLiteral("INSERT INTO org_event_counters (org_id, last_seq) VALUES (?, ?)");
    auto moved = change(db, advance, {lastSeq, orgId, firstSeq - 1});
    if (!moved)
        return moved.error();
    if (*moved == 1)
        return {};
    if (firstSeq != 1)
        return seqMismatch(orgId, firstSeq);
    // The org's first event: no counter row yet (a row at 0 would have matched above).
    auto started = change(db, start, {orgId, lastSeq});
    if (!started) {
        if (started.code() == ErrorCode::UniqueConstraintFailed)
            return seqMismatch(orgId, firstSeq);
        return started.error();
    }
    return {};
}

} // namespace

Result<qint64> headSeq(QSqlDatabase &db, const OrgId &orgId)
{
    static const QString sql = QStringLiteral("SELECT last_seq FROM org_event_counters WHERE org_id = ?");
    auto row = run(db, sql, {orgId});
    if (!row)
        return row.error();
    auto found = row->fetch();
    if (!found)
        return found.error();
    return *found ? row->value(0).toLongLong() : qint64(0);
}

Result<qint64> nextEventSeq(QSqlDatabase &db, const OrgId &orgId)
{
    auto head = headSeq(db, orgId);
    if (!head)
        return head.error();
    return *head + 1;
}

Result<void> appendEvents(QSqlDatabase &db, const OrgId &orgId, const QList<Event> &events)
{
    static const QString insert = QStringLiteral("INSERT INTO org_events (org_id, seq, kind, chatroom_id, "
                                                 "payload, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (events.isEmpty())
        return {};
    for (qsizetype i = 1; i < events.size(); ++i) {
        if (events.at(i).seq != events.at(i - 1).seq + 1)
            return Error::make(ErrorCode::Internal,
                               QStringLiteral("events to append must have consecutive seqs; ") +
                                   QString::number(events.at(i).seq) + QStringLiteral(" follows ") +
                                   QString::number(events.at(i - 1).seq));
    }
    if (auto advanced = advanceCounter(db, orgId, events.first().seq, events.last().seq); !advanced)
        return advanced.error();
    for (const Event &event : events) {
        const bool hasChatroom = event.kind != EventKind::PresenceUpdated && !event.chatroom.id.isEmpty();
        auto inserted = change(db, insert,
                               {orgId, event.seq, eventKindName(event.kind),
                                hasChatroom ? QVariant(event.chatroom.id) : QVariant(),
                                QString::fromUtf8(encodeEvent(event)), msOf(event.at)});
        if (!inserted) {
            // The counter check above makes a duplicate seq a bug, not the caller's conflict.
            if (inserted.code() == ErrorCode::UniqueConstraintFailed)
                return seqMismatch(orgId, event.seq);
            return inserted.error();
        }
    }
    return {};
}

Result<QList<StoredEvent>> eventsSince(QSqlDatabase &db, const OrgId &orgId, qint64 sinceSeq, int limit)
{
    static const QString sql =
        QStringLiteral("SELECT seq, kind, chatroom_id, payload, created_at FROM org_events "
                       "WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?");
    auto rows = run(db, sql, {orgId, sinceSeq, qMax(1, limit)});
    if (!rows)
        return rows.error();
    QList<StoredEvent> events;
    while (rows->next()) {
        StoredEvent event;
        event.orgId = orgId;
        event.seq = rows->value(0).toLongLong();
        const auto kind = eventKindFromName(rows->value(1).toString());
        if (!kind)
            return Error::make(ErrorCode::Internal, QStringLiteral("event ") + QString::number(event.seq) +
                                                        QStringLiteral(" of org ") + orgId +
                                                        QStringLiteral(" has an unknown kind"));
        event.kind = *kind;
        event.chatroomId = textFrom(rows->value(2));
        event.payload = rows->value(3).toString().toUtf8();
        event.createdAt = timeFrom(rows->value(4));
        events.append(std::move(event));
    }
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return events;
}

Result<qint64> firstRetainedSeq(QSqlDatabase &db, const OrgId &orgId)
{
    static const QString sql = QStringLiteral("SELECT min(seq) FROM org_events WHERE org_id = ?");
    auto row = run(db, sql, {orgId});
    if (!row)
        return row.error();
    auto found = row->fetch();
    if (!found)
        return found.error();
    if (*found && !row->value(0).isNull())
        return row->value(0).toLongLong();
    return nextEventSeq(db, orgId);
}

Result<int> trimEventsOlderThan(QSqlDatabase &db, const QDateTime &cutoff)
{
    return change(db, QStringLiteral("DELETE FROM org_events WHERE created_at < ?"), {msOf(cutoff)});
}

Result<int> trimEventsBefore(QSqlDatabase &db, const OrgId &orgId, qint64 firstKept)
{
    return change(db, QStringLiteral("DELETE FROM org_events WHERE org_id = ? AND seq < ?"),
                  {orgId, firstKept});
}

Result<Event> decodeStoredEvent(const StoredEvent &stored)
{
    auto frame = decodeServerFrame(stored.payload);
    if (!frame)
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("stored event ") + QString::number(stored.seq) +
                               QStringLiteral(" does not decode: ") + frame.error().description);
    if (!std::holds_alternative<EventFrame>(*frame))
        return Error::make(ErrorCode::Internal, QStringLiteral("stored event ") +
                                                    QString::number(stored.seq) +
                                                    QStringLiteral(" is not an event frame"));
    return std::get<EventFrame>(*frame);
}

} // namespace handover::store::server
