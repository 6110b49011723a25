#include "server/auth/loginthrottle.h"

#include <QTest>

using namespace handover;
using namespace Qt::StringLiterals;

namespace {

const QHostAddress kOffice(u"203.0.113.7"_s);
const QHostAddress kHome(u"198.51.100.20"_s);

// Logs in once: admitted or not, and when admitted, ends the attempt as told.
struct Login
{
    LoginThrottle &throttle;

    FailureLedger::Verdict attempt(const QString &email, const QHostAddress &from, bool correct)
    {
        LoginThrottle::Attempt attempt;
        const FailureLedger::Verdict verdict = throttle.admit(email, from, &attempt);
        if (!verdict.allowed)
            return verdict;
        if (correct)
            throttle.succeeded(attempt);
        else
            throttle.failed(attempt);
        return verdict;
    }
    // `count` wrong passwords; how many were admitted.
    int fail(const QString &email, const QHostAddress &from, int count)
    {
        int admitted = 0;
        for (int i = 0; i < count; ++i)
            admitted += attempt(email, from, false).allowed ? 1 : 0;
        return admitted;
    }
};

} // namespace

// The login throttle's decisions on a fake clock: per account, per address, growth, reset and memory.
class TestCredentialsThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fiveFailuresLockTheAccount();
    void locksGrowWithFurtherFailures_data();
    void locksGrowWithFurtherFailures();
    void successResetsTheAccountButNotTheAddress();
    void failuresCountWithinFifteenMinutes_data();
    void failuresCountWithinFifteenMinutes();
    void concurrentGuessesCannotPassTheLimit();
    void addressLimitIsLooserAndStopsASpray();
    void emailsAreOneAccountWhateverTheirCase();
    void ipv6AddressesCountByTheirSlash64();
    void tablesStayBoundedUnderASpray();
    void oldestKeyIsEvictedFirst();
    void spentKeysAreDropped();

private:
    FakeClock m_clock;
};

void TestCredentialsThrottle::fiveFailuresLockTheAccount()
{
    LoginThrottle throttle(m_clock);
    Login login{throttle};
    QCOMPARE(login.fail(u"ana@acme.test"_s, kOffice, 5), 5);
    const auto refused = login.attempt(u"ana@acme.test"_s, kOffice, true);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterSecs, 60);
    // From anywhere: the account is what is locked.
    QVERIFY(!login.attempt(u"ana@acme.test"_s, kHome, true).allowed);
    QVERIFY(login.attempt(u"ben@acme.test"_s, kOffice, true).allowed);

    m_clock.advanceSecs(59);
    QCOMPARE(login.attempt(u"ana@acme.test"_s, kOffice, true).retryAfterSecs, 1);
    m_clock.advanceSecs(1);
    QVERIFY(login.attempt(u"ana@acme.test"_s, kOffice, true).allowed);
}

void TestCredentialsThrottle::locksGrowWithFurtherFailures_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("retryAfterSecs");
    QTest::newRow("the fifth failure locks for a minute") << 5 << 60;
    QTest::newRow("a sixth failure after the lock locks for two minutes") << 6 << 120;
    QTest::newRow("a seventh for four minutes") << 7 << 240;
    QTest::newRow("an eighth for eight minutes") << 8 << 480;
    QTest::newRow("a ninth reaches the fifteen-minute cap") << 9 << 900;
    QTest::newRow("further failures stay at the cap") << 12 << 900;
}

void TestCredentialsThrottle::locksGrowWithFurtherFailures()
{
    QFETCH(int, failures);
    QFETCH(int, retryAfterSecs);
    LoginThrottle throttle(m_clock);
    Login login{throttle};
    int retry = 0;
    for (int i = 0; i < failures; ++i) {
        QVERIFY2(login.attempt(u"ana@acme.test"_s, kOffice, false).allowed,
                 "each guess waits for the lock before it to pass");
        LoginThrottle::Attempt probe;
        const auto verdict = throttle.admit(u"ana@acme.test"_s, kHome, &probe);
        retry = verdict.retryAfterSecs;
        if (verdict.allowed)
            throttle.abandoned(probe);
        else
            m_clock.advanceSecs(retry); // waits out the lock, as a patient guesser would
    }
    QCOMPARE(retry, retryAfterSecs);
}

void TestCredentialsThrottle::successResetsTheAccountButNotTheAddress()
{
    LoginThrottleOptions options;
    options.perAddress.failuresBeforeLock = 8;
    LoginThrottle throttle(m_clock, options);
    Login login{throttle};
    QCOMPARE(login.fail(u"ana@acme.test"_s, kOffice, 4), 4);
    QVERIFY(login.attempt(u"ana@acme.test"_s, kOffice, true).allowed);
    // The account starts again: four more failures are still allowed...
    QCOMPARE(login.fail(u"ana@acme.test"_s, kOffice, 3), 3);
    // ...but the address has counted all seven, and its eighth failure locks it.
    QVERIFY(login.attempt(u"ana@acme.test"_s, kOffice, false).allowed);
    QVERIFY(!login.attempt(u"zoe@acme.test"_s, kOffice, true).allowed);
}

void TestCredentialsThrottle::failuresCountWithinFifteenMinutes_data()
{
    QTest::addColumn<int>("spacingSecs"); // between the five failures
    QTest::addColumn<bool>("locked");
    QTest::newRow("five failures within fifteen minutes lock") << 200 << true;
    QTest::newRow("five failures spread over more than fifteen minutes do not") << 240 << false;
    QTest::newRow("a failure a quarter of an hour after the last starts afresh") << 900 << false;
}

void TestCredentialsThrottle::failuresCountWithinFifteenMinutes()
{
    QFETCH(int, spacingSecs);
    QFETCH(bool, locked);
    LoginThrottle throttle(m_clock);
    Login login{throttle};
    for (int i = 0; i < 5; ++i) {
        QVERIFY(login.attempt(u"ana@acme.test"_s, kOffice, false).allowed);
        m_clock.advanceSecs(i < 4 ? spacingSecs : 0);
    }
    QCOMPARE(!login.attempt(u"ana@acme.test"_s, kOffice, true).allowed, locked);
}

void TestCredentialsThrottle::concurrentGuessesCannotPassTheLimit()
{
    LoginThrottle throttle(m_clock);
    QList<LoginThrottle::Attempt> running;
    for (int i = 0; i < 5; ++i) {
        LoginThrottle::Attempt attempt;
        QVERIFY(throttle.admit(u"ana@acme.test"_s, kOffice, &attempt).allowed);
        running.append(attempt);
    }
    // Five guesses are being checked: a sixth would pass the limit if they all fail.
    LoginThrottle::Attempt sixth;
    const auto verdict = throttle.admit(u"ana@acme.test"_s, kOffice, &sixth);
    QVERIFY(!verdict.allowed);
    QCOMPARE(verdict.retryAfterSecs, 1);
    for (const auto &attempt : std::as_const(running))
        throttle.failed(attempt);
    QCOMPARE(throttle.admit(u"ana@acme.test"_s, kOffice, &sixth).retryAfterSecs, 60);

    // An attempt the server could not check (busy) counts for nothing.
    LoginThrottle::Attempt busy;
    QVERIFY(throttle.admit(u"ben@acme.test"_s, kOffice, &busy).allowed);
    throttle.abandoned(busy);
    Login login{throttle};
    QCOMPARE(login.fail(u"ben@acme.test"_s, kHome, 4), 4);
    QVERIFY(login.attempt(u"ben@acme.test"_s, kHome, true).allowed);
}

void TestCredentialsThrottle::addressLimitIsLooserAndStopsASpray()
{
    LoginThrottle throttle(m_clock);
    Login login{throttle};
    // One password tried on many accounts from one address: no account reaches its limit...
    for (int i = 0; i < 29; ++i)
        QVERIFY(login.attempt(u"user%1@acme.test"_s.arg(i), kOffice, false).allowed);
    // ...and the office can still log in after 29 failures, far more than one account may have.
    QVERIFY(login.attempt(u"ana@acme.test"_s, kOffice, true).allowed);
    QVERIFY(login.attempt(u"user29@acme.test"_s, kOffice, false).allowed);
    const auto refused = login.attempt(u"user30@acme.test"_s, kOffice, false);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterSecs, 60);
    QVERIFY(!login.attempt(u"ana@acme.test"_s, kOffice, true).allowed);
    QVERIFY(login.attempt(u"ana@acme.test"_s, kHome, true).allowed);
}

void TestCredentialsThrottle::emailsAreOneAccountWhateverTheirCase()
{
    LoginThrottle throttle(m_clock);
    Login login{throttle};
    QCOMPARE(login.fail(u"Ana@Acme.test"_s, kOffice, 3), 3);
    QCOMPARE(login.fail(u" ana@acme.TEST"_s, kHome, 2), 2);
    QVERIFY(!login.attempt(u"ana@acme.test"_s, kHome, true).allowed);
}

void TestCredentialsThrottle::ipv6AddressesCountByTheirSlash64()
{
    QCOMPARE(LoginThrottle::addressKey(QHostAddress(u"2001:db8:1:2::1"_s)),
             LoginThrottle::addressKey(QHostAddress(u"2001:db8:1:2:ffff::9"_s)));
    QVERIFY(LoginThrottle::addressKey(QHostAddress(u"2001:db8:1:2::1"_s)) !=
            LoginThrottle::addressKey(QHostAddress(u"2001:db8:1:3::1"_s)));
    QCOMPARE(LoginThrottle::addressKey(QHostAddress(u"::ffff:203.0.113.7"_s)),
             LoginThrottle::addressKey(kOffice));
}

void TestCredentialsThrottle::tablesStayBoundedUnderASpray()
{
    LoginThrottleOptions options;
    options.perAccount.maxEntries = 100;
    options.perAddress.maxEntries = 50;
    options.perAddress.failuresBeforeLock = 1'000'000;
    LoginThrottle throttle(m_clock, options);
    Login login{throttle};
    for (int i = 0; i < 10'000; ++i) {
        const QHostAddress from(quint32(0x0a000000 + i));
        (void)login.attempt(u"random-%1@spray.test"_s.arg(i), from, false);
        QVERIFY(throttle.trackedAccounts() <= 100);
        QVERIFY(throttle.trackedAddresses() <= 50);
    }
    QCOMPARE(throttle.trackedAccounts(), 100);
    QCOMPARE(throttle.trackedAddresses(), 50);
}

void TestCredentialsThrottle::oldestKeyIsEvictedFirst()
{
    LockPolicy policy;
    policy.maxEntries = 3;
    FailureLedger ledger(m_clock, policy);
    const auto failOnce = [&](const QByteArray &key) {
        QVERIFY(ledger.begin(key).allowed);
        ledger.failed(key);
    };
    for (int i = 0; i < 4; ++i)
        failOnce("old");
    failOnce("b");
    failOnce("c");
    failOnce("old"); // the fifth failure: locked, and touched last
    QVERIFY(!ledger.begin("old").allowed);
    failOnce("d"); // pushes out "b", the least recently touched
    QCOMPARE(ledger.size(), 3);
    QVERIFY(!ledger.begin("old").allowed);
    failOnce("e");
    failOnce("f");
    failOnce("g"); // now "old" has gone too, and with it its lock
    QCOMPARE(ledger.size(), 3);
    QVERIFY(ledger.begin("old").allowed);
}

void TestCredentialsThrottle::spentKeysAreDropped()
{
    LoginThrottle throttle(m_clock);
    Login login{throttle};
    for (int i = 0; i < 20; ++i)
        (void)login.fail(u"user%1@acme.test"_s.arg(i), kOffice, 1);
    QCOMPARE(throttle.trackedAccounts(), 20);
    m_clock.advanceSecs(15 * 60);
    // Nothing is left to remember of a quarter-hour without failures: the next attempt sweeps them.
    QVERIFY(login.attempt(u"ana@acme.test"_s, kHome, true).allowed);
    QCOMPARE(throttle.trackedAccounts(), 0);
    QCOMPARE(throttle.trackedAddresses(), 0);
}

QTEST_GUILESS_MAIN(TestCredentialsThrottle)
#include "tst_credentials_throttle.moc"
