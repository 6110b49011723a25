#pragma once

#include "core/clock.h"
#include "core/domain/event.h"
#include "server/sync/streambackend.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace handover {

class StreamConnection;
struct StreamContext;

// The server's side of /v1/stream (SYNC.md): authenticates consoles by their hello, replays the event log
// from their `since`, then fans out committed events to every connection allowed to see them, and pings.
//
// Fan-out: publish() encodes an event once (encodeEvent, no viewer) and hands the same shared frame to every
// connection of the event's org that may see it (eventVisibleTo). Connections of other orgs are never looked
// at. Each connection's outbound memory is bounded by maxQueuedBytes; a slow console gets `reset`, not
// unbounded memory (see StreamConnection).
//
// Close codes (streamclose in streambackend.h): 4401 no hello within helloTimeoutMs, a frame before hello, an
// unknown token, the session's expiry (a timer at its expires_at, checked through the clock), or a session
// ended by disconnectUser()/disconnectSession(); 1009 a frame or message over maxFrameBytes (Qt's own check);
// 1008 a malformed frame, a second hello, or a path other than /v1/stream; 1003 a binary frame; 4408
// missedPingsBeforeClose pings unanswered; 1001 the hub is destroyed.
//
// Single-threaded: call everything on the hub's thread, publish() after the events' commit, in ascending seq.
class SyncHub : public QObject
{
    Q_OBJECT

public:
    SyncHub(const Clock &clock, StreamBackend &backend, SyncHubOptions options = {},
            QObject *parent = nullptr);
    ~SyncHub() override;

    // An upgraded connection; closed with 1008 unless requestUrl().path() is "/v1/stream".
    void accept(std::unique_ptr<QWebSocket> socket);
    // Events of one org after their commit, ascending seq.
    void publish(const OrgId &orgId, const QList<Event> &events);
    // Closes every stream of a user (deactivation, role change) with 4401; returns how many.
    int disconnectUser(const OrgId &orgId, const UserId &userId);
    // Closes the streams of one session (logout) with 4401; returns how many.
    int disconnectSession(const OrgId &orgId, const QString &sessionHash);
    // Closes every stream with 1001 (going away), for a server that is stopping.
    void closeAll();

    int connectionCount() const;                         // open connections, welcomed or not
    QList<UserId> onlineUsers(const OrgId &orgId) const; // users with at least one welcomed connection
    bool isOnline(const OrgId &orgId, const UserId &userId) const;
    quint64 framesSent() const;    // every frame written: welcome, reset, event, ping
    qint64 queuedBytes() const;    // outbound bytes held for all connections
    quint64 overflowCount() const; // slow consumers sent to a reset

Q_SIGNALS:
    // A user's first connection was welcomed (online) or their last one ended (offline). The server records a
    // presence.updated event and publishes it.
    void presenceChanged(const handover::OrgId &orgId, const handover::UserId &userId, bool online);

private:
    int disconnectWhere(const OrgId &orgId, const std::function<bool(const StreamPrincipal &)> &ended);
    void onWelcomed(StreamConnection *connection);
    void onFinished(StreamConnection *connection);
    void pingAll();

    std::unique_ptr<StreamContext> m_context;
    QList<StreamConnection *> m_connections;            // every open connection
    QHash<OrgId, QList<StreamConnection *>> m_welcomed; // by org, in welcome order
    QHash<OrgId, QHash<UserId, int>> m_online;          // welcomed connections per user
    QTimer m_pingTimer;
};

} // namespace handover
