#pragma once

#include "core/domain/event.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

// The per-org event log (SYNC.md): the one source of the sync hub. seq comes from org_event_counters in the
// same transaction as the change, so it follows commit order and is never reused.
namespace handover::store::server {

// One stored event. payload is the event frame exactly as encodeEvent() wrote it, ready to send; the row
// keeps no visibility of its own, so a MEMBER's filter decodes it (decodeStoredEvent) or reads the chatroom
// in it.
struct StoredEvent
{
    OrgId orgId;
    qint64 seq = 0;
    EventKind kind = EventKind::ChatroomUpdated;
    ChatroomId chatroomId; // empty for presence events
    QByteArray payload;
    QDateTime createdAt;
};

// The last seq handed out for the org (0 before its first event): the welcome frame's head_seq.
Result<qint64> headSeq(QSqlDatabase &db, const OrgId &orgId);
// The seq the org's next event gets: headSeq + 1. A RuleContext starts from it.
Result<qint64> nextEventSeq(QSqlDatabase &db, const OrgId &orgId);

// Appends events in order and moves the counter to the last one's seq. The first must take exactly
// nextEventSeq (and the rest follow one by one): anything else means two writers decided from the same
// counter, and is Internal with nothing appended by this call (the caller's savepoint undoes the rest).
Result<void> appendEvents(QSqlDatabase &db, const OrgId &orgId, const QList<Event> &events);

// Events with seq > sinceSeq, in seq order, at most `limit`.
Result<QList<StoredEvent>> eventsSince(QSqlDatabase &db, const OrgId &orgId, qint64 sinceSeq, int limit);
// The lowest seq still kept; headSeq + 1 when the log is empty (trimmed, or no event yet). A client whose
// `since` is below this minus one has missed events and gets a reset.
Result<qint64> firstRetainedSeq(QSqlDatabase &db, const OrgId &orgId);
// Removes every org's events created before `cutoff`; the number removed. The counters stay, so head_seq and
// firstRetainedSeq remain right after a trim.
Result<int> trimEventsOlderThan(QSqlDatabase &db, const QDateTime &cutoff);
// Removes the org's events with seq < firstKept; the number removed.
Result<int> trimEventsBefore(QSqlDatabase &db, const OrgId &orgId, qint64 firstKept);

// The Event a stored payload encodes (for visibility checks and tests).
Result<Event> decodeStoredEvent(const StoredEvent &stored);

} // namespace handover::store::server
