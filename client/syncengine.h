#pragma once

#include "client/backoff.h"
#include "client/chatroomcache.h"
#include "client/connectionstate.h"
#include "client/receivedevent.h"
#include "core/clock.h"
#include "core/json/syncframes.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <optional>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace handover::client {

class ApiClient;
class NetworkWatch;
class SnapshotLoader;

struct SyncEngineOptions
{
    QString clientName;        // hello's "client"; empty: "handover-console/<version>"
    int idleTimeoutMs = 35000; // SYNC.md: no frame for this long (pings come every 15 s) -> reconnect
    BackoffPolicy backoff = BackoffPolicy::reconnect();
    qint64 maxFrameBytes = 1024 * 1024;
};

// Counters for tests, benchmarks and a diagnostics page.
struct SyncStats
{
    quint64 connections = 0; // sockets opened
    quint64 welcomes = 0;
    quint64 framesReceived = 0; // every frame, pings included
    quint64 eventsApplied = 0;
    quint64 batches = 0; // cache transactions of events, one per event-loop turn with events
    quint64 resets = 0;
};

// Keeps the cache in step with the server over `/v1/stream` (SYNC.md, client duties):
// - hello with `since` = the cache's last_applied_seq, so a reconnect resumes exactly where the cache is;
// - every frame that arrived in one event-loop turn is applied in ONE cache transaction (events and the new
//   position together) and announced in ONE eventsApplied() signal, so models update once per batch;
// - `reset`: the org's cache is dropped, the snapshot loaded over HTTP page by page, events arriving
// meanwhile
//   held back and applied after it, and cacheReloaded() tells the views to rebuild from the cache;
// - a lost connection is retried with exponential backoff and full jitter (BackoffPolicy), at once when the
//   network comes back, and when no frame came for 35 s; state() says which, for "reconnecting in N s";
// - close code 4401 (an unknown or expired session) stops it: sessionRejected().
// Lives in the thread of its cache and ApiClient.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    // `network` may be null (no hints about the network). None of the references is owned.
    SyncEngine(QUrl serverUrl, QString token, ChatroomCache &cache, ApiClient &api, const Clock &clock,
               RandomSource &random, NetworkWatch *network, SyncEngineOptions options = {},
               QObject *parent = nullptr);
    ~SyncEngine() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }

    const ConnectionState &state() const { return m_state; }
    const SyncStats &stats() const { return m_stats; }
    qint64 lastAppliedSeq() const { return m_cache.lastAppliedSeq(); }
    const std::optional<WelcomeFrame> &welcome() const { return m_welcome; }
    static QUrl streamUrl(const QUrl &serverUrl); // http -> ws, https -> wss, + "/v1/stream"

    // Skips a planned wait and connects now (a "retry now" button).
    void reconnectNow();
    // Cuts the connection as a lost network would (no close handshake); the engine reconnects.
    void dropConnection();

Q_SIGNALS:
    void stateChanged(const handover::client::ConnectionState &state);
    // Events newly applied to the cache, in seq order; one signal per cache transaction.
    void eventsApplied(const QList<handover::Event> &events);
    void welcomed(const handover::WelcomeFrame &welcome);
    // A reset arrived: the cache is being dropped and reloaded; cacheReloaded() follows when it is whole.
    void resyncStarted();
    void cacheReloaded();
    // The server refused the session token (4401): the engine has stopped; sign in again.
    void sessionRejected();
    // The cache could not be written; the connection is dropped and retried (the position did not move).
    void cacheFailed(const handover::Error &error);

private:
    void connectNow();
    void onConnected();
    void onText(const QString &text);
    void flushFrames();
    // Each returns false when it failed and ended the connection; the frames after it are dropped.
    bool applyEvents(const QList<ReceivedEvent> &events);
    bool onWelcome(const WelcomeFrame &welcome);
    bool onReset(qint64 headSeq);
    void onSnapshotLoaded(qint64 snapshotSeq);
    void onSnapshotFailed(const QString &reason);
    void endConnection(const QString &reason, int closeCode);
    void scheduleReconnect();
    void setPhase(ConnectionState::Phase phase);
    void publishState();

    QUrl m_streamUrl;
    QString m_token;
    ChatroomCache &m_cache;
    const Clock &m_clock;
    RandomSource &m_random;
    NetworkWatch *m_network;
    SyncEngineOptions m_options;
    SnapshotLoader *m_loader;

    QWebSocket *m_socket = nullptr; // the current connection, owned
    QTimer m_idleTimer;
    QTimer m_retryTimer;
    bool m_running = false;
    int m_backoffAttempt = 0; // index into the backoff policy; 0 again after each welcome
    bool m_flushQueued = false;
    bool m_dropFrames = false;     // this connection sent a malformed frame and is being ended
    QList<ReceivedFrame> m_frames; // arrived this turn, not yet applied
    bool m_resyncing = false;
    QList<ReceivedEvent> m_heldBack; // events that arrived while the snapshot loads
    std::optional<WelcomeFrame> m_welcome;
    ConnectionState m_state;
    SyncStats m_stats;
};

} // namespace handover::client
