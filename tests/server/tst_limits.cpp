#include "tests/support/orgsetup.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QWebSocket>
#include <QtTest>

using namespace handover::testing;

// ARCHITECTURE.md "Reliability": limits everywhere input arrives (bodies, heads, frames, strings, page sizes,
// rate per token), each answered with the 4xx of API.md, and the server keeps serving.
namespace {

constexpr qsizetype kMiB = 1024 * 1024;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A contact body of exactly `size` bytes: the padding goes into `source`.
QByteArray contactBodyOfSize(qsizetype size)
{
    const QByteArray head = R"({"crm_id":"big","phone_number":"+4930555000","source":")";
    const QByteArray tail = R"("})";
    return head + QByteArray(size - head.size() - tail.size(), 's') + tail;
}

// One HTTP exchange over a plain socket, for what QNetworkAccessManager will not send.
struct RawAnswer
{
    int status = 0;
    QByteArray body;
};

RawAnswer rawExchange(quint16 port, const QByteArray &head, const QList<QByteArray> &bodyParts)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    RawAnswer answer;
    if (!socket.waitForConnected(5000))
        return answer;
    socket.write(head);
    for (const QByteArray &part : bodyParts) {
        if (socket.state() != QAbstractSocket::ConnectedState)
            break;
        socket.write(part);
        socket.waitForBytesWritten(2000);
    }
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        received += socket.readAll();
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray headers = received.left(end).toLower();
            const qsizetype at = headers.indexOf("content-length:");
            const qsizetype length =
                at < 0 ? 0 : headers.mid(at + 15, headers.indexOf('\r', at) - at - 15).trimmed().toLongLong();
            if (received.size() >= end + 4 + length) {
                answer.status = received.mid(9, 3).toInt();
                answer.body = received.mid(end + 4, length);
                return answer;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        socket.waitForReadyRead(200);
    }
    if (received.startsWith("HTTP/1.1 "))
        answer.status = received.mid(9, 3).toInt();
    return answer;
}

// A bare /v1/stream client that records how the server ends the connection.
class StreamSocket : public QObject
{
public:
    explicit StreamSocket(quint16 port, quint64 outgoingFrameSize)
        : m_url(QStringLiteral("ws://127.0.0.1:%1/v1/stream").arg(port))
    {
        m_socket.setOutgoingFrameSize(outgoingFrameSize);
        connect(&m_socket, &QWebSocket::connected, this, [this] { m_connected = true; });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            m_closed = true;
            m_closeCode = int(m_socket.closeCode());
            m_closedAfterMs = m_timer.elapsed();
        });
        connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                [this] { m_error = m_socket.errorString(); });
        connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }

    bool open()
    {
        m_timer.start();
        m_socket.open(m_url);
        return QTest::qWaitFor([this] { return m_connected || m_closed || !m_error.isEmpty(); }, 5000) &&
               m_connected;
    }
    void send(const QByteArray &text) { m_socket.sendTextMessage(QString::fromUtf8(text)); }
    void hello(const QString &token)
    {
        send(compact({{QStringLiteral("type"), QStringLiteral("hello")},
                      {QStringLiteral("token"), token},
                      {QStringLiteral("since"), 0},
                      {QStringLiteral("client"), QStringLiteral("test")}}));
    }
    bool waitForWelcome()
    {
        return QTest::qWaitFor(
                   [this] {
                       return m_closed ||
                              std::any_of(m_frames.cbegin(), m_frames.cend(), [](const QJsonObject &f) {
                                  return f.value(QLatin1String("type")).toString() ==
                                         QLatin1String("welcome");
                              });
                   },
                   10000) &&
               !m_closed;
    }
    bool waitForClose(int timeoutMs)
    {
        return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
    }
    bool closed() const { return m_closed; }
    int closeCode() const { return m_closeCode; }
    qint64 closedAfterMs() const { return m_closedAfterMs; }
    QString why() const
    {
        return QStringLiteral("connected %1, closed %2 with %3 after %4 ms, error \"%5\"")
            .arg(m_connected)
            .arg(m_closed)
            .arg(m_closeCode)
            .arg(m_closedAfterMs)
            .arg(m_error);
    }

private:
    QUrl m_url;
    QWebSocket m_socket;
    QElapsedTimer m_timer;
    QList<QJsonObject> m_frames;
    bool m_connected = false;
    bool m_closed = false;
    int m_closeCode = 0;
    qint64 m_closedAfterMs = -1;
    QString m_error;
};

QByteArray paddedPong(qsizetype size)
{
    const QByteArray head = R"({"type":"pong","t":1,"pad":")";
    const QByteArray tail = R"("})";
    return head + QByteArray(size - head.size() - tail.size(), 'p') + tail;
}

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void bodiesOverOneMebibyteAreRefused_data();
    void bodiesOverOneMebibyteAreRefused();
    void aBodyOfExactlyOneMebibyteIsRead();
    void aRequestHeadOver64KiBIsRefused();
    void queryValuesAreChecked_data();
    void queryValuesAreChecked();
    void stmFlagsInQueryAndBodyMustAgree_data();
    void stmFlagsInQueryAndBodyMustAgree();
    void textLengthIsBounded_data();
    void textLengthIsBounded();
    void idempotencyKeyLengthIsBounded_data();
    void idempotencyKeyLengthIsBounded();
    void theRateLimitIsPerToken();
    void streamFramesOverOneMebibyteAreRefused_data();
    void streamFramesOverOneMebibyteAreRefused();
    void aStreamFrameUnderOneMebibyteIsTaken();
    void streamHelloMustComeFirstWithASessionToken_data();
    void streamHelloMustComeFirstWithASessionToken();
    void aStreamWithoutHelloIsClosedAfterTenSeconds();

private:
    void verifyStillServing();
    HttpClient api() const { return m_server.client(m_org.apiKey); }

    ServerProcess m_server{ServerProcess::Options::unthrottled(false)};
    OrgSetup m_setup{m_server};
    TestOrg m_org;
};

void TestLimits::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_org = m_setup.bootstrapOrg();
    QVERIFY2(m_setup.populate(m_org), m_setup.why());
}

void TestLimits::verifyStillServing()
{
    const HttpResult health = m_server.client().get(QStringLiteral("/healthz"));
    QCOMPARE(health.status, 200);
    const HttpResult me = api().get(QStringLiteral("/v1/me"));
    QCOMPARE(me.status, 200);
}

// ---- bodies and heads

void TestLimits::bodiesOverOneMebibyteAreRefused_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("a JSON body of 1 MiB + 1 byte from an ordinary client is 413") << QStringLiteral("client");
    QTest::newRow("a 5 MiB body sent whole before reading the answer is 413") << QStringLiteral("whole");
    QTest::newRow("a Content-Length over 1 MiB is 413 before any body byte is sent")
        << QStringLiteral("head");
    QTest::newRow("a chunked body over 1 MiB is 413") << QStringLiteral("chunked");
}

void TestLimits::bodiesOverOneMebibyteAreRefused()
{
    QFETCH(QString, how);
    const QString path = QStringLiteral("/v2/org/%1/contact").arg(m_org.orgId);
    if (how == QLatin1String("client")) {
        // QNetworkAccessManager, as the console uses it: it reads the answer once the body is sent, so it
        // only sees the 413 if the server keeps reading (lingering close) instead of resetting the
        // connection.
        const HttpResult result = api().postRaw(path, contactBodyOfSize(kMiB + 1));
        const QString problem = errorShapeProblem(result, 4130001);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    } else {
        const QByteArray auth = "Authorization: Bearer " + m_org.apiKey.toLatin1() + "\r\n";
        QByteArray head = "POST " + path.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth +
                          "Content-Type: application/json\r\n";
        QList<QByteArray> parts;
        if (how == QLatin1String("head")) {
            head += "Content-Length: 2000000\r\n\r\n";
        } else if (how == QLatin1String("whole")) {
            const QByteArray body = contactBodyOfSize(5 * kMiB);
            head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
            for (qsizetype at = 0; at < body.size(); at += 64 * 1024)
                parts.append(body.mid(at, 64 * 1024));
        } else {
            head += "Transfer-Encoding: chunked\r\n\r\n";
            const QByteArray body = contactBodyOfSize(kMiB + kMiB / 2);
            for (qsizetype at = 0; at < body.size(); at += 64 * 1024) {
                const QByteArray chunk = body.mid(at, 64 * 1024);
                parts.append(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            }
            parts.append("0\r\n\r\n");
        }
        const RawAnswer answer = rawExchange(m_server.port(), head, parts);
        QCOMPARE(answer.status, 413);
        const QJsonObject error = QJsonDocument::fromJson(answer.body).object();
        QCOMPARE(error.value(QLatin1String("error_code")).toInt(), 4130001);
        QCOMPARE(error.value(QLatin1String("error_message")).toString(), QStringLiteral("PAYLOAD_TOO_LARGE"));
    }
    verifyStillServing();
}

void TestLimits::aBodyOfExactlyOneMebibyteIsRead()
{
    // Not refused for its size: it is read and its too long `source` is named.
    const HttpResult result =
        api().postRaw(QStringLiteral("/v2/org/%1/contact").arg(m_org.orgId), contactBodyOfSize(kMiB));
    const QString problem = errorShapeProblem(result, 4000002);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(result.json()
                .value(QLatin1String("payload"))
                .toObject()
                .value(QLatin1String("fields"))
                .toArray()
                .contains(QStringLiteral("source")));
    verifyStillServing();
}

void TestLimits::aRequestHeadOver64KiBIsRefused()
{
    const QByteArray head = "GET /v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                            m_org.apiKey.toLatin1() + "\r\nX-Filler: " + QByteArray(70 * 1024, 'f') +
                            "\r\n\r\n";
    const RawAnswer answer = rawExchange(m_server.port(), head, {});
    QVERIFY2(answer.status >= 400 && answer.status < 500, qPrintable(QString::number(answer.status)));
    const QJsonObject error = QJsonDocument::fromJson(answer.body).object();
    const int code = error.value(QLatin1String("error_code")).toInt();
    QCOMPARE(code / 10000, answer.status);
    QCOMPARE(error.value(QLatin1String("error_message")).toString(), errorMessageOf(code));
    verifyStillServing();
}

// ---- query strings

void TestLimits::queryValuesAreChecked_data()
{
    QTest::addColumn<QString>("pathAndQuery"); // {org} {chatroom}
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<QString>("field");
    const QString list = QStringLiteral("/v1/orgs/{org}/chatrooms?view=all&limit=");
    const QString messages = QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}/messages?limit=");
    const QString stm = QStringLiteral("/v3/orgs/{org}/chatrooms/{chatroom}/template-messages?");
    const QString limit = QStringLiteral("limit");
    const auto row = [](const char *name, const QString &path, const char *verb, int status, int code,
                        const QString &field) {
        QTest::newRow(name) << path << QByteArray(verb) << status << code << field;
    };
    row("a chatroom page of 500 is served", list + QStringLiteral("500"), "GET", 200, 0, {});
    row("a chatroom page of 501 is 4000002", list + QStringLiteral("501"), "GET", 400, 4000002, limit);
    row("a chatroom page of 0 is 4000002", list + QStringLiteral("0"), "GET", 400, 4000002, limit);
    row("a chatroom page of -1 is 4000002", list + QStringLiteral("-1"), "GET", 400, 4000002, limit);
    row("a chatroom page of 10^20 is over the maximum: 4000002",
        list + QStringLiteral("100000000000000000000"), "GET", 400, 4000002, limit);
    row("a chatroom page of abc is 4000001", list + QStringLiteral("abc"), "GET", 400, 4000001, limit);
    row("a chatroom page of 1.5 is 4000001", list + QStringLiteral("1.5"), "GET", 400, 4000001, limit);
    row("an empty chatroom page size is 4000001", list, "GET", 400, 4000001, limit);
    row("a message page of 200 is served", messages + QStringLiteral("200"), "GET", 200, 0, {});
    row("a message page of 201 is 4000002", messages + QStringLiteral("201"), "GET", 400, 4000002, limit);
    row("a message page of 0 is 4000002", messages + QStringLiteral("0"), "GET", 400, 4000002, limit);
    row("a message page of abc is 4000001", messages + QStringLiteral("abc"), "GET", 400, 4000001, limit);
    row("an unknown view is 4000001", QStringLiteral("/v1/orgs/{org}/chatrooms?view=everything"), "GET", 400,
        4000001, QStringLiteral("view"));
    row("a cursor the server never gave out is 4000001",
        QStringLiteral("/v1/orgs/{org}/chatrooms?view=all&cursor=c1.bogus"), "GET", 400, 4000001,
        QStringLiteral("cursor"));
    row("an unknown delivery status is 4000001",
        QStringLiteral("/v1/orgs/{org}/webhook/deliveries?status=lost"), "GET", 400, 4000001,
        QStringLiteral("status"));
    row("visible_only=maybe is 4000001", QStringLiteral("/v1/orgs/{org}/templates?visible_only=maybe"), "GET",
        400, 4000001, QStringLiteral("visible_only"));
    row("visible_only=1 is served", QStringLiteral("/v1/orgs/{org}/templates?visible_only=1"), "GET", 200, 0,
        {});
    row("STM ?bump=maybe is 4000001", stm + QStringLiteral("bump=maybe"), "POST", 400, 4000001,
        QStringLiteral("bump"));
    row("STM ?bump=TRUE is 4000001", stm + QStringLiteral("bump=TRUE"), "POST", 400, 4000001,
        QStringLiteral("bump"));
    row("STM ?bump= (empty) is 4000001", stm + QStringLiteral("bump="), "POST", 400, 4000001,
        QStringLiteral("bump"));
    row("STM ?relay_response=yes is 4000001", stm + QStringLiteral("relay_response=yes"), "POST", 400,
        4000001, QStringLiteral("relay_response"));
    row("STM ?bump_response=2 is 4000001", stm + QStringLiteral("bump_response=2"), "POST", 400, 4000001,
        QStringLiteral("bump_response"));
    row("STM ?bump=true is taken", stm + QStringLiteral("bump=true"), "POST", 201, 0, QStringLiteral("bump"));
    row("STM ?bump=false is taken", stm + QStringLiteral("bump=false"), "POST", 201, 0,
        QStringLiteral("bump"));
    row("STM ?bump=1 is taken", stm + QStringLiteral("bump=1"), "POST", 201, 0, QStringLiteral("bump"));
    row("STM ?bump=0 is taken", stm + QStringLiteral("bump=0"), "POST", 201, 0, QStringLiteral("bump"));
}

void TestLimits::queryValuesAreChecked()
{
    QFETCH(QString, pathAndQuery);
    QFETCH(QByteArray, verb);
    QFETCH(int, status);
    QFETCH(int, errorCode);
    QFETCH(QString, field);
    QString path = pathAndQuery;
    path.replace(QLatin1String("{org}"), m_org.orgId).replace(QLatin1String("{chatroom}"), m_org.aliceRoom);
    const QByteArray body =
        verb == "POST" ? compact({{QStringLiteral("remote_template_id"), m_org.templateId}}) : QByteArray();
    const HttpResult result = api().send(verb, path, body);
    if (errorCode) {
        const QString problem = errorShapeProblem(result, errorCode);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QJsonArray fields =
            result.json().value(QLatin1String("payload")).toObject().value(QLatin1String("fields")).toArray();
        QVERIFY2(fields.contains(field), qPrintable(describeResult(result)));
        return;
    }
    QVERIFY2(result.status == status, qPrintable(describeResult(result)));
    if (verb == "POST") {
        // The message says which value was taken.
        const bool expected = path.endsWith(QLatin1String("=true")) || path.endsWith(QLatin1String("=1"));
        QCOMPARE(result.json().value(field).toBool(), expected);
    }
}

void TestLimits::stmFlagsInQueryAndBodyMustAgree_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("flag");
    QTest::addColumn<bool>("bodyValue");
    QTest::addColumn<int>("status");
    QTest::newRow("bump false in the query and true in the body is 4000001")
        << QStringLiteral("bump=false") << QStringLiteral("bump") << true << 400;
    QTest::newRow("bump 0 in the query and true in the body is 4000001")
        << QStringLiteral("bump=0") << QStringLiteral("bump") << true << 400;
    QTest::newRow("relay_response 1 in the query and false in the body is 4000001")
        << QStringLiteral("relay_response=1") << QStringLiteral("relay_response") << false << 400;
    QTest::newRow("bump_response false in the query and true in the body is 4000001")
        << QStringLiteral("bump_response=false") << QStringLiteral("bump_response") << true << 400;
    QTest::newRow("bump true in both is taken")
        << QStringLiteral("bump=true") << QStringLiteral("bump") << true << 201;
    QTest::newRow("bump 0 in the query and false in the body is taken")
        << QStringLiteral("bump=0") << QStringLiteral("bump") << false << 201;
    QTest::newRow("relay_response true in both is taken")
        << QStringLiteral("relay_response=true") << QStringLiteral("relay_response") << true << 201;
}

void TestLimits::stmFlagsInQueryAndBodyMustAgree()
{
    QFETCH(QString, query);
    QFETCH(QString, flag);
    QFETCH(bool, bodyValue);
    QFETCH(int, status);
    const HttpResult result =
        api().post(QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages?%3")
                       .arg(m_org.orgId, m_org.aliceRoom, query),
                   QJsonObject{{QStringLiteral("remote_template_id"), m_org.templateId}, {flag, bodyValue}});
    if (status == 400) {
        const QString problem = errorShapeProblem(result, 4000001);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(result.json()
                     .value(QLatin1String("payload"))
                     .toObject()
                     .value(QLatin1String("fields"))
                     .toArray()
                     .contains(flag),
                 qPrintable(describeResult(result)));
        return;
    }
    QVERIFY2(result.status == 201, qPrintable(describeResult(result)));
    QCOMPARE(result.json().value(flag).toBool(), bodyValue);
}

// ---- strings and headers

void TestLimits::textLengthIsBounded_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("status");
    QTest::newRow("a text of 1 character is sent") << 1 << 201;
    QTest::newRow("a text of 4096 characters is sent") << 4096 << 201;
    QTest::newRow("a text of 4097 characters is 4000002") << 4097 << 400;
    QTest::newRow("a text of 100000 characters is 4000002") << 100000 << 400;
    QTest::newRow("an empty text is 4000002") << 0 << 400;
}

void TestLimits::textLengthIsBounded()
{
    QFETCH(int, length);
    QFETCH(int, status);
    const HttpResult result =
        api().post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages").arg(m_org.orgId, m_org.aliceRoom),
                   QJsonObject{{QStringLiteral("text"), QString(length, u't')},
                               {QStringLiteral("as_user_id"), m_org.alice.id}});
    if (status == 201) {
        QVERIFY2(result.status == 201, qPrintable(describeResult(result)));
        QCOMPARE(result.string(QStringLiteral("text")).size(), length);
        return;
    }
    const QString problem = errorShapeProblem(result, 4000002);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(result.json()
                .value(QLatin1String("payload"))
                .toObject()
                .value(QLatin1String("fields"))
                .toArray()
                .contains(QStringLiteral("text")));
}

void TestLimits::idempotencyKeyLengthIsBounded_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("status");
    QTest::newRow("an Idempotency-Key of 255 characters is taken") << 255 << 201;
    QTest::newRow("an Idempotency-Key of 256 characters is 4000002") << 256 << 400;
    QTest::newRow("an Idempotency-Key of 10000 characters is 4000002") << 10000 << 400;
}

void TestLimits::idempotencyKeyLengthIsBounded()
{
    QFETCH(int, length);
    QFETCH(int, status);
    const QByteArray key = QByteArray::number(length) + '-' + QByteArray(length, 'k').left(length - 4);
    const HttpResult result = api().post(
        QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(m_org.orgId, m_org.aliceRoom),
        QJsonObject{{QStringLiteral("remote_template_id"), m_org.templateId}},
        {{QByteArrayLiteral("Idempotency-Key"), key.left(length)}});
    if (status == 201) {
        QVERIFY2(result.status == 201, qPrintable(describeResult(result)));
        return;
    }
    const QString problem = errorShapeProblem(result, 4000002);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// ---- rate

void TestLimits::theRateLimitIsPerToken()
{
    ServerProcess limited(ServerProcess::Options{false,
                                                 {QStringLiteral("--rate-limit"), QStringLiteral("5"),
                                                  QStringLiteral("--rate-burst"), QStringLiteral("5")},
                                                 QStringLiteral("s"),
                                                 QStringLiteral("v"),
                                                 QStringLiteral("a")});
    QVERIFY2(limited.start(), qPrintable(limited.errorString()));
    HttpClient first = limited.client(limited.apiKey());
    const HttpResult key = first.post(QStringLiteral("/v1/orgs/%1/api-keys").arg(limited.orgId()),
                                      QJsonObject{{QStringLiteral("name"), QStringLiteral("second")},
                                                  {QStringLiteral("role"), QStringLiteral("ADMIN")}});
    QCOMPARE(key.status, 201);
    HttpClient second = limited.client(key.string(QStringLiteral("api_key")));
    QTest::qWait(1300); // the first token's bucket fills up again

    QList<int> statuses;
    HttpResult refused;
    for (int i = 0; i < 12 && refused.status == 0; ++i) {
        const HttpResult result = first.get(QStringLiteral("/v1/me"));
        statuses.append(result.status);
        if (result.status == 429)
            refused = result;
    }
    QVERIFY2(statuses.mid(0, 4) == QList<int>({200, 200, 200, 200}),
             qPrintable(QString::number(statuses.size())));
    QVERIFY2(refused.status == 429, "12 requests in a row at 5 a second were all served");
    const QString problem = errorShapeProblem(refused, 4290001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    bool ok = false;
    const int retryAfter = refused.header("Retry-After").toInt(&ok);
    QVERIFY2(ok && retryAfter >= 1 && retryAfter <= 60, refused.header("Retry-After").constData());

    // Another token is not held back by the first one's rate.
    QCOMPARE(second.get(QStringLiteral("/v1/me")).status, 200);
    // Neither is a request without a token... it is simply not authenticated.
    QCOMPARE(limited.client().get(QStringLiteral("/healthz")).status, 200);
    // After Retry-After the first token is served again.
    QTest::qWait(retryAfter * 1000 + 100);
    QCOMPARE(first.get(QStringLiteral("/v1/me")).status, 200);
}

// ---- the stream

void TestLimits::streamFramesOverOneMebibyteAreRefused_data()
{
    QTest::addColumn<bool>("afterWelcome");
    QTest::addColumn<quint64>("frameSize");
    QTest::newRow("one frame over 1 MiB as the first frame closes with 1009") << false << quint64(4 * kMiB);
    QTest::newRow("one frame over 1 MiB after the welcome closes with 1009") << true << quint64(4 * kMiB);
    QTest::newRow("a message over 1 MiB in 256 KiB frames closes with 1009") << true << quint64(256 * 1024);
}

void TestLimits::streamFramesOverOneMebibyteAreRefused()
{
    QFETCH(bool, afterWelcome);
    QFETCH(quint64, frameSize);
    StreamSocket stream(m_server.port(), frameSize);
    QVERIFY2(stream.open(), qPrintable(stream.why()));
    if (afterWelcome) {
        stream.hello(m_org.alice.token);
        QVERIFY2(stream.waitForWelcome(), qPrintable(stream.why()));
    }
    stream.send(paddedPong(kMiB + 1));
    QVERIFY2(stream.waitForClose(10000), qPrintable(stream.why()));
    QVERIFY2(stream.closeCode() == 1009, qPrintable(stream.why()));
    verifyStillServing();
}

void TestLimits::aStreamFrameUnderOneMebibyteIsTaken()
{
    StreamSocket stream(m_server.port(), quint64(4 * kMiB));
    QVERIFY2(stream.open(), qPrintable(stream.why()));
    stream.hello(m_org.alice.token);
    QVERIFY2(stream.waitForWelcome(), qPrintable(stream.why()));
    stream.send(paddedPong(kMiB - 1024));
    QTest::qWait(1000);
    QVERIFY2(!stream.closed(), qPrintable(stream.why()));
}

void TestLimits::streamHelloMustComeFirstWithASessionToken_data()
{
    QTest::addColumn<QString>("first");
    QTest::newRow("a hello with an unknown token closes with 4401") << QStringLiteral("unknown");
    QTest::newRow("a hello with an API key instead of a session token closes with 4401")
        << QStringLiteral("apikey");
    QTest::newRow("a hello with an empty token closes with 4401") << QStringLiteral("empty");
    QTest::newRow("a pong before the hello closes with 4401") << QStringLiteral("pong");
}

void TestLimits::streamHelloMustComeFirstWithASessionToken()
{
    QFETCH(QString, first);
    StreamSocket stream(m_server.port(), quint64(512 * 1024));
    QVERIFY2(stream.open(), qPrintable(stream.why()));
    if (first == QLatin1String("unknown"))
        stream.hello(QStringLiteral("sess_not-a-session"));
    else if (first == QLatin1String("apikey"))
        stream.hello(m_org.apiKey);
    else if (first == QLatin1String("empty"))
        stream.hello(QString());
    else
        stream.send(R"({"type":"pong","t":1})");
    QVERIFY2(stream.waitForClose(5000), qPrintable(stream.why()));
    QVERIFY2(stream.closeCode() == 4401, qPrintable(stream.why()));
    QVERIFY2(stream.closedAfterMs() < 5000, qPrintable(stream.why()));
}

void TestLimits::aStreamWithoutHelloIsClosedAfterTenSeconds()
{
    StreamSocket stream(m_server.port(), quint64(512 * 1024));
    QVERIFY2(stream.open(), qPrintable(stream.why()));
    QVERIFY2(stream.waitForClose(14000), qPrintable(stream.why()));
    QVERIFY2(stream.closeCode() == 4401, qPrintable(stream.why()));
    QVERIFY2(stream.closedAfterMs() >= 9500, qPrintable(stream.why()));
    verifyStillServing();
}

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
