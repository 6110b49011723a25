#include "tests/support/orgsetup.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>
#include <QtTest>
#include <functional>
#include <optional>

using namespace handover::testing;

// TARGETS.md L6: a mutating request sent 1 to 5 times at once with one Idempotency-Key has exactly one
// effect; every answer is the first one replayed or 4090004 (still in progress). API.md: the same key with
// another body is 4220001, keys belong to a token, and replays are kept 24 h (so across a restart).
namespace {

struct Post
{
    QString path;
    QJsonObject body;
};

// One kind of mutating POST: how to make a fresh request, and how to count its effect through the API.
struct Attempt
{
    Post post;
    Post other; // the same kind of request with another body
    int success = 201;
    std::function<int()> count; // the effect of `post` so far
    std::function<int()> otherCount;
};

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Sends every request (each with its key) before waiting for any answer; the answers in the order of the
// requests. `onFirstSuccess` runs as soon as the first 2xx answer has arrived.
QList<HttpResult> fireTogether(const QUrl &base, const QString &token, const QList<QByteArray> &keys,
                               const QList<Post> &posts, const std::function<void()> &onFirstSuccess = {})
{
    QNetworkAccessManager network;
    QList<QNetworkReply *> replies;
    for (qsizetype i = 0; i < posts.size(); ++i) {
        QNetworkRequest request(base.resolved(QUrl(posts.at(i).path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
        request.setRawHeader(QByteArrayLiteral("Idempotency-Key"), keys.at(i));
        request.setTransferTimeout(20000);
        replies.append(network.post(request, compact(posts.at(i).body)));
    }
    QEventLoop loop;
    qsizetype finished = 0;
    bool succeeded = false;
    for (QNetworkReply *reply : std::as_const(replies)) {
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (!succeeded && status >= 200 && status < 300 && onFirstSuccess) {
                succeeded = true;
                onFirstSuccess();
            }
            if (++finished == replies.size())
                loop.quit();
        });
    }
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (finished < replies.size())
        loop.exec();
    QList<HttpResult> results;
    for (QNetworkReply *reply : std::as_const(replies)) {
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        if (result.status == 0)
            result.networkError = reply->errorString();
        results.append(result);
        reply->deleteLater();
    }
    return results;
}

bool isInProgress(const HttpResult &result)
{
    return result.status == 409 && result.errorCode() == 4090004;
}

int countIf(const QJsonArray &rows, const std::function<bool(const QJsonObject &)> &predicate)
{
    return int(std::count_if(rows.cbegin(), rows.cend(),
                             [&](const QJsonValue &row) { return predicate(row.toObject()); }));
}

} // namespace

class TestIdempotency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void aStormOfRetriesHasOneEffect_data();
    void aStormOfRetriesHasOneEffect();
    void theSameKeyWithAnotherBodyIsRefused_data();
    void theSameKeyWithAnotherBodyIsRefused();
    void theSameKeyOnAnotherPathIsRefused();
    void keysBelongToTheirToken();
    void aFirstErrorIsReplayedToo();
    void replaysSurviveARestart_data();
    void replaysSurviveARestart();

private:
    Attempt attemptFor(const QString &kind);
    QString newChatroomOfAlice();
    QJsonArray messagesOf(const QString &chatroomId);
    HttpClient api() const { return m_server.client(m_org.apiKey); }

    ServerProcess m_server{ServerProcess::Options::unthrottled(false)};
    OrgSetup m_setup{m_server};
    TestOrg m_org;
    QString m_reassignGroupId; // two members with no chatrooms: R21 alternates between them
    int m_unique = 0;
};

void TestIdempotency::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_org = m_setup.bootstrapOrg();
    QVERIFY2(m_setup.populate(m_org), m_setup.why());
    const QString carol =
        m_setup.createUser(m_org, QStringLiteral("carol@acme.test"), QStringLiteral("MEMBER"));
    const QString dave =
        m_setup.createUser(m_org, QStringLiteral("dave@acme.test"), QStringLiteral("MEMBER"));
    QVERIFY2(!carol.isEmpty() && !dave.isEmpty(), m_setup.why());
    const HttpResult group = api().post(QStringLiteral("/v1/orgs/%1/groups").arg(m_org.orgId),
                                        QJsonObject{{QStringLiteral("name"), QStringLiteral("Night shift")},
                                                    {QStringLiteral("user_ids"), QJsonArray{carol, dave}}});
    QCOMPARE(group.status, 201);
    m_reassignGroupId = group.string(QStringLiteral("group_id"));
}

QString TestIdempotency::newChatroomOfAlice()
{
    const QString phone = m_setup.newPhone();
    const QString contact = m_setup.createContact(m_org, phone);
    if (contact.isEmpty())
        return {};
    const QString chatroom =
        m_setup.createChatroom(m_org, contact, {{QStringLiteral("user_id"), m_org.alice.id}});
    // The customer writes, so that free-flow messages are inside the 24h window.
    if (chatroom.isEmpty() || !m_setup.customerWrites(m_org, phone, QStringLiteral("hi")))
        return {};
    return chatroom;
}

QJsonArray TestIdempotency::messagesOf(const QString &chatroomId)
{
    return api()
        .get(QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages?limit=200").arg(m_org.orgId, chatroomId))
        .array(QStringLiteral("messages"));
}

Attempt TestIdempotency::attemptFor(const QString &kind)
{
    const QString n = QString::number(++m_unique);
    const QString org = m_org.orgId;
    Attempt a;
    if (kind == QLatin1String("contact")) {
        const QString phone = m_setup.newPhone();
        const QString otherPhone = m_setup.newPhone();
        a.post = {QStringLiteral("/v2/org/%1/contact").arg(org),
                  {{QStringLiteral("crm_id"), QString(QStringLiteral("idem-") + n)},
                   {QStringLiteral("phone_number"), phone}}};
        a.other = {a.post.path,
                   {{QStringLiteral("crm_id"), QString(QStringLiteral("idem-other-") + n)},
                    {QStringLiteral("phone_number"), otherPhone}}};
        // There is no list of contacts, and crm_id is unique in an org (a second execution could only have
        // answered 4090001): whether a contact with a crm_id exists is whether a new one with it is refused.
        // The probe creates the contact when there was none, so it is only asked once the answer is settled.
        const auto countCrm = [this, org](const QString &crm) {
            const HttpResult probe =
                api().post(QStringLiteral("/v2/org/%1/contact").arg(org),
                           QJsonObject{{QStringLiteral("crm_id"), crm},
                                       {QStringLiteral("phone_number"), m_setup.newPhone()}});
            return probe.status == 409 ? 1 : probe.status == 201 ? 0 : -1;
        };
        a.count = [countCrm, n] { return countCrm(QStringLiteral("idem-") + n); };
        a.otherCount = [countCrm, n] { return countCrm(QStringLiteral("idem-other-") + n); };
        return a;
    }
    if (kind == QLatin1String("chatroom")) {
        const QString contact = m_setup.createContact(m_org, m_setup.newPhone());
        a.post = {
            QStringLiteral("/v3/orgs/%1/contacts/%2/assign").arg(org, contact),
            {{QStringLiteral("user_id"), m_org.bob.id}, {QStringLiteral("remote_phone_id"), m_org.phoneId}}};
        a.other = {QStringLiteral("/v3/orgs/%1/contacts/%2/assign").arg(org, contact),
                   {{QStringLiteral("user_id"), m_org.alice.id},
                    {QStringLiteral("remote_phone_id"), m_org.phoneId}}};
        const auto count = [this, org, contact] {
            const QJsonArray rows =
                api()
                    .get(QStringLiteral("/v1/orgs/%1/chatrooms?view=all&limit=500").arg(org))
                    .array(QStringLiteral("chatrooms"));
            return countIf(rows, [&](const QJsonObject &row) {
                return row.value(QLatin1String("contact_id")).toString() == contact;
            });
        };
        a.count = count;
        a.otherCount = [] { return 0; }; // refused: the chatroom of `post` is the only one (checked by count)
        return a;
    }
    if (kind == QLatin1String("template message")) {
        const QString chatroom = newChatroomOfAlice();
        a.post = {QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(org, chatroom),
                  {{QStringLiteral("remote_template_id"), m_org.templateId}, {QStringLiteral("bump"), true}}};
        a.other = {
            a.post.path,
            {{QStringLiteral("remote_template_id"), m_org.templateId}, {QStringLiteral("bump"), false}}};
        const auto count = [this, chatroom](bool bump) {
            return countIf(messagesOf(chatroom), [&](const QJsonObject &m) {
                return m.value(QLatin1String("kind")).toString() == QLatin1String("template") &&
                       m.value(QLatin1String("bump")).toBool() == bump;
            });
        };
        a.count = [count] { return count(true); };
        a.otherCount = [count] { return count(false); };
        return a;
    }
    if (kind == QLatin1String("free-flow message")) {
        const QString chatroom = newChatroomOfAlice();
        const QString text = QStringLiteral("idempotent text ") + n;
        const QString otherText = QStringLiteral("another text ") + n;
        a.post = {QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages").arg(org, chatroom),
                  {{QStringLiteral("text"), text}, {QStringLiteral("as_user_id"), m_org.alice.id}}};
        a.other = {a.post.path,
                   {{QStringLiteral("text"), otherText}, {QStringLiteral("as_user_id"), m_org.alice.id}}};
        const auto count = [this, chatroom](const QString &body) {
            return countIf(messagesOf(chatroom), [&](const QJsonObject &m) {
                return m.value(QLatin1String("text")).toString() == body;
            });
        };
        a.count = [count, text] { return count(text); };
        a.otherCount = [count, otherText] { return count(otherText); };
        return a;
    }
    if (kind == QLatin1String("reassign")) {
        const QString chatroom = newChatroomOfAlice();
        a.post = {QStringLiteral("/v1/orgs/%1/chatrooms/%2/reassign").arg(org, chatroom),
                  {{QStringLiteral("group_id"), m_reassignGroupId}}};
        a.other = {a.post.path, {{QStringLiteral("user_id"), m_org.bob.id}}};
        // Each reassignment that changes something leaves a system note; the first picks one of the group, a
        // second execution would move the chatroom again or leave a note for the other member.
        const QJsonArray before = messagesOf(chatroom);
        const int notesBefore = countIf(before, [](const QJsonObject &m) {
            return m.value(QLatin1String("kind")).toString() == QLatin1String("system");
        });
        a.count = [this, chatroom, notesBefore] {
            return countIf(messagesOf(chatroom),
                           [](const QJsonObject &m) {
                               return m.value(QLatin1String("kind")).toString() == QLatin1String("system");
                           }) -
                   notesBefore;
        };
        a.otherCount = [this, chatroom] {
            const QJsonObject room =
                api().get(QStringLiteral("/v1/orgs/%1/chatrooms/%2").arg(m_org.orgId, chatroom)).json();
            return room.value(QLatin1String("participants")).toArray().contains(m_org.bob.id) ? 1 : 0;
        };
        a.success = 200;
        return a;
    }
    if (kind == QLatin1String("user")) {
        const QString email = QStringLiteral("idem%1@acme.test").arg(n);
        const QString otherEmail = QStringLiteral("idem-other%1@acme.test").arg(n);
        a.post = {QStringLiteral("/v1/org/%1/user").arg(org),
                  {{QStringLiteral("email"), email},
                   {QStringLiteral("password"), QStringLiteral("long-enough-1")}}};
        a.other = {a.post.path,
                   {{QStringLiteral("email"), otherEmail},
                    {QStringLiteral("password"), QStringLiteral("long-enough-1")}}};
        const auto count = [this, org](const QString &address) {
            return countIf(
                api().get(QStringLiteral("/v1/org/%1/users").arg(org)).array(QStringLiteral("users")),
                [&](const QJsonObject &u) { return u.value(QLatin1String("email")).toString() == address; });
        };
        a.count = [count, email] { return count(email); };
        a.otherCount = [count, otherEmail] { return count(otherEmail); };
        return a;
    }
    if (kind == QLatin1String("template")) {
        const QString id = QStringLiteral("tpl-idem-") + n;
        const QString otherId = QStringLiteral("tpl-idem-other-") + n;
        const auto body = [](const QString &remoteId) {
            return QJsonObject{{QStringLiteral("remote_template_id"), remoteId},
                               {QStringLiteral("name"), QStringLiteral("idem")},
                               {QStringLiteral("body"), QStringLiteral("Hello again.")}};
        };
        a.post = {QStringLiteral("/v1/orgs/%1/templates").arg(org), body(id)};
        a.other = {a.post.path, body(otherId)};
        const auto count = [this, org](const QString &remoteId) {
            return countIf(api()
                               .get(QStringLiteral("/v1/orgs/%1/templates").arg(org))
                               .array(QStringLiteral("templates")),
                           [&](const QJsonObject &t) {
                               return t.value(QLatin1String("remote_template_id")).toString() == remoteId;
                           });
        };
        a.count = [count, id] { return count(id); };
        a.otherCount = [count, otherId] { return count(otherId); };
        return a;
    }
    if (kind == QLatin1String("WABA phone")) {
        const QString id = QStringLiteral("idem-phone-") + n;
        const QString otherId = QStringLiteral("idem-phone-other-") + n;
        const auto body = [](const QString &phoneId) {
            return QJsonObject{{QStringLiteral("remote_waba_id"), QStringLiteral("waba-idem")},
                               {QStringLiteral("remote_phone_id"), phoneId},
                               {QStringLiteral("display_phone_number"), QStringLiteral("+1 555 0177")}};
        };
        a.post = {QStringLiteral("/v1/orgs/%1/waba-phones").arg(org), body(id)};
        a.other = {a.post.path, body(otherId)};
        const auto count = [this, org](const QString &phoneId) {
            return countIf(api()
                               .get(QStringLiteral("/v1/orgs/%1/waba-phones").arg(org))
                               .array(QStringLiteral("waba_phones")),
                           [&](const QJsonObject &p) {
                               return p.value(QLatin1String("remote_phone_id")).toString() == phoneId;
                           });
        };
        a.count = [count, id] { return count(id); };
        a.otherCount = [count, otherId] { return count(otherId); };
        return a;
    }
    qFatal("unknown kind %s", qPrintable(kind));
}

// ---- storms

static const QStringList kKinds{QStringLiteral("contact"),          QStringLiteral("chatroom"),
                                QStringLiteral("template message"), QStringLiteral("free-flow message"),
                                QStringLiteral("reassign"),         QStringLiteral("user"),
                                QStringLiteral("template"),         QStringLiteral("WABA phone")};

void TestIdempotency::aStormOfRetriesHasOneEffect_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("copies");
    for (const QString &kind : kKinds) {
        for (int copies = 1; copies <= 5; ++copies) {
            QTest::addRow("%s sent %d time%s at once with one key has one effect", qPrintable(kind), copies,
                          copies == 1 ? "" : "s")
                << kind << copies;
        }
    }
}

void TestIdempotency::aStormOfRetriesHasOneEffect()
{
    QFETCH(QString, kind);
    QFETCH(int, copies);
    const Attempt attempt = attemptFor(kind);
    QVERIFY(!attempt.post.path.contains(QLatin1String("//")));
    const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QList<HttpResult> answers = fireTogether(
        m_server.url(), m_org.apiKey, QList<QByteArray>(copies, key), QList<Post>(copies, attempt.post));

    std::optional<HttpResult> first;
    int inProgress = 0;
    for (const HttpResult &answer : answers) {
        QVERIFY2(answer.status != 0, qPrintable(describeResult(answer)));
        if (isInProgress(answer)) {
            const QString problem = errorShapeProblem(answer, 4090004);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            ++inProgress;
            continue;
        }
        if (!first) {
            first = answer;
            continue;
        }
        QVERIFY2(answer.status == first->status && answer.body == first->body,
                 qPrintable(QStringLiteral("not a replay of the first answer:\n  %1\n  %2")
                                .arg(describeResult(*first), describeResult(answer))));
    }
    QVERIFY2(first, "every answer was 4090004: nothing was done");
    QVERIFY2(first->status == attempt.success, qPrintable(describeResult(*first)));
    qDebug("%d of %d answered 4090004", inProgress, copies);

    // A later retry gets the first answer again.
    const HttpResult retry =
        api().post(attempt.post.path, attempt.post.body, {{QByteArrayLiteral("Idempotency-Key"), key}});
    QVERIFY2(retry.status == first->status && retry.body == first->body,
             qPrintable(QStringLiteral("the retry is not a replay:\n  %1\n  %2")
                            .arg(describeResult(*first), describeResult(retry))));
    QCOMPARE(attempt.count(), 1);
}

void TestIdempotency::theSameKeyWithAnotherBodyIsRefused_data()
{
    QTest::addColumn<QString>("kind");
    for (const QString &kind : kKinds)
        QTest::addRow("a %s with a used key and another body is 4220001 and does nothing", qPrintable(kind))
            << kind;
}

void TestIdempotency::theSameKeyWithAnotherBodyIsRefused()
{
    QFETCH(QString, kind);
    const Attempt attempt = attemptFor(kind);
    const HttpClient::Headers key{
        {QByteArrayLiteral("Idempotency-Key"), QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}};
    HttpClient client = api();
    const HttpResult first = client.post(attempt.post.path, attempt.post.body, key);
    QVERIFY2(first.status == attempt.success, qPrintable(describeResult(first)));
    const HttpResult reused = client.post(attempt.other.path, attempt.other.body, key);
    const QString problem = errorShapeProblem(reused, 4220001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(attempt.otherCount(), 0);
    QCOMPARE(attempt.count(), 1);
    // And the key still replays the first answer.
    const HttpResult again = client.post(attempt.post.path, attempt.post.body, key);
    QCOMPARE(again.status, first.status);
    QCOMPARE(again.body, first.body);
}

void TestIdempotency::theSameKeyOnAnotherPathIsRefused()
{
    const QString one = newChatroomOfAlice();
    const QString two = newChatroomOfAlice();
    QVERIFY(!one.isEmpty() && !two.isEmpty());
    const QJsonObject body{{QStringLiteral("remote_template_id"), m_org.templateId}};
    const HttpClient::Headers key{
        {QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("same-key-two-chatrooms")}};
    HttpClient client = api();
    const HttpResult first = client.post(
        QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(m_org.orgId, one), body, key);
    QCOMPARE(first.status, 201);
    const HttpResult second = client.post(
        QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(m_org.orgId, two), body, key);
    const QString problem = errorShapeProblem(second, 4220001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(countIf(messagesOf(two),
                     [](const QJsonObject &m) {
                         return m.value(QLatin1String("kind")).toString() == QLatin1String("template");
                     }),
             0);
}

void TestIdempotency::keysBelongToTheirToken()
{
    // The same key and body from three tokens of the org are three requests, each with its own replay.
    const QString chatroom = newChatroomOfAlice();
    QVERIFY(!chatroom.isEmpty());
    const QString secondKey = m_setup.createApiKey(m_org, QStringLiteral("ADMIN"));
    QVERIFY2(!secondKey.isEmpty(), m_setup.why());
    const QString path =
        QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(m_org.orgId, chatroom);
    const QJsonObject body{{QStringLiteral("remote_template_id"), m_org.templateId}};
    const HttpClient::Headers key{{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("shared-key")}};
    QStringList ids;
    for (const QString &token : {m_org.apiKey, secondKey, m_org.alice.token}) {
        HttpClient client = m_server.client(token);
        const HttpResult sent = client.post(path, body, key);
        QVERIFY2(sent.status == 201, qPrintable(describeResult(sent)));
        ids.append(sent.string(QStringLiteral("id")));
        const HttpResult replayed = client.post(path, body, key);
        QCOMPARE(replayed.status, 201);
        QCOMPARE(replayed.body, sent.body);
    }
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 3);
    QCOMPARE(countIf(messagesOf(chatroom),
                     [](const QJsonObject &m) {
                         return m.value(QLatin1String("kind")).toString() == QLatin1String("template");
                     }),
             3);
}

void TestIdempotency::aFirstErrorIsReplayedToo()
{
    // "The first response is stored": a refusal is an answer like any other, and the same key and body get it
    // again even once the request would succeed.
    const QString phone = m_setup.newPhone();
    const QString path = QStringLiteral("/v2/org/%1/contact").arg(m_org.orgId);
    const QJsonObject body{{QStringLiteral("crm_id"), QString(QStringLiteral("crm-") + phone.mid(1))},
                           {QStringLiteral("phone_number"), phone}};
    const HttpClient::Headers key{{QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("first-refused")}};
    HttpClient client = api();
    QCOMPARE(client.post(path, body).status, 201); // the crm_id exists now
    const HttpResult refused = client.post(path, body, key);
    const QString problem = errorShapeProblem(refused, 4090001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const HttpResult again = client.post(path, body, key);
    QCOMPARE(again.status, refused.status);
    QCOMPARE(again.body, refused.body);
}

void TestIdempotency::replaysSurviveARestart_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("kill9");
    for (const QString &kind : {QStringLiteral("contact"), QStringLiteral("template message")}) {
        QTest::addRow("a %s is replayed after a clean restart", qPrintable(kind)) << kind << false;
        QTest::addRow("%ss answered just before kill -9 are replayed after the restart", qPrintable(kind))
            << kind << true;
    }
}

void TestIdempotency::replaysSurviveARestart()
{
    QFETCH(QString, kind);
    QFETCH(bool, kill9);
    // For kill -9 a batch goes out at once and the server dies as soon as the first answer has arrived. Every
    // answer the client has seen was acknowledged, so it is durable (ARCHITECTURE.md) and so must its replay
    // be; requests that got no answer may or may not have been done, but never twice.
    const int batch = kill9 ? 5 : 1;
    QList<Attempt> attempts;
    QList<Post> posts;
    QList<QByteArray> keys;
    for (int i = 0; i < batch; ++i) {
        attempts.append(attemptFor(kind));
        posts.append(attempts.last().post);
        keys.append(QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    }
    const QList<HttpResult> answers = fireTogether(m_server.url(), m_org.apiKey, keys, posts, [&] {
        if (kill9)
            m_server.stopServe(true);
    });
    m_server.stopServe(kill9);
    QVERIFY2(m_server.startServe(), qPrintable(m_server.errorString()));
    int acknowledged = 0;
    for (qsizetype i = 0; i < batch; ++i) {
        const HttpResult &answer = answers.at(i);
        const HttpResult retry = api().post(posts.at(i).path, posts.at(i).body,
                                            {{QByteArrayLiteral("Idempotency-Key"), keys.at(i)}});
        if (answer.status == 0) {
            // Not acknowledged: the retry does it now or replays what was done.
            QVERIFY2(retry.status == attempts.at(i).success, qPrintable(describeResult(retry)));
        } else {
            ++acknowledged;
            QVERIFY2(answer.status == attempts.at(i).success, qPrintable(describeResult(answer)));
            QVERIFY2(retry.status == answer.status && retry.body == answer.body,
                     qPrintable(
                         QStringLiteral(
                             "request %1 of %2 was answered but not replayed after the restart:\n  %3\n  %4")
                             .arg(i + 1)
                             .arg(batch)
                             .arg(describeResult(answer), describeResult(retry))));
        }
        QCOMPARE(attempts.at(i).count(), 1);
    }
    QVERIFY(acknowledged >= 1);
}

QTEST_GUILESS_MAIN(TestIdempotency)
#include "tst_idempotency.moc"
