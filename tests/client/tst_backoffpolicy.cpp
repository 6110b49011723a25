#include "client/backoff.h"

#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace handover::client;

namespace {

// Always the same draw.
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

qint64 expectedCeiling(int attempt)
{
    return std::min<qint64>(30000, qint64(500.0 * std::pow(2.0, attempt)));
}

} // namespace

// SYNC.md: exponential backoff with full jitter, 0.5 s doubling to 30 s.
class TestBackoffPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theCeilingDoublesFromHalfASecondToThirtySeconds();
    void delaysStayWithinZeroAndTheCeiling_data();
    void delaysStayWithinZeroAndTheCeiling();
    void theJitterSpreadsOverTheWholeRange();
    void hugeAttemptCountsStayAtTheCap();
};

void TestBackoffPolicy::theCeilingDoublesFromHalfASecondToThirtySeconds()
{
    const BackoffPolicy policy = BackoffPolicy::reconnect();
    const QList<qint64> expected{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
    for (int attempt = 0; attempt < expected.size(); ++attempt)
        QCOMPARE(policy.ceilingMs(attempt), expected.at(attempt));
}

void TestBackoffPolicy::delaysStayWithinZeroAndTheCeiling_data()
{
    QTest::addColumn<double>("draw");
    QTest::newRow("the lowest draw waits not at all") << 0.0;
    QTest::newRow("a middle draw waits half the ceiling") << 0.5;
    QTest::newRow("the highest draw waits the ceiling") << 0.9999999;
    QTest::newRow("a draw of exactly 1 is clamped to the ceiling") << 1.0;
    QTest::newRow("a broken source below 0 is clamped to 0") << -3.0;
    QTest::newRow("a broken source above 1 is clamped to the ceiling") << 7.0;
}

void TestBackoffPolicy::delaysStayWithinZeroAndTheCeiling()
{
    QFETCH(double, draw);
    const BackoffPolicy policy = BackoffPolicy::reconnect();
    FixedRandom random(draw);
    for (int attempt = 0; attempt <= 20; ++attempt) {
        const qint64 delay = policy.delayMs(attempt, random);
        const qint64 ceiling = expectedCeiling(attempt);
        QVERIFY2(
            delay >= 0 && delay <= ceiling,
            qPrintable(
                QStringLiteral("attempt %1: %2 ms outside [0, %3]").arg(attempt).arg(delay).arg(ceiling)));
        const double clamped = std::clamp(draw, 0.0, 1.0);
        QVERIFY(std::abs(double(delay) - clamped * double(ceiling)) <= 1.0);
    }
}

void TestBackoffPolicy::theJitterSpreadsOverTheWholeRange()
{
    const BackoffPolicy policy = BackoffPolicy::reconnect();
    SystemRandomSource random;
    for (int attempt : {0, 3, 10}) {
        const qint64 ceiling = expectedCeiling(attempt);
        qint64 lowest = ceiling;
        qint64 highest = 0;
        for (int i = 0; i < 5000; ++i) {
            const qint64 delay = policy.delayMs(attempt, random);
            QVERIFY(delay >= 0 && delay <= ceiling);
            lowest = std::min(lowest, delay);
            highest = std::max(highest, delay);
        }
        // Full jitter, not "ceiling plus a little": the draws cover nearly all of [0, ceiling].
        QVERIFY2(lowest < ceiling / 20 && highest > ceiling - ceiling / 20,
                 qPrintable(QStringLiteral("attempt %1: [%2, %3] of %4")
                                .arg(attempt)
                                .arg(lowest)
                                .arg(highest)
                                .arg(ceiling)));
    }
}

void TestBackoffPolicy::hugeAttemptCountsStayAtTheCap()
{
    const BackoffPolicy policy = BackoffPolicy::reconnect();
    FixedRandom random(1.0);
    QCOMPARE(policy.ceilingMs(5000), qint64(30000));
    QCOMPARE(policy.ceilingMs(std::numeric_limits<int>::max()), qint64(30000));
    QCOMPARE(policy.delayMs(100000, random), qint64(30000));
    QCOMPARE(policy.ceilingMs(-4), qint64(500)); // a negative count means the first retry
}

QTEST_GUILESS_MAIN(TestBackoffPolicy)
#include "tst_backoffpolicy.moc"
