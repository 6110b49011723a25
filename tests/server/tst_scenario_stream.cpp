#include "core/json/apicodec.h"
#include "tests/support/scenario.h"

#include <QRandomGenerator>
#include <QTimer>
#include <QWebSocket>
#include <QtTest>

using namespace handover;
using namespace handover::testing;

// The console stream of the real server: what a MEMBER may see (L5), resuming with `since` (L1), and a
// console dropped at random points under a stream of STMs that must end with every event exactly once and the
// server's state (L1, R20).
class TestScenarioStream : public QObject
{
    Q_OBJECT

public:
    using Scene = void (TestScenarioStream::*)();

private Q_SLOTS:
    void initTestCase();
    void streamWelcomes();
    void visibility_data();
    void visibility() { run(); }
    void resume_data();
    void resume() { run(); }
    void chaos_data();
    void chaos() { run(); }
    void protocol_data();
    void protocol() { run(); }

private:
    void run();

    void memberSeesOwnChatroomsOnly();
    void memberCannotOpenOthers();
    void resumeSupervisor() { resumeAs(s.supervisor); }
    void resumeMember() { resumeAs(s.alice); }
    void resumeAs(const ScenarioUser &user);
    void replayFromZero();
    void sinceInTheFuture();
    void randomDisconnects();
    void serverKilled();
    void welcomeNamesCaller();
    void badHelloClosed();
    void helloMustComeFirst();
    void oversizedFrame();
    void presence();

    // A silent STM into alice's marker chatroom that both clients have applied; its seq.
    qint64 barrier(StreamClient &a, StreamClient &b);
    QString roomOf(const ScenarioUser &user)
    {
        return s.newChatroom(QJsonObject{{QStringLiteral("user_id"), user.id}});
    }

    Scenario s;
    bool m_streamsUp = false;
    QByteArray m_streamError;
};

Q_DECLARE_METATYPE(TestScenarioStream::Scene)

namespace {

void addScene(const char *name, TestScenarioStream::Scene scene)
{
    QTest::newRow(name) << scene;
}

QList<qint64> seqsBetween(const StreamClient &client, qint64 after, qint64 upTo,
                          const std::function<bool(const Event &)> &keep = {})
{
    QList<qint64> seqs;
    for (const Event &e : client.events()) {
        if (e.seq > after && e.seq <= upTo && (!keep || keep(e)))
            seqs.append(e.seq);
    }
    return seqs;
}

// RULES.md, Views: a MEMBER gets a chatroom's events while they participate, the one that took it from them,
// and their own presence.
bool memberMaySee(const Event &e, const QString &userId)
{
    if (e.kind == EventKind::PresenceUpdated)
        return e.userId == userId;
    if (e.chatroom.hasParticipant(userId))
        return true;
    return e.kind == EventKind::ChatroomUnassigned && e.userId == userId;
}

QString seqText(const QList<qint64> &seqs)
{
    QStringList parts;
    for (qint64 seq : seqs)
        parts.append(QString::number(seq));
    return parts.join(u',');
}

// Drops a console at random moments and brings it back with `since` = its last applied seq, like a console on
// a bad network.
class Disconnector : public QObject
{
public:
    Disconnector(StreamClient &client, QString token, quint32 seed)
        : m_client(client)
        , m_token(std::move(token))
        , m_random(seed)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &Disconnector::drop);
    }
    void start()
    {
        m_running = true;
        m_timer.start(int(m_random.bounded(3, 40)));
    }
    // Stops dropping; the console is connected again when this returns true.
    bool stop()
    {
        m_running = false;
        m_timer.stop();
        if (m_client.isWelcomed())
            return true;
        return m_client.connectTo(m_token, m_client.lastSeq());
    }
    int drops() const { return m_drops; }

private:
    void drop()
    {
        m_client.abort();
        ++m_drops;
        QTimer::singleShot(int(m_random.bounded(0, 15)), this, [this] {
            if (!m_running)
                return;
            m_client.open(m_token, m_client.lastSeq());
            m_timer.start(int(m_random.bounded(3, 40)));
        });
    }

    StreamClient &m_client;
    QString m_token;
    QRandomGenerator m_random;
    QTimer m_timer;
    bool m_running = false;
    int m_drops = 0;
};

} // namespace

void TestScenarioStream::initTestCase()
{
    QVERIFY2(s.start(), s.why());
    m_streamsUp = s.openStreams();
    m_streamError = s.why();
}

void TestScenarioStream::streamWelcomes()
{
    QVERIFY2(m_streamsUp, m_streamError.constData());
}

void TestScenarioStream::run()
{
    QFETCH(Scene, scene);
    (this->*scene)();
}

qint64 TestScenarioStream::barrier(StreamClient &a, StreamClient &b)
{
    const qint64 seq = s.sync(a, s.alice);
    if (seq == 0 || !b.waitForSeq(seq))
        return 0;
    return seq;
}

// ---- visibility

void TestScenarioStream::visibility_data()
{
    QTest::addColumn<Scene>("scene");
    addScene(
        "L5: a MEMBER's stream gets only their chatrooms' events and the unassignment that takes one away",
        &TestScenarioStream::memberSeesOwnChatroomsOnly);
    addScene("L5: a MEMBER cannot open, list or write into a chatroom they do not participate in (403)",
             &TestScenarioStream::memberCannotOpenOthers);
}

void TestScenarioStream::memberSeesOwnChatroomsOnly()
{
    StreamClient &alice = s.stream(s.alice);
    StreamClient &bob = s.stream(s.bob);
    StreamClient &supervisor = s.stream(s.supervisor);
    // Alice's marker chatroom is invisible to bob: his stream is brought up to date with his own.
    const qint64 start = barrier(supervisor, alice);
    QVERIFY2(start > 0 && s.sync(bob, s.bob) > start, s.why());

    const QString mine = roomOf(s.alice);
    const QString bobs = roomOf(s.bob);
    const QString carols = roomOf(s.carol);
    const QString waiting = s.newChatroom(
        QJsonObject{{QStringLiteral("user_id"), s.alice.id}, {QStringLiteral("assign_on_handover"), true}});
    QVERIFY2(!mine.isEmpty() && !bobs.isEmpty() && !carols.isEmpty() && !waiting.isEmpty(), s.why());
    for (const QString &room : {mine, bobs, carols})
        QVERIFY2(!s.sendTemplate(room).isEmpty(), s.why());
    StmOptions relayed;
    relayed.relayResponse = true;
    const QJsonObject offer = s.sendTemplate(waiting, relayed);
    QVERIFY2(!offer.isEmpty(), s.why());
    QVERIFY2(s.customerTaps(offer, 0), s.why()); // relayed: no handover, alice still does not have it
    for (const QString &room : {mine, bobs, carols})
        QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    QCOMPARE(s.as(s.supervisor)
                 .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/reassign").arg(s.orgId(), mine),
                       QJsonObject{{QStringLiteral("user_id"), s.bob.id}})
                 .status,
             200);
    QVERIFY2(!s.sendTemplate(mine).isEmpty(), s.why()); // bob's now
    QVERIFY2(s.customerWrites(s.phoneOf(mine), QStringLiteral("Still there?")), s.why());
    const qint64 end = barrier(supervisor, alice);
    QVERIFY2(end > 0 && s.sync(bob, s.bob) > end, s.why());

    // Exactly what the rule lets each member see, in the same order as the supervisor saw it all.
    for (const auto &[member, client] : {std::pair{&s.alice, &alice}, std::pair{&s.bob, &bob}}) {
        const QString id = member->id;
        const QList<qint64> expected =
            seqsBetween(supervisor, start, end, [&](const Event &e) { return memberMaySee(e, id); });
        const QList<qint64> got = seqsBetween(*client, start, end);
        QVERIFY2(got == expected, qPrintable(member->email + QStringLiteral(": got ") + seqText(got) +
                                             QStringLiteral(" expected ") + seqText(expected)));
        QVERIFY2(client->violations().isEmpty(), qPrintable(client->violations().join(u'\n')));
    }
    // Spelled out for alice: her chatroom until it was taken, nothing of the others.
    const QList<Event> ofMine = alice.eventsOf(mine);
    QVERIFY(!ofMine.isEmpty());
    QCOMPARE(ofMine.last().kind, EventKind::ChatroomUnassigned);
    for (const QString &room : {bobs, carols, waiting})
        QVERIFY2(alice.eventsOf(room).isEmpty(), qPrintable(room));
    QVERIFY(!alice.chatrooms().contains(mine));
    QVERIFY(bob.chatrooms().contains(mine));
    QVERIFY(bob.eventsOf(waiting).isEmpty());
    QVERIFY(bob.eventsOf(carols).isEmpty());
}

void TestScenarioStream::memberCannotOpenOthers()
{
    const QString bobs = roomOf(s.bob);
    QVERIFY2(!bobs.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(bobs), QStringLiteral("Hello")), s.why());
    HttpClient alice = s.as(s.alice);
    const QString base = QStringLiteral("/v1/orgs/%1/chatrooms/%2").arg(s.orgId(), bobs);
    QCOMPARE(alice.get(base).status, 403);
    QCOMPARE(alice.get(base + QStringLiteral("/messages")).status, 403);
    QCOMPARE(alice
                 .post(base + QStringLiteral("/messages"),
                       QJsonObject{{QStringLiteral("text"), QStringLiteral("hi")}})
                 .status,
             403);
    QCOMPARE(alice.post(base + QStringLiteral("/read"), QJsonObject{}).status, 403);
    StmOptions fromAlice;
    fromAlice.token = s.alice.token;
    QCOMPARE(s.sendTemplateRaw(bobs, fromAlice).status, 403);
    QCOMPARE(alice.get(QStringLiteral("/v1/orgs/%1/chatrooms?view=all").arg(s.orgId())).status, 403);
    // Mine is a user's default view, All an API key's.
    QCOMPARE(s.listOrder(QString(), s.alice.token), s.listOrder(QStringLiteral("mine"), s.alice.token));
    QCOMPARE(s.listOrder(QString()), s.listOrder(QStringLiteral("all")));
    QCOMPARE(alice.get(QStringLiteral("/v1/orgs/%1/chatrooms?view=awaiting_handover").arg(s.orgId())).status,
             403);
    QVERIFY(!s.listOrder(QStringLiteral("mine"), s.alice.token).contains(bobs));
}

// ---- resume

void TestScenarioStream::resume_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("L1: a supervisor's console that resumes with since gets exactly the events it missed",
             &TestScenarioStream::resumeSupervisor);
    addScene("L1: a member's console that resumes with since gets exactly the events it missed and may see",
             &TestScenarioStream::resumeMember);
    addScene("L1: a console replaying from since 0 gets the same events as one that stayed connected",
             &TestScenarioStream::replayFromZero);
    addScene("L1: a since beyond the head is answered with reset at the head, then live events",
             &TestScenarioStream::sinceInTheFuture);
}

void TestScenarioStream::resumeAs(const ScenarioUser &user)
{
    StreamClient &reference = s.stream(user); // stays connected throughout
    std::unique_ptr<StreamClient> console = s.openStream(user);
    QVERIFY2(console, s.why());
    const qint64 since = console->lastSeq();
    QVERIFY(reference.waitForSeq(since));
    const qsizetype before = console->events().size();
    console->abort();

    // What happens while it is away.
    const QString a = roomOf(s.alice);
    const QString b = roomOf(s.bob);
    QVERIFY2(!a.isEmpty() && !b.isEmpty(), s.why());
    QVERIFY2(!s.sendTemplate(a).isEmpty(), s.why());
    QVERIFY2(!s.sendTemplate(b).isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(a), QStringLiteral("Hi")), s.why());
    QCOMPARE(s.as(s.supervisor)
                 .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/reassign").arg(s.orgId(), a),
                       QJsonObject{{QStringLiteral("user_id"), s.bob.id}})
                 .status,
             200);

    QVERIFY(console->connectTo(user.token, since));
    QVERIFY(console->resets().isEmpty());
    const qint64 end = s.sync(*console, user);
    QVERIFY2(end > 0 && reference.waitForSeq(end), s.why());
    QList<qint64> got;
    for (qsizetype i = before; i < console->events().size(); ++i) {
        if (console->events().at(i).seq <= end)
            got.append(console->events().at(i).seq);
    }
    const QList<qint64> expected = seqsBetween(reference, since, end);
    QVERIFY2(got == expected, qPrintable(QStringLiteral("got ") + seqText(got) +
                                         QStringLiteral(" expected ") + seqText(expected)));
    QVERIFY2(console->violations().isEmpty(), qPrintable(console->violations().join(u'\n')));
    QCOMPARE(console->orderedIds(), reference.orderedIds());
}

void TestScenarioStream::replayFromZero()
{
    StreamClient &live = s.stream(s.alice);
    std::unique_ptr<StreamClient> replaying = s.openStream(s.alice);
    QVERIFY2(replaying, s.why());
    const qint64 end = replaying->lastSeq();
    QVERIFY(live.waitForSeq(end));
    QCOMPARE(seqsBetween(*replaying, 0, end), seqsBetween(live, 0, end));
    QCOMPARE(replaying->orderedIds(), s.listOrder(QStringLiteral("mine"), s.alice.token));
    QVERIFY2(replaying->violations().isEmpty(), qPrintable(replaying->violations().join(u'\n')));
}

void TestScenarioStream::sinceInTheFuture()
{
    StreamClient console(s.server().url());
    QVERIFY(console.connectTo(s.bob.token, 1'000'000'000));
    QVERIFY(console.welcome());
    QTRY_COMPARE_WITH_TIMEOUT(console.resets().size(), 1, 5000);
    QCOMPARE(console.resets().first().headSeq, console.welcome()->headSeq);
    QVERIFY(console.events().isEmpty());
    // Live from the head on.
    QVERIFY2(s.sync(console, s.bob) > console.welcome()->headSeq, s.why());
    QVERIFY2(console.violations().isEmpty(), qPrintable(console.violations().join(u'\n')));
}

// ---- random disconnects

void TestScenarioStream::chaos_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("L1: consoles dropped at random points under 200+ STMs resume from their last seq: every event "
             "exactly "
             "once, in seq order, and the final state equals GET chatrooms",
             &TestScenarioStream::randomDisconnects);
    addScene("L1: consoles resume across a kill -9 of the server: every event exactly once, every "
             "acknowledged STM "
             "kept",
             &TestScenarioStream::serverKilled);
}

void TestScenarioStream::randomDisconnects()
{
    const quint32 seed = qEnvironmentVariableIsSet("HANDOVER_CHAOS_SEED")
                             ? quint32(qEnvironmentVariableIntValue("HANDOVER_CHAOS_SEED"))
                             : QRandomGenerator::global()->generate();
    qInfo("chaos seed %u (set HANDOVER_CHAOS_SEED to replay)", seed);
    QRandomGenerator random(seed);

    const QStringList aliceRooms{roomOf(s.alice), roomOf(s.alice)};
    const QString bobRoom = roomOf(s.bob);
    const QString shared = roomOf(s.alice); // goes back and forth between alice and bob
    const QString waiting = s.newChatroom(
        QJsonObject{{QStringLiteral("user_id"), s.alice.id}, {QStringLiteral("assign_on_handover"), true}});
    QStringList rooms = aliceRooms;
    rooms << bobRoom << shared << waiting;
    for (const QString &room : std::as_const(rooms))
        QVERIFY2(!room.isEmpty(), s.why());

    StreamClient supervisorConsole(s.server().url());
    StreamClient aliceConsole(s.server().url());
    QVERIFY(supervisorConsole.connectTo(s.supervisor.token, 0));
    QVERIFY(aliceConsole.connectTo(s.alice.token, 0));
    Disconnector dropSupervisor(supervisorConsole, s.supervisor.token, random.generate());
    Disconnector dropAlice(aliceConsole, s.alice.token, random.generate());
    dropSupervisor.start();
    dropAlice.start();

    int stms = 0;
    bool sharedWithAlice = true;
    while (stms < 200 || dropSupervisor.drops() < 20 || dropAlice.drops() < 20) {
        const QString room = rooms.at(int(random.bounded(rooms.size())));
        StmOptions options;
        options.templateId = random.bounded(2) ? Scenario::kButtonsTemplate : Scenario::kPlainTemplate;
        options.bump = random.bounded(3) != 0;
        options.bumpResponse = random.bounded(2) != 0;
        QVERIFY2(!s.sendTemplate(room, options).isEmpty(), s.why());
        ++stms;
        if (stms % 25 == 0)
            QVERIFY2(
                s.customerWrites(s.phoneOf(rooms.at(stms / 25 % 3)), QStringLiteral("ping %1").arg(stms)),
                s.why());
        if (stms % 40 == 0) {
            sharedWithAlice = !sharedWithAlice;
            const HttpResult moved =
                s.as(s.supervisor)
                    .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/reassign").arg(s.orgId(), shared),
                          QJsonObject{{QStringLiteral("user_id"), sharedWithAlice ? s.alice.id : s.bob.id}});
            QCOMPARE(moved.status, 200);
        }
        QVERIFY2(stms < 2000, "the consoles were hardly ever dropped");
    }
    QVERIFY(dropSupervisor.stop());
    QVERIFY(dropAlice.stop());
    qInfo("%d STMs; the supervisor's console was dropped %d times, alice's %d times", stms,
          dropSupervisor.drops(), dropAlice.drops());

    // Everything has arrived when the last barrier (in alice's marker chatroom, seen by all four) has.
    const qint64 end = s.sync(supervisorConsole, s.supervisor);
    QVERIFY2(end > 0, s.why());
    QVERIFY(aliceConsole.waitForSeq(end));
    QVERIFY(s.stream(s.supervisor).waitForSeq(end));
    QVERIFY(s.stream(s.alice).waitForSeq(end));

    for (const auto &[console, reference] : {std::pair{&supervisorConsole, &s.stream(s.supervisor)},
                                             std::pair{&aliceConsole, &s.stream(s.alice)}}) {
        const qint64 upTo = end;
        QVERIFY2(console->violations().isEmpty(), qPrintable(console->violations().join(u'\n')));
        QVERIFY(console->resets().isEmpty());
        const QList<qint64> got = seqsBetween(*console, 0, upTo);
        const QList<qint64> expected = seqsBetween(*reference, 0, upTo);
        QVERIFY2(
            got == expected,
            qPrintable(
                QStringLiteral("%1 events, %2 expected; first difference at %3")
                    .arg(got.size())
                    .arg(expected.size())
                    .arg(std::mismatch(got.cbegin(), got.cend(), expected.cbegin(), expected.cend()).first -
                         got.cbegin())));
    }

    // The final state is the server's: order and content.
    const auto sameAsServer = [&](const StreamClient &console, const QString &view, const QString &token) {
        const QJsonArray rows = s.listRows(view, token);
        QStringList order;
        for (const QJsonValue &row : rows) {
            const Result<Chatroom> decoded = chatroomFromJson(row.toObject());
            if (!decoded || !(console.chatrooms().value(decoded->id) == *decoded)) {
                qWarning("chatroom %s differs", qPrintable(field(row.toObject(), "id")));
                return false;
            }
            order.append(decoded->id);
        }
        return console.orderedIds() == order;
    };
    QVERIFY(sameAsServer(supervisorConsole, QStringLiteral("all"), s.supervisor.token));
    QVERIFY(sameAsServer(aliceConsole, QStringLiteral("mine"), s.alice.token));
}

void TestScenarioStream::serverKilled()
{
    const QString a = roomOf(s.alice);
    const QString b = roomOf(s.bob);
    QVERIFY2(!a.isEmpty() && !b.isEmpty(), s.why());
    StreamClient console(s.server().url());
    QVERIFY(console.connectTo(s.supervisor.token, 0));
    QVERIFY2(s.sync(console, s.supervisor) > 0, s.why());

    QHash<QString, QString> acknowledged; // message -> chatroom
    const auto sendSome = [&](int count) {
        for (int i = 0; i < count; ++i) {
            const QString room = i % 2 ? a : b;
            StmOptions options;
            options.bump = i % 3 != 0;
            const QJsonObject sent = s.sendTemplate(room, options);
            if (sent.isEmpty())
                return false;
            acknowledged.insert(field(sent, "id"), room);
        }
        return true;
    };
    QVERIFY2(sendSome(30), s.why());
    QVERIFY2(s.restartServe(true), s.why());
    QTRY_VERIFY_WITH_TIMEOUT(!console.isOpen(), 5000);
    QVERIFY(console.connectTo(s.supervisor.token, console.lastSeq()));
    QVERIFY2(sendSome(30), s.why());
    const qint64 end = s.sync(console, s.supervisor);
    QVERIFY2(end > 0, s.why());

    // A console that reads the whole log after the crash is the reference.
    std::unique_ptr<StreamClient> reference = s.openStream(s.supervisor);
    QVERIFY2(reference, s.why());
    QVERIFY(console.resets().isEmpty());
    QVERIFY2(console.violations().isEmpty(), qPrintable(console.violations().join(u'\n')));
    const QList<qint64> got = seqsBetween(console, 0, end);
    const QList<qint64> expected = seqsBetween(*reference, 0, end);
    QVERIFY2(got == expected,
             qPrintable(QStringLiteral("%1 events, %2 expected").arg(got.size()).arg(expected.size())));
    QCOMPARE(console.orderedIds(), s.listOrder(QStringLiteral("all"), s.supervisor.token));
    for (const QString &room : {a, b}) {
        QSet<QString> stored;
        for (const QJsonValue &m : s.messages(room))
            stored.insert(field(m.toObject(), "id"));
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
            if (it.value() == room)
                QVERIFY2(stored.contains(it.key()), qPrintable(it.key()));
        }
    }
    QVERIFY2(s.reconnectStreams(), s.why());
}

// ---- the protocol's edges

void TestScenarioStream::protocol_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("SYNC: welcome names the user, the org, the role and the head seq",
             &TestScenarioStream::welcomeNamesCaller);
    addScene("SYNC: a hello with an API key or an unknown token is closed with 4401",
             &TestScenarioStream::badHelloClosed);
    addScene("SYNC: a first frame other than hello is closed with 4401",
             &TestScenarioStream::helloMustComeFirst);
    addScene("SYNC: a frame over 1 MiB is refused with close code 1009", &TestScenarioStream::oversizedFrame);
    addScene("SYNC: a console coming and going is presence.updated for supervisors and online in GET users",
             &TestScenarioStream::presence);
}

void TestScenarioStream::welcomeNamesCaller()
{
    for (const ScenarioUser *user : {&s.alice, &s.supervisor, &s.admin}) {
        StreamClient console(s.server().url());
        QVERIFY(console.connectTo(user->token, 0));
        const WelcomeFrame welcome = *console.welcome();
        QCOMPARE(welcome.userId, user->id);
        QCOMPARE(welcome.orgId, s.orgId());
        QCOMPARE(roleName(welcome.role), user->role);
        QVERIFY(welcome.headSeq >= s.stream(s.supervisor).lastSeq());
    }
}

void TestScenarioStream::badHelloClosed()
{
    for (const QString &token : {s.server().apiKey(), QStringLiteral("hos_not-a-session")}) {
        StreamClient console(s.server().url());
        QVERIFY(!console.connectTo(token, 0, 5000));
        QCOMPARE(console.lastCloseCode(), 4401);
        QVERIFY(console.events().isEmpty());
    }
}

void TestScenarioStream::helloMustComeFirst()
{
    // A raw socket, so the first frame is ours to choose.
    QWebSocket socket;
    QUrl url = s.server().url();
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/v1/stream"));
    QSignalSpy closed(&socket, &QWebSocket::disconnected);
    QSignalSpy connected(&socket, &QWebSocket::connected);
    socket.open(url);
    QVERIFY(connected.wait(5000));
    socket.sendTextMessage(QString::fromUtf8(encodeClientFrame(PongFrame{1})));
    QVERIFY(closed.wait(5000));
    QCOMPARE(int(socket.closeCode()), 4401);
}

void TestScenarioStream::oversizedFrame()
{
    StreamClient console(s.server().url());
    QVERIFY(console.connectTo(s.bob.token, 0));
    console.sendRaw(QString(1024 * 1024 + 16, u'x'));
    QTRY_VERIFY_WITH_TIMEOUT(!console.isOpen(), 10000);
    QCOMPARE(console.lastCloseCode(), 1009);
}

void TestScenarioStream::presence()
{
    const auto online = [&] {
        for (const QJsonValue &u : s.as(s.supervisor)
                                       .get(QStringLiteral("/v1/org/%1/users").arg(s.orgId()))
                                       .array(QStringLiteral("users"))) {
            if (field(u.toObject(), "user_id") == s.admin.id)
                return u.toObject().value(QLatin1String("online")).toBool();
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!online(), 5000); // the consoles of earlier rows are gone
    StreamClient &supervisor = s.stream(s.supervisor);
    const qsizetype from = s.mark(s.supervisor);
    const qsizetype aliceFrom = s.mark(s.alice);
    auto console = std::make_unique<StreamClient>(s.server().url());
    QVERIFY(console->connectTo(s.admin.token, 0));
    const auto cameOnline = supervisor.waitForEvent(
        [&](const Event &e) {
            return e.kind == EventKind::PresenceUpdated && e.userId == s.admin.id && e.online;
        },
        10000, from);
    QVERIFY2(cameOnline, "the supervisor never saw the admin come online");
    QVERIFY(online());
    console->abort();
    const auto wentOffline = supervisor.waitForEvent(
        [&](const Event &e) {
            return e.kind == EventKind::PresenceUpdated && e.userId == s.admin.id && !e.online &&
                   e.seq > cameOnline->seq;
        },
        10000, from);
    QVERIFY2(wentOffline, "the supervisor never saw the admin go offline");
    QVERIFY(!online());
    // A member does not see other people's presence.
    QVERIFY2(s.sync(s.stream(s.alice), s.alice) > wentOffline->seq, s.why());
    for (const Event &e : s.stream(s.alice).events().mid(aliceFrom))
        QVERIFY(e.kind != EventKind::PresenceUpdated || e.userId == s.alice.id);
}

QTEST_GUILESS_MAIN(TestScenarioStream)
#include "tst_scenario_stream.moc"
