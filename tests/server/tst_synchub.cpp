#include "core/json/syncframes.h"
#include "server/sync/streamvisibility.h"
#include "server/sync/synchub.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtEndian>
#include <algorithm>
#include <functional>

using namespace handover;
using namespace Qt::StringLiterals;

namespace {

const OrgId kOrgA = u"org-a"_s;
const OrgId kOrgB = u"org-b"_s;
const UserId kAna = u"u-ana"_s;   // MEMBER of org A
const UserId kBob = u"u-bob"_s;   // MEMBER of org A
const UserId kSue = u"u-sue"_s;   // SUPERVISOR of org A
const UserId kAdam = u"u-adam"_s; // ADMIN of org A
const UserId kBea = u"u-bea"_s;   // SUPERVISOR of org B

QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC).addSecs(60 * minute);
}

Chatroom room(const OrgId &org, const QString &id, const QList<UserId> &participants)
{
    Chatroom c;
    c.id = id;
    c.orgId = org;
    c.contactId = u"c-"_s + id;
    c.displayName = u"Contact "_s + id;
    c.phoneNumber = u"+15550000001"_s;
    c.remoteWabaId = u"waba-1"_s;
    c.remotePhoneId = u"100"_s;
    for (const UserId &user : participants)
        c.participants.append(Participant{user, at(0), MessageId(), 0});
    c.sortKey = SortKey{at(1).toMSecsSinceEpoch(), 1};
    c.createdAt = at(0);
    return c;
}

Event roomEvent(EventKind kind, const Chatroom &chatroom, const UserId &userId = {})
{
    Event e;
    e.kind = kind;
    e.at = at(2);
    e.chatroom = chatroom;
    e.userId = userId;
    if (kind == EventKind::ChatroomAssigned)
        e.reason = reason::created();
    if (kind == EventKind::ChatroomUnassigned)
        e.reason = reason::reassigned();
    return e;
}

Event presence(const UserId &userId, bool online)
{
    Event e;
    e.kind = EventKind::PresenceUpdated;
    e.at = at(3);
    e.userId = userId;
    e.online = online;
    return e;
}

// The event log of every org, in memory.
class FakeBackend final : public StreamBackend
{
public:
    QHash<QString, StreamPrincipal> sessions;
    int fetches = 0;
    int largestLimit = 0;
    // Runs inside eventsAfter, before it reads the log.
    std::function<void(int fetch, qint64 since, int limit)> beforeFetch;

    FakeBackend()
    {
        sessions.insert(u"t-ana"_s, {kOrgA, kAna, Role::Member});
        sessions.insert(u"t-bob"_s, {kOrgA, kBob, Role::Member});
        sessions.insert(u"t-sue"_s, {kOrgA, kSue, Role::Supervisor});
        sessions.insert(u"t-adam"_s, {kOrgA, kAdam, Role::Admin});
        sessions.insert(u"t-bea"_s, {kOrgB, kBea, Role::Supervisor});
    }

    Event append(const OrgId &org, Event event)
    {
        Log &log = m_logs[org];
        event.seq = ++log.head;
        log.events.append(toStoredEvent(event));
        return event;
    }
    QList<Event> append(const OrgId &org, const QList<Event> &events)
    {
        QList<Event> stored;
        for (const Event &event : events)
            stored.append(append(org, event));
        return stored;
    }
    void pruneBefore(const OrgId &org, qint64 oldest)
    {
        Log &log = m_logs[org];
        log.events.removeIf([oldest](const StoredEvent &e) { return e.seq < oldest; });
    }

    std::optional<StreamPrincipal> principalForSessionToken(const QString &token) override
    {
        const auto found = sessions.constFind(token);
        if (found == sessions.cend())
            return std::nullopt;
        StreamPrincipal principal = *found;
        if (principal.sessionHash.isEmpty())
            principal.sessionHash = token; // each token is its own session
        return principal;
    }
    qint64 headSeq(const OrgId &orgId) override { return m_logs.value(orgId).head; }
    qint64 oldestRetainedSeq(const OrgId &orgId) override
    {
        const Log log = m_logs.value(orgId);
        return log.events.isEmpty() ? log.head + 1 : log.events.first().seq;
    }
    QList<StoredEvent> eventsAfter(const OrgId &orgId, qint64 since, int limit) override
    {
        ++fetches;
        largestLimit = std::max(largestLimit, limit);
        if (beforeFetch)
            beforeFetch(fetches, since, limit);
        const QList<StoredEvent> &events = m_logs[orgId].events;
        auto from = std::upper_bound(events.cbegin(), events.cend(), since,
                                     [](qint64 seq, const StoredEvent &e) { return seq < e.seq; });
        QList<StoredEvent> batch;
        for (; from != events.cend() && batch.size() < limit; ++from)
            batch.append(*from);
        return batch;
    }

private:
    struct Log
    {
        QList<StoredEvent> events;
        qint64 head = 0;
    };
    QHash<OrgId, Log> m_logs;
};

// A console: a real QWebSocket that decodes every frame it gets and answers pings unless told not to.
class StreamClient : public QObject
{
public:
    QWebSocket socket;
    QList<ServerFrame> frames;
    int pings = 0;
    bool answerPings = true;
    bool closed = false;
    std::function<void(const Event &)> onEvent;

    explicit StreamClient(const QUrl &url)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            Result<ServerFrame> frame = decodeServerFrame(text.toUtf8());
            QVERIFY2(frame.ok(), qPrintable(text.left(200)));
            frames.append(*frame);
            if (const auto *ping = std::get_if<PingFrame>(&*frame)) {
                ++pings;
                if (answerPings)
                    socket.sendTextMessage(QString::fromUtf8(encodeClientFrame(PongFrame{ping->t})));
            }
            if (const auto *event = std::get_if<EventFrame>(&*frame); event && onEvent)
                onEvent(*event);
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] { closed = true; });
        socket.open(url);
    }

    bool waitConnected()
    {
        QSignalSpy connected(&socket, &QWebSocket::connected);
        return socket.state() == QAbstractSocket::ConnectedState || connected.wait(5000);
    }
    void hello(const QString &token, qint64 since = 0)
    {
        socket.sendTextMessage(QString::fromUtf8(encodeClientFrame(HelloFrame{token, since, u"test/1"_s})));
    }
    int closeCode() const { return int(socket.closeCode()); }

    template <typename T> QList<T> all() const
    {
        QList<T> found;
        for (const ServerFrame &frame : frames) {
            if (const auto *f = std::get_if<T>(&frame))
                found.append(*f);
        }
        return found;
    }
    QList<qint64> seqs() const
    {
        QList<qint64> out;
        for (const Event &e : all<EventFrame>())
            out.append(e.seq);
        return out;
    }
    // The type of each frame but pings, in order: "welcome", "reset", "event".
    QStringList types() const
    {
        QStringList out;
        for (const ServerFrame &frame : frames) {
            if (std::holds_alternative<WelcomeFrame>(frame))
                out.append(u"welcome"_s);
            else if (std::holds_alternative<ResetFrame>(frame))
                out.append(u"reset"_s);
            else if (std::holds_alternative<EventFrame>(frame))
                out.append(u"event"_s);
        }
        return out;
    }
};

// A console that stops reading: a raw TCP socket that does the upgrade itself and then lets the kernel
// buffers fill up, because QWebSocket cannot stop reading.
class StalledClient : public QObject
{
public:
    QTcpSocket socket;
    QByteArray received;

    // The server runs on this thread too: wait by spinning the event loop, never by blocking.
    bool open(quint16 port, const QString &token)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
            return false;
        socket.write("GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: c3luY2h1Yi10ZXN0LWtleQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
        QByteArray response;
        const bool answered = QTest::qWaitFor(
            [&] {
                response += socket.readAll(); // nothing follows the 101 until our hello
                return response.contains("\r\n\r\n");
            },
            5000);
        if (!answered || !response.startsWith("HTTP/1.1 101"))
            return false;
        sendText(encodeClientFrame(HelloFrame{token, 0, u"stalled/1"_s}));
        socket.setReadBufferSize(1024); // Qt stops taking bytes from the kernel
        return true;
    }
    void sendText(const QByteArray &payload)
    {
        QByteArray frame;
        frame.append(char(0x81));
        const char mask[4] = {0x11, 0x22, 0x33, 0x44};
        if (payload.size() < 126) {
            frame.append(char(0x80 | payload.size()));
        } else {
            frame.append(char(0x80 | 126));
            frame.append(char((payload.size() >> 8) & 0xff));
            frame.append(char(payload.size() & 0xff));
        }
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload[i] ^ mask[i % 4]));
        socket.write(frame);
    }
    void resume()
    {
        socket.setReadBufferSize(0);
        connect(&socket, &QTcpSocket::readyRead, this, [this] { received += socket.readAll(); });
        received += socket.readAll();
    }
    // The JSON objects of the complete text frames received so far.
    QList<QJsonObject> texts() const
    {
        QList<QJsonObject> out;
        qsizetype pos = 0;
        while (received.size() - pos >= 2) {
            const auto opcode = quint8(received[pos]) & 0x0f;
            quint64 length = quint8(received[pos + 1]) & 0x7f;
            qsizetype header = 2;
            if (length == 126) {
                if (received.size() - pos < 4)
                    break;
                length = qFromBigEndian<quint16>(received.constData() + pos + 2);
                header = 4;
            } else if (length == 127) {
                if (received.size() - pos < 10)
                    break;
                length = qFromBigEndian<quint64>(received.constData() + pos + 2);
                header = 10;
            }
            if (quint64(received.size() - pos - header) < length)
                break;
            if (opcode == 0x1)
                out.append(QJsonDocument::fromJson(received.mid(pos + header, qsizetype(length))).object());
            pos += header + qsizetype(length);
        }
        return out;
    }
};

SyncHubOptions fastOptions()
{
    SyncHubOptions o;
    o.helloTimeoutMs = 200;
    o.pingIntervalMs = 100;
    o.missedPingsBeforeClose = 2;
    o.maxFrameBytes = 4096;
    o.replayBatch = 100;
    o.closeGraceMs = 500;
    return o;
}

// A hub behind a real WebSocket server on loopback.
class HubFixture
{
public:
    FakeClock clock;
    FakeBackend backend;
    QWebSocketServer server{u"tst_synchub"_s, QWebSocketServer::NonSecureMode};
    std::unique_ptr<SyncHub> hub;

    explicit HubFixture(SyncHubOptions options = fastOptions())
        : hub(std::make_unique<SyncHub>(clock, backend, options))
    {
        QObject::connect(&server, &QWebSocketServer::newConnection, hub.get(), [this] {
            while (server.hasPendingConnections())
                hub->accept(std::unique_ptr<QWebSocket>(server.nextPendingConnection()));
        });
        server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl url(const QString &path = u"/v1/stream"_s) const
    {
        QUrl u;
        u.setScheme(u"ws"_s);
        u.setHost(u"127.0.0.1"_s);
        u.setPort(server.serverPort());
        u.setPath(path);
        return u;
    }
    // A connected client that has had its welcome.
    std::unique_ptr<StreamClient> welcomed(const QString &token, qint64 since = 0)
    {
        auto client = std::make_unique<StreamClient>(url());
        if (!client->waitConnected())
            return nullptr;
        client->hello(token, since);
        if (!QTest::qWaitFor([&] { return !client->all<WelcomeFrame>().isEmpty() || client->closed; },
                             5000) ||
            client->closed)
            return nullptr;
        return client;
    }
    QList<Event> commit(const OrgId &org, const QList<Event> &events)
    {
        QList<Event> stored = backend.append(org, events);
        hub->publish(org, stored);
        return stored;
    }
};

// A log with every kind of relation to ana (MEMBER), bob (MEMBER) and sue (SUPERVISOR).
QList<Event> mixedLog()
{
    const Chatroom anas = room(kOrgA, u"r-ana"_s, {kAna});
    const Chatroom bobs = room(kOrgA, u"r-bob"_s, {kBob});
    const Chatroom shared = room(kOrgA, u"r-shared"_s, {kAna, kBob});
    const Chatroom pending = room(kOrgA, u"r-pending"_s, {});
    return {
        roomEvent(EventKind::ChatroomCreated, anas),
        roomEvent(EventKind::ChatroomAssigned, anas, kAna),
        roomEvent(EventKind::ChatroomCreated, bobs),
        roomEvent(EventKind::ChatroomUpdated, shared),
        roomEvent(EventKind::ChatroomCreated, pending),
        presence(kAna, true),
        presence(kBob, true),
        roomEvent(EventKind::ChatroomUnassigned, bobs, kAna), // reassigned away from ana to bob
        roomEvent(EventKind::ChatroomUpdated, bobs),
        roomEvent(EventKind::ChatroomUpdated, anas),
    };
}

QList<qint64> visibleSeqs(const QList<Event> &events, const UserId &userId, Role role, qint64 since = 0)
{
    QList<qint64> out;
    for (const Event &e : events) {
        if (e.seq > since && eventVisibleTo(e, userId, role))
            out.append(e.seq);
    }
    return out;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> out;
    for (qint64 s = first; s <= last; ++s)
        out.append(s);
    return out;
}

} // namespace

class TestSyncHub : public QObject
{
    Q_OBJECT

private slots:
    void storedVisibilityMatchesLiveVisibility_data();
    void storedVisibilityMatchesLiveVisibility();
    void helloIsAnsweredWithWelcome();
    void badOpeningsAreClosed_data();
    void badOpeningsAreClosed();
    void replaysVisibleEventsAfterSince_data();
    void replaysVisibleEventsAfterSince();
    void sinceOutsideTheLogGetsReset_data();
    void sinceOutsideTheLogGetsReset();
    void liveEventsDuringReplayAreNeitherLostNorRepeated_data();
    void liveEventsDuringReplayAreNeitherLostNorRepeated();
    void liveEventsFollowVisibility();
    void orgsAreIsolated();
    void unassignedReachesTheUserWhoLostTheChatroom_data();
    void unassignedReachesTheUserWhoLostTheChatroom();
    void pingsKeepOrCloseConnections_data();
    void pingsKeepOrCloseConnections();
    void slowConsumerGetsResetWithBoundedMemory();
    void presenceFollowsFirstAndLastConnection();
    void disconnectUserClosesAllTheirStreams();
    void disconnectSessionClosesOnlyThatSession();
    void sessionExpiryClosesTheStreamByTheClock_data();
    void sessionExpiryClosesTheStreamByTheClock();
    void destroyingTheHubClosesStreamsAsGoingAway();
};

void TestSyncHub::storedVisibilityMatchesLiveVisibility_data()
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<QString>("viewer");
    QTest::addColumn<Role>("role");
    QTest::addColumn<bool>("visible");

    const Chatroom anas = room(kOrgA, u"r-1"_s, {kAna});
    const Chatroom bobs = room(kOrgA, u"r-2"_s, {kBob});
    QTest::newRow("a member sees events of a chatroom they participate in")
        << roomEvent(EventKind::ChatroomUpdated, anas) << kAna << Role::Member << true;
    QTest::newRow("a member does not see events of another member's chatroom")
        << roomEvent(EventKind::ChatroomUpdated, bobs) << kAna << Role::Member << false;
    QTest::newRow("a member does not see a chatroom awaiting handover")
        << roomEvent(EventKind::ChatroomCreated, room(kOrgA, u"r-3"_s, {})) << kAna << Role::Member << false;
    QTest::newRow("a member sees the unassigned that took their chatroom")
        << roomEvent(EventKind::ChatroomUnassigned, bobs, kAna) << kAna << Role::Member << true;
    QTest::newRow("a member does not see another member's unassigned")
        << roomEvent(EventKind::ChatroomUnassigned, anas, kBob) << kAdam << Role::Member << false;
    QTest::newRow("a member sees their own presence") << presence(kAna, true) << kAna << Role::Member << true;
    QTest::newRow("a member does not see another member's presence")
        << presence(kBob, true) << kAna << Role::Member << false;
    QTest::newRow("a supervisor sees every chatroom's events")
        << roomEvent(EventKind::ChatroomUpdated, bobs) << kSue << Role::Supervisor << true;
    QTest::newRow("a supervisor sees presence") << presence(kBob, false) << kSue << Role::Supervisor << true;
    QTest::newRow("an admin sees every chatroom's events")
        << roomEvent(EventKind::ChatroomAssigned, anas, kAna) << kAdam << Role::Admin << true;
}

void TestSyncHub::storedVisibilityMatchesLiveVisibility()
{
    QFETCH(Event, event);
    QFETCH(QString, viewer);
    QFETCH(Role, role);
    QFETCH(bool, visible);
    QCOMPARE(eventVisibleTo(event, viewer, role), visible);
    QCOMPARE(storedEventVisibleTo(toStoredEvent(event), viewer, role), visible);
}

void TestSyncHub::helloIsAnsweredWithWelcome()
{
    HubFixture f;
    f.backend.append(kOrgA, mixedLog());
    auto client = f.welcomed(u"t-sue"_s, 10);
    QVERIFY(client);
    const QList<WelcomeFrame> welcomes = client->all<WelcomeFrame>();
    QCOMPARE(welcomes.size(), 1);
    QCOMPARE(welcomes.first(), (WelcomeFrame{kSue, kOrgA, Role::Supervisor, 10}));
    QCOMPARE(client->types(), QStringList{u"welcome"_s});
    QCOMPARE(f.hub->connectionCount(), 1);
    QCOMPARE(f.hub->onlineUsers(kOrgA), QList<UserId>{kSue});
    QVERIFY(f.hub->framesSent() >= 1);

    client->socket.close();
    QTRY_COMPARE(f.hub->connectionCount(), 0);
    QVERIFY(f.hub->onlineUsers(kOrgA).isEmpty());
}

void TestSyncHub::badOpeningsAreClosed_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("opening"); // what the client does once connected
    QTest::addColumn<int>("closeCode");

    const QString stream = u"/v1/stream"_s;
    QTest::newRow("a console that says nothing is closed when the hello timeout passes")
        << stream << u"nothing"_s << 4401;
    QTest::newRow("an unknown session token is refused") << stream << u"unknown token"_s << 4401;
    QTest::newRow("a pong before the hello is refused") << stream << u"pong first"_s << 4401;
    QTest::newRow("a frame that is not JSON breaks the policy") << stream << u"not json"_s << 1008;
    QTest::newRow("a hello with a negative since breaks the policy") << stream << u"negative since"_s << 1008;
    QTest::newRow("a second hello breaks the policy") << stream << u"two hellos"_s << 1008;
    QTest::newRow("a binary frame is unsupported data") << stream << u"binary"_s << 1003;
    QTest::newRow("a frame over the size limit is too big") << stream << u"big frame"_s << 1009;
    QTest::newRow("a message over the size limit in small fragments is too big")
        << stream << u"big fragmented message"_s << 1009;
    QTest::newRow("a path other than the stream's is refused") << u"/v1/other"_s << u"hello"_s << 1008;
}

void TestSyncHub::badOpeningsAreClosed()
{
    QFETCH(QString, path);
    QFETCH(QString, opening);
    QFETCH(int, closeCode);

    HubFixture f;
    StreamClient client(f.url(path));
    QVERIFY(client.waitConnected());
    QTRY_COMPARE(f.hub->connectionCount() + int(client.closed), 1);

    const QString big(5000, u'x');
    if (opening == u"unknown token"_s)
        client.hello(u"t-nobody"_s);
    else if (opening == u"pong first"_s)
        client.socket.sendTextMessage(QString::fromUtf8(encodeClientFrame(PongFrame{1})));
    else if (opening == u"not json"_s)
        client.socket.sendTextMessage(u"{hello"_s);
    else if (opening == u"negative since"_s)
        client.socket.sendTextMessage(u"{\"type\":\"hello\",\"token\":\"t-ana\",\"since\":-1}"_s);
    else if (opening == u"two hellos"_s) {
        client.hello(u"t-ana"_s);
        client.hello(u"t-ana"_s);
    } else if (opening == u"binary"_s)
        client.socket.sendBinaryMessage(QByteArray("{}"));
    else if (opening == u"big frame"_s)
        client.socket.sendTextMessage(big);
    else if (opening == u"big fragmented message"_s) {
        client.socket.setOutgoingFrameSize(512);
        client.socket.sendTextMessage(big);
    } else if (opening == u"hello"_s)
        client.hello(u"t-ana"_s);

    QTRY_VERIFY_WITH_TIMEOUT(client.closed, 5000);
    QCOMPARE(client.closeCode(), closeCode);
    QTRY_COMPARE(f.hub->connectionCount(), 0);
    QVERIFY(f.hub->onlineUsers(kOrgA).isEmpty());
}

void TestSyncHub::replaysVisibleEventsAfterSince_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<Role>("role");
    QTest::addColumn<qint64>("since");

    QTest::newRow("a member replays only what they may see")
        << u"t-ana"_s << kAna << Role::Member << qint64(0);
    QTest::newRow("another member replays only what they may see")
        << u"t-bob"_s << kBob << Role::Member << qint64(0);
    QTest::newRow("a member replays only after since") << u"t-ana"_s << kAna << Role::Member << qint64(5);
    QTest::newRow("a supervisor replays every event") << u"t-sue"_s << kSue << Role::Supervisor << qint64(0);
    QTest::newRow("an admin replays every event after since")
        << u"t-adam"_s << kAdam << Role::Admin << qint64(3);
}

void TestSyncHub::replaysVisibleEventsAfterSince()
{
    QFETCH(QString, token);
    QFETCH(QString, userId);
    QFETCH(Role, role);
    QFETCH(qint64, since);

    SyncHubOptions options = fastOptions();
    options.replayBatch = 3; // several batches, some with nothing for a member
    HubFixture f(options);
    const QList<Event> log = f.backend.append(kOrgA, mixedLog());
    f.backend.append(kOrgB, {roomEvent(EventKind::ChatroomCreated, room(kOrgB, u"r-b"_s, {kAna}))});

    auto client = f.welcomed(token, since);
    QVERIFY(client);
    const QList<qint64> expected = visibleSeqs(log, userId, role, since);
    QVERIFY(!expected.isEmpty());
    QTRY_COMPARE(client->seqs(), expected);
    // Replayed frames are the stored ones.
    const QList<EventFrame> events = client->all<EventFrame>();
    for (const EventFrame &e : events)
        QCOMPARE(e, log.at(e.seq - 1));
    QVERIFY(f.backend.largestLimit <= 3);
}

void TestSyncHub::sinceOutsideTheLogGetsReset_data()
{
    QTest::addColumn<qint64>("since");
    QTest::addColumn<bool>("reset");
    QTest::addColumn<QList<qint64>>("replayed");

    // 60 events, the log keeps 41..60.
    QTest::newRow("since older than the retained log gets a reset") << qint64(10) << true << QList<qint64>{};
    QTest::newRow("since zero with a pruned log gets a reset") << qint64(0) << true << QList<qint64>{};
    QTest::newRow("since in the future gets a reset") << qint64(100) << true << QList<qint64>{};
    QTest::newRow("since just before the oldest retained event replays it all")
        << qint64(40) << false << range(41, 60);
    QTest::newRow("since at the head replays nothing") << qint64(60) << false << QList<qint64>{};
}

void TestSyncHub::sinceOutsideTheLogGetsReset()
{
    QFETCH(qint64, since);
    QFETCH(bool, reset);
    QFETCH(QList<qint64>, replayed);

    HubFixture f;
    const Chatroom shared = room(kOrgA, u"r-1"_s, {kAna});
    for (int i = 0; i < 60; ++i)
        f.backend.append(kOrgA, roomEvent(EventKind::ChatroomUpdated, shared));
    f.backend.pruneBefore(kOrgA, 41);

    auto client = f.welcomed(u"t-ana"_s, since);
    QVERIFY(client);
    // Then live, from the head on.
    f.commit(kOrgA, {roomEvent(EventKind::ChatroomUpdated, shared)});
    QTRY_VERIFY(client->seqs().contains(61));

    QStringList types{u"welcome"_s};
    if (reset)
        types.append(u"reset"_s);
    for (int i = 0; i < replayed.size(); ++i)
        types.append(u"event"_s);
    types.append(u"event"_s);
    QCOMPARE(client->types(), types);
    if (reset)
        QCOMPARE(client->all<ResetFrame>().first().headSeq, 60);
    QCOMPARE(client->seqs(), replayed + QList<qint64>{61});
}

void TestSyncHub::liveEventsDuringReplayAreNeitherLostNorRepeated_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<Role>("role");

    QTest::newRow("a supervisor gets every seq once, in order") << u"t-sue"_s << kSue << Role::Supervisor;
    QTest::newRow("a member gets every visible seq once, in order") << u"t-ana"_s << kAna << Role::Member;
}

void TestSyncHub::liveEventsDuringReplayAreNeitherLostNorRepeated()
{
    QFETCH(QString, token);
    QFETCH(QString, userId);
    QFETCH(Role, role);

    SyncHubOptions options = fastOptions();
    options.replayBatch = 100;
    options.pingIntervalMs = 60000;
    HubFixture f(options);

    QList<Chatroom> rooms;
    for (int i = 0; i < 30; ++i)
        rooms.append(room(kOrgA, u"r-"_s + QString::number(i), {i % 3 == 0 ? kAna : kBob}));
    int next = 0;
    auto nextEvents = [&](int count) {
        QList<Event> events;
        for (int i = 0; i < count; ++i, ++next)
            events.append(roomEvent(EventKind::ChatroomUpdated, rooms.at(next % rooms.size())));
        return events;
    };
    QList<Event> log = f.backend.append(kOrgA, nextEvents(5000));

    // While the replay runs the server commits more. Six times the commit is published on the event loop
    // while the replay is still fetching. Once more, on the replay's last fetch, the commit lands just before
    // the fetch reads the log and is published after the replay has sent it and gone live.
    QList<int> fetchesAtMidPublish;
    int fetchesAtLatePublish = -1;
    int midCommits = 0;
    bool lateCommitted = false;
    constexpr int kLate = 5;
    f.backend.beforeFetch = [&](int fetch, qint64 since, int limit) {
        QList<Event> committed;
        bool late = false;
        if (fetch % 7 == 0 && midCommits < 6) {
            ++midCommits;
            committed = f.backend.append(kOrgA, nextEvents(15));
        } else if (midCommits == 6 && !lateCommitted && f.backend.headSeq(kOrgA) + kLate - since < limit) {
            committed = f.backend.append(kOrgA, nextEvents(kLate));
            lateCommitted = late = true;
        }
        if (committed.isEmpty())
            return;
        log += committed;
        QTimer::singleShot(0, f.hub.get(), [&, committed, late] {
            (late ? fetchesAtLatePublish : fetchesAtMidPublish.emplace_back()) = f.backend.fetches;
            f.hub->publish(kOrgA, committed);
        });
    };

    auto client = f.welcomed(token, 0);
    QVERIFY(client);
    QTRY_VERIFY_WITH_TIMEOUT(fetchesAtLatePublish > 0, 20000);
    QCOMPARE(fetchesAtMidPublish.size(), 6);
    QTRY_COMPARE_WITH_TIMEOUT(client->seqs(), visibleSeqs(log, userId, role), 20000);
    // After the replay: plain live events.
    log += f.commit(kOrgA, nextEvents(30));

    const QList<qint64> expected = visibleSeqs(log, userId, role);
    QTRY_COMPARE_WITH_TIMEOUT(client->seqs().size(), expected.size(), 20000);
    QCOMPARE(client->seqs(), expected);
    // The mid publishes really came while the replay went on fetching; the late one after its last fetch.
    QVERIFY(f.backend.fetches > fetchesAtMidPublish.last());
    QCOMPARE(fetchesAtLatePublish, f.backend.fetches);
    QCOMPARE(f.backend.largestLimit, 100);
}

void TestSyncHub::liveEventsFollowVisibility()
{
    HubFixture f;
    auto ana = f.welcomed(u"t-ana"_s);
    auto bob = f.welcomed(u"t-bob"_s);
    auto sue = f.welcomed(u"t-sue"_s);
    QVERIFY(ana && bob && sue);

    const QList<Event> events = f.commit(kOrgA, mixedLog());
    const qint64 last = events.last().seq;
    QTRY_COMPARE(sue->seqs(), visibleSeqs(events, kSue, Role::Supervisor));
    QCOMPARE(sue->seqs().last(), last);
    // The members' last visible event was published before the supervisor's last one arrived.
    QTRY_COMPARE(ana->seqs(), visibleSeqs(events, kAna, Role::Member));
    QTRY_COMPARE(bob->seqs(), visibleSeqs(events, kBob, Role::Member));
    QVERIFY(ana->seqs() != bob->seqs());
    QCOMPARE(ana->all<EventFrame>().first(), events.first());
}

void TestSyncHub::orgsAreIsolated()
{
    HubFixture f;
    auto sue = f.welcomed(u"t-sue"_s);
    auto bea = f.welcomed(u"t-bea"_s);
    QVERIFY(sue && bea);

    const QList<Event> a =
        f.commit(kOrgA, {roomEvent(EventKind::ChatroomCreated, room(kOrgA, u"r-a"_s, {}))});
    // An event of org B's chatroom published under org A reaches nobody.
    f.hub->publish(kOrgA, {[] {
                       Event e = roomEvent(EventKind::ChatroomCreated, room(kOrgB, u"r-stray"_s, {}));
                       e.seq = 2;
                       return e;
                   }()});
    const QList<Event> b =
        f.commit(kOrgB, {roomEvent(EventKind::ChatroomCreated, room(kOrgB, u"r-b"_s, {}))});
    QTRY_COMPARE(bea->all<EventFrame>(), b);
    QTRY_COMPARE(sue->all<EventFrame>(), a);
    f.commit(kOrgA, {presence(kSue, true)});
    QTRY_COMPARE(sue->seqs(), (QList<qint64>{1, 2}));
    QCOMPARE(bea->all<EventFrame>(), b);
}

void TestSyncHub::unassignedReachesTheUserWhoLostTheChatroom_data()
{
    QTest::addColumn<bool>("replayed");
    QTest::newRow("live") << false;
    QTest::newRow("replayed after a reconnect") << true;
}

void TestSyncHub::unassignedReachesTheUserWhoLostTheChatroom()
{
    QFETCH(bool, replayed);

    HubFixture f;
    const Chatroom withAna = room(kOrgA, u"r-1"_s, {kAna});
    const Chatroom withBob = room(kOrgA, u"r-1"_s, {kBob});
    const QList<Event> events = {
        roomEvent(EventKind::ChatroomAssigned, withAna, kAna),
        roomEvent(EventKind::ChatroomAssigned, withBob, kBob), // R11: reassigned to bob
        roomEvent(EventKind::ChatroomUnassigned, withBob, kAna),
        roomEvent(EventKind::ChatroomUpdated, withBob),
    };
    std::unique_ptr<StreamClient> ana;
    if (replayed) {
        f.backend.append(kOrgA, events);
        ana = f.welcomed(u"t-ana"_s);
        QVERIFY(ana);
    } else {
        ana = f.welcomed(u"t-ana"_s);
        QVERIFY(ana);
        f.commit(kOrgA, events);
    }
    auto bob = f.welcomed(u"t-bob"_s);
    QVERIFY(bob);
    if (!replayed)
        f.commit(kOrgA, {roomEvent(EventKind::ChatroomUpdated, withBob)});

    QTRY_COMPARE(ana->seqs(), (QList<qint64>{1, 3}));
    QCOMPARE(ana->all<EventFrame>().last().kind, EventKind::ChatroomUnassigned);
    // Later events of the chatroom go to bob only: bob has seen them, ana still has not.
    const qint64 lastOfBob = replayed ? 4 : 5;
    QTRY_VERIFY(bob->seqs().contains(lastOfBob));
    QCOMPARE(ana->seqs(), (QList<qint64>{1, 3}));
}

void TestSyncHub::pingsKeepOrCloseConnections_data()
{
    QTest::addColumn<bool>("answer");
    QTest::newRow("a console that answers pings stays connected") << true;
    QTest::newRow("a console that does not answer two pings is closed") << false;
}

void TestSyncHub::pingsKeepOrCloseConnections()
{
    QFETCH(bool, answer);

    HubFixture f;
    f.clock.advanceSecs(5);
    auto client = f.welcomed(u"t-ana"_s);
    QVERIFY(client);
    client->answerPings = answer;
    if (answer) {
        QTRY_VERIFY_WITH_TIMEOUT(client->pings >= 5, 5000);
        QVERIFY(!client->closed);
        QCOMPARE(client->all<PingFrame>().first().t, f.clock.nowMs());
        QCOMPARE(f.hub->connectionCount(), 1);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(client->closed, 5000);
        QCOMPARE(client->closeCode(), 4408);
        QCOMPARE(client->pings, 2);
        QCOMPARE(f.hub->connectionCount(), 0);
    }
}

void TestSyncHub::slowConsumerGetsResetWithBoundedMemory()
{
    SyncHubOptions options = fastOptions();
    options.pingIntervalMs = 60000;
    options.maxQueuedBytes = 256 * 1024;
    HubFixture f(options);

    StalledClient stalled;
    QVERIFY(stalled.open(f.server.serverPort(), u"t-sue"_s));
    QTRY_COMPARE(f.hub->onlineUsers(kOrgA), QList<UserId>{kSue});

    // ~16 KiB per event; keep publishing until the kernel buffers are full and the hub gives up on the queue.
    Chatroom big = room(kOrgA, u"r-big"_s, {});
    big.displayName = QString(16 * 1024, u'x');
    const qint64 frameBytes = encodeEvent(roomEvent(EventKind::ChatroomUpdated, big)).size() + 64;
    qint64 publishedBytes = 0;
    while (f.hub->overflowCount() == 0 && publishedBytes < 256 * 1024 * 1024) {
        f.commit(kOrgA, {roomEvent(EventKind::ChatroomUpdated, big)});
        publishedBytes += frameBytes;
        QVERIFY2(f.hub->queuedBytes() <= options.maxQueuedBytes + frameBytes,
                 qPrintable(QString::number(f.hub->queuedBytes())));
        QCoreApplication::processEvents();
    }
    QCOMPARE(f.hub->overflowCount(), quint64(1));
    // More events while it drains: covered by the reset, not queued.
    for (int i = 0; i < 50; ++i) {
        f.commit(kOrgA, {roomEvent(EventKind::ChatroomUpdated, big)});
        QVERIFY(f.hub->queuedBytes() <= options.maxQueuedBytes + frameBytes);
    }
    const qint64 headAtDrain = f.backend.headSeq(kOrgA);

    stalled.resume();
    auto hasReset = [&] {
        const QList<QJsonObject> texts = stalled.texts();
        return std::any_of(texts.cbegin(), texts.cend(),
                           [](const QJsonObject &o) { return o.value(u"type"_s).toString() == u"reset"_s; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(hasReset(), 20000);
    const QList<Event> after =
        f.commit(kOrgA, {roomEvent(EventKind::ChatroomUpdated, room(kOrgA, u"r-1"_s, {}))});
    QTRY_COMPARE_WITH_TIMEOUT(stalled.texts().last().value(u"seq"_s).toInteger(), after.first().seq, 20000);

    // welcome, events 1..k with nothing missing, reset {head}, then live from head.
    const QList<QJsonObject> texts = stalled.texts();
    QCOMPARE(texts.first().value(u"type"_s).toString(), u"welcome"_s);
    qint64 expectedSeq = 1;
    qsizetype i = 1;
    for (; i < texts.size() && texts.at(i).value(u"type"_s).toString() == u"event"_s; ++i, ++expectedSeq)
        QCOMPARE(texts.at(i).value(u"seq"_s).toInteger(), expectedSeq);
    QVERIFY(expectedSeq - 1 < headAtDrain); // some were dropped
    QCOMPARE(texts.at(i).value(u"type"_s).toString(), u"reset"_s);
    QCOMPARE(texts.at(i).value(u"head_seq"_s).toInteger(), headAtDrain);
    QCOMPARE(texts.size(), i + 2);
    QCOMPARE(f.hub->overflowCount(), quint64(1));
    QCOMPARE(f.hub->queuedBytes(), 0);
}

void TestSyncHub::presenceFollowsFirstAndLastConnection()
{
    HubFixture f;
    QSignalSpy spy(f.hub.get(), &SyncHub::presenceChanged);
    auto first = f.welcomed(u"t-ana"_s);
    QVERIFY(first);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0), (QVariantList{kOrgA, kAna, true}));

    auto second = f.welcomed(u"t-ana"_s);
    QVERIFY(second);
    auto other = f.welcomed(u"t-bea"_s);
    QVERIFY(other);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1), (QVariantList{kOrgB, kBea, true}));
    QCOMPARE(f.hub->onlineUsers(kOrgA), QList<UserId>{kAna});

    first->socket.close();
    QTRY_COMPARE(f.hub->connectionCount(), 2);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(f.hub->onlineUsers(kOrgA), QList<UserId>{kAna});

    second->socket.abort(); // gone without a close frame
    QTRY_COMPARE(spy.size(), 3);
    QCOMPARE(spy.at(2), (QVariantList{kOrgA, kAna, false}));
    QVERIFY(f.hub->onlineUsers(kOrgA).isEmpty());
    QCOMPARE(f.hub->onlineUsers(kOrgB), QList<UserId>{kBea});

    // A connection that never got its welcome changes no presence.
    StreamClient anonymous(f.url());
    QVERIFY(anonymous.waitConnected());
    anonymous.hello(u"t-nobody"_s);
    QTRY_VERIFY(anonymous.closed);
    QCOMPARE(spy.size(), 3);
}

void TestSyncHub::disconnectUserClosesAllTheirStreams()
{
    HubFixture f;
    auto one = f.welcomed(u"t-ana"_s);
    auto two = f.welcomed(u"t-ana"_s);
    auto bob = f.welcomed(u"t-bob"_s);
    QVERIFY(one && two && bob);
    QSignalSpy spy(f.hub.get(), &SyncHub::presenceChanged);

    QCOMPARE(f.hub->disconnectUser(kOrgA, kAna), 2);
    QCOMPARE(f.hub->connectionCount(), 1);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0), (QVariantList{kOrgA, kAna, false}));
    QTRY_VERIFY(one->closed && two->closed);
    QCOMPARE(one->closeCode(), 4401);
    QVERIFY(!bob->closed);
    QCOMPARE(f.hub->disconnectUser(kOrgB, kBob), 0);
}

void TestSyncHub::disconnectSessionClosesOnlyThatSession()
{
    HubFixture f;
    f.backend.sessions.insert(u"t-ana-laptop"_s, {kOrgA, kAna, Role::Member});
    auto phone = f.welcomed(u"t-ana"_s);
    auto laptop = f.welcomed(u"t-ana-laptop"_s);
    QVERIFY(phone && laptop);
    QSignalSpy presence(f.hub.get(), &SyncHub::presenceChanged);

    QCOMPARE(f.hub->disconnectSession(kOrgA, u"t-ana"_s), 1);
    QTRY_VERIFY(phone->closed);
    QCOMPARE(phone->closeCode(), 4401);
    QVERIFY(!laptop->closed);
    QCOMPARE(presence.size(), 0);                                    // ana is still online on her laptop
    QCOMPARE(f.hub->disconnectSession(kOrgB, u"t-ana-laptop"_s), 0); // sessions are looked up in their org
    QCOMPARE(f.hub->disconnectSession(kOrgA, QString()), 0);
}

void TestSyncHub::sessionExpiryClosesTheStreamByTheClock_data()
{
    QTest::addColumn<qint64>("expiresInMs"); // from the fake clock's now, at hello
    QTest::addColumn<qint64>("advanceByMs"); // the fake clock moves this much after the welcome
    QTest::addColumn<int>("recheckMs");      // SyncHubOptions::expiryRecheckMs
    QTest::addColumn<bool>("closes");

    QTest::newRow("a stream closes with 4401 once the clock reaches its session's expiry")
        << qint64(300) << qint64(300) << 60'000 << true;
    QTest::newRow("a stream stays open while the clock has not reached the expiry, though the timer fired")
        << qint64(300) << qint64(0) << 60'000 << false;
    QTest::newRow("a clock that jumps past a far expiry is noticed at the next recheck")
        << qint64(3'600'000) << qint64(7'200'000) << 200 << true;
}

// The hub's timer only wakes the connection; the clock decides. With a fake clock the decision is the test's.
void TestSyncHub::sessionExpiryClosesTheStreamByTheClock()
{
    QFETCH(qint64, expiresInMs);
    QFETCH(qint64, advanceByMs);
    QFETCH(int, recheckMs);
    QFETCH(bool, closes);

    SyncHubOptions options = fastOptions();
    options.pingIntervalMs = 60'000; // no pings in the way
    options.expiryRecheckMs = recheckMs;
    HubFixture f(options);
    f.backend.sessions[u"t-ana"_s].expiresAt = f.clock.now().addMSecs(expiresInMs);
    auto ana = f.welcomed(u"t-ana"_s);
    auto bob = f.welcomed(u"t-bob"_s); // a session without expiry
    QVERIFY(ana && bob);
    f.clock.advanceMs(advanceByMs);

    // Closing is due within 1 s of the wake-up (timers at expiresInMs or recheckMs real time); past that,
    // it is not going to happen.
    const int deadlineMs = int(std::min<qint64>(expiresInMs, recheckMs)) + 1000;
    QSignalSpy disconnected(&ana->socket, &QWebSocket::disconnected);
    QCOMPARE(disconnected.wait(deadlineMs), closes);
    if (closes)
        QCOMPARE(ana->closeCode(), 4401);
    QVERIFY(!bob->closed);
}

void TestSyncHub::destroyingTheHubClosesStreamsAsGoingAway()
{
    HubFixture f;
    auto client = f.welcomed(u"t-sue"_s);
    QVERIFY(client);
    QSignalSpy spy(f.hub.get(), &SyncHub::presenceChanged);
    f.hub.reset();
    QTRY_VERIFY(client->closed);
    QCOMPARE(client->closeCode(), 1001);
    QCOMPARE(spy.size(), 0);
}

QTEST_GUILESS_MAIN(TestSyncHub)
#include "tst_synchub.moc"
