#include "client/syncengine.h"

#include "client/apiclient.h"
#include "client/networkwatch.h"
#include "client/snapshotloader.h"
#include "core/logging.h"

#include <QNetworkRequest>
#include <QWebSocket>

namespace handover::client {

namespace {

constexpr int kCloseUnauthenticated = 4401; // SYNC.md: no hello in time, or an unknown or expired token

} // namespace

SyncEngine::SyncEngine(QUrl serverUrl, QString token, ChatroomCache &cache, ApiClient &api,
                       const Clock &clock, RandomSource &random, NetworkWatch *network,
                       SyncEngineOptions options, QObject *parent)
    : QObject(parent)
    , m_streamUrl(streamUrl(serverUrl))
    , m_token(std::move(token))
    , m_cache(cache)
    , m_clock(clock)
    , m_random(random)
    , m_network(network)
    , m_options(std::move(options))
    , m_loader(new SnapshotLoader(api, cache, this))
{
    if (m_options.clientName.isEmpty())
        m_options.clientName = QStringLiteral("handover-console/") + QStringLiteral(HANDOVER_VERSION);
    m_idleTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        endConnection(QStringLiteral("no frame for %1 s").arg(m_options.idleTimeoutMs / 1000.0), 0);
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &SyncEngine::connectNow);
    connect(m_loader, &SnapshotLoader::finished, this, &SyncEngine::onSnapshotLoaded);
    connect(m_loader, &SnapshotLoader::failed, this,
            [this](const QString &reason, bool) { onSnapshotFailed(reason); });
    if (m_network) {
        connect(m_network, &NetworkWatch::cameOnline, this, [this] {
            if (m_running && !m_socket)
                connectNow(); // SYNC.md: at once when the network comes back
        });
        connect(m_network, &NetworkWatch::wentOffline, this, [this] {
            if (m_running && m_state.phase == ConnectionState::Phase::Reconnecting)
                setPhase(ConnectionState::Phase::Offline);
        });
    }
}

SyncEngine::~SyncEngine()
{
    // Whoever listens may be half gone already; close without announcing anything.
    blockSignals(true);
    stop();
}

QUrl SyncEngine::streamUrl(const QUrl &serverUrl)
{
    QUrl url = serverUrl;
    url.setScheme(serverUrl.scheme() == QLatin1String("https") || serverUrl.scheme() == QLatin1String("wss")
                      ? QStringLiteral("wss")
                      : QStringLiteral("ws"));
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/v1/stream"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

// ---- lifecycle

void SyncEngine::start()
{
    if (m_running)
        return;
    m_running = true;
    m_state.failedAttempts = 0;
    m_backoffAttempt = 0;
    connectNow();
}

void SyncEngine::stop()
{
    if (!m_running && !m_socket)
        return;
    m_running = false;
    m_retryTimer.stop();
    m_idleTimer.stop();
    m_loader->cancel();
    m_resyncing = false;
    m_heldBack.clear();
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        flushFrames(); // what arrived is valid; keep it
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("console closing"));
        socket->deleteLater();
    }
    m_frames.clear();
    m_state.nextAttemptAt = {};
    m_state.resyncing = false;
    setPhase(ConnectionState::Phase::Offline);
}

void SyncEngine::reconnectNow()
{
    if (m_running && !m_socket)
        connectNow();
}

void SyncEngine::dropConnection()
{
    if (m_socket)
        endConnection(QStringLiteral("connection dropped"), 0);
}

void SyncEngine::connectNow()
{
    if (!m_running || m_socket)
        return;
    m_retryTimer.stop();
    m_state.nextAttemptAt = {};
    setPhase(ConnectionState::Phase::Connecting);
    m_dropFrames = false;
    ++m_stats.connections;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxFrameBytes));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxFrameBytes));
    QWebSocket *socket = m_socket;
    connect(socket, &QWebSocket::connected, this, &SyncEngine::onConnected);
    connect(socket, &QWebSocket::textMessageReceived, this, &SyncEngine::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this] { endConnection(QStringLiteral("the server sent a binary frame"), 0); });
    // A refused or failed connect and a lost connection all end in UnconnectedState.
    connect(socket, &QWebSocket::stateChanged, this,
            [this, socket](QAbstractSocket::SocketState socketState) {
                if (socketState != QAbstractSocket::UnconnectedState || socket != m_socket)
                    return;
                const int code = int(socket->closeCode());
                QString reason = socket->closeReason();
                if (reason.isEmpty())
                    reason = socket->errorString();
                endConnection(reason, code);
            });
    // Also bounds the opening handshake and the wait for the welcome.
    m_idleTimer.start(m_options.idleTimeoutMs);
    qCDebug(lcSync) << "connecting to" << m_streamUrl << "since" << m_cache.lastAppliedSeq();
    socket->open(QNetworkRequest(m_streamUrl));
}

void SyncEngine::onConnected()
{
    if (!m_socket)
        return;
    HelloFrame hello;
    hello.token = m_token;
    hello.since = m_cache.lastAppliedSeq();
    hello.client = m_options.clientName;
    m_socket->sendTextMessage(QString::fromUtf8(encodeClientFrame(hello)));
}

void SyncEngine::endConnection(const QString &reason, int closeCode)
{
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    if (!socket)
        return;
    flushFrames(); // frames that arrived before the end are valid: apply them
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
    m_idleTimer.stop();
    m_loader->cancel();
    m_resyncing = false;
    m_heldBack.clear();
    m_state.resyncing = false;
    const bool wasWelcomed = m_state.phase == ConnectionState::Phase::Connected;
    m_state.lastError = reason;
    qCInfo(lcSync) << "stream ended:" << reason << "close code" << closeCode << "at seq"
                   << m_cache.lastAppliedSeq();
    if (closeCode == kCloseUnauthenticated) {
        m_running = false;
        m_retryTimer.stop();
        m_state.nextAttemptAt = {};
        setPhase(ConnectionState::Phase::Offline);
        Q_EMIT sessionRejected();
        return;
    }
    if (!m_running)
        return;
    if (!wasWelcomed)
        ++m_state.failedAttempts;
    scheduleReconnect();
}

void SyncEngine::scheduleReconnect()
{
    // m_backoffAttempt is 0 right after a healthy connection, so the first retry comes within 0.5 s.
    const qint64 delay = m_options.backoff.delayMs(m_backoffAttempt++, m_random);
    m_state.nextAttemptAt = m_clock.now().addMSecs(delay);
    m_retryTimer.start(std::chrono::milliseconds(delay));
    const bool offline = m_network && !m_network->isOnline();
    setPhase(offline ? ConnectionState::Phase::Offline : ConnectionState::Phase::Reconnecting);
    qCInfo(lcSync) << "reconnecting in" << delay << "ms;" << m_state.failedAttempts
                   << "failed attempts in a row";
}

// ---- frames

void SyncEngine::onText(const QString &text)
{
    if (m_dropFrames)
        return; // after a malformed frame: nothing behind it may be applied in its place
    m_idleTimer.start(m_options.idleTimeoutMs);
    ++m_stats.framesReceived;
    Result<ReceivedFrame> frame = decodeReceivedFrame(text.toUtf8());
    if (!frame) {
        qCWarning(lcSync) << "malformed frame:" << frame.error().description;
        // Not from inside the socket's own signal: end it from the event loop.
        const QString reason = QStringLiteral("malformed frame: ") + frame.error().description;
        m_dropFrames = true;
        QMetaObject::invokeMethod(
            this, [this, reason] { endConnection(reason, 0); }, Qt::QueuedConnection);
        return;
    }
    if (const auto *ping = std::get_if<PingFrame>(&*frame)) {
        if (m_socket)
            m_socket->sendTextMessage(QString::fromUtf8(encodeClientFrame(PongFrame{ping->t})));
        return;
    }
    m_frames.append(std::move(frame).value());
    if (!m_flushQueued) {
        m_flushQueued = true;
        // Runs once the frames already read from the socket have all been handed over: one batch per turn.
        QMetaObject::invokeMethod(this, &SyncEngine::flushFrames, Qt::QueuedConnection);
    }
}

void SyncEngine::flushFrames()
{
    m_flushQueued = false;
    if (m_frames.isEmpty())
        return;
    // Taken out first: a failure below ends the connection, which flushes again and must find nothing.
    const QList<ReceivedFrame> frames = std::exchange(m_frames, {});
    QList<ReceivedEvent> batch;
    // In order; after a failure nothing more is applied, or the position would pass the events that failed.
    for (const ReceivedFrame &frame : frames) {
        if (const auto *event = std::get_if<ReceivedEvent>(&frame)) {
            if (m_resyncing)
                m_heldBack.append(*event);
            else
                batch.append(*event);
        } else if (const auto *welcome = std::get_if<WelcomeFrame>(&frame)) {
            if (!applyEvents(std::exchange(batch, {})) || !onWelcome(*welcome))
                return;
        } else if (const auto *reset = std::get_if<ResetFrame>(&frame)) {
            batch.clear(); // the reset drops the cache they would go into
            if (!onReset(reset->headSeq))
                return;
        }
    }
    applyEvents(batch);
}

bool SyncEngine::applyEvents(const QList<ReceivedEvent> &events)
{
    if (events.isEmpty())
        return true;
    // Only what the cache does not hold yet; the cache skips the rest too, but the models must not hear of
    // it.
    QList<ReceivedEvent> fresh;
    QList<Event> announced;
    fresh.reserve(events.size());
    announced.reserve(events.size());
    qint64 position = m_cache.lastAppliedSeq();
    for (const ReceivedEvent &received : events) {
        if (received.event.seq > position) {
            fresh.append(received);
            announced.append(received.event);
            position = received.event.seq;
        }
    }
    if (fresh.isEmpty())
        return true;
    Result<qsizetype> applied = m_cache.applyBatch(fresh);
    if (!applied) {
        qCWarning(lcSync) << "could not apply" << fresh.size() << "events:" << applied.error().description;
        Q_EMIT cacheFailed(applied.error());
        // Nothing of the batch was kept; the replay after the reconnect brings it again.
        endConnection(QStringLiteral("the cache could not be written"), 0);
        return false;
    }
    ++m_stats.batches;
    m_stats.eventsApplied += quint64(fresh.size());
    Q_EMIT eventsApplied(announced);
    return true;
}

bool SyncEngine::onWelcome(const WelcomeFrame &welcome)
{
    const CacheIdentity &identity = m_cache.identity();
    if (welcome.orgId != identity.orgId || welcome.userId != identity.userId) {
        // The token belongs to someone else than the cache: never mix two users' states in one file.
        qCWarning(lcSync) << "welcome for user" << welcome.userId << "of org" << welcome.orgId
                          << "but the cache belongs to" << identity.userId << "of" << identity.orgId;
        m_running = false;
        endConnection(QStringLiteral("the session belongs to another user"), 0);
        setPhase(ConnectionState::Phase::Offline);
        Q_EMIT sessionRejected();
        return false;
    }
    if (welcome.role != identity.role)
        qCWarning(lcSync) << "the user's role is now" << roleName(welcome.role)
                          << "; sign in again to see its view";
    m_welcome = welcome;
    ++m_stats.welcomes;
    m_state.failedAttempts = 0;
    m_backoffAttempt = 0;
    m_state.nextAttemptAt = {};
    m_state.lastError.clear();
    setPhase(ConnectionState::Phase::Connected);
    Q_EMIT welcomed(welcome);
    return true;
}

bool SyncEngine::onReset(qint64 headSeq)
{
    ++m_stats.resets;
    qCInfo(lcSync) << "reset at head" << headSeq << "; the cache was at" << m_cache.lastAppliedSeq();
    m_heldBack.clear();
    if (Result<void> dropped = m_cache.reset(m_cache.identity().orgId); !dropped) {
        Q_EMIT cacheFailed(dropped.error());
        endConnection(QStringLiteral("the cache could not be reset"), 0);
        return false;
    }
    m_resyncing = true;
    m_state.resyncing = true;
    publishState();
    Q_EMIT resyncStarted();
    m_loader->start(headSeq);
    return true;
}

void SyncEngine::onSnapshotLoaded(qint64 snapshotSeq)
{
    if (!m_resyncing)
        return;
    m_resyncing = false;
    m_state.resyncing = false;
    const QList<ReceivedEvent> heldBack = std::exchange(m_heldBack, {});
    // The snapshot was read after the reset, so it may already show some held-back events; applying them in
    // order on top is an idempotent upsert, and the position ends at the last of them (or the reset's head).
    Result<qsizetype> applied = m_cache.applyBatch(heldBack, snapshotSeq);
    if (!applied) {
        Q_EMIT cacheFailed(applied.error());
        endConnection(QStringLiteral("the cache could not be written"), 0);
        return;
    }
    ++m_stats.batches;
    m_stats.eventsApplied += quint64(*applied);
    publishState();
    Q_EMIT cacheReloaded();
}

void SyncEngine::onSnapshotFailed(const QString &reason)
{
    qCWarning(lcSync) << "the snapshot could not be loaded:" << reason;
    // The cache is empty at position 0 now; the next hello asks for everything and gets a replay or a reset.
    endConnection(QStringLiteral("snapshot failed: ") + reason, 0);
}

// ---- state

void SyncEngine::setPhase(ConnectionState::Phase phase)
{
    m_state.phase = phase;
    publishState();
}

void SyncEngine::publishState()
{
    Q_EMIT stateChanged(m_state);
}

} // namespace handover::client
