#include "server/sync/streamconnection.h"

#include "core/json/syncframes.h"
#include "core/logging.h"
#include "server/sync/streamvisibility.h"

#include <QTimer>
#include <QWebSocket>
#include <algorithm>

namespace handover {

namespace {

const QString kStreamPath = QStringLiteral("/v1/stream");

// Frames go straight to the socket while it holds less than this; the rest waits in the outbox, where frames
// are shared between connections instead of copied into each socket's buffer.
constexpr qint64 kSocketHighWaterBytes = 64 * 1024;

QWebSocketProtocol::CloseCode closeCode(int code)
{
    return static_cast<QWebSocketProtocol::CloseCode>(code);
}

} // namespace

OutFrame makeOutFrame(const QByteArray &utf8)
{
    return OutFrame{QString::fromUtf8(utf8), utf8.size()};
}

StreamConnection::StreamConnection(StreamContext &context, std::unique_ptr<QWebSocket> socket,
                                   QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_socket(socket.release())
    , m_helloTimer(new QTimer(this))
    , m_expiryTimer(new QTimer(this))
{
    m_socket->setParent(this);
    const auto limit = quint64(std::max<qint64>(m_context.options.maxFrameBytes, 1));
    m_socket->setMaxAllowedIncomingFrameSize(limit);
    m_socket->setMaxAllowedIncomingMessageSize(limit);

    m_helloTimer->setSingleShot(true);
    m_helloTimer->setInterval(m_context.options.helloTimeoutMs);
    connect(m_helloTimer, &QTimer::timeout, this,
            [this] { closeWith(streamclose::kUnauthenticated, QStringLiteral("no hello in time")); });

    // Precise: a coarse timer may fire 5% early, and the check would only wait again.
    m_expiryTimer->setSingleShot(true);
    m_expiryTimer->setTimerType(Qt::PreciseTimer);
    connect(m_expiryTimer, &QTimer::timeout, this, &StreamConnection::checkExpiry);

    connect(m_socket, &QWebSocket::textMessageReceived, this, &StreamConnection::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this] { closeWith(streamclose::kUnsupportedData, QStringLiteral("frames are JSON text")); });
    connect(m_socket, &QWebSocket::bytesWritten, this, &StreamConnection::onBytesWritten);
    connect(m_socket, &QWebSocket::disconnected, this, &StreamConnection::onDisconnected);
}

StreamConnection::~StreamConnection()
{
    // The socket is our child; say goodbye before it goes, without calling back into a half-destroyed hub.
    m_socket->disconnect(this);
    if (m_state != State::Closed && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->close(closeCode(streamclose::kGoingAway), QStringLiteral("server shutting down"));
        m_socket->flush();
    }
}

void StreamConnection::start()
{
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_state = State::Closed;
        finish();
        deleteLater();
        return;
    }
    if (m_socket->requestUrl().path() != kStreamPath) {
        closeWith(streamclose::kPolicy, QStringLiteral("unknown path"));
        return;
    }
    m_helloTimer->start();
}

bool StreamConnection::isWelcomed() const
{
    return m_state == State::Replaying || m_state == State::Live || m_state == State::Draining;
}

qint64 StreamConnection::queuedBytes() const
{
    return m_socket->bytesToWrite() + m_outboxBytes;
}

// ---- incoming frames

void StreamConnection::onTextMessage(const QString &text)
{
    if (m_state == State::Closed)
        return;
    // A frame the decoder refuses (not JSON, unknown type, wrong field) breaks the protocol's policy: 1008.
    // 1003 is kept for what the protocol never accepts at all, binary frames.
    Result<ClientFrame> frame = decodeClientFrame(text.toUtf8());
    if (!frame) {
        qCInfo(lcSync) << "stream: malformed frame:" << frame.error().description;
        closeWith(streamclose::kPolicy, QStringLiteral("malformed frame"));
        return;
    }
    if (const auto *hello = std::get_if<HelloFrame>(&*frame)) {
        if (m_state != State::AwaitingHello) {
            closeWith(streamclose::kPolicy, QStringLiteral("hello sent twice"));
            return;
        }
        onHello(*hello);
        return;
    }
    if (m_state == State::AwaitingHello) {
        closeWith(streamclose::kUnauthenticated, QStringLiteral("hello must come first"));
        return;
    }
    onPong(std::get<PongFrame>(*frame).t);
}

void StreamConnection::onHello(const HelloFrame &hello)
{
    m_helloTimer->stop();
    std::optional<StreamPrincipal> principal = m_context.backend.principalForSessionToken(hello.token);
    if (!principal) {
        closeWith(streamclose::kUnauthenticated, QStringLiteral("unknown or expired session"));
        return;
    }
    m_principal = std::move(*principal);
    checkExpiry();
    if (m_state == State::Closed)
        return;
    StreamBackend &backend = m_context.backend;
    const qint64 head = backend.headSeq(m_principal.orgId);
    sendNow(QString::fromUtf8(
        encodeServerFrame(WelcomeFrame{m_principal.userId, m_principal.orgId, m_principal.role, head})));
    if (m_state == State::Closed)
        return;

    const qint64 oldest = backend.oldestRetainedSeq(m_principal.orgId);
    if (hello.since > head || hello.since < oldest - 1) {
        qCDebug(lcSync) << "stream: reset for" << m_principal.userId << "since" << hello.since << "head"
                        << head << "oldest" << oldest;
        sendNow(QString::fromUtf8(encodeServerFrame(ResetFrame{head})));
        m_cursor = head;
        m_state = State::Live;
    } else {
        m_cursor = hello.since;
        m_state = State::Replaying;
    }
    // The hub registers us here and may publish (presence) before we return; a replaying connection ignores
    // live events, a live one is consistent already.
    Q_EMIT welcomed(this);
    if (m_state == State::Replaying)
        pumpReplay();
}

void StreamConnection::onPong(qint64 t)
{
    // An echo of any unanswered ping proves the console is there; a stray t is ignored.
    if (m_unansweredPings.contains(t))
        m_unansweredPings.clear();
}

// ---- replay

void StreamConnection::pumpReplay()
{
    m_replayScheduled = false;
    if (m_state != State::Replaying || m_socket->bytesToWrite() > 0)
        return; // onBytesWritten() calls again once the socket has written the previous batch

    StreamBackend &backend = m_context.backend;
    const OrgId &org = m_principal.orgId;
    if (m_cursor < backend.oldestRetainedSeq(org) - 1) {
        // The log was pruned past us while we replayed.
        sendReset();
        m_state = State::Live;
        return;
    }
    const int batchSize = std::max(1, m_context.options.replayBatch);
    const QList<StoredEvent> batch = backend.eventsAfter(org, m_cursor, batchSize);
    for (const StoredEvent &event : batch) {
        if (event.seq <= m_cursor)
            continue;
        m_cursor = event.seq;
        if (storedEventVisibleTo(event, m_principal.userId, m_principal.role))
            sendNow(QString::fromUtf8(event.frame));
        if (m_state != State::Replaying)
            return; // closed by a failed write
    }
    if (batch.size() < batchSize) {
        goLive();
        return;
    }
    // Nothing waits in the socket (the batch was invisible to us, or written at once): no bytesWritten will
    // come, so continue from the event loop to let other connections run.
    if (m_socket->bytesToWrite() == 0)
        scheduleReplay();
}

void StreamConnection::scheduleReplay()
{
    if (m_replayScheduled)
        return;
    m_replayScheduled = true;
    QTimer::singleShot(0, this, &StreamConnection::pumpReplay);
}

void StreamConnection::goLive()
{
    qCDebug(lcSync) << "stream:" << m_principal.userId << "live after seq" << m_cursor;
    m_state = State::Live;
}

// ---- live

bool StreamConnection::accepts(const Event &event)
{
    // Replaying: the log holds this event, the replay will reach it. AwaitingHello, Closed: nothing to do.
    if (m_state != State::Live && m_state != State::Draining)
        return false;
    if (event.seq <= m_cursor)
        return false; // sent by the replay, or covered by a reset
    m_cursor = event.seq;
    if (m_state == State::Draining)
        return false; // the reset after the drain covers it
    return eventVisibleTo(event, m_principal.userId, m_principal.role);
}

void StreamConnection::deliver(const OutFrame &frame)
{
    if (m_state != State::Live)
        return;
    const qint64 limit = m_context.options.maxQueuedBytes;
    auto overLimit = [&] { return queuedBytes() > 0 && queuedBytes() + frame.bytes > limit; };
    while (overLimit()) {
        // Before calling the console slow, let the kernel take what Qt holds for it.
        if (!m_socket->flush() || m_state != State::Live)
            break;
        drainOutbox();
    }
    if (m_state != State::Live)
        return; // the flush found the connection broken
    if (overLimit()) {
        overflow();
        return;
    }
    if (m_outbox.empty() && m_socket->bytesToWrite() < highWaterBytes()) {
        sendNow(frame.text);
        return;
    }
    m_outbox.push_back(frame);
    m_outboxBytes += frame.bytes;
    drainOutbox();
}

qint64 StreamConnection::highWaterBytes() const
{
    return std::min(kSocketHighWaterBytes, std::max<qint64>(1, m_context.options.maxQueuedBytes / 2));
}

void StreamConnection::drainOutbox()
{
    while (!m_outbox.empty() && m_state == State::Live && m_socket->bytesToWrite() < highWaterBytes()) {
        const OutFrame frame = std::move(m_outbox.front());
        m_outbox.pop_front();
        m_outboxBytes -= frame.bytes;
        sendNow(frame.text);
    }
}

void StreamConnection::overflow()
{
    ++m_context.overflows;
    qCInfo(lcSync) << "stream:" << m_principal.userId << "is a slow consumer:" << queuedBytes()
                   << "bytes queued; dropping them and resetting after the drain";
    m_outbox.clear();
    m_outboxBytes = 0;
    m_state = State::Draining;
    finishDrainIfEmpty();
}

void StreamConnection::finishDrainIfEmpty()
{
    if (m_state != State::Draining || m_socket->bytesToWrite() > 0)
        return;
    sendReset();
    m_state = State::Live;
}

void StreamConnection::sendReset()
{
    const qint64 head = m_context.backend.headSeq(m_principal.orgId);
    sendNow(QString::fromUtf8(encodeServerFrame(ResetFrame{head})));
    m_cursor = std::max(m_cursor, head);
}

void StreamConnection::onBytesWritten()
{
    switch (m_state) {
    case State::Replaying:
        if (m_socket->bytesToWrite() == 0)
            pumpReplay();
        break;
    case State::Live:
        drainOutbox();
        break;
    case State::Draining:
        finishDrainIfEmpty();
        break;
    case State::AwaitingHello:
    case State::Closed:
        break;
    }
}

// ---- pings and closing

void StreamConnection::sendPing()
{
    if (!isWelcomed())
        return;
    if (m_unansweredPings.size() >= std::max(1, m_context.options.missedPingsBeforeClose)) {
        closeWith(streamclose::kPingTimeout, QStringLiteral("pings not answered"));
        return;
    }
    const qint64 t = m_context.clock.nowMs();
    m_unansweredPings.append(t);
    sendNow(QString::fromUtf8(encodeServerFrame(PingFrame{t})));
}

void StreamConnection::checkExpiry()
{
    if (m_state == State::Closed || !m_principal.expiresAt.isValid())
        return;
    const qint64 leftMs = m_context.clock.now().msecsTo(m_principal.expiresAt);
    if (leftMs <= 0) {
        closeWith(streamclose::kUnauthenticated, QStringLiteral("session expired"));
        return;
    }
    m_expiryTimer->start(int(std::min<qint64>(leftMs, std::max(1, m_context.options.expiryRecheckMs))));
}

void StreamConnection::sendNow(const QString &text)
{
    m_socket->sendTextMessage(text);
    ++m_context.framesSent;
}

void StreamConnection::closeWith(int code, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    qCInfo(lcSync) << "stream: closing" << m_principal.userId << "with" << code << reason;
    m_state = State::Closed;
    m_helloTimer->stop();
    m_expiryTimer->stop();
    m_outbox.clear();
    m_outboxBytes = 0;
    // A peer that neither answers the close frame nor reads (so Qt cannot flush) is cut off after a grace.
    QTimer::singleShot(std::max(0, m_context.options.closeGraceMs), this, [this] {
        m_socket->abort();
        deleteLater();
    });
    m_socket->close(closeCode(code), reason);
    finish();
}

void StreamConnection::onDisconnected()
{
    m_state = State::Closed;
    m_helloTimer->stop();
    m_expiryTimer->stop();
    finish();
    deleteLater();
}

void StreamConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(this);
}

} // namespace handover
