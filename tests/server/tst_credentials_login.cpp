#include "tests/support/orgsetup.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QtTest>
#include <memory>

using namespace handover::testing;
using namespace Qt::StringLiterals;

// TARGETS.md L7's logins against the real server: guessing is throttled per account and per client address
// (429 with Retry-After), and Argon2 work runs on bounded workers whose overflow answers 503 with
// Retry-After. How locks grow, and the throttle's memory bound, are proven on a fake clock in
// tst_credentials_throttle.
namespace {

// One answer read off a raw socket.
struct RawAnswer
{
    int status = 0; // 0: no complete answer
    QByteArray retryAfter;
    QJsonObject body;
};

// The head and body of one HTTP/1.1 answer in `bytes`, once all of it has arrived.
std::optional<RawAnswer> parseAnswer(const QByteArray &bytes)
{
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    RawAnswer answer;
    qsizetype length = 0;
    const QList<QByteArray> lines = bytes.left(headEnd).split('\n');
    answer.status = lines.value(0).split(' ').value(1).toInt();
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length")
            length = value.toLongLong();
        else if (name == "retry-after")
            answer.retryAfter = value;
    }
    if (bytes.size() < headEnd + 4 + length)
        return std::nullopt;
    answer.body = QJsonDocument::fromJson(bytes.mid(headEnd + 4, length)).object();
    return answer;
}

// Sends every body as a POST on its own connection, all at once, and reads every answer.
QList<RawAnswer> postAtOnce(quint16 port, const QString &path, const QList<QByteArray> &bodies,
                            const QByteArray &authorization = {})
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QList<QByteArray> received(bodies.size());
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QObject::connect(socket.get(), &QTcpSocket::readyRead, socket.get(),
                         [&received, i, s = socket.get()] { received[i] += s->readAll(); });
        socket->connectToHost(QHostAddress::LocalHost, port);
        sockets.push_back(std::move(socket));
    }
    (void)QTest::qWaitFor(
        [&] {
            return std::all_of(sockets.cbegin(), sockets.cend(),
                               [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; });
        },
        20000);
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        QByteArray request = "POST " + path.toUtf8() +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nContent-Length: " +
                             QByteArray::number(bodies.at(i).size()) + "\r\n";
        if (!authorization.isEmpty())
            request += "Authorization: " + authorization + "\r\n";
        sockets[size_t(i)]->write(request + "\r\n" + bodies.at(i));
    }
    QList<RawAnswer> answers(bodies.size());
    (void)QTest::qWaitFor(
        [&] {
            bool all = true;
            for (qsizetype i = 0; i < bodies.size(); ++i) {
                if (answers.at(i).status == 0) {
                    if (const auto parsed = parseAnswer(received.at(i)))
                        answers[i] = *parsed;
                }
                all = all && answers.at(i).status != 0;
            }
            return all;
        },
        60000);
    return answers;
}

// Requests come from 127.0.0.1 as if through the packaged nginx site, which names the client in
// X-Forwarded-For; the tests play clients at different addresses that way.
ServerProcess::Options behindLoopbackProxy()
{
    ServerProcess::Options options = ServerProcess::Options::unthrottled(false);
    options.serveArguments << u"--trusted-proxy"_s << u"127.0.0.1"_s;
    return options;
}

QByteArray loginBody(const QString &email, const QString &password)
{
    return QJsonDocument(QJsonObject{{u"email"_s, email}, {u"password"_s, password}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestCredentialsLogin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void fiveFailuresThenRateLimitedWithRetryAfter();
    void aSuccessResetsTheAccount();
    void theAddressLimitStopsASprayAcrossEmails();
    void floodsOfPasswordWorkOverflowWith503_data();
    void floodsOfPasswordWorkOverflowWith503();

private:
    // A login from `client` (X-Forwarded-For, believed from loopback).
    HttpResult login(const QString &email, const QString &password, const QString &client);
    QString newUser();

    ServerProcess m_server{behindLoopbackProxy()};
    OrgSetup m_setup{m_server};
    TestOrg m_org;
    int m_unique = 0;
};

void TestCredentialsLogin::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_org = m_setup.bootstrapOrg();
}

HttpResult TestCredentialsLogin::login(const QString &email, const QString &password, const QString &client)
{
    return m_server.client().post(u"/v1/auth/login"_s,
                                  QJsonObject{{u"email"_s, email}, {u"password"_s, password}},
                                  {{QByteArrayLiteral("X-Forwarded-For"), client.toLatin1()}});
}

QString TestCredentialsLogin::newUser()
{
    const QString email = u"agent%1@acme.test"_s.arg(++m_unique);
    return m_setup.createUser(m_org, email, u"MEMBER"_s).isEmpty() ? QString() : email;
}

void TestCredentialsLogin::fiveFailuresThenRateLimitedWithRetryAfter()
{
    const QString email = newUser();
    QVERIFY2(!email.isEmpty(), m_setup.why());
    const QString office = u"203.0.113.10"_s;
    for (int i = 0; i < 5; ++i) {
        const QString problem = errorShapeProblem(login(email, u"guess-%1"_s.arg(i), office), 4010001);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    // Locked: even the right password waits, from any address, and says how long.
    for (const QString &from : {office, u"198.51.100.10"_s}) {
        const HttpResult locked = login(email, OrgSetup::kPassword, from);
        const QString problem = errorShapeProblem(locked, 4290001);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const int retryAfter = locked.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60, locked.header("Retry-After").constData());
    }
    // Another account from the same office is not held up.
    const QString colleague = newUser();
    QVERIFY2(!colleague.isEmpty(), m_setup.why());
    QCOMPARE(login(colleague, OrgSetup::kPassword, office).status, 200);
}

void TestCredentialsLogin::aSuccessResetsTheAccount()
{
    const QString email = newUser();
    QVERIFY2(!email.isEmpty(), m_setup.why());
    const QString from = u"203.0.113.11"_s;
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 4; ++i)
            QCOMPARE(login(email, u"typo-%1"_s.arg(i), from).status, 401);
        const HttpResult in = login(email, OrgSetup::kPassword, from);
        QVERIFY2(in.status == 200, qPrintable(u"round %1: "_s.arg(round) + describeResult(in)));
    }
    // The count starts from the last success: five more failures are needed for the lock.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(login(email, u"typo-%1"_s.arg(i), from).status, 401);
    QCOMPARE(login(email, OrgSetup::kPassword, from).status, 429);
}

void TestCredentialsLogin::theAddressLimitStopsASprayAcrossEmails()
{
    // One password over many accounts, none of which reaches its own limit of five.
    const QString sprayer = u"192.0.2.66"_s;
    for (int i = 0; i < 30; ++i) {
        const HttpResult guess = login(u"victim%1@acme.test"_s.arg(i), u"Summer2026!"_s, sprayer);
        QVERIFY2(guess.status == 401, qPrintable(u"guess %1: "_s.arg(i) + describeResult(guess)));
    }
    const HttpResult stopped = login(u"victim30@acme.test"_s, u"Summer2026!"_s, sprayer);
    const QString problem = errorShapeProblem(stopped, 4290001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(stopped.header("Retry-After").toInt() >= 1);
    // Everyone else logs in as before. Every guess came through the loopback "proxy": the throttle counted
    // the address it named, so neither other clients behind it nor the proxy's own address are held up.
    const QString email = newUser();
    QVERIFY2(!email.isEmpty(), m_setup.why());
    QCOMPARE(login(email, OrgSetup::kPassword, u"192.0.2.67"_s).status, 200);
    const HttpResult direct = m_server.client().post(
        u"/v1/auth/login"_s, QJsonObject{{u"email"_s, email}, {u"password"_s, OrgSetup::kPassword}});
    QCOMPARE(direct.status, 200);
}

void TestCredentialsLogin::floodsOfPasswordWorkOverflowWith503_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("a flood of logins gets 503 with Retry-After for what the workers cannot take")
        << u"/v1/auth/login"_s;
    QTest::newRow("a flood of user creations gets 503 with Retry-After too") << u"/v1/org/{org}/user"_s;
}

// One password thread and one waiting place: of many requests at once, at most two can be taken while the
// first hash runs; the rest are answered 503 at once instead of waiting in an unbounded queue.
void TestCredentialsLogin::floodsOfPasswordWorkOverflowWith503()
{
    QFETCH(QString, path);
    ServerProcess::Options options = ServerProcess::Options::unthrottled(false);
    options.serveArguments << u"--password-threads"_s << u"1"_s << u"--password-queue"_s << u"1"_s;
    ServerProcess server(options);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const bool creating = path.contains(u"{org}"_s);
    path.replace(u"{org}"_s, server.orgId());

    constexpr int kFlood = 24;
    QList<QByteArray> bodies;
    for (int i = 0; i < kFlood; ++i) {
        const QString email = u"flood%1@acme.test"_s.arg(i);
        bodies.append(
            creating ? QJsonDocument(QJsonObject{{u"email"_s, email}, {u"password"_s, u"long-enough-1"_s}})
                           .toJson(QJsonDocument::Compact)
                     : loginBody(email, u"wrong-password"_s));
    }
    QElapsedTimer timer;
    timer.start();
    const QList<RawAnswer> answers = postAtOnce(
        server.port(), path, bodies, creating ? "Bearer " + server.apiKey().toLatin1() : QByteArray());
    const int expected = creating ? 201 : 401;
    int done = 0;
    int busy = 0;
    for (const RawAnswer &answer : answers) {
        QVERIFY2(answer.status != 0, "a request was never answered");
        if (answer.status == 503) {
            ++busy;
            QCOMPARE(answer.body.value(u"error_code"_s).toInt(), 5030001);
            QCOMPARE(answer.body.value(u"error_message"_s).toString(), u"SERVER_BUSY"_s);
            QCOMPARE(answer.retryAfter, QByteArray("1"));
        } else {
            QCOMPARE(answer.status, expected);
            ++done;
        }
    }
    qInfo("%d requests at once: %d done, %d answered 503, all within %lld ms", kFlood, done, busy,
          timer.elapsed());
    QVERIFY(done >= 1);
    QVERIFY2(busy >= 1, "nothing overflowed");
    // Afterwards the workers are free again.
    const HttpResult after =
        server.client().post(u"/v1/auth/login"_s, QJsonObject{{u"email"_s, u"admin@acme.test"_s},
                                                              {u"password"_s, u"correct-horse"_s}});
    QVERIFY2(after.status == 200, qPrintable(describeResult(after)));
}

QTEST_GUILESS_MAIN(TestCredentialsLogin)
#include "tst_credentials_login.moc"
