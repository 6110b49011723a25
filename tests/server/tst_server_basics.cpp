#include "tests/support/serverprocess.h"

#include <QProcess>
#include <QTcpSocket>
#include <QtTest>

using namespace handover::testing;

// The process itself: bootstrap, readiness, health, and the answers every route shares.
class TestServerBasics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void healthIsOpen();
    void everyResponseHasARequestId();
    void tokensAreChecked_data();
    void tokensAreChecked();
    void anotherOrgsPathIsNotFound();
    void unknownPathsAreNotFound();
    void initRefusesTheSameOrgTwice();
    void helpListsEveryOption();
    void theStreamUpgradesWithNothingInFront();

private:
    ServerProcess m_server{ServerProcess::Options{false, {}, {}, {}, {}}};
};

void TestServerBasics::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void TestServerBasics::healthIsOpen()
{
    const HttpResult health = m_server.client().get(QStringLiteral("/healthz"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.string(QStringLiteral("status")), QStringLiteral("ok"));
}

void TestServerBasics::everyResponseHasARequestId()
{
    QVERIFY(!m_server.client().get(QStringLiteral("/healthz")).header("X-Request-Id").isEmpty());
    QVERIFY(!m_server.client().get(QStringLiteral("/nowhere")).header("X-Request-Id").isEmpty());
}

void TestServerBasics::tokensAreChecked_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errorCode");
    QTest::newRow("no token is 401") << QString() << 401 << 4010001;
    QTest::newRow("an unknown token is 401") << QStringLiteral("hok_nope") << 401 << 4010001;
    QTest::newRow("the bootstrap API key is accepted") << QStringLiteral("API_KEY") << 200 << 0;
}

void TestServerBasics::tokensAreChecked()
{
    QFETCH(QString, token);
    QFETCH(int, status);
    QFETCH(int, errorCode);
    if (token == QLatin1String("API_KEY"))
        token = m_server.apiKey();
    const HttpResult result =
        m_server.client(token).get(QStringLiteral("/v1/orgs/%1/chatrooms").arg(m_server.orgId()));
    QCOMPARE(result.status, status);
    if (errorCode) {
        QCOMPARE(result.errorCode(), errorCode);
        QCOMPARE(result.string(QStringLiteral("error_message")), QStringLiteral("UNAUTHENTICATED"));
        QVERIFY(!result.string(QStringLiteral("error_description")).isEmpty());
        QVERIFY(result.json().value(QLatin1String("payload")).isObject());
    }
}

void TestServerBasics::anotherOrgsPathIsNotFound()
{
    const HttpResult result = m_server.client(m_server.apiKey()).get(QStringLiteral("/v1/orgs/not-ours/chatrooms"));
    QCOMPARE(result.status, 404);
    QCOMPARE(result.errorCode(), 4040001);
}

void TestServerBasics::unknownPathsAreNotFound()
{
    const HttpResult result = m_server.client(m_server.apiKey()).get(QStringLiteral("/v9/nothing"));
    QCOMPARE(result.status, 404);
    QCOMPARE(result.errorCode(), 4040001);
}

void TestServerBasics::initRefusesTheSameOrgTwice()
{
    QProcess again;
    again.start(serverProgram(),
                {QStringLiteral("init"), QStringLiteral("--data-dir"), m_server.dataDir(),
                 QStringLiteral("--org-name"), QStringLiteral("Acme"), QStringLiteral("--admin-email"),
                 QStringLiteral("other@acme.test"), QStringLiteral("--admin-password"), QStringLiteral("secret-123")});
    QVERIFY(again.waitForFinished(20000));
    QCOMPARE(again.exitCode(), 2);
    QVERIFY(again.readAllStandardOutput().isEmpty());
    QVERIFY(again.readAllStandardError().contains("already exists"));
    // Nothing changed: the first key still works.
    QCOMPARE(m_server.client(m_server.apiKey()).get(QStringLiteral("/v1/orgs/%1/chatrooms").arg(m_server.orgId())).status,
             200);
}

void TestServerBasics::helpListsEveryOption()
{
    QProcess help;
    help.start(serverProgram(), {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(20000));
    QCOMPARE(help.exitCode(), 0);
    const QByteArray text = help.readAllStandardOutput();
    for (const char *option : {"--data-dir", "--org-name", "--admin-email", "--admin-password", "--listen",
                               "--graph-url", "--wa-app-secret", "--wa-verify-token", "--wa-access-token",
                               "--allow-private-webhooks", "HANDOVER_"}) {
        QVERIFY2(text.contains(option), option);
    }
}

// The upgrade's first bytes must be the 101: an HTTP answer before it breaks every WebSocket client.
void TestServerBasics::theStreamUpgradesWithNothingInFront()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                 "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 101"), answer.constData());
}

QTEST_GUILESS_MAIN(TestServerBasics)
#include "tst_server_basics.moc"
