#include "tests/support/orgsetup.h"
#include "tests/support/streamclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

using namespace handover;
using namespace handover::testing;
using namespace Qt::StringLiterals;

// TARGETS.md L8 against the real server: logout, key revocation, user deactivation and expiry refuse the
// credential with 401 at once, and close its open streams with 4401 within 1 s.
namespace {

constexpr int kCloseDeadlineMs = 1000; // L8

// A stream of one session, watched from before the request that should close it.
struct WatchedStream
{
    std::unique_ptr<StreamClient> client;
    std::unique_ptr<QSignalSpy> lost;
};

// A user logged in twice (a phone and a laptop), with a stream open on each session.
struct TwoSessions
{
    OrgUser user; // user.token is the first session
    QString second;
    WatchedStream firstStream;
    WatchedStream secondStream;
    bool ok() const { return firstStream.client && secondStream.client; }
};

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void logoutEndsOnlyThatSession();
    void logoutWithAnApiKeyIsRefused();
    void revokedKeyIsRefusedAtOnce();
    void keysAreListedWithoutTheirSecret();
    void keysCanBeMadeToExpire_data();
    void keysCanBeMadeToExpire();
    void anExpiringKeyIsRefusedFromItsExpiry();
    void deactivationEndsEverySessionAndStream();
    void deactivatedUserCannotLogInAndLooksLikeAWrongPassword();
    void reactivatedUserLogsInAgain();
    void nobodyDeactivatesThemselvesOrTheLastAdmin();
    void deactivationRequestsAreChecked_data();
    void deactivationRequestsAreChecked();
    void sessionExpiryClosesTheStreamInTheServerProcess();

private:
    OrgUser newUser(const QString &role = u"MEMBER"_s);
    WatchedStream watch(const QString &token);
    TwoSessions userWithTwoSessions();
    // Empty when the stream was closed with 4401 within kCloseDeadlineMs of `since`.
    QString closedIn4401Within(WatchedStream &stream, const QElapsedTimer &since);
    HttpResult me(const QString &token) { return m_server.client(token).get(u"/v1/me"_s); }
    HttpResult setActive(const QString &token, const QString &userId, const QJsonValue &active);
    HttpResult createKey(const QJsonObject &extra);

    ServerProcess m_server{ServerProcess::Options::unthrottled(false)};
    OrgSetup m_setup{m_server};
    TestOrg m_org;
    int m_unique = 0;
};

void TestCredentials::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_org = m_setup.bootstrapOrg();
    m_org.admin.token = m_setup.login(m_org.admin.email, m_org.adminPassword);
    QVERIFY2(!m_org.admin.token.isEmpty(), m_setup.why());
}

OrgUser TestCredentials::newUser(const QString &role)
{
    OrgUser user;
    user.email = u"user%1@acme.test"_s.arg(++m_unique);
    user.id = m_setup.createUser(m_org, user.email, role);
    if (!user.id.isEmpty())
        user.token = m_setup.login(user.email);
    return user;
}

WatchedStream TestCredentials::watch(const QString &token)
{
    WatchedStream stream{std::make_unique<StreamClient>(m_server.url()), nullptr};
    if (!stream.client->connectTo(token))
        return {};
    stream.lost = std::make_unique<QSignalSpy>(stream.client.get(), &StreamClient::connectionLost);
    return stream;
}

TwoSessions TestCredentials::userWithTwoSessions()
{
    TwoSessions sessions;
    sessions.user = newUser();
    if (sessions.user.token.isEmpty())
        return sessions;
    sessions.second = m_setup.login(sessions.user.email);
    if (sessions.second.isEmpty())
        return sessions;
    sessions.firstStream = watch(sessions.user.token);
    sessions.secondStream = watch(sessions.second);
    return sessions;
}

QString TestCredentials::closedIn4401Within(WatchedStream &stream, const QElapsedTimer &since)
{
    if (stream.lost->isEmpty())
        (void)stream.lost->wait(int(std::max<qint64>(1, kCloseDeadlineMs - since.elapsed())));
    const qint64 tookMs = since.elapsed();
    if (stream.lost->isEmpty())
        return u"the stream was still open %1 ms after the credential ended"_s.arg(tookMs);
    if (stream.client->lastCloseCode() != 4401)
        return u"the stream was closed with %1, not 4401"_s.arg(stream.client->lastCloseCode());
    qInfo("stream closed with 4401 at most %lld ms after the answer", tookMs);
    return {};
}

HttpResult TestCredentials::setActive(const QString &token, const QString &userId, const QJsonValue &active)
{
    return m_server.client(token).send("PATCH", u"/v1/org/%1/user/%2"_s.arg(m_org.orgId, userId),
                                       QJsonDocument(QJsonObject{{u"active"_s, active}}).toJson());
}

HttpResult TestCredentials::createKey(const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(u"name"_s, u"key %1"_s.arg(++m_unique));
    body.insert(u"role"_s, u"ADMIN"_s);
    return m_server.client(m_org.apiKey).post(u"/v1/orgs/%1/api-keys"_s.arg(m_org.orgId), body);
}

void TestCredentials::logoutEndsOnlyThatSession()
{
    TwoSessions sessions = userWithTwoSessions();
    QVERIFY2(sessions.ok(), m_setup.why());
    const OrgUser &ana = sessions.user;
    const QString &laptop = sessions.second;
    WatchedStream &phoneStream = sessions.firstStream;
    WatchedStream &laptopStream = sessions.secondStream;
    QCOMPARE(me(ana.token).status, 200); // the caller cache knows the token now

    const HttpResult out = m_server.client(ana.token).post(u"/v1/auth/logout"_s, {});
    QElapsedTimer answered;
    answered.start();
    QVERIFY2(out.status == 204, qPrintable(describeResult(out)));
    const QString problem = errorShapeProblem(me(ana.token), 4010001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString closed = closedIn4401Within(phoneStream, answered);
    QVERIFY2(closed.isEmpty(), qPrintable(closed));

    // The other session, and its stream, carry on.
    QCOMPARE(me(laptop).status, 200);
    QVERIFY(laptopStream.lost->isEmpty() && laptopStream.client->isOpen());
    // A second logout with the ended token is just an unknown token.
    QCOMPARE(m_server.client(ana.token).post(u"/v1/auth/logout"_s, {}).status, 401);
}

void TestCredentials::logoutWithAnApiKeyIsRefused()
{
    const HttpResult refused = m_server.client(m_org.apiKey).post(u"/v1/auth/logout"_s, {});
    const QString problem = errorShapeProblem(refused, 4030001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(me(m_org.apiKey).status, 200);
}

void TestCredentials::revokedKeyIsRefusedAtOnce()
{
    const HttpResult created = createKey({});
    QVERIFY2(created.status == 201, qPrintable(describeResult(created)));
    const QString key = created.string(u"api_key"_s);
    const QString keyId = created.string(u"api_key_id"_s);
    QCOMPARE(me(key).status, 200); // cached from here

    HttpClient admin = m_server.client(m_org.admin.token);
    const HttpResult revoked = admin.del(u"/v1/orgs/%1/api-keys/%2"_s.arg(m_org.orgId, keyId));
    QVERIFY2(revoked.status == 204, qPrintable(describeResult(revoked)));
    const QString problem = errorShapeProblem(me(key), 4010001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Revoking again changes nothing and says so the same way.
    QCOMPARE(admin.del(u"/v1/orgs/%1/api-keys/%2"_s.arg(m_org.orgId, keyId)).status, 204);
    QCOMPARE(admin.del(u"/v1/orgs/%1/api-keys/no-such-key"_s.arg(m_org.orgId)).errorCode(), 4040001);
}

void TestCredentials::keysAreListedWithoutTheirSecret()
{
    const HttpResult created = createKey({{u"expires_in_days"_s, 7}});
    QVERIFY2(created.status == 201, qPrintable(describeResult(created)));
    const QString key = created.string(u"api_key"_s);
    const QString keyId = created.string(u"api_key_id"_s);
    QVERIFY(!created.json().value(u"expires_at"_s).toString().isEmpty());
    QCOMPARE(m_server.client(m_org.apiKey).del(u"/v1/orgs/%1/api-keys/%2"_s.arg(m_org.orgId, keyId)).status,
             204);

    const HttpResult listed = m_server.client(m_org.apiKey).get(u"/v1/orgs/%1/api-keys"_s.arg(m_org.orgId));
    QVERIFY2(listed.status == 200, qPrintable(describeResult(listed)));
    QVERIFY(!listed.body.contains(key.toUtf8()));
    QVERIFY(!listed.body.contains(key.mid(4).toUtf8()));
    QJsonObject found;
    for (const QJsonValue &row : listed.array(u"api_keys"_s)) {
        const QStringList fields = row.toObject().keys();
        QCOMPARE(fields, (QStringList{u"api_key_id"_s, u"created_at"_s, u"created_by_user_id"_s,
                                      u"expires_at"_s, u"name"_s, u"revoked_at"_s, u"role"_s}));
        if (row.toObject().value(u"api_key_id"_s).toString() == keyId)
            found = row.toObject();
    }
    QVERIFY(!found.isEmpty());
    QCOMPARE(found.value(u"role"_s).toString(), u"ADMIN"_s);
    QVERIFY(found.value(u"created_by_user_id"_s).isNull()); // made with the bootstrap key, not by a user
    QCOMPARE(found.value(u"expires_at"_s), created.json().value(u"expires_at"_s));
    const QDateTime revokedAt =
        QDateTime::fromString(found.value(u"revoked_at"_s).toString(), Qt::ISODateWithMs);
    QVERIFY(revokedAt.isValid());
    QVERIFY(qAbs(revokedAt.secsTo(QDateTime::currentDateTimeUtc())) < 600);
}

void TestCredentials::keysCanBeMadeToExpire_data()
{
    QTest::addColumn<QJsonObject>("extra");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<qint64>("expiresInDays"); // -1: never; checked within a day

    QTest::newRow("a key without an end never expires")
        << QJsonObject() << 201 << 0 << QStringList() << qint64(-1);
    QTest::newRow("expires_in_days sets the end that many days ahead")
        << QJsonObject{{u"expires_in_days"_s, 30}} << 201 << 0 << QStringList() << qint64(30);
    QTest::newRow("expires_at sets the end")
        << QJsonObject{{u"expires_at"_s,
                        QDateTime::currentDateTimeUtc().addDays(90).toString(Qt::ISODateWithMs)}}
        << 201 << 0 << QStringList() << qint64(90);
    QTest::newRow("an end in the past is refused")
        << QJsonObject{{u"expires_at"_s, u"2020-01-01T00:00:00.000Z"_s}} << 400 << 4000002
        << QStringList{u"expires_at"_s} << qint64(-1);
    QTest::newRow("both ways of giving the end at once are refused, naming both")
        << QJsonObject{{u"expires_in_days"_s, 3},
                       {u"expires_at"_s,
                        QDateTime::currentDateTimeUtc().addDays(9).toString(Qt::ISODateWithMs)}}
        << 400 << 4000002 << QStringList{u"expires_at"_s, u"expires_in_days"_s} << qint64(-1);
    QTest::newRow("zero days is out of range") << QJsonObject{{u"expires_in_days"_s, 0}} << 400 << 4000002
                                               << QStringList{u"expires_in_days"_s} << qint64(-1);
    QTest::newRow("more than ten years is out of range")
        << QJsonObject{{u"expires_in_days"_s, 3651}} << 400 << 4000002 << QStringList{u"expires_in_days"_s}
        << qint64(-1);
    QTest::newRow("days as text are the wrong type")
        << QJsonObject{{u"expires_in_days"_s, u"30"_s}} << 400 << 4000001 << QStringList{u"expires_in_days"_s}
        << qint64(-1);
}

void TestCredentials::keysCanBeMadeToExpire()
{
    QFETCH(QJsonObject, extra);
    QFETCH(int, status);
    QFETCH(int, errorCode);
    QFETCH(QStringList, fields);
    QFETCH(qint64, expiresInDays);
    const HttpResult created = createKey(extra);
    if (errorCode) {
        const QString problem = errorShapeProblem(created, errorCode);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QStringList named;
        for (const QJsonValue &field :
             created.json().value(u"payload"_s).toObject().value(u"fields"_s).toArray())
            named.append(field.toString());
        QCOMPARE(named, fields);
        return;
    }
    QVERIFY2(created.status == status, qPrintable(describeResult(created)));
    const QJsonValue expires = created.json().value(u"expires_at"_s);
    if (expiresInDays < 0) {
        QVERIFY(expires.isNull());
        return;
    }
    const QDateTime at = QDateTime::fromString(expires.toString(), Qt::ISODateWithMs);
    QVERIFY(at.isValid());
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().addDays(expiresInDays).secsTo(at)) < 24 * 3600);
    QCOMPARE(me(created.string(u"api_key"_s)).status, 200);
}

void TestCredentials::anExpiringKeyIsRefusedFromItsExpiry()
{
    const QDateTime end = QDateTime::currentDateTimeUtc().addMSecs(2500);
    const HttpResult created = createKey({{u"expires_at"_s, end.toString(Qt::ISODateWithMs)}});
    QVERIFY2(created.status == 201, qPrintable(describeResult(created)));
    const QString key = created.string(u"api_key"_s);
    QCOMPARE(me(key).status, 200); // cached, but never past the key's end
    QVERIFY(QTest::qWaitFor([&] { return QDateTime::currentDateTimeUtc() >= end; }, 10000));
    const QString problem = errorShapeProblem(me(key), 4010001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestCredentials::deactivationEndsEverySessionAndStream()
{
    TwoSessions sessions = userWithTwoSessions();
    QVERIFY2(sessions.ok(), m_setup.why());
    const OrgUser &bea = sessions.user;
    const OrgUser bystander = newUser();
    WatchedStream other = watch(bystander.token);
    QVERIFY(other.client);
    QCOMPARE(me(bea.token).status, 200);

    const HttpResult off = setActive(m_org.admin.token, bea.id, false);
    QElapsedTimer answered;
    answered.start();
    QVERIFY2(off.status == 200, qPrintable(describeResult(off)));
    QCOMPARE(off.json().value(u"active"_s).toBool(true), false);
    QCOMPARE(off.string(u"user_id"_s), bea.id);
    for (const QString &token : {bea.token, sessions.second}) {
        const QString problem = errorShapeProblem(me(token), 4010001);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    for (WatchedStream *stream : {&sessions.firstStream, &sessions.secondStream}) {
        const QString closed = closedIn4401Within(*stream, answered);
        QVERIFY2(closed.isEmpty(), qPrintable(closed));
    }
    QVERIFY(other.lost->isEmpty());
    // The org still lists them, as deactivated, with their chatrooms left as they were.
    bool listed = false;
    for (const QJsonValue &row :
         m_server.client(m_org.apiKey).get(u"/v1/org/%1/users"_s.arg(m_org.orgId)).array(u"users"_s)) {
        if (row.toObject().value(u"user_id"_s).toString() == bea.id) {
            listed = true;
            QCOMPARE(row.toObject().value(u"active"_s).toBool(true), false);
        }
    }
    QVERIFY(listed);
}

void TestCredentials::deactivatedUserCannotLogInAndLooksLikeAWrongPassword()
{
    const OrgUser cid = newUser();
    QVERIFY2(!cid.token.isEmpty(), m_setup.why());
    QCOMPARE(setActive(m_org.apiKey, cid.id, false).status, 200);
    HttpClient anonymous = m_server.client();
    const HttpResult right = anonymous.post(
        u"/v1/auth/login"_s, QJsonObject{{u"email"_s, cid.email}, {u"password"_s, OrgSetup::kPassword}});
    const HttpResult wrong = anonymous.post(
        u"/v1/auth/login"_s, QJsonObject{{u"email"_s, cid.email}, {u"password"_s, u"not-the-password"_s}});
    const QString problem = errorShapeProblem(right, 4010001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(right.body, wrong.body);
}

void TestCredentials::reactivatedUserLogsInAgain()
{
    const OrgUser dee = newUser();
    QVERIFY2(!dee.token.isEmpty(), m_setup.why());
    QCOMPARE(setActive(m_org.apiKey, dee.id, false).status, 200);
    QCOMPARE(setActive(m_org.apiKey, dee.id, false).status, 200); // again: nothing more to do
    const HttpResult on = setActive(m_org.apiKey, dee.id, true);
    QVERIFY2(on.status == 200, qPrintable(describeResult(on)));
    QCOMPARE(on.json().value(u"active"_s).toBool(false), true);
    // No session comes back: the old one stays ended, a new login works.
    QCOMPARE(me(dee.token).status, 401);
    const QString fresh = m_setup.login(dee.email);
    QVERIFY2(!fresh.isEmpty(), m_setup.why());
    QCOMPARE(me(fresh).json().value(u"active"_s).toBool(false), true);
}

void TestCredentials::nobodyDeactivatesThemselvesOrTheLastAdmin()
{
    // The bootstrap ADMIN is the org's only active ADMIN.
    QString problem = errorShapeProblem(setActive(m_org.admin.token, m_org.admin.id, false), 4030001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = errorShapeProblem(setActive(m_org.apiKey, m_org.admin.id, false), 4030001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(me(m_org.admin.token).status, 200);

    // With a second ADMIN, either may deactivate the other, still not themselves.
    const OrgUser second = newUser(u"ADMIN"_s);
    QVERIFY2(!second.token.isEmpty(), m_setup.why());
    problem = errorShapeProblem(setActive(second.token, second.id, false), 4030001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(setActive(second.token, m_org.admin.id, false).status, 200);
    problem = errorShapeProblem(setActive(m_org.apiKey, second.id, false), 4030001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(setActive(second.token, m_org.admin.id, true).status, 200);
    m_org.admin.token = m_setup.login(m_org.admin.email, m_org.adminPassword);
    QVERIFY2(!m_org.admin.token.isEmpty(), m_setup.why());
}

void TestCredentials::deactivationRequestsAreChecked_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("userId"); // "" for an existing MEMBER
    QTest::addColumn<int>("errorCode");
    QTest::newRow("a body without active is refused naming it") << QByteArray("{}") << QString() << 4000002;
    QTest::newRow("active as text is the wrong type")
        << QByteArray(R"({"active":"no"})") << QString() << 4000001;
    QTest::newRow("a body that is not JSON is refused") << QByteArray("active=false") << QString() << 4000001;
    QTest::newRow("an unknown user is not found")
        << QByteArray(R"({"active":false})") << u"no-such-user"_s << 4040001;
}

void TestCredentials::deactivationRequestsAreChecked()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, userId);
    QFETCH(int, errorCode);
    if (userId.isEmpty()) {
        const OrgUser user = newUser();
        QVERIFY2(!user.id.isEmpty(), m_setup.why());
        userId = user.id;
    }
    const HttpResult result =
        m_server.client(m_org.apiKey).send("PATCH", u"/v1/org/%1/user/%2"_s.arg(m_org.orgId, userId), body);
    const QString problem = errorShapeProblem(result, errorCode);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// A server whose sessions last three seconds: the stream opened with one is closed by the server's timer at
// the session's expires_at, and the token is refused from then on.
void TestCredentials::sessionExpiryClosesTheStreamInTheServerProcess()
{
    ServerProcess::Options options = ServerProcess::Options::unthrottled(false);
    options.serveArguments << u"--session-lifetime"_s << u"3s"_s;
    ServerProcess shortLived(options);
    QVERIFY2(shortLived.start(), qPrintable(shortLived.errorString()));
    const HttpResult login =
        shortLived.client().post(u"/v1/auth/login"_s, QJsonObject{{u"email"_s, u"admin@acme.test"_s},
                                                                  {u"password"_s, u"correct-horse"_s}});
    QVERIFY2(login.status == 200, qPrintable(describeResult(login)));
    const QString token = login.string(u"token"_s);
    const QDateTime expiresAt = QDateTime::fromString(login.string(u"expires_at"_s), Qt::ISODateWithMs);
    QVERIFY(expiresAt.isValid());
    QVERIFY(QDateTime::currentDateTimeUtc().msecsTo(expiresAt) <= 3000);

    StreamClient stream(shortLived.url());
    QVERIFY(stream.connectTo(token));
    // The moment of the close is taken when it arrives, so a late wake-up of this test's own timers (under load)
    // cannot be mistaken for an early close.
    QDateTime lostAt;
    connect(&stream, &StreamClient::connectionLost, this, [&lostAt] { lostAt = QDateTime::currentDateTimeUtc(); });
    QCOMPARE(shortLived.client(token).get(u"/v1/me"_s).status, 200);
    const qint64 waitMs = QDateTime::currentDateTimeUtc().msecsTo(expiresAt.addMSecs(kCloseDeadlineMs));
    (void)QTest::qWaitFor([&lostAt] { return lostAt.isValid(); }, int(std::max<qint64>(1, waitMs)));
    QVERIFY2(lostAt.isValid(), qPrintable(u"still open %1 ms after the session's end"_s.arg(
                                   expiresAt.msecsTo(QDateTime::currentDateTimeUtc()))));
    const qint64 lateMs = expiresAt.msecsTo(lostAt);
    // Not before its end (the server and this test share the clock; 50 ms for rounding to milliseconds)...
    QVERIFY2(lateMs >= -50, qPrintable(u"the stream closed %1 ms before its session's end"_s.arg(-lateMs)));
    // ...and within the deadline after it.
    QVERIFY2(lateMs <= kCloseDeadlineMs, qPrintable(u"closed %1 ms after the session's end"_s.arg(lateMs)));
    QCOMPARE(stream.lastCloseCode(), 4401);
    qInfo("the stream closed at most %lld ms after its session's expires_at", lateMs);
    QCOMPARE(shortLived.client(token).get(u"/v1/me"_s).status, 401);
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
