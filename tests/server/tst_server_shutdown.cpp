#include "tests/support/orgsetup.h"
#include "tests/support/serverprocess.h"

#include <QProcess>
#include <QtTest>
#include <csignal>

#if defined(Q_OS_UNIX)
#include <signal.h>
#endif

using namespace handover::testing;

// How the server ends when the system asks it to stop: the event loop quits, the writer drains, the database
// closes and the process exits with 0, so a write acknowledged just before is there after a restart.
class TestServerShutdown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void aStopRequestEndsTheServerCleanly_data();
    void aStopRequestEndsTheServerCleanly();

private:
    ServerProcess m_server{ServerProcess::Options{false, {}, {}, {}, {}}};
};

void TestServerShutdown::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

// Each row starts with a running server, whatever the row before left behind.
void TestServerShutdown::init()
{
    const QProcess *server = m_server.serveProcess();
    if (server && server->state() == QProcess::Running)
        return;
    m_server.stopServe();
    QVERIFY2(m_server.startServe(), qPrintable(m_server.errorString()));
}

void TestServerShutdown::aStopRequestEndsTheServerCleanly_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM ends the server with exit code 0 and keeps what it acknowledged") << int(SIGTERM);
    QTest::newRow("SIGINT (Ctrl+C) ends the server with exit code 0 and keeps what it acknowledged")
        << int(SIGINT);
}

void TestServerShutdown::aStopRequestEndsTheServerCleanly()
{
#if defined(Q_OS_UNIX)
    QFETCH(int, signalNumber);
    OrgSetup setup(m_server);
    const TestOrg org = setup.bootstrapOrg();
    const QString contactId = setup.createContact(org, setup.newPhone());
    QVERIFY2(!contactId.isEmpty(), setup.why());

    QProcess *server = m_server.serveProcess();
    QVERIFY(server);
    QCOMPARE(::kill(pid_t(server->processId()), signalNumber), 0);
    // A signal's default action would end the process with CrashExit; a handled one returns from main().
    QVERIFY2(server->waitForFinished(60000), "the server was still running 60 s after the signal");
    QCOMPARE(server->exitStatus(), QProcess::NormalExit);
    QCOMPARE(server->exitCode(), 0);

    m_server.stopServe();
    QVERIFY2(m_server.startServe(), qPrintable(m_server.errorString()));
    const HttpResult contact =
        m_server.client(org.apiKey).get(QStringLiteral("/v1/orgs/%1/contacts/%2").arg(org.orgId, contactId));
    QCOMPARE(contact.status, 200);
#else
    QSKIP("Console control events reach only processes that share the sender's console");
#endif
}

QTEST_GUILESS_MAIN(TestServerShutdown)
#include "tst_server_shutdown.moc"
