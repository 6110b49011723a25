#include "server/app/serveroptions.h"

#include <QTest>

using namespace handover;
using namespace Qt::StringLiterals;

// The serve options of sessions, the login throttle and the password workers, from the command line and the
// environment. (Which proxies are trusted is the HTTP layer's --trusted-proxy.)
class TestCredentialsOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void durations_data();
    void durations();
    void optionsAreReadOrRefused_data();
    void optionsAreReadOrRefused();
};

void TestCredentialsOptions::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -1: refused
    QTest::newRow("seconds") << u"90s"_s << qint64(90'000);
    QTest::newRow("minutes") << u"15m"_s << qint64(900'000);
    QTest::newRow("hours") << u"12h"_s << qint64(43'200'000);
    QTest::newRow("days") << u"30d"_s << qint64(2'592'000'000);
    QTest::newRow("ten years is the longest") << u"3650d"_s << qint64(315'360'000'000);
    QTest::newRow("longer is refused") << u"3651d"_s << qint64(-1);
    QTest::newRow("zero is refused") << u"0s"_s << qint64(-1);
    QTest::newRow("a number without a unit is refused") << u"30"_s << qint64(-1);
    QTest::newRow("an unknown unit is refused") << u"2w"_s << qint64(-1);
    QTest::newRow("a negative duration is refused") << u"-5m"_s << qint64(-1);
}

void TestCredentialsOptions::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const std::optional<qint64> parsed = parseDuration(text);
    QCOMPARE(parsed.value_or(-1), ms);
}

void TestCredentialsOptions::optionsAreReadOrRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<bool>("ok");
    QTest::newRow("the defaults") << QStringList() << QStringList() << true;
    QTest::newRow("every option on the command line")
        << QStringList{u"--session-lifetime"_s, u"8h"_s, u"--password-threads"_s, u"3"_s,
                       u"--password-queue"_s, u"0"_s, u"--login-failures-per-address"_s, u"200"_s}
        << QStringList() << true;
    QTest::newRow("every option from the environment")
        << QStringList()
        << QStringList{u"HANDOVER_SESSION_LIFETIME=8h"_s, u"HANDOVER_PASSWORD_THREADS=3"_s,
                       u"HANDOVER_PASSWORD_QUEUE=0"_s, u"HANDOVER_LOGIN_FAILURES_PER_ADDRESS=200"_s}
        << true;
    QTest::newRow("a session lifetime without a unit is refused")
        << QStringList{u"--session-lifetime"_s, u"30"_s} << QStringList() << false;
    QTest::newRow("no password thread is refused")
        << QStringList{u"--password-threads"_s, u"0"_s} << QStringList() << false;
    QTest::newRow("an address limit tighter than an account's is refused")
        << QStringList{u"--login-failures-per-address"_s, u"4"_s} << QStringList() << false;
}

void TestCredentialsOptions::optionsAreReadOrRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(bool, ok);
    const auto command = parseServerCommand(
        QStringList{u"handover-server"_s, u"serve"_s, u"--data-dir"_s, u"/tmp/x"_s} + arguments, environment);
    QCOMPARE(command.ok(), ok);
    if (!ok) {
        QVERIFY(command.error().description.startsWith(u"--"_s));
        return;
    }
    const ServeOptions &serve = command->serve;
    if (arguments.isEmpty() && environment.isEmpty()) {
        QCOMPARE(serve.sessionLifetimeMs, 30LL * 86'400'000);
        QCOMPARE(serve.passwordThreads, 0);
        QCOMPARE(serve.passwordQueue, -1);
        QCOMPARE(serve.loginFailuresPerAddress, 30);
        return;
    }
    QCOMPARE(serve.sessionLifetimeMs, 8LL * 3'600'000);
    QCOMPARE(serve.passwordThreads, 3);
    QCOMPARE(serve.passwordQueue, 0);
    QCOMPARE(serve.loginFailuresPerAddress, 200);
}

QTEST_GUILESS_MAIN(TestCredentialsOptions)
#include "tst_credentials_options.moc"
