#pragma once

#include "core/domain/event.h"
#include "core/domain/org.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace handover {

// Who is behind a stream's session token.
struct StreamPrincipal
{
    OrgId orgId;
    UserId userId;
    Role role = Role::Member;
    QString sessionHash = {}; // hex SHA-256 of the session token, so a logout finds its streams
    QDateTime expiresAt = {}; // when the session ends; the stream is closed then (null: never)
};

// One event of the log as the hub needs it for replay: the facts that decide who may see it, and its frame
// (encodeEvent) as stored, so a replay never decodes and re-encodes.
struct StoredEvent
{
    qint64 seq = 0;
    EventKind kind = EventKind::ChatroomUpdated;
    QList<UserId> participants; // of the chatroom after the event
    UserId userId;              // unassigned: who lost the chatroom; presence: whose
    QByteArray frame;
};

// What the hub asks of the store: the server implements it over SQLite, tests with an in-memory log.
// The hub calls it on its own thread. Contract: an event handed to SyncHub::publish() is already readable
// through eventsAfter() (publish after commit), and seqs are assigned in commit order.
class StreamBackend
{
public:
    virtual ~StreamBackend() = default;
    virtual std::optional<StreamPrincipal> principalForSessionToken(const QString &token) = 0;
    virtual qint64 headSeq(const OrgId &orgId) = 0; // last assigned seq, 0 for none
    virtual qint64
    oldestRetainedSeq(const OrgId &orgId) = 0; // lowest seq still in the log (head + 1 if empty)
    // Events with seq > since, ascending, at most limit of them.
    virtual QList<StoredEvent> eventsAfter(const OrgId &orgId, qint64 since, int limit) = 0;
};

struct SyncHubOptions
{
    int helloTimeoutMs = 10000;
    int pingIntervalMs = 15000;
    int missedPingsBeforeClose = 2;
    qint64 maxFrameBytes = 1024 * 1024;      // incoming frames and messages
    qint64 maxQueuedBytes = 8 * 1024 * 1024; // per connection: unwritten socket bytes plus its outbox
    int replayBatch = 500;                   // events fetched per eventsAfter() call
    int closeGraceMs = 5000;                 // after our close frame, abort a peer that does not hang up
    // A stream's session expiry is checked through the clock at least this often, so a clock that jumps
    // (a fake one in tests, a stepped system clock) is noticed without a timer per second per stream.
    int expiryRecheckMs = 60'000;
};

// The close codes the hub uses. Application codes (4000-4999) mirror the HTTP status they resemble.
namespace streamclose {
inline constexpr int kNormal = 1000;
inline constexpr int kGoingAway = 1001;       // the hub shuts down
inline constexpr int kUnsupportedData = 1003; // a binary frame: the protocol is JSON text only
inline constexpr int kPolicy = 1008;          // a malformed or out-of-place frame, or a wrong path
inline constexpr int kTooBig = 1009;          // a frame or message over maxFrameBytes (Qt closes with it)
inline constexpr int kUnauthenticated = 4401; // no hello in time, hello not first, bad token, session ended
inline constexpr int kPingTimeout = 4408;     // missedPingsBeforeClose pings unanswered
} // namespace streamclose

} // namespace handover
