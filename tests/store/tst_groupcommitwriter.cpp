#include "core/store/database.h"
#include "core/store/groupcommitwriter.h"
#include "core/store/migrations.h"
#include "core/store/sql.h"
#include "storetestsupport.h"

#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

using namespace handover;
using namespace handover::store;
using namespace std::chrono_literals;
using storetest::optionsFor;

namespace {

Migrations writerSchema()
{
    return Migrations(
        QStringLiteral("writer test"), 0,
        {{1,
          QStringLiteral("writes, and a deferred foreign key that only COMMIT checks"),
          {QStringLiteral("CREATE TABLE writes (id INTEGER PRIMARY KEY, producer INTEGER NOT NULL)"),
           QStringLiteral("CREATE TABLE parents (id INTEGER PRIMARY KEY)"),
           QStringLiteral("CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
                          "REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)")},
          {}}});
}

// Inserts one row; with refuse set, inserts it and then reports an error, so only a savepoint can undo it.
WriteJob insertWrite(qint64 id, int producer = 0, bool refuse = false)
{
    return [id, producer, refuse](QSqlDatabase &db) -> Result<QVariant> {
        auto query = prepare(db, QStringLiteral("INSERT INTO writes (id, producer) VALUES (?, ?)"));
        if (!query)
            return query.error();
        query->addBindValue(id);
        query->addBindValue(producer);
        if (auto ran = exec(*query); !ran)
            return ran.error();
        if (refuse)
            return Error::make(ErrorCode::ValidationFailed,
                               QStringLiteral("write %1 refuses itself").arg(id));
        return QVariant(id);
    };
}

// Holds the writer inside a batch until released, so that whatever is submitted meanwhile forms the next
// batch.
struct Gate
{
    std::promise<void> entered;
    std::promise<void> release;

    WriteJob job()
    {
        return [this](QSqlDatabase &db) -> Result<QVariant> {
            entered.set_value();
            release.get_future().wait();
            return insertWrite(-1)(db);
        };
    }
};

QSet<qint64> storedIds(const QString &path)
{
    QSet<qint64> ids;
    auto db = Database::open(optionsFor(path), writerSchema());
    if (!db)
        return ids;
    QSqlQuery query(db->connection());
    if (query.exec(QStringLiteral("SELECT id FROM writes"))) {
        while (query.next())
            ids.insert(query.value(0).toLongLong());
    }
    return ids;
}

} // namespace

class TestGroupCommitWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void concurrentSubmittersLoseNothingAndShareCommits();
    void jobsArrivingDuringACommitShareTheNextOne();
    void failingJobRollsBackOnlyItself();
    void failedCommitFailsEveryJobOfTheBatch();
    void readersSeeOnlyCommittedWrites();
    void completionRunsInTheContextThreadAfterCommit();
    void destroyedContextDropsItsCompletion();
    void withoutContextCompletionRunsOnTheWriterThread();
    void stopDrainsTheQueueThenRefuses();
    void startFailsWhenTheFileCannotBeOpened();

private:
    std::unique_ptr<GroupCommitWriter> startWriter(WriterOptions options = {});

    QTemporaryDir m_dir;
    QString m_path;
    int m_run = 0;
};

void TestGroupCommitWriter::init()
{
    m_path = m_dir.filePath(QStringLiteral("writer-%1.db").arg(++m_run));
}

void TestGroupCommitWriter::cleanup()
{
    m_path.clear();
}

std::unique_ptr<GroupCommitWriter> TestGroupCommitWriter::startWriter(WriterOptions options)
{
    auto writer = GroupCommitWriter::start(optionsFor(m_path), writerSchema(), options);
    if (!writer) {
        qWarning().noquote() << writer.error().description;
        return nullptr;
    }
    return std::move(writer).value();
}

void TestGroupCommitWriter::concurrentSubmittersLoseNothingAndShareCommits()
{
    constexpr int producers = 8;
    constexpr int jobsEach = 500;
    constexpr int refuseEvery = 37;
    auto writer = startWriter();
    QVERIFY(writer);

    // Producers only record what their completions said; the checks run here, in the test's thread.
    std::vector<std::vector<qint64>> confirmed(producers);
    std::vector<std::vector<qint64>> refused(producers);
    std::vector<std::thread> threads;
    for (int p = 0; p < producers; ++p) {
        threads.emplace_back([&, p] {
            std::vector<std::pair<qint64, std::future<Result<QVariant>>>> pending;
            for (int n = 0; n < jobsEach; ++n) {
                const qint64 id = qint64(p) * jobsEach + n;
                pending.emplace_back(id, writer->submit(insertWrite(id, p, n % refuseEvery == 0)));
            }
            for (auto &[id, future] : pending) {
                const Result<QVariant> result = future.get();
                (result ? confirmed : refused)[p].push_back(id);
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    writer->stop();

    QSet<qint64> expected;
    qsizetype refusedCount = 0;
    for (int p = 0; p < producers; ++p) {
        for (qint64 id : confirmed[p])
            expected.insert(id);
        refusedCount += qsizetype(refused[p].size());
        for (qint64 id : refused[p])
            QCOMPARE(id % jobsEach % refuseEvery, 0);
    }
    QCOMPARE(expected.size() + refusedCount, qsizetype(producers * jobsEach));

    const WriterStats stats = writer->stats();
    QCOMPARE(stats.jobsCommitted, quint64(expected.size()));
    QCOMPARE(stats.jobsFailed, quint64(refusedCount));
    QCOMPARE(stats.batchesFailed, 0u);
    qInfo("%llu jobs committed in %llu batches", stats.jobsCommitted, stats.batchesCommitted);
    QVERIFY(stats.batchesCommitted >= 1);
    QVERIFY(stats.batchesCommitted < stats.jobsCommitted); // proof of grouping

    writer.reset();
    QCOMPARE(storedIds(m_path), expected); // after closing and reopening the file
}

void TestGroupCommitWriter::jobsArrivingDuringACommitShareTheNextOne()
{
    auto writer = startWriter();
    QVERIFY(writer);
    Gate gate;
    auto held = writer->submit(gate.job());
    gate.entered.get_future().wait();

    std::vector<std::future<Result<QVariant>>> waiting;
    for (int i = 0; i < 100; ++i)
        waiting.push_back(writer->submit(insertWrite(i)));
    QCOMPARE(writer->queueDepth(), 100);
    gate.release.set_value();

    QVERIFY(held.get().ok());
    for (auto &future : waiting)
        QVERIFY(future.get().ok());
    const WriterStats stats = writer->stats();
    QCOMPARE(stats.batchesCommitted, 2u);
    QCOMPARE(stats.jobsCommitted, 101u);
}

void TestGroupCommitWriter::failingJobRollsBackOnlyItself()
{
    auto writer = startWriter();
    QVERIFY(writer);
    Gate gate;
    auto held = writer->submit(gate.job());
    gate.entered.get_future().wait();

    auto first = writer->submit(insertWrite(1));
    auto refusing = writer->submit(insertWrite(2, 0, true));
    auto duplicate = writer->submit(insertWrite(1));
    auto badSql = writer->submit([](QSqlDatabase &db) -> Result<QVariant> {
        if (auto ran = execute(db, QStringLiteral("INSERT INTO writes VALUES (3, 0)")); !ran)
            return ran.error();
        if (auto ran = execute(db, QStringLiteral("INSERT INTO no_such_table VALUES (1)")); !ran)
            return ran.error();
        return QVariant();
    });
    auto throwing = writer->submit([](QSqlDatabase &db) -> Result<QVariant> {
        if (auto ran = execute(db, QStringLiteral("INSERT INTO writes VALUES (4, 0)")); !ran)
            return ran.error();
        throw std::runtime_error("out of cheese");
    });
    auto last = writer->submit(insertWrite(5));
    gate.release.set_value();

    QVERIFY(held.get().ok());
    QCOMPARE(first.get().value().toLongLong(), 1);
    const auto refused = refusing.get();
    QCOMPARE(refused.code(), ErrorCode::ValidationFailed);
    QCOMPARE(refused.error().description, QStringLiteral("write 2 refuses itself"));
    QCOMPARE(duplicate.get().code(), ErrorCode::UniqueConstraintFailed);
    QVERIFY(badSql.get().error().description.contains(QStringLiteral("no such table")));
    QVERIFY(throwing.get().error().description.contains(QStringLiteral("out of cheese")));
    QVERIFY(last.get().ok());

    const WriterStats stats = writer->stats();
    QCOMPARE(stats.batchesCommitted, 2u);
    QCOMPARE(stats.jobsCommitted, 3u);
    QCOMPARE(stats.jobsFailed, 4u);
    writer.reset();
    QCOMPARE(storedIds(m_path), (QSet<qint64>{-1, 1, 5}));
}

void TestGroupCommitWriter::failedCommitFailsEveryJobOfTheBatch()
{
    auto writer = startWriter();
    QVERIFY(writer);
    Gate gate;
    auto held = writer->submit(gate.job());
    gate.entered.get_future().wait();

    auto innocent = writer->submit(insertWrite(1));
    // A deferred foreign key passes the job and its savepoint, and fails only at COMMIT.
    auto orphan = writer->submit([](QSqlDatabase &db) -> Result<QVariant> {
        if (auto ran = execute(db, QStringLiteral("INSERT INTO children VALUES (1, 999)")); !ran)
            return ran.error();
        return QVariant();
    });
    gate.release.set_value();

    QVERIFY(held.get().ok());
    for (auto *future : {&innocent, &orphan}) {
        const auto result = future->get();
        QVERIFY(!result);
        QVERIFY2(result.error().description.contains(QStringLiteral("could not be committed")),
                 qPrintable(result.error().description));
        QVERIFY2(result.error().description.contains(QStringLiteral("FOREIGN KEY")),
                 qPrintable(result.error().description));
    }
    QCOMPARE(writer->stats().batchesFailed, 1u);

    // The writer rolled back and carries on with the next batch.
    QVERIFY(writer->submit(insertWrite(2)).get().ok());
    writer.reset();
    QCOMPARE(storedIds(m_path), (QSet<qint64>{-1, 2}));
}

void TestGroupCommitWriter::readersSeeOnlyCommittedWrites()
{
    auto writer = startWriter();
    QVERIFY(writer);
    auto reader = Database::open(optionsFor(m_path), writerSchema());
    STORE_VERIFY_OK(reader);

    Gate gate;
    auto held = writer->submit(gate.job());
    gate.entered.get_future().wait();
    // WAL: the reader is not blocked by the open write transaction, and does not see its row yet.
    auto during = queryValue(reader->connection(), QStringLiteral("SELECT count(*) FROM writes"));
    STORE_VERIFY_OK(during);
    QCOMPARE(during->toInt(), 0);
    gate.release.set_value();

    QVERIFY(held.get().ok());
    auto after = queryValue(reader->connection(), QStringLiteral("SELECT count(*) FROM writes"));
    STORE_VERIFY_OK(after);
    QCOMPARE(after->toInt(), 1);
}

void TestGroupCommitWriter::completionRunsInTheContextThreadAfterCommit()
{
    auto writer = startWriter();
    QVERIFY(writer);
    auto reader = Database::open(optionsFor(m_path), writerSchema());
    STORE_VERIFY_OK(reader);

    QObject context;
    std::optional<Result<QVariant>> delivered;
    QThread *deliveredIn = nullptr;
    int rowsSeenAtDelivery = -1;
    writer->submit(insertWrite(7), &context, [&](const Result<QVariant> &result) {
        delivered = result;
        deliveredIn = QThread::currentThread();
        rowsSeenAtDelivery =
            queryValue(reader->connection(), QStringLiteral("SELECT count(*) FROM writes"))->toInt();
    });
    QTRY_VERIFY(delivered.has_value());
    QVERIFY(delivered->ok());
    QCOMPARE(delivered->value().toLongLong(), 7);
    QCOMPARE(deliveredIn, context.thread());
    QCOMPARE(rowsSeenAtDelivery, 1); // durable and visible before anyone is told
}

void TestGroupCommitWriter::destroyedContextDropsItsCompletion()
{
    auto writer = startWriter();
    QVERIFY(writer);
    Gate gate;
    auto held = writer->submit(gate.job());
    gate.entered.get_future().wait();

    bool called = false;
    auto context = std::make_unique<QObject>();
    writer->submit(insertWrite(1), context.get(), [&called](const Result<QVariant> &) { called = true; });
    context.reset();
    gate.release.set_value();

    QVERIFY(held.get().ok());
    QVERIFY(writer->submit(insertWrite(2)).get().ok()); // the dropped job's batch has long been delivered
    QTest::qWait(20);
    QVERIFY(!called);
    QCOMPARE(writer->stats().jobsCommitted, 3u); // the write itself still happened
}

void TestGroupCommitWriter::withoutContextCompletionRunsOnTheWriterThread()
{
    auto writer = startWriter();
    QVERIFY(writer);
    std::promise<QThread *> ranIn;
    writer->submit(insertWrite(1), nullptr, [&ranIn](const Result<QVariant> &result) {
        ranIn.set_value(result ? QThread::currentThread() : nullptr);
    });
    QThread *thread = ranIn.get_future().get();
    QVERIFY(thread);
    QVERIFY(thread != QThread::currentThread());
}

void TestGroupCommitWriter::stopDrainsTheQueueThenRefuses()
{
    auto writer = startWriter(WriterOptions{16});
    QVERIFY(writer);
    std::vector<std::future<Result<QVariant>>> pending;
    for (int i = 0; i < 300; ++i)
        pending.push_back(writer->submit(insertWrite(i)));
    writer->stop();
    for (auto &future : pending) {
        QCOMPARE(future.wait_for(0s), std::future_status::ready);
        QVERIFY(future.get().ok());
    }
    QVERIFY(writer->stats().batchesCommitted >= 300 / 16);

    auto late = writer->submit(insertWrite(1000));
    QCOMPARE(late.wait_for(0s), std::future_status::ready);
    const auto refused = late.get();
    QVERIFY(!refused);
    QVERIFY(refused.error().description.contains(QStringLiteral("stopped")));

    QObject context;
    std::optional<Result<QVariant>> lateDelivery;
    writer->submit(insertWrite(1001), &context,
                   [&](const Result<QVariant> &result) { lateDelivery = result; });
    QTRY_VERIFY(lateDelivery.has_value());
    QVERIFY(!lateDelivery->ok());

    writer.reset();
    QCOMPARE(storedIds(m_path).size(), 300);
}

void TestGroupCommitWriter::startFailsWhenTheFileCannotBeOpened()
{
    auto writer = GroupCommitWriter::start(optionsFor(m_dir.filePath(QStringLiteral("missing/dir/w.db"))),
                                           writerSchema());
    QVERIFY(!writer);
    QVERIFY2(writer.error().description.contains(QStringLiteral("missing/dir/w.db")),
             qPrintable(writer.error().description));
}

QTEST_GUILESS_MAIN(TestGroupCommitWriter)
#include "tst_groupcommitwriter.moc"
