#include "client/chatroomcache.h"
#include "client/receivedevent.h"
#include "core/json/apicodec.h"
#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/store/sql.h"
#include "tests/client/resultchecks.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <ctime>

using namespace handover;
using namespace handover::client;
using handover::testing::why;

namespace {

const OrgId kOrg = QStringLiteral("org-1");
const UserId kMe = QStringLiteral("user-me");
const UserId kOther = QStringLiteral("user-other");
const QDateTime kStart(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);

Chatroom chatroomOf(const QString &id, const QList<UserId> &participants, qint64 bumpSeq, int unread = 0)
{
    Chatroom c;
    c.id = id;
    c.orgId = kOrg;
    c.contactId = QStringLiteral("contact-") + id;
    c.displayName = QStringLiteral("Customer ") + id;
    c.phoneNumber = QStringLiteral("+919800000001");
    c.remoteWabaId = QStringLiteral("waba-a");
    c.remotePhoneId = QStringLiteral("990011");
    for (const UserId &user : participants)
        c.participants.append(Participant{user, kStart, MessageId(), user == kMe ? unread : 0});
    c.sortKey = SortKey{kStart.toMSecsSinceEpoch() + bumpSeq * 1000, bumpSeq};
    c.createdAt = kStart;
    return c;
}

Message messageOf(const QString &id, const ChatroomId &chatroomId, qint64 atSeq)
{
    Message m;
    m.id = id;
    m.chatroomId = chatroomId;
    m.kind = MessageKind::Text;
    m.sender = Sender{SenderType::Bot, {}};
    m.text = QStringLiteral("Message ") + id;
    m.createdAt = kStart.addSecs(atSeq);
    return m;
}

Event eventOf(qint64 seq, EventKind kind, const Chatroom &chatroom,
              std::optional<Message> message = std::nullopt)
{
    Event e;
    e.seq = seq;
    e.kind = kind;
    e.at = kStart.addSecs(seq);
    e.chatroom = chatroom;
    e.message = std::move(message);
    e.bumped = kind == EventKind::MessageCreated;
    return e;
}

} // namespace

class TestChatroomCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aNewCacheIsEmptyAtSeqZero();
    void aBatchStoresItsEventsAndItsPositionTogether();
    void aBatchThatFailsToWriteLeavesRowsAndPositionUnchanged();
    void eventsAtOrBelowThePositionAreSkipped();
    void laterEventsOverwriteAChatroomWithoutLosingItsMessages();
    void aMemberDropsAChatroomTheyNoLongerParticipateIn();
    void aSupervisorKeepsChatroomsTheyDoNotParticipateIn();
    void presenceEventsMoveThePositionOnly();
    void resetDropsTheOrgButKeepsTheOutbox();
    void aSnapshotThenTheHeldBackEventsEndAtTheirPosition();
    void reopeningKeepsTheState();
    void messagesArePagedNewestLast();
    void sortKeysComeInListOrderPerView();
    void receivedJsonIsSlicedFromTheFrame();
    void ingestsGeneratedEventsInBatches();

private:
    std::unique_ptr<ChatroomCache> open(Role role = Role::Member);
    QString path() const { return m_dir->filePath(QStringLiteral("cache.sqlite")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    FakeClock m_clock;
};

void TestChatroomCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestChatroomCache::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<ChatroomCache> TestChatroomCache::open(Role role)
{
    Result<std::unique_ptr<ChatroomCache>> cache =
        ChatroomCache::open(path(), CacheIdentity{kOrg, kMe, role}, m_clock);
    if (!cache) {
        qWarning("open failed: %s", qPrintable(cache.error().description));
        return nullptr;
    }
    return std::move(cache).value();
}

void TestChatroomCache::aNewCacheIsEmptyAtSeqZero()
{
    auto cache = open();
    QVERIFY(cache);
    QCOMPARE(cache->lastAppliedSeq(), qint64(0));
    QCOMPARE(MUST_OK(cache->chatroomCount()), qsizetype(0));
}

void TestChatroomCache::aBatchStoresItsEventsAndItsPositionTogether()
{
    auto cache = open();
    QVERIFY(cache);
    const Chatroom a = chatroomOf(QStringLiteral("a"), {kMe}, 1, 2);
    const Chatroom b = chatroomOf(QStringLiteral("b"), {kMe}, 2);
    const QList<Event> batch{
        eventOf(1, EventKind::ChatroomCreated, a),
        eventOf(2, EventKind::MessageCreated, b, messageOf(QStringLiteral("m1"), QStringLiteral("b"), 2))};
    const Result<qsizetype> applied = cache->applyBatch(batch);
    QVERIFY2(applied.ok(), why(applied).constData());
    QCOMPARE(*applied, qsizetype(2));
    QCOMPARE(cache->lastAppliedSeq(), qint64(2));
    QCOMPARE(MUST_OK(cache->chatroom(QStringLiteral("a"))).value(), a);
    QCOMPARE(MUST_OK(cache->messages(QStringLiteral("b"))).size(), qsizetype(1));
    const QList<CachedChatroomRow> rows = MUST_OK(cache->rows());
    QCOMPARE(rows.size(), qsizetype(2));
    QCOMPARE(rows.at(0).id, QStringLiteral("b")); // newest bump first
    QCOMPARE(rows.at(1).unreadCount, 2);
    QVERIFY(rows.at(1).isParticipant);
}

void TestChatroomCache::aBatchThatFailsToWriteLeavesRowsAndPositionUnchanged()
{
    auto cache = open();
    QVERIFY(cache);
    QVERIFY(
        cache->applyBatch({eventOf(1, EventKind::ChatroomCreated, chatroomOf(QStringLiteral("a"), {kMe}, 1))})
            .ok());
    {
        // A write that SQLite refuses half-way through the batch.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("poison"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QVERIFY(
            store::execute(
                db, QStringLiteral("CREATE TRIGGER poison BEFORE INSERT ON chatrooms WHEN NEW.id = 'poison' "
                                   "BEGIN SELECT RAISE(ABORT, 'poisoned'); END"))
                .ok());
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("poison"));
    const QList<Event> batch{
        eventOf(2, EventKind::ChatroomUpdated, chatroomOf(QStringLiteral("a"), {kMe}, 2, 5)),
        eventOf(3, EventKind::MessageCreated, chatroomOf(QStringLiteral("b"), {kMe}, 3),
                messageOf(QStringLiteral("m1"), QStringLiteral("b"), 3)),
        eventOf(4, EventKind::ChatroomCreated, chatroomOf(QStringLiteral("poison"), {kMe}, 4)),
    };
    const Result<qsizetype> applied = cache->applyBatch(batch);
    QVERIFY(!applied.ok());
    QVERIFY(applied.error().description.contains(QStringLiteral("poisoned")));
    // Neither the rows nor the position moved, in memory and on disk.
    QCOMPARE(cache->lastAppliedSeq(), qint64(1));
    QCOMPARE(MUST_OK(cache->chatroomCount()), qsizetype(1));
    QCOMPARE(MUST_OK(cache->rows()).first().unreadCount, 0);
    QVERIFY(MUST_OK(cache->messages(QStringLiteral("b"))).isEmpty());
    cache.reset();
    auto reopened = open();
    QCOMPARE(reopened->lastAppliedSeq(), qint64(1));
    QCOMPARE(MUST_OK(reopened->chatroomCount()), qsizetype(1));
    // And the next good batch goes through.
    QVERIFY(reopened->applyBatch({batch.at(0), batch.at(1)}).ok());
    QCOMPARE(reopened->lastAppliedSeq(), qint64(3));
}

void TestChatroomCache::eventsAtOrBelowThePositionAreSkipped()
{
    auto cache = open();
    QVERIFY(cache);
    QVERIFY(cache
                ->applyBatch(
                    {eventOf(5, EventKind::ChatroomUpdated, chatroomOf(QStringLiteral("a"), {kMe}, 5, 3))})
                .ok());
    // A replay of older events (as after a reconnect that raced a batch) changes nothing.
    const Result<qsizetype> applied = cache->applyBatch(
        {eventOf(4, EventKind::ChatroomUpdated, chatroomOf(QStringLiteral("a"), {kMe}, 4, 9)),
         eventOf(5, EventKind::ChatroomUpdated, chatroomOf(QStringLiteral("a"), {kMe}, 5, 9))});
    QCOMPARE(*applied, qsizetype(0));
    QCOMPARE(cache->lastAppliedSeq(), qint64(5));
    QCOMPARE(MUST_OK(cache->rows()).first().unreadCount, 3);
}

void TestChatroomCache::laterEventsOverwriteAChatroomWithoutLosingItsMessages()
{
    auto cache = open();
    QVERIFY(cache);
    const QString id = QStringLiteral("a");
    QVERIFY(cache
                ->applyBatch({eventOf(1, EventKind::MessageCreated, chatroomOf(id, {kMe}, 1),
                                      messageOf(QStringLiteral("m1"), id, 1))})
                .ok());
    Chatroom renamed = chatroomOf(id, {kMe}, 1);
    renamed.displayName = QStringLiteral("Renamed");
    QVERIFY(cache->applyBatch({eventOf(2, EventKind::ChatroomUpdated, renamed)}).ok());
    QCOMPARE(MUST_OK(cache->chatroom(id)).value().displayName, QStringLiteral("Renamed"));
    QCOMPARE(MUST_OK(cache->messages(id)).size(), qsizetype(1)); // an upsert, not a replace that cascades
    // message.updated upserts the message in place.
    Message delivered = messageOf(QStringLiteral("m1"), id, 1);
    delivered.status = DeliveryStatus::Delivered;
    QVERIFY(cache->applyBatch({eventOf(3, EventKind::MessageUpdated, renamed, delivered)}).ok());
    QCOMPARE(MUST_OK(cache->messages(id)).size(), qsizetype(1));
    QCOMPARE(MUST_OK(cache->messages(id)).first().status, DeliveryStatus::Delivered);
}

void TestChatroomCache::aMemberDropsAChatroomTheyNoLongerParticipateIn()
{
    auto cache = open(Role::Member);
    QVERIFY(cache);
    const QString id = QStringLiteral("a");
    QVERIFY(cache
                ->applyBatch({eventOf(1, EventKind::MessageCreated, chatroomOf(id, {kMe}, 1),
                                      messageOf(QStringLiteral("m1"), id, 1))})
                .ok());
    Event unassigned = eventOf(2, EventKind::ChatroomUnassigned, chatroomOf(id, {kOther}, 1));
    unassigned.userId = kMe;
    unassigned.reason = reason::reassigned();
    QVERIFY(cache->applyBatch({unassigned}).ok());
    QVERIFY(!MUST_OK(cache->chatroom(id)).has_value());
    QVERIFY(MUST_OK(cache->messages(id)).isEmpty());
    QCOMPARE(cache->lastAppliedSeq(), qint64(2));
}

void TestChatroomCache::aSupervisorKeepsChatroomsTheyDoNotParticipateIn()
{
    auto cache = open(Role::Supervisor);
    QVERIFY(cache);
    QVERIFY(cache
                ->applyBatch(
                    {eventOf(1, EventKind::ChatroomCreated, chatroomOf(QStringLiteral("a"), {kOther}, 1)),
                     eventOf(2, EventKind::ChatroomCreated, chatroomOf(QStringLiteral("b"), {kMe}, 2))})
                .ok());
    QCOMPARE(MUST_OK(cache->rows(View::All)).size(), qsizetype(2));
    QCOMPARE(MUST_OK(cache->rows(View::Mine)).size(), qsizetype(1));
    QCOMPARE(MUST_OK(cache->rows(View::Mine)).first().id, QStringLiteral("b"));
}

void TestChatroomCache::presenceEventsMoveThePositionOnly()
{
    auto cache = open(Role::Supervisor);
    QVERIFY(cache);
    Event presence;
    presence.seq = 7;
    presence.kind = EventKind::PresenceUpdated;
    presence.at = kStart;
    presence.userId = kOther;
    presence.online = true;
    QCOMPARE(*cache->applyBatch({presence}), qsizetype(1));
    QCOMPARE(cache->lastAppliedSeq(), qint64(7));
    QCOMPARE(MUST_OK(cache->chatroomCount()), qsizetype(0));
}

void TestChatroomCache::resetDropsTheOrgButKeepsTheOutbox()
{
    auto cache = open();
    QVERIFY(cache);
    QVERIFY(cache
                ->applyBatch({eventOf(3, EventKind::MessageCreated, chatroomOf(QStringLiteral("a"), {kMe}, 3),
                                      messageOf(QStringLiteral("m1"), QStringLiteral("a"), 3))})
                .ok());
    {
        Result<store::Database> db =
            store::Database::open(store::DatabaseOptions{path()}, store::cacheSchema());
        QVERIFY(db.ok());
        QVERIFY(store::execute(
                    db->connection(),
                    QStringLiteral(
                        "INSERT INTO outbox (idempotency_key, org_id, chatroom_id, kind, payload, "
                        "created_at, updated_at) VALUES ('k1', 'org-1', 'a', 'send_text', '{}', 0, 0)"))
                    .ok());
    }
    QVERIFY(cache->reset(kOrg).ok());
    QCOMPARE(cache->lastAppliedSeq(), qint64(0));
    QCOMPARE(MUST_OK(cache->chatroomCount()), qsizetype(0));
    QVERIFY(MUST_OK(cache->messages(QStringLiteral("a"))).isEmpty());
    Result<store::Database> db = store::Database::open(store::DatabaseOptions{path()}, store::cacheSchema());
    QCOMPARE(store::queryValue(db->connection(), QStringLiteral("SELECT count(*) FROM outbox"))->toInt(), 1);
    db->close();
    cache.reset();
    QCOMPARE(open()->lastAppliedSeq(), qint64(0));
}

void TestChatroomCache::aSnapshotThenTheHeldBackEventsEndAtTheirPosition()
{
    auto cache = open(Role::Supervisor);
    QVERIFY(cache);
    QVERIFY(cache->reset(kOrg).ok());
    // The snapshot was read at head 10 but already shows chatroom b as it is after seq 12.
    QVERIFY(
        cache
            ->loadSnapshot(
                {chatroomOf(QStringLiteral("a"), {kMe}, 4), chatroomOf(QStringLiteral("b"), {kMe}, 12)}, 10)
            .ok());
    QCOMPARE(cache->lastAppliedSeq(), qint64(0)); // not until the held-back events are in
    QVERIFY(cache
                ->applyBatch(
                    {eventOf(11, EventKind::ChatroomUpdated, chatroomOf(QStringLiteral("b"), {kMe}, 11)),
                     eventOf(12, EventKind::ChatroomUpdated, chatroomOf(QStringLiteral("b"), {kMe}, 12))},
                    10)
                .ok());
    QCOMPARE(cache->lastAppliedSeq(), qint64(12));
    QCOMPARE(MUST_OK(cache->chatroom(QStringLiteral("b"))).value().sortKey.bumpSeq, qint64(12));
    // With nothing held back the position is the snapshot's.
    QVERIFY(cache->reset(kOrg).ok());
    QVERIFY(cache->loadSnapshot({chatroomOf(QStringLiteral("a"), {kMe}, 4)}, 20).ok());
    QVERIFY(cache->applyBatch(QList<Event>(), 20).ok());
    QCOMPARE(cache->lastAppliedSeq(), qint64(20));
}

void TestChatroomCache::reopeningKeepsTheState()
{
    {
        auto cache = open();
        QVERIFY(cache);
        QVERIFY(cache
                    ->applyBatch(
                        {eventOf(8, EventKind::ChatroomCreated, chatroomOf(QStringLiteral("a"), {kMe}, 8))})
                    .ok());
    }
    auto reopened = open();
    QVERIFY(reopened);
    QCOMPARE(reopened->lastAppliedSeq(), qint64(8));
    QCOMPARE(MUST_OK(reopened->chatroom(QStringLiteral("a"))).value(),
             chatroomOf(QStringLiteral("a"), {kMe}, 8));
    // Another user's cache in the same file starts at 0.
    auto other = ChatroomCache::open(path(), CacheIdentity{kOrg, kOther, Role::Member}, m_clock);
    QVERIFY(other.ok());
    QCOMPARE((*other)->lastAppliedSeq(), qint64(0));
}

void TestChatroomCache::messagesArePagedNewestLast()
{
    auto cache = open();
    QVERIFY(cache);
    const QString id = QStringLiteral("a");
    QList<Event> batch;
    for (int i = 1; i <= 10; ++i)
        batch.append(eventOf(i, EventKind::MessageCreated, chatroomOf(id, {kMe}, i),
                             messageOf(QStringLiteral("m%1").arg(i), id, i)));
    QVERIFY(cache->applyBatch(batch).ok());
    const QList<Message> newest = MUST_OK(cache->messages(id, {}, 4));
    QCOMPARE(newest.size(), qsizetype(4));
    QCOMPARE(newest.first().id, QStringLiteral("m7"));
    QCOMPARE(newest.last().id, QStringLiteral("m10"));
    const QList<Message> older = MUST_OK(cache->messages(id, newest.first().id, 4));
    QCOMPARE(older.first().id, QStringLiteral("m3"));
    QCOMPARE(older.last().id, QStringLiteral("m6"));
    QCOMPARE(MUST_OK(cache->messages(id, QStringLiteral("m1"), 4)).size(), qsizetype(0));
    // History fetched over HTTP joins them; messages of chatrooms not cached are left out.
    QVERIFY(cache
                ->storeMessages({messageOf(QStringLiteral("m0"), id, 0),
                                 messageOf(QStringLiteral("x"), QStringLiteral("nope"), 0)})
                .ok());
    QCOMPARE(MUST_OK(cache->messages(id, QStringLiteral("m1"), 4)).size(), qsizetype(1));
}

void TestChatroomCache::sortKeysComeInListOrderPerView()
{
    auto cache = open(Role::Supervisor);
    QVERIFY(cache);
    Chatroom waiting = chatroomOf(QStringLiteral("w"), {}, 3);
    waiting.pendingHandover = PendingHandover{{}, QStringLiteral("group-1"), kStart};
    QVERIFY(cache
                ->applyBatch(
                    {eventOf(1, EventKind::ChatroomCreated, chatroomOf(QStringLiteral("a"), {kMe}, 1)),
                     eventOf(2, EventKind::ChatroomCreated, chatroomOf(QStringLiteral("b"), {kOther}, 2)),
                     eventOf(3, EventKind::ChatroomCreated, waiting)})
                .ok());
    const auto all = MUST_OK(cache->sortKeys(View::All));
    QCOMPARE(all.size(), size_t(3));
    QCOMPARE(all.at(0).first, QStringLiteral("w"));
    QCOMPARE(all.at(2).first, QStringLiteral("a"));
    QCOMPARE(all.at(1).second, (SortKey{kStart.toMSecsSinceEpoch() + 2000, 2}));
    QCOMPARE(MUST_OK(cache->sortKeys(View::Mine)).size(), size_t(1));
    QCOMPARE(MUST_OK(cache->sortKeys(View::AwaitingHandover)).front().first, QStringLiteral("w"));
}

void TestChatroomCache::receivedJsonIsSlicedFromTheFrame()
{
    const QByteArray text =
        R"({"a": "x\"}{", "chatroom" : {"id":"c","list":[1,{"b":"]"}],"n":null} ,"n":-1.5e3,"message":null})";
    QCOMPARE(jsonMemberSlice(text, QLatin1StringView("chatroom")).toByteArray(),
             QByteArray(R"({"id":"c","list":[1,{"b":"]"}],"n":null})"));
    QCOMPARE(jsonMemberSlice(text, QLatin1StringView("n")).toByteArray(), QByteArray("-1.5e3"));
    QCOMPARE(jsonMemberSlice(text, QLatin1StringView("message")).toByteArray(), QByteArray("null"));
    QVERIFY(jsonMemberSlice(text, QLatin1StringView("id")).isNull()); // nested members are not top-level
    QVERIFY(jsonMemberSlice("[1]", QLatin1StringView("a")).isNull());

    const Chatroom c = chatroomOf(QStringLiteral("a"), {kMe}, 3, 1);
    const Event e =
        eventOf(3, EventKind::MessageCreated, c, messageOf(QStringLiteral("m"), QStringLiteral("a"), 3));
    Result<ReceivedFrame> frame = decodeReceivedFrame(encodeEvent(e));
    QVERIFY(frame.ok());
    const ReceivedEvent &received = std::get<ReceivedEvent>(*frame);
    QCOMPARE(received.event, e);
    QCOMPARE(QJsonDocument::fromJson(received.chatroomJson).object(), chatroomToJson(c, std::nullopt));
    QCOMPARE(QJsonDocument::fromJson(received.messageJson).object(), messageToJson(*e.message));
}

void TestChatroomCache::ingestsGeneratedEventsInBatches()
{
    auto cache = open(Role::Supervisor);
    QVERIFY(cache);
    constexpr int kEvents = 100000;
    constexpr int kChatrooms = 10000;
    constexpr int kBatch = 500; // a replay batch of the server; live traffic makes smaller ones
    // The frames as the server sends them, made up front: the figures are the console's, not the generator's.
    QList<QByteArray> frames;
    frames.reserve(kEvents);
    for (int seq = 1; seq <= kEvents; ++seq) {
        const QString id = QStringLiteral("chatroom-%1").arg(seq % kChatrooms);
        const Chatroom c = chatroomOf(id, {kMe, kOther}, seq, seq % 7);
        if (seq % 2 == 0)
            frames.append(encodeEvent(eventOf(seq, EventKind::MessageCreated, c,
                                              messageOf(QStringLiteral("m-%1").arg(seq), id, seq))));
        else
            frames.append(encodeEvent(eventOf(seq, EventKind::ChatroomUpdated, c)));
    }
    // As the engine does it: a batch of frames decoded, then applied in one transaction. Wall time is what a
    // user waits; CPU time is the same work without the other processes of a busy machine.
    qint64 decodeNs = 0;
    qint64 applyNs = 0;
    std::clock_t decodeCpu = 0;
    std::clock_t applyCpu = 0;
    QElapsedTimer timer;
    for (qsizetype first = 0; first < frames.size(); first += kBatch) {
        timer.start();
        std::clock_t cpu = std::clock();
        QList<ReceivedEvent> batch;
        batch.reserve(kBatch);
        for (qsizetype i = first; i < std::min<qsizetype>(first + kBatch, frames.size()); ++i) {
            Result<ReceivedFrame> decoded = decodeReceivedFrame(frames.at(i));
            QVERIFY(decoded.ok());
            batch.append(std::get<ReceivedEvent>(std::move(decoded).value()));
        }
        decodeNs += timer.nsecsElapsed();
        decodeCpu += std::clock() - cpu;
        timer.start();
        cpu = std::clock();
        const Result<qsizetype> applied = cache->applyBatch(batch);
        QVERIFY2(applied.ok(), why(applied).constData());
        applyNs += timer.nsecsElapsed();
        applyCpu += std::clock() - cpu;
    }
    const auto rate = [](double seconds) { return double(kEvents) / std::max(seconds, 1e-9); };
    const auto cpuSeconds = [](std::clock_t ticks) { return double(ticks) / CLOCKS_PER_SEC; };
    qInfo("P4 ingest of %d events (half with a message) over %d chatrooms, batches of %d, one transaction "
          "each:",
          kEvents, kChatrooms, kBatch);
    qInfo("  apply to the cache: %.0f events/s (wall %.0f ms), %.0f events per CPU-second",
          rate(double(applyNs) / 1e9), double(applyNs) / 1e6, rate(cpuSeconds(applyCpu)));
    qInfo("  decode the frames (core's decoder): %.0f events/s (wall %.0f ms), %.0f events per CPU-second",
          rate(double(decodeNs) / 1e9), double(decodeNs) / 1e6, rate(cpuSeconds(decodeCpu)));
    qInfo("  frame bytes to committed cache, together: %.0f events/s (wall), %.0f events per CPU-second",
          rate(double(decodeNs + applyNs) / 1e9), rate(cpuSeconds(decodeCpu + applyCpu)));
    QCOMPARE(cache->lastAppliedSeq(), qint64(kEvents));
    QCOMPARE(MUST_OK(cache->chatroomCount()), qsizetype(kChatrooms));
    // What went in as received comes out as sent.
    const Chatroom last = chatroomOf(QStringLiteral("chatroom-0"), {kMe, kOther}, kEvents, kEvents % 7);
    QCOMPARE(MUST_OK(cache->chatroom(QStringLiteral("chatroom-0"))).value(), last);
    QCOMPARE(MUST_OK(cache->rows(View::Mine)).first().unreadCount, kEvents % 7);
}

QTEST_GUILESS_MAIN(TestChatroomCache)
#include "tst_chatroomcache.moc"
