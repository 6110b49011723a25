#pragma once

#include "core/domain/event.h"
#include "core/json/syncframes.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

namespace handover::testing {

// A test client of /v1/stream that behaves like a console: hello {token, since}, then it collects every
// frame, answers pings, and keeps the chatrooms it is given (upserted from each event, a MEMBER dropping
// those it no longer participates in). It may be dropped and reopened any number of times; events() then
// holds what every connection received, in arrival order.
//
// While it applies events it checks what SYNC.md and R20 promise and records each broken promise in
// violations(): seq strictly increasing across connections, a bump gives the chatroom the bumping event's
// seq, and an event that does not bump leaves a known chatroom's sort key as it was.
class StreamClient : public QObject
{
    Q_OBJECT

public:
    explicit StreamClient(const QUrl &serverUrl, QObject *parent = nullptr);
    ~StreamClient() override;

    // Opens a connection and says hello; waits for the welcome (and the reset, if one follows at once).
    bool connectTo(const QString &token, qint64 since = 0, int timeoutMs = 10000);
    // The same without waiting.
    void open(const QString &token, qint64 since);
    // Drops the connection at once, as a lost network or a killed console would: no close handshake.
    void abort();
    bool isOpen() const;
    // Sends a text frame as it is (for tests of what the server refuses).
    void sendRaw(const QString &text);
    bool isWelcomed() const { return m_welcomedNow; }
    int connections() const { return m_connections; }

    const QList<Event> &events() const { return m_events; }
    qint64 lastSeq() const { return m_lastSeq; } // the newest seq applied (or the head of a reset)
    std::optional<WelcomeFrame> welcome() const { return m_welcome; }
    const QList<ResetFrame> &resets() const { return m_resets; }
    const QStringList &violations() const { return m_violations; }
    int lastCloseCode() const { return m_closeCode; }
    void setAnswerPings(bool answer) { m_answerPings = answer; }

    // The first event at index >= from matching the predicate, waiting for it up to timeoutMs.
    std::optional<Event> waitForEvent(const std::function<bool(const Event &)> &predicate,
                                      int timeoutMs = 10000, qsizetype from = 0);
    // Waits until an event with seq >= seq has been applied.
    bool waitForSeq(qint64 seq, int timeoutMs = 10000);
    QList<Event> eventsOf(const QString &chatroomId, qsizetype from = 0) const;

    // The console-like state: chatrooms by id, and their ids in list order (R20: sort key, newest first).
    const QHash<QString, Chatroom> &chatrooms() const { return m_chatrooms; }
    QStringList orderedIds() const;

Q_SIGNALS:
    void eventApplied(const handover::Event &event);
    void connectionLost();

private:
    void onText(const QString &text);
    void apply(const Event &event);
    void dropSocket();

    QUrl m_url;
    std::unique_ptr<QWebSocket> m_socket;
    QString m_token;
    qint64 m_since = 0;
    bool m_welcomedNow = false;
    bool m_answerPings = true;
    int m_connections = 0;
    int m_lost = 0; // connections that ended other than by abort()
    int m_closeCode = 0;
    std::optional<WelcomeFrame> m_welcome;
    QList<ResetFrame> m_resets;
    QList<Event> m_events;
    qint64 m_lastSeq = 0;
    QHash<QString, Chatroom> m_chatrooms;
    QStringList m_violations;
};

} // namespace handover::testing
