#pragma once

#include "core/clock.h"
#include "server/sync/streambackend.h"

#include <QObject>
#include <QString>
#include <deque>
#include <memory>

QT_BEGIN_NAMESPACE
class QTimer;
class QWebSocket;
QT_END_NAMESPACE

namespace handover {

struct HelloFrame;

// What the hub shares with its connections.
struct StreamContext
{
    const Clock &clock;
    StreamBackend &backend;
    SyncHubOptions options;
    quint64 framesSent = 0;
    quint64 overflows = 0;
};

// One frame's text, shared (implicitly) by every connection that sends it: QWebSocket takes text messages as
// QString, so an event is turned into one once, not once per connection. `bytes` is its UTF-8 size on the
// wire.
struct OutFrame
{
    QString text;
    qint64 bytes = 0;
};
OutFrame makeOutFrame(const QByteArray &utf8);

// One console's stream: hello, welcome or reset, replay from the log, then live events and pings.
//
// Outbound memory is bounded. Frames go to the socket while it holds less than a small high-water mark; the
// rest wait in an outbox of shared frames. When the socket's unwritten bytes plus the outbox would pass
// maxQueuedBytes, the connection is a slow consumer: the outbox is dropped, nothing more is queued, and once
// the socket has drained the connection gets `reset {head_seq}` and goes on live from there (the console
// reloads the snapshot over HTTP). A console is never disconnected for being slow, and never costs more than
// maxQueuedBytes.
//
// Replay reads the log in batches of replayBatch and fetches the next batch only once the socket has written
// the previous one. Live events that arrive meanwhile are not buffered: they are in the log already (publish
// follows commit), so the replay reaches them, and once it is caught up live events at or below the replay's
// cursor are skipped. So nothing is lost, repeated or reordered, and memory stays at one batch.
class StreamConnection : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        AwaitingHello,
        Replaying, // welcomed; sending the log after `since`
        Live,
        Draining, // welcomed; overflowed, waiting for the socket to drain before the reset
        Closed,
    };

    StreamConnection(StreamContext &context, std::unique_ptr<QWebSocket> socket, QObject *parent = nullptr);
    ~StreamConnection() override;

    // Checks the path and arms the hello timeout. May finish the connection at once.
    void start();

    State state() const { return m_state; }
    bool isWelcomed() const;
    const StreamPrincipal &principal() const { return m_principal; }
    qint64 queuedBytes() const; // unwritten socket bytes plus the outbox

    // Live delivery in two steps so the hub encodes an event only if some connection takes it: accepts() says
    // whether this connection sends the event (and moves its cursor past it), deliver() queues the frame.
    bool accepts(const Event &event);
    void deliver(const OutFrame &frame);

    void sendPing();
    void closeWith(int code, const QString &reason);

Q_SIGNALS:
    void welcomed(handover::StreamConnection *connection);
    // Once, when the connection ends for either side; it deletes itself later.
    void finished(handover::StreamConnection *connection);

private:
    void onTextMessage(const QString &text);
    void onHello(const HelloFrame &hello);
    void onPong(qint64 t);
    void onBytesWritten();
    void onDisconnected();
    // Closes with 4401 if the session has expired by the clock; otherwise waits for its end again.
    void checkExpiry();

    void pumpReplay();
    void scheduleReplay();
    void goLive();
    void drainOutbox();
    qint64 highWaterBytes() const;
    void overflow();
    void finishDrainIfEmpty();
    void sendReset();
    void sendNow(const QString &text);
    void finish();

    StreamContext &m_context;
    QWebSocket *m_socket = nullptr; // owned (child)
    QTimer *m_helloTimer = nullptr;
    QTimer *m_expiryTimer = nullptr;
    State m_state = State::AwaitingHello;
    StreamPrincipal m_principal;
    qint64 m_cursor = 0; // every event of the org with seq <= m_cursor has been sent or skipped
    std::deque<OutFrame> m_outbox;
    qint64 m_outboxBytes = 0;
    QList<qint64> m_unansweredPings; // their t values
    bool m_replayScheduled = false;
    bool m_finished = false;
};

} // namespace handover
