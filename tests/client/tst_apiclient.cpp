#include "client/apiclient.h"
#include "tests/client/awaitanswer.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"

#include <QSignalSpy>
#include <QtTest>
#include <optional>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;

class TestApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loginAnswersTheSession();
    void aWrongPasswordIsUnauthenticated();
    void meIsTheSignedInUser();
    void chatroomsComePageByPage();
    void oneChatroomAndItsMessages();
    void anUnknownChatroomIsNotFound();
    void templatesAndUsers();
    void aMemberListsNamesWithoutWorkload();
    void freeTextOutsideTheWindowIsRefusedWithTheApiError();
    void aRepeatedIdempotencyKeyAnswersTheFirstSend();
    void markReadAndReassign();
    void noServerIsANetworkErrorWorthRetrying();
    void aRejectedTokenIsAnnounced();
    void aContextThatIsGoneHearsNothing();

private:
    ApiClient &as(const ClientTestOrg::Account &account);

    ClientTestOrg m_org;
    std::unique_ptr<ApiClient> m_client;
    QString m_memberRoom;
};

void TestApiClient::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
    for (int i = 0; i < 5; ++i)
        QVERIFY2(!m_org.newChatroom(m_org.supervisor.user.id).isEmpty(), m_org.why());
    m_memberRoom = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!m_memberRoom.isEmpty(), m_org.why());
}

ApiClient &TestApiClient::as(const ClientTestOrg::Account &account)
{
    m_client = std::make_unique<ApiClient>(m_org.url());
    m_client->setToken(account.token);
    m_client->setOrgId(account.user.orgId);
    return *m_client;
}

void TestApiClient::loginAnswersTheSession()
{
    ApiClient client(m_org.url());
    auto answer = awaitAnswer<LoginSession>([&](QObject *ctx, auto done) {
        client.login(m_org.member.user.email, m_org.member.password, ctx, done);
    });
    QVERIFY(answer && answer->ok());
    QVERIFY(!(*answer)->token.isEmpty());
    QVERIFY((*answer)->expiresAt > QDateTime::currentDateTimeUtc());
    QCOMPARE((*answer)->user, m_org.member.user);
}

void TestApiClient::aWrongPasswordIsUnauthenticated()
{
    ApiClient client(m_org.url());
    auto answer = awaitAnswer<LoginSession>([&](QObject *ctx, auto done) {
        client.login(m_org.member.user.email, QStringLiteral("wrong-password"), ctx, done);
    });
    QVERIFY(answer && !answer->ok());
    const ApiError &error = answer->error();
    QCOMPARE(error.kind, ApiError::Kind::Http);
    QCOMPARE(error.httpStatus, 401);
    QCOMPARE(error.error.code, ErrorCode::Unauthenticated);
    QVERIFY(!error.error.description.isEmpty());
    QVERIFY(!error.requestId.isEmpty());
    QVERIFY(!error.isRetryable());
    QVERIFY(error.message().contains(QStringLiteral("UNAUTHENTICATED")));
}

void TestApiClient::meIsTheSignedInUser()
{
    ApiClient &client = as(m_org.supervisor);
    auto answer = awaitAnswer<User>([&](QObject *ctx, auto done) { client.me(ctx, done); });
    QVERIFY(answer);
    QCOMPARE(MUST_OK(*answer), m_org.supervisor.user);
}

void TestApiClient::chatroomsComePageByPage()
{
    ApiClient &client = as(m_org.supervisor);
    QList<Chatroom> rows;
    QString cursor;
    int pages = 0;
    do {
        auto page = awaitAnswer<ChatroomPage>([&](QObject *ctx, auto done) {
            client.listChatrooms(ChatroomPageQuery{View::All, cursor, 2}, ctx, done);
        });
        QVERIFY(page && page->ok());
        QVERIFY((*page)->chatrooms.size() <= 2);
        rows += (*page)->chatrooms;
        cursor = (*page)->nextCursor;
        ++pages;
    } while (!cursor.isEmpty() && pages < 50);
    QCOMPARE(rows, m_org.serverChatrooms(m_org.supervisor.token, View::All));
    QVERIFY(pages >= 3);
    // A member's Mine view holds their chatroom only; their All view is refused.
    ApiClient &member = as(m_org.member);
    auto mine = awaitAnswer<ChatroomPage>([&](QObject *ctx, auto done) {
        member.listChatrooms(ChatroomPageQuery{View::Mine, {}, 50}, ctx, done);
    });
    QCOMPARE(MUST_OK(*mine).chatrooms.size(), qsizetype(1));
    auto all = awaitAnswer<ChatroomPage>([&](QObject *ctx, auto done) {
        member.listChatrooms(ChatroomPageQuery{View::All, {}, 50}, ctx, done);
    });
    QCOMPARE(all->error().error.code, ErrorCode::Forbidden);
}

void TestApiClient::oneChatroomAndItsMessages()
{
    const QString sent = m_org.sendTemplate(m_memberRoom, QStringLiteral("M-7"));
    QVERIFY2(!sent.isEmpty(), m_org.why());
    ApiClient &client = as(m_org.member);
    auto chatroom =
        awaitAnswer<Chatroom>([&](QObject *ctx, auto done) { client.chatroom(m_memberRoom, ctx, done); });
    QCOMPARE(MUST_OK(*chatroom).id, m_memberRoom);
    QVERIFY(MUST_OK(*chatroom).hasParticipant(m_org.member.user.id));
    auto messages = awaitAnswer<QList<Message>>(
        [&](QObject *ctx, auto done) { client.messages(m_memberRoom, {}, 50, ctx, done); });
    const QList<Message> page = MUST_OK(*messages);
    QVERIFY(!page.isEmpty());
    QCOMPARE(page.last().id, sent); // newest last
    QCOMPARE(page.last().text, QStringLiteral("Order M-7 is ready."));
    auto older = awaitAnswer<QList<Message>>(
        [&](QObject *ctx, auto done) { client.messages(m_memberRoom, sent, 50, ctx, done); });
    QVERIFY(MUST_OK(*older).size() < page.size());
}

void TestApiClient::anUnknownChatroomIsNotFound()
{
    ApiClient &client = as(m_org.supervisor);
    auto answer = awaitAnswer<Chatroom>([&](QObject *ctx, auto done) {
        client.chatroom(QStringLiteral("00000000-0000-0000-0000-000000000000"), ctx, done);
    });
    QVERIFY(answer && !answer->ok());
    QCOMPARE(answer->error().httpStatus, 404);
    QCOMPARE(answer->error().error.code, ErrorCode::NotFound);
}

void TestApiClient::templatesAndUsers()
{
    ApiClient &client = as(m_org.supervisor);
    auto templates = awaitAnswer<QList<MessageTemplate>>(
        [&](QObject *ctx, auto done) { client.templates(true, ctx, done); });
    QStringList ids;
    for (const MessageTemplate &t : MUST_OK(*templates))
        ids.append(t.remoteTemplateId);
    ids.sort();
    QCOMPARE(ids, (QStringList{ClientTestOrg::kOrderTemplate, ClientTestOrg::kPlainTemplate}));
    auto users = awaitAnswer<QList<UserSummary>>([&](QObject *ctx, auto done) { client.users(ctx, done); });
    const QList<UserSummary> rows = MUST_OK(*users);
    const auto member = std::find_if(rows.cbegin(), rows.cend(),
                                     [&](const UserSummary &u) { return u.user.id == m_org.member.user.id; });
    QVERIFY(member != rows.cend());
    QCOMPARE(member->user.role, Role::Member);
    QVERIFY(member->activeChatrooms >= 1);
}

// A member's console names colleagues ("Handed over to Sam Patel"); the workload is the supervisor's.
void TestApiClient::aMemberListsNamesWithoutWorkload()
{
    ApiClient &client = as(m_org.member);
    auto users = awaitAnswer<QList<UserSummary>>([&](QObject *ctx, auto done) { client.users(ctx, done); });
    QVERIFY(users && users->ok());
    bool sawSupervisor = false;
    for (const UserSummary &summary : users->value()) {
        sawSupervisor = sawSupervisor || summary.user.id == m_org.supervisor.user.id;
        QCOMPARE(summary.activeChatrooms, 0);
        QCOMPARE(summary.online, false);
    }
    QVERIFY(sawSupervisor);
}

void TestApiClient::freeTextOutsideTheWindowIsRefusedWithTheApiError()
{
    ApiClient &client = as(m_org.member);
    auto answer = awaitAnswer<Message>([&](QObject *ctx, auto done) {
        client.sendText(m_memberRoom, QStringLiteral("Hello?"), QStringLiteral("key-text-1"), ctx, done);
    });
    QVERIFY(answer && !answer->ok());
    QCOMPARE(answer->error().httpStatus, 409);
    QCOMPARE(answer->error().error.code, ErrorCode::SessionWindowClosed);
    QVERIFY(!answer->error().isRetryable());
    // Once the customer writes, the same text goes through.
    QVERIFY2(m_org.customerWrites(m_memberRoom, QStringLiteral("I am here")), m_org.why());
    auto sent = awaitAnswer<Message>([&](QObject *ctx, auto done) {
        client.sendText(m_memberRoom, QStringLiteral("Hello?"), QStringLiteral("key-text-2"), ctx, done);
    });
    QCOMPARE(MUST_OK(*sent).text, QStringLiteral("Hello?"));
    QCOMPARE(MUST_OK(*sent).sender.userId, m_org.member.user.id);
}

void TestApiClient::aRepeatedIdempotencyKeyAnswersTheFirstSend()
{
    ApiClient &client = as(m_org.member);
    TemplateSend send;
    send.chatroomId = m_memberRoom;
    send.remoteTemplateId = ClientTestOrg::kOrderTemplate;
    send.params = {TemplateParamValue{QStringLiteral("order"), QStringLiteral("K-1")}};
    const QString key = QStringLiteral("stm-key-1");
    auto first =
        awaitAnswer<Message>([&](QObject *ctx, auto done) { client.sendTemplate(send, key, ctx, done); });
    auto again =
        awaitAnswer<Message>([&](QObject *ctx, auto done) { client.sendTemplate(send, key, ctx, done); });
    QCOMPARE(MUST_OK(*again).id, MUST_OK(*first).id);
    send.params = {TemplateParamValue{QStringLiteral("order"), QStringLiteral("K-2")}};
    auto other =
        awaitAnswer<Message>([&](QObject *ctx, auto done) { client.sendTemplate(send, key, ctx, done); });
    QCOMPARE(other->error().error.code, ErrorCode::IdempotencyKeyReused);
    QCOMPARE(other->error().httpStatus, 422);
}

void TestApiClient::markReadAndReassign()
{
    ApiClient &member = as(m_org.member);
    auto read = awaitAnswer<int>([&](QObject *ctx, auto done) {
        member.markRead(m_memberRoom, {}, QStringLiteral("read-1"), ctx, done);
    });
    QCOMPARE(MUST_OK(*read), 0);
    const QString room = m_org.newChatroom(m_org.supervisor.user.id);
    ApiClient &supervisor = as(m_org.supervisor);
    auto moved = awaitAnswer<Chatroom>([&](QObject *ctx, auto done) {
        supervisor.reassign(room, Assignee::user(m_org.member.user.id), QStringLiteral("reassign-1"), ctx,
                            done);
    });
    QCOMPARE(MUST_OK(*moved).participantIds(), QList<UserId>{m_org.member.user.id});
}

void TestApiClient::noServerIsANetworkErrorWorthRetrying()
{
    ApiClient client(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(freeLoopbackPort())));
    client.setToken(QStringLiteral("anything"));
    client.setOrgId(m_org.orgId());
    auto answer = awaitAnswer<User>([&](QObject *ctx, auto done) { client.me(ctx, done); });
    QVERIFY(answer && !answer->ok());
    QCOMPARE(answer->error().kind, ApiError::Kind::Network);
    QCOMPARE(answer->error().httpStatus, 0);
    QVERIFY(answer->error().isRetryable());
    QCOMPARE(client.requestsInFlight(), 0);
}

void TestApiClient::aRejectedTokenIsAnnounced()
{
    ApiClient client(m_org.url());
    client.setToken(QStringLiteral("hos_not-a-session"));
    client.setOrgId(m_org.orgId());
    QSignalSpy rejected(&client, &ApiClient::unauthenticated);
    auto answer = awaitAnswer<User>([&](QObject *ctx, auto done) { client.me(ctx, done); });
    QCOMPARE(answer->error().error.code, ErrorCode::Unauthenticated);
    QCOMPARE(rejected.size(), 1);
}

void TestApiClient::aContextThatIsGoneHearsNothing()
{
    ApiClient &client = as(m_org.member);
    bool called = false;
    {
        QObject context;
        client.me(&context, [&](ApiResult<User>) { called = true; });
    }
    QTRY_COMPARE_WITH_TIMEOUT(client.requestsInFlight(), 0, 10000);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
