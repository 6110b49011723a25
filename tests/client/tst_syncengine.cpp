#include "client/apiclient.h"
#include "client/chatroomcache.h"
#include "client/networkwatch.h"
#include "client/syncengine.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;

namespace {

class FixedRandom final : public RandomSource
{
public:
    explicit FixedRandom(double value)
        : m_value(value)
    {}
    double uniform() override { return m_value; }

private:
    double m_value;
};

// One console's non-visual side against the test server, recording what its engine announces.
struct Console
{
    SystemClock clock;
    SystemRandomSource systemRandom;
    std::unique_ptr<ChatroomCache> cache;
    std::unique_ptr<ApiClient> api;
    std::unique_ptr<SyncEngine> engine;
    QList<QList<Event>> batches;       // every eventsApplied(), in order
    QList<qint64> positionAtEachBatch; // the cache's position when it was announced
    QList<ConnectionState> states;

    ~Console()
    {
        engine.reset(); // before what it uses and what its signals fill
        api.reset();
        cache.reset();
    }

    QList<Event> events() const
    {
        QList<Event> all;
        for (const QList<Event> &batch : batches)
            all += batch;
        return all;
    }
    int messageCreatedCount(const QString &messageId) const
    {
        int count = 0;
        for (const Event &e : events())
            count += e.kind == EventKind::MessageCreated && e.message && e.message->id == messageId ? 1 : 0;
        return count;
    }
    bool seqsStrictlyIncrease() const
    {
        qint64 last = 0;
        for (const Event &e : events()) {
            if (e.seq <= last)
                return false;
            last = e.seq;
        }
        return true;
    }
    bool connected() const { return engine->state().phase == ConnectionState::Phase::Connected; }
};

std::unique_ptr<Console> openConsole(ClientTestOrg &org, const ClientTestOrg::Account &account,
                                     const QString &path, SyncEngineOptions options = {},
                                     RandomSource *random = nullptr, const QString &token = {},
                                     NetworkWatch *network = nullptr)
{
    auto console = std::make_unique<Console>();
    Result<std::unique_ptr<ChatroomCache>> cache = ChatroomCache::open(
        path, CacheIdentity{account.user.orgId, account.user.id, account.user.role}, console->clock);
    if (!cache) {
        qWarning("cache: %s", qPrintable(cache.error().description));
        return nullptr;
    }
    console->cache = std::move(cache).value();
    console->api = std::make_unique<ApiClient>(org.url());
    console->api->setToken(token.isEmpty() ? account.token : token);
    console->api->setOrgId(account.user.orgId);
    console->engine = std::make_unique<SyncEngine>(
        org.url(), token.isEmpty() ? account.token : token, *console->cache, *console->api, console->clock,
        random ? *random : console->systemRandom, network, options);
    Console *c = console.get();
    QObject::connect(c->engine.get(), &SyncEngine::eventsApplied, c->engine.get(),
                     [c](const QList<Event> &events) {
                         c->batches.append(events);
                         c->positionAtEachBatch.append(c->cache->lastAppliedSeq());
                     });
    QObject::connect(c->engine.get(), &SyncEngine::stateChanged, c->engine.get(),
                     [c](const ConnectionState &state) { c->states.append(state); });
    return console;
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void streamUrlsFollowTheServerUrl();
    void aMemberGetsTheirChatroomsAndLiveEvents();
    void framesOfOneTurnAreAppliedInOneTransactionAndOneSignal();
    void aServerRestartResumesWithExactlyTheMissedEvents();
    void droppedSocketsUnderLoadLoseAndRepeatNothing();
    void aBatchTheCacheCannotWriteIsFetchedAgainNotSkipped();
    void aSinceBeyondTheHeadResetsAndLoadsTheSnapshot_data();
    void aSinceBeyondTheHeadResetsAndLoadsTheSnapshot();
    void reconnectingSaysWhenTheNextTryIs();
    void theNetworkComingBackReconnectsAtOnce();
    void noFrameForTheIdleTimeoutMeansReconnect();
    void anUnknownTokenStopsTheEngine();

private:
    QString newCachePath() { return m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(++m_caches)); }
    bool waitUntilSynced(Console &console, const ClientTestOrg::Account &account, View view,
                         int timeoutMs = 20000);

    ClientTestOrg m_org;
    QTemporaryDir m_dir;
    int m_caches = 0;
    QString m_memberRoom;
    QString m_supervisorRoom;
};

void TestSyncEngine::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
    m_memberRoom = m_org.newChatroom(m_org.member.user.id);
    m_supervisorRoom = m_org.newChatroom(m_org.supervisor.user.id);
    QVERIFY2(!m_memberRoom.isEmpty() && !m_supervisorRoom.isEmpty(), m_org.why());
}

bool TestSyncEngine::waitUntilSynced(Console &console, const ClientTestOrg::Account &account, View view,
                                     int timeoutMs)
{
    QString difference;
    const bool synced = QTest::qWaitFor(
        [&] {
            if (!console.connected() || console.cache->lastAppliedSeq() == 0)
                return false;
            difference = m_org.differenceFromServer(*console.cache, account, view);
            return difference.isEmpty();
        },
        timeoutMs);
    if (!synced)
        qWarning("not in sync: %s", qPrintable(difference));
    return synced;
}

void TestSyncEngine::streamUrlsFollowTheServerUrl()
{
    QCOMPARE(SyncEngine::streamUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/"))),
             QUrl(QStringLiteral("ws://127.0.0.1:8080/v1/stream")));
    QCOMPARE(SyncEngine::streamUrl(QUrl(QStringLiteral("https://h.example/handover/?x=1"))),
             QUrl(QStringLiteral("wss://h.example/handover/v1/stream")));
}

void TestSyncEngine::aMemberGetsTheirChatroomsAndLiveEvents()
{
    auto console = openConsole(m_org, m_org.member, newCachePath());
    QVERIFY(console);
    console->engine->start();
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
    QCOMPARE(console->engine->welcome()->userId, m_org.member.user.id);

    QStringList sent;
    for (int i = 0; i < 5; ++i)
        sent.append(m_org.sendTemplate(m_memberRoom));
    QVERIFY(!m_org.sendTemplate(m_supervisorRoom).isEmpty());
    for (const QString &id : std::as_const(sent))
        QTRY_COMPARE_WITH_TIMEOUT(console->messageCreatedCount(id), 1, 10000);
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
    QCOMPARE(MUST_OK(console->cache->messages(m_memberRoom, {}, 200)).size() >= 5, true);
    // Nothing of a chatroom the member does not participate in.
    for (const Event &e : console->events())
        QVERIFY(e.kind == EventKind::PresenceUpdated || e.chatroom.id != m_supervisorRoom);
    QVERIFY(!console->cache->chatroom(m_supervisorRoom).value().has_value());
}

void TestSyncEngine::framesOfOneTurnAreAppliedInOneTransactionAndOneSignal()
{
    auto console = openConsole(m_org, m_org.supervisor, newCachePath());
    QVERIFY(console);
    console->engine->start();
    QVERIFY(waitUntilSynced(*console, m_org.supervisor, View::All));
    // Events pile up while the console is away; on its return the replay arrives in bulk.
    console->engine->stop();
    QStringList sent;
    for (int i = 0; i < 60; ++i)
        sent.append(m_org.sendTemplate(i % 2 ? m_memberRoom : m_supervisorRoom));
    console->batches.clear();
    console->positionAtEachBatch.clear();
    const quint64 batchesBefore = console->engine->stats().batches;
    console->engine->start();
    QVERIFY(waitUntilSynced(*console, m_org.supervisor, View::All));
    for (const QString &id : std::as_const(sent))
        QCOMPARE(console->messageCreatedCount(id), 1);

    const qsizetype events = console->events().size();
    const qsizetype signals_ = console->batches.size();
    qInfo("replay of %lld events arrived in %lld batches", qlonglong(events), qlonglong(signals_));
    QVERIFY(events >= 60);
    QVERIFY2(signals_ < events / 4, "frames that arrive together must share a batch");
    // One signal per cache transaction, announced after its commit with the position of its last event.
    QCOMPARE(console->engine->stats().batches - batchesBefore, quint64(signals_));
    for (qsizetype i = 0; i < signals_; ++i)
        QCOMPARE(console->positionAtEachBatch.at(i), console->batches.at(i).last().seq);
    QVERIFY(console->seqsStrictlyIncrease());
}

void TestSyncEngine::aServerRestartResumesWithExactlyTheMissedEvents()
{
    auto console = openConsole(m_org, m_org.supervisor, newCachePath());
    QVERIFY(console);
    console->engine->start();
    QVERIFY(waitUntilSynced(*console, m_org.supervisor, View::All));
    for (bool kill9 : {false, true}) {
        m_org.server().stopServe(kill9);
        QTRY_VERIFY_WITH_TIMEOUT(console->engine->state().phase == ConnectionState::Phase::Reconnecting ||
                                     console->engine->state().phase == ConnectionState::Phase::Connecting,
                                 10000);
        QVERIFY2(m_org.server().startServe(), qPrintable(m_org.server().errorString()));
        // Sent while the console may or may not be back: replay and live must fit together.
        QStringList sent;
        for (int i = 0; i < 20; ++i)
            sent.append(m_org.sendTemplate(i % 2 ? m_memberRoom : m_supervisorRoom));
        QVERIFY(waitUntilSynced(*console, m_org.supervisor, View::All));
        for (const QString &id : std::as_const(sent))
            QTRY_COMPARE_WITH_TIMEOUT(console->messageCreatedCount(id), 1, 10000);
    }
    QVERIFY(console->seqsStrictlyIncrease());
    QVERIFY(console->engine->stats().connections >= 3);
    QCOMPARE(console->engine->stats().resets, quint64(0));
}

void TestSyncEngine::droppedSocketsUnderLoadLoseAndRepeatNothing()
{
    auto console = openConsole(m_org, m_org.member, newCachePath());
    QVERIFY(console);
    console->engine->start();
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
    QStringList sent;
    for (int round = 0; round < 10; ++round) {
        QTRY_VERIFY_WITH_TIMEOUT(console->connected(), 10000);
        // Sent, then the connection cut at once: their events may be in flight, or in the socket unread.
        for (int i = 0; i < 5; ++i)
            sent.append(m_org.sendTemplate(m_memberRoom));
        console->engine->dropConnection();
    }
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
    for (const QString &id : std::as_const(sent))
        QTRY_COMPARE_WITH_TIMEOUT(console->messageCreatedCount(id), 1, 10000);
    QVERIFY(console->seqsStrictlyIncrease());
    QVERIFY(console->engine->stats().connections >= 11);
    // The cache holds every message the server has for the chatroom.
    const QList<Message> server = m_org.serverMessages(m_memberRoom);
    const QList<Message> cached = MUST_OK(console->cache->messages(m_memberRoom, {}, 1000));
    QSet<QString> cachedIds;
    for (const Message &m : cached)
        cachedIds.insert(m.id);
    for (const Message &m : server)
        QVERIFY2(cachedIds.contains(m.id), qPrintable(m.id));
}

void TestSyncEngine::aBatchTheCacheCannotWriteIsFetchedAgainNotSkipped()
{
    const QString path = newCachePath();
    auto console = openConsole(m_org, m_org.member, path);
    QVERIFY(console);
    QSignalSpy failed(console->engine.get(), &SyncEngine::cacheFailed);
    console->engine->start();
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
    const auto runOnCache = [&](const QString &sql) {
        const QString name = QStringLiteral("poison-") + QString::number(++m_caches);
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            ok = db.open() && QSqlQuery(db).exec(sql);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    };
    // The disk refuses the message of one STM: its batch must fail whole and come again, however often.
    QVERIFY(runOnCache(
        QStringLiteral("CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.body LIKE '%Order P-1 %' "
                       "BEGIN SELECT RAISE(ABORT, 'disk says no'); END")));
    const QString poisoned = m_org.sendTemplate(m_memberRoom, QStringLiteral("P-1"));
    const QString after = m_org.sendTemplate(m_memberRoom, QStringLiteral("P-2"));
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 2, 15000);
    QCOMPARE(console->messageCreatedCount(poisoned), 0);
    QCOMPARE(console->messageCreatedCount(after), 0); // nothing after the failure went in past it
    QVERIFY(runOnCache(QStringLiteral("DROP TRIGGER poison")));
    QTRY_COMPARE_WITH_TIMEOUT(console->messageCreatedCount(after), 1, 20000);
    QCOMPARE(console->messageCreatedCount(poisoned), 1);
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
    QVERIFY(console->seqsStrictlyIncrease());
}

void TestSyncEngine::aSinceBeyondTheHeadResetsAndLoadsTheSnapshot_data()
{
    QTest::addColumn<bool>("supervisor");
    QTest::newRow("a supervisor reloads the All view") << true;
    QTest::newRow("a member reloads the Mine view") << false;
}

void TestSyncEngine::aSinceBeyondTheHeadResetsAndLoadsTheSnapshot()
{
    QFETCH(bool, supervisor);
    const ClientTestOrg::Account &account = supervisor ? m_org.supervisor : m_org.member;
    const View view = supervisor ? View::All : View::Mine;
    const QString path = newCachePath();
    {
        // A cache from another server of the same ids: far ahead, with a chatroom this server never had.
        SystemClock clock;
        auto cache = ChatroomCache::open(
            path, CacheIdentity{account.user.orgId, account.user.id, account.user.role}, clock);
        QVERIFY(cache.ok());
        Chatroom ghost;
        ghost.id = QStringLiteral("ghost");
        ghost.orgId = account.user.orgId;
        ghost.contactId = QStringLiteral("nobody");
        ghost.phoneNumber = QStringLiteral("+10000000000");
        ghost.remoteWabaId = ghost.remotePhoneId = QStringLiteral("x");
        ghost.participants.append(Participant{account.user.id, {}, {}, 0});
        ghost.createdAt = QDateTime::currentDateTimeUtc();
        Event e;
        e.seq = 1000000;
        e.kind = EventKind::ChatroomCreated;
        e.at = ghost.createdAt;
        e.chatroom = ghost;
        const Result<qsizetype> applied = (*cache)->applyBatch(QList<Event>{e});
        QVERIFY2(applied.ok(), why(applied).constData());
    }
    auto console = openConsole(m_org, account, path);
    QVERIFY(console);
    QSignalSpy reloaded(console->engine.get(), &SyncEngine::cacheReloaded);
    QSignalSpy resyncing(console->engine.get(), &SyncEngine::resyncStarted);
    console->engine->start();
    QTRY_COMPARE_WITH_TIMEOUT(reloaded.size(), 1, 20000);
    QCOMPARE(resyncing.size(), 1);
    QCOMPARE(console->engine->stats().resets, quint64(1));
    QVERIFY(!console->cache->chatroom(QStringLiteral("ghost")).value().has_value());
    QVERIFY(waitUntilSynced(*console, account, view));
    QVERIFY(console->cache->lastAppliedSeq() >= console->engine->welcome()->headSeq);
    QVERIFY(console->cache->lastAppliedSeq() < 1000000);
    // And it goes on live from there.
    const QString id = m_org.sendTemplate(m_memberRoom);
    QTRY_COMPARE_WITH_TIMEOUT(console->messageCreatedCount(id), 1, 10000);
    QVERIFY(!console->engine->state().resyncing);
}

void TestSyncEngine::reconnectingSaysWhenTheNextTryIs()
{
    // The highest draw every time: each wait is the policy's ceiling, 0.5 s, 1 s, 2 s...
    FixedRandom highest(1.0);
    auto console = openConsole(m_org, m_org.supervisor, newCachePath(), {}, &highest);
    QVERIFY(console);
    console->engine->start();
    QVERIFY(waitUntilSynced(*console, m_org.supervisor, View::All));
    console->states.clear();
    m_org.server().stopServe();
    QTRY_VERIFY_WITH_TIMEOUT(console->states.size() >= 6, 15000); // three waits, each with its try
    m_org.server().startServe();
    QList<qint64> waits;
    for (const ConnectionState &s : std::as_const(console->states)) {
        if (s.phase == ConnectionState::Phase::Reconnecting) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            QVERIFY(s.nextAttemptAt.isValid());
            QVERIFY(s.secondsUntilRetry(now) <= 30);
            waits.append(s.nextAttemptAt.toMSecsSinceEpoch());
        }
    }
    QVERIFY(waits.size() >= 3);
    // Each wait is longer than the one before (0.5 s, 1 s, 2 s), never more than 30 s.
    const qint64 first = waits.at(1) - waits.at(0);
    const qint64 second = waits.at(2) - waits.at(1);
    QVERIFY2(second > first && first >= 900 && second <= 30000 + 2000,
             qPrintable(QStringLiteral("%1 ms then %2 ms").arg(first).arg(second)));
    QVERIFY(waitUntilSynced(*console, m_org.supervisor, View::All));
    QCOMPARE(console->engine->state().failedAttempts, 0);
}

void TestSyncEngine::theNetworkComingBackReconnectsAtOnce()
{
    // Waits long enough that only the network's return can explain a quick reconnect.
    FixedRandom highest(1.0);
    SyncEngineOptions options;
    options.backoff = BackoffPolicy{20000, 2.0, 30000};
    NetworkWatch network;
    qInfo("network information backend: %s", network.hasBackend() ? "yes" : "none");
    network.setOnline(true);
    auto console = openConsole(m_org, m_org.member, newCachePath(), options, &highest, {}, &network);
    QVERIFY(console);
    console->engine->start();
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
    m_org.server().stopServe();
    QTRY_COMPARE_WITH_TIMEOUT(console->engine->state().phase, ConnectionState::Phase::Reconnecting, 10000);
    QVERIFY(console->engine->state().secondsUntilRetry(QDateTime::currentDateTimeUtc()) >= 15);
    network.setOnline(false);
    QCOMPARE(console->engine->state().phase, ConnectionState::Phase::Offline);
    QVERIFY2(m_org.server().startServe(), qPrintable(m_org.server().errorString()));
    QElapsedTimer back;
    back.start();
    network.setOnline(true);
    QTRY_VERIFY_WITH_TIMEOUT(console->connected(), 5000);
    QVERIFY(back.elapsed() < 5000);
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
}

void TestSyncEngine::noFrameForTheIdleTimeoutMeansReconnect()
{
    SyncEngineOptions options;
    options.idleTimeoutMs = 1200; // the server pings every 15 s, so silence comes before any ping
    auto console = openConsole(m_org, m_org.member, newCachePath(), options);
    QVERIFY(console);
    console->engine->start();
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
    const quint64 connections = console->engine->stats().connections;
    QTRY_VERIFY_WITH_TIMEOUT(console->engine->stats().connections >= connections + 2, 10000);
    QVERIFY(console->engine->state().lastError.contains(QStringLiteral("no frame")) || console->connected());
    QVERIFY(waitUntilSynced(*console, m_org.member, View::Mine));
}

void TestSyncEngine::anUnknownTokenStopsTheEngine()
{
    auto console =
        openConsole(m_org, m_org.member, newCachePath(), {}, nullptr, QStringLiteral("not-a-session"));
    QVERIFY(console);
    QSignalSpy rejected(console->engine.get(), &SyncEngine::sessionRejected);
    console->engine->start();
    QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 1, 10000);
    QVERIFY(!console->engine->isRunning());
    QCOMPARE(console->engine->state().phase, ConnectionState::Phase::Offline);
    QTest::qWait(1500);
    QCOMPARE(console->engine->stats().connections, quint64(1)); // no retry loop with a dead token
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
