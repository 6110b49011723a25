#include "tests/client/clienttestorg.h"
#include "tests/e2e/consolesignin.h"
#include "ui/chatroomlist/chatroomlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;

// The whole path of a handover, across processes: the real handover-server and handover-wa-sim, a customer
// writing through the simulator, the agent's console session (client library) and the Mine list model the
// console shows.
class TestHandoverEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aCustomerReplyToABotHeldChatroomPutsItAtTheTopOfTheAgentsList();

private:
    ClientTestOrg m_org;
    QTemporaryDir m_data;
};

void TestHandoverEndToEnd::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
}

void TestHandoverEndToEnd::aCustomerReplyToABotHeldChatroomPutsItAtTheTopOfTheAgentsList()
{
    const QString agentId = m_org.member.user.id;
    // The agent already has a chatroom; a bot-first lead waits for them (R2).
    const QString ownRoom = m_org.newChatroom(agentId);
    QVERIFY2(!ownRoom.isEmpty(), m_org.why());
    HttpClient api = m_org.api();
    const HttpResult contact =
        api.post(QStringLiteral("/v2/org/%1/contact").arg(m_org.orgId()),
                 QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("LEAD-77")},
                             {QStringLiteral("phone_number"), QStringLiteral("+15550100177")},
                             {QStringLiteral("first_name"), QStringLiteral("Noor")}});
    QCOMPARE(contact.status, 201);
    const HttpResult created = api.post(
        QStringLiteral("/v3/orgs/%1/contacts/%2/assign")
            .arg(m_org.orgId(), contact.string(QStringLiteral("id"))),
        QJsonObject{{QStringLiteral("user_id"), agentId}, {QStringLiteral("assign_on_handover"), true}});
    QCOMPARE(created.status, 201);
    const QString leadRoom = created.string(QStringLiteral("id"));
    QVERIFY(!m_org.sendTemplate(leadRoom).isEmpty()); // the bot's greeting

    // The agent's console: session, cache and the Mine model fed as the window feeds it.
    QList<Event> events;
    QByteArray why;
    auto session = startConsoleSession(m_org.url(), m_org.member.user.email, m_org.member.password,
                                       m_data.path(), &events, &why);
    QVERIFY2(session, why.constData());
    QTRY_VERIFY_WITH_TIMEOUT(m_org.differenceFromServer(session->cache(), m_org.member, View::Mine).isEmpty(),
                             10000);
    ChatroomListModel mine(View::Mine, agentId);
    QAbstractItemModelTester tester(&mine, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto cached = session->cache().chatrooms(View::Mine);
    QVERIFY(cached);
    mine.resetWith(*cached);
    connect(session.get(), &ConsoleSession::eventsApplied, &mine, &ChatroomListModel::applyEvents);
    QCOMPARE(mine.rowOf(ownRoom), 0);
    QCOMPARE(mine.rowOf(leadRoom), -1); // not the agent's yet

    // The customer answers the bot in free flow, through the simulator (R9 -> R8).
    QSignalSpy inserted(&mine, &QAbstractItemModel::rowsInserted);
    QVERIFY2(m_org.customerWrites(leadRoom, QStringLiteral("Hi, is anyone there?")), m_org.why());
    QTRY_COMPARE_WITH_TIMEOUT(mine.rowOf(leadRoom), 0, 10000);
    QCOMPARE(mine.rowCount(), 2);
    QCOMPARE(mine.rowOf(ownRoom), 1);
    QVERIFY(!inserted.isEmpty());
    const Chatroom *lead = mine.chatroomAt(0);
    QVERIFY(lead);
    QVERIFY(lead->hasParticipant(agentId));
    QVERIFY(!lead->pendingHandover.has_value());
    QCOMPARE(mine.data(mine.index(0), PendingHandoverRole).toBool(), false);
    QVERIFY(std::any_of(events.cbegin(), events.cend(), [&](const Event &e) {
        return e.kind == EventKind::ChatroomAssigned && e.chatroom.id == leadRoom && e.userId == agentId &&
               e.reason == reason::handoverFreeFlow();
    }));
    session->stop();
}

QTEST_MAIN(TestHandoverEndToEnd)
#include "tst_handover_e2e.moc"
