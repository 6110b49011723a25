#include "server/auth/passwordworkers.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace handover;

// Admission to the password workers: a fixed number run, a bounded number wait, the rest are refused at once.
class TestCredentialsWorkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void admitsThreadsPlusQueueAndRefusesTheRest_data();
    void admitsThreadsPlusQueueAndRefusesTheRest();
    void aFinishedJobFreesItsPlace();
    void resultsComeBackOnTheContextThread();
    void aResultForAGoneContextIsDropped();
    void defaultsLeaveCoresForTheServer();
};

void TestCredentialsWorkers::admitsThreadsPlusQueueAndRefusesTheRest_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("queued");
    QTest::newRow("one thread and two waiting admit three") << 1 << 2;
    QTest::newRow("two threads and four waiting admit six") << 2 << 4;
    QTest::newRow("no queue admits only what can run") << 2 << 0;
}

void TestCredentialsWorkers::admitsThreadsPlusQueueAndRefusesTheRest()
{
    QFETCH(int, threads);
    QFETCH(int, queued);
    QSemaphore release;
    std::atomic<int> started{0};
    {
        PasswordWorkers workers(threads, queued);
        QCOMPARE(workers.capacity(), threads + queued);
        int admitted = 0;
        for (int i = 0; i < 3 * (threads + queued) + 5; ++i) {
            admitted += workers.tryStart([&] {
                ++started;
                release.acquire();
            })
                            ? 1
                            : 0;
        }
        QCOMPARE(admitted, threads + queued);
        QCOMPARE(workers.admitted(), threads + queued);
        // Only `threads` run at once, however long they take.
        QTRY_COMPARE(started.load(), threads);
        release.release(threads + queued);
    } // the destructor waits for the admitted work
    QCOMPARE(started.load(), threads + queued);
}

void TestCredentialsWorkers::aFinishedJobFreesItsPlace()
{
    PasswordWorkers workers(1, 0);
    QSemaphore release;
    QVERIFY(workers.tryStart([&] { release.acquire(); }));
    QVERIFY(!workers.tryStart([] {}));
    release.release();
    QTRY_COMPARE(workers.admitted(), 0);
    QVERIFY(workers.tryStart([] {}));
}

void TestCredentialsWorkers::resultsComeBackOnTheContextThread()
{
    PasswordWorkers workers(1, 1);
    QObject context;
    QThread *workerThread = nullptr;
    QThread *answerThread = nullptr;
    int answer = 0;
    QVERIFY(runPasswordWork<int>(
        workers, &context,
        [&] {
            workerThread = QThread::currentThread();
            return 42;
        },
        [&](int value) {
            answerThread = QThread::currentThread();
            answer = value;
        }));
    QTRY_COMPARE(answer, 42);
    QVERIFY(workerThread != QThread::currentThread());
    QCOMPARE(answerThread, QThread::currentThread());
}

void TestCredentialsWorkers::aResultForAGoneContextIsDropped()
{
    PasswordWorkers workers(1, 1);
    QSemaphore release;
    bool answered = false;
    auto context = std::make_unique<QObject>();
    QVERIFY(runPasswordWork<int>(
        workers, context.get(),
        [&] {
            release.acquire();
            return 1;
        },
        [&](int) { answered = true; }));
    context.reset();
    release.release();
    QTRY_COMPARE(workers.admitted(), 0);
    QVERIFY(!QTest::qWaitFor([&] { return answered; }, 500));
}

void TestCredentialsWorkers::defaultsLeaveCoresForTheServer()
{
    const int threads = PasswordWorkers::defaultThreads();
    QVERIFY(threads >= 1);
    QVERIFY(threads <= std::max(1, QThread::idealThreadCount() / 2));
    QCOMPARE(PasswordWorkers::defaultQueued(threads), 8 * threads);
}

QTEST_GUILESS_MAIN(TestCredentialsWorkers)
#include "tst_credentials_workers.moc"
