#include "tests/ui/conversationfixtures.h"
#include "ui/conversation/conversationmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <random>

using namespace handover;
using namespace handover::testing;
using namespace Qt::StringLiterals;

namespace {

int delivery(const ConversationModel &model, int row)
{
    return model.index(row).data(DeliveryRole).toInt();
}

} // namespace

class TestConversationModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aChatroomOpensWithItsMessagesOldestFirstThenItsUnfinishedSends();
    void aNewMessageIsInsertedAtTheEndWithoutAReset();
    void aLateMessageIsInsertedInItsPlace();
    void statusUpdatesChangeTheRowInPlace();
    void eventsOfAnotherChatroomChangeNothing();
    void aSendStaysPendingThenMovesIntoPlaceWhenTheOutboxAnswers();
    void aSendIsDroppedWhenItsMessageCameFirstOnTheStream();
    void aRefusedSendShowsWhyAndCanBeRetried();
    void olderHistoryComesInAboveInOneInsertUntilTheStart();
    void systemNotesSayWhoGotTheChatroomAndWhy_data();
    void systemNotesSayWhoGotTheChatroomAndWhy();
    void aButtonReplyQuotesItsTemplate();
    void aShuffledStreamOfSendsAndEventsEndsInTheServersOrder();

private:
    ConversationScript m_script;
    std::unique_ptr<ConversationModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestConversationModel::init()
{
    m_script = ConversationScript();
    m_model = std::make_unique<ConversationModel>(ConversationScript::kAgent);
    m_model->setUserNames({{ConversationScript::kAgent, u"Alice Tester"_s}});
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->showChatroom(
        ConversationScript::kRoom, m_script.chatroom,
        {m_script.customer(u"m2"_s, 2, u"second"_s), m_script.customer(u"m1"_s, 1, u"first"_s)}, {});
}

void TestConversationModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestConversationModel::aChatroomOpensWithItsMessagesOldestFirstThenItsUnfinishedSends()
{
    const client::OutboxItem pending = m_script.pendingText(7, u"on its way"_s, 3);
    const client::OutboxItem refused =
        ConversationScript::failed(m_script.pendingText(8, u"refused"_s, 4), u"closed"_s);
    const client::OutboxItem done = ConversationScript::sent(m_script.pendingText(6, u"done"_s, 2),
                                                             m_script.agentText(u"m0"_s, 2, u"done"_s));
    m_model->showChatroom(
        ConversationScript::kRoom, m_script.chatroom,
        {m_script.customer(u"m2"_s, 2, u"second"_s), m_script.customer(u"m1"_s, 1, u"first"_s)},
        {done, pending, refused});
    QCOMPARE(rowTexts(*m_model), (QStringList{u"first"_s, u"second"_s, u"on its way"_s, u"refused"_s}));
    QCOMPARE(m_model->serverRowCount(), 2);
    QCOMPARE(delivery(*m_model, 2), int(ConversationDelivery::Pending));
    QCOMPARE(delivery(*m_model, 3), int(ConversationDelivery::Failed));
    QCOMPARE(m_model->index(2).data(LocalIdRole).toLongLong(), 7);
    QVERIFY(!m_model->index(0).data(OutgoingRole).toBool());
    QVERIFY(m_model->index(2).data(OutgoingRole).toBool());
    QCOMPARE(m_model->index(2).data(SenderNameRole).toString(), u"You"_s);
}

void TestConversationModel::aNewMessageIsInsertedAtTheEndWithoutAReset()
{
    ModelSignals seen(m_model.get());
    m_model->applyEvents({m_script.created(m_script.customer(u"m3"_s, 3, u"third"_s))});
    QCOMPARE(seen.take(), QStringList{u"insert 2..2"_s});
    QCOMPARE(rowTexts(*m_model), (QStringList{u"first"_s, u"second"_s, u"third"_s}));
    QCOMPARE(m_model->chatroom()->lastMessage->id, u"m3"_s);
}

void TestConversationModel::aLateMessageIsInsertedInItsPlace()
{
    ModelSignals seen(m_model.get());
    m_model->mergeMessages(
        {m_script.customer(u"m15"_s, 1, u"also at one"_s), m_script.customer(u"m0"_s, 0, u"zeroth"_s)});
    QCOMPARE(seen.take(), (QStringList{u"insert 0..0"_s, u"insert 2..2"_s}));
    QCOMPARE(rowTexts(*m_model), (QStringList{u"zeroth"_s, u"first"_s, u"also at one"_s, u"second"_s}));
}

void TestConversationModel::statusUpdatesChangeTheRowInPlace()
{
    const Message mine = m_script.agentText(u"m3"_s, 3, u"hello"_s);
    m_model->applyEvents({m_script.created(mine)});
    ModelSignals seen(m_model.get());
    m_model->applyEvents({m_script.updated(mine, DeliveryStatus::Delivered)});
    QCOMPARE(seen.take(), QStringList{u"change 2..2"_s});
    QCOMPARE(delivery(*m_model, 2), int(ConversationDelivery::Delivered));
    m_model->applyEvents({m_script.updated(mine, DeliveryStatus::Read)});
    QCOMPARE(seen.take(), QStringList{u"change 2..2"_s});
    QCOMPARE(delivery(*m_model, 2), int(ConversationDelivery::Read));
    // The same state again changes nothing.
    m_model->applyEvents({m_script.updated(mine, DeliveryStatus::Read)});
    QCOMPARE(seen.take(), QStringList());
}

void TestConversationModel::eventsOfAnotherChatroomChangeNothing()
{
    ModelSignals seen(m_model.get());
    Event other = m_script.created(m_script.customer(u"x1"_s, 5, u"elsewhere"_s));
    other.chatroom.id = u"room-2"_s;
    other.message->chatroomId = u"room-2"_s;
    m_model->applyEvents({other});
    QCOMPARE(seen.take(), QStringList());
    QCOMPARE(m_model->rowCount(), 2);
}

void TestConversationModel::aSendStaysPendingThenMovesIntoPlaceWhenTheOutboxAnswers()
{
    ModelSignals seen(m_model.get());
    const client::OutboxItem item = m_script.pendingText(1, u"mine"_s, 3);
    m_model->applyOutboxItem(item);
    QCOMPARE(seen.take(), QStringList{u"insert 2..2"_s});
    QCOMPARE(delivery(*m_model, 2), int(ConversationDelivery::Pending));
    // A customer message arrives while it is on its way: it goes above the pending send.
    m_model->applyEvents({m_script.created(m_script.customer(u"m3"_s, 4, u"third"_s))});
    QCOMPARE(seen.take(), QStringList{u"insert 2..2"_s});
    QCOMPARE(rowTexts(*m_model), (QStringList{u"first"_s, u"second"_s, u"third"_s, u"mine"_s}));
    // The server's answer dates the message before "third": the row moves there and becomes the message.
    Message answer = m_script.agentText(u"m25"_s, 3, u"mine"_s);
    answer.status = DeliveryStatus::Queued;
    m_model->applyOutboxItem(ConversationScript::sent(item, answer));
    QCOMPARE(seen.take(), (QStringList{u"move 3..3 before 2"_s, u"change 2..2"_s}));
    QCOMPARE(rowTexts(*m_model), (QStringList{u"first"_s, u"second"_s, u"mine"_s, u"third"_s}));
    QCOMPARE(m_model->index(2).data(LocalIdRole).toLongLong(), 0);
    QCOMPARE(m_model->index(2).data(MessageIdRole).toString(), u"m25"_s);
    QCOMPARE(delivery(*m_model, 2), int(ConversationDelivery::Queued));
    // Then its event: the same row, now sent.
    m_model->applyEvents({m_script.created(m_script.agentText(u"m25"_s, 3, u"mine"_s))});
    QCOMPARE(seen.take(), QStringList{u"change 2..2"_s});
    QCOMPARE(delivery(*m_model, 2), int(ConversationDelivery::Sent));
    QCOMPARE(m_model->rowCount(), 4);
}

void TestConversationModel::aSendIsDroppedWhenItsMessageCameFirstOnTheStream()
{
    const client::OutboxItem item = m_script.pendingText(1, u"mine"_s, 3);
    m_model->applyOutboxItem(item);
    ModelSignals seen(m_model.get());
    const Message message = m_script.agentText(u"m3"_s, 3, u"mine"_s);
    m_model->applyEvents({m_script.created(message)});
    QCOMPARE(seen.take(), QStringList{u"insert 2..2"_s}); // the stream does not know which send it was
    m_model->applyOutboxItem(ConversationScript::sent(item, message));
    QCOMPARE(seen.take(), QStringList{u"remove 3..3"_s});
    QCOMPARE(rowTexts(*m_model), (QStringList{u"first"_s, u"second"_s, u"mine"_s}));
    QCOMPARE(m_model->serverRowCount(), 3);
}

void TestConversationModel::aRefusedSendShowsWhyAndCanBeRetried()
{
    const client::OutboxItem item = m_script.pendingText(1, u"too late"_s, 3);
    m_model->applyOutboxItem(item);
    ModelSignals seen(m_model.get());
    m_model->applyOutboxItem(ConversationScript::failed(item, u"The 24-hour window is closed."_s));
    QCOMPARE(seen.take(), QStringList{u"change 2..2"_s});
    QCOMPARE(delivery(*m_model, 2), int(ConversationDelivery::Failed));
    QCOMPARE(m_model->index(2).data(FailureRole).toString(), u"The 24-hour window is closed."_s);
    QVERIFY(m_model->index(2).data(CanRetryRole).toBool());
    m_model->applyOutboxItem(item); // retry(): pending again
    QCOMPARE(seen.take(), QStringList{u"change 2..2"_s});
    QCOMPARE(delivery(*m_model, 2), int(ConversationDelivery::Pending));
    QVERIFY(!m_model->index(2).data(CanRetryRole).toBool());
    QVERIFY(m_model->index(2).data(FailureRole).toString().isEmpty());
}

void TestConversationModel::olderHistoryComesInAboveInOneInsertUntilTheStart()
{
    // The model tester has asked already, as a view would; that request ended without an answer (offline).
    QVERIFY(!m_model->canFetchMore({}));
    m_model->olderMessagesFailed();
    QSignalSpy wanted(m_model.get(), &ConversationModel::olderMessagesWanted);
    QVERIFY(m_model->canFetchMore({}));
    m_model->fetchMore({});
    QCOMPARE(wanted.size(), 1);
    QCOMPARE(wanted.first().first().toString(), u"m1"_s);
    QVERIFY(!m_model->canFetchMore({})); // one request at a time
    ModelSignals seen(m_model.get());
    // The cache's part of the page first; the request goes on.
    m_model->addOlderMessages(
        {m_script.customer(u"h2"_s, -2, u"h2"_s), m_script.customer(u"h3"_s, -1, u"h3"_s)}, false, true);
    QCOMPARE(seen.take(), QStringList{u"insert 0..1"_s});
    QVERIFY(!m_model->canFetchMore({}));
    // The server's page overlaps it and reaches the start.
    m_model->addOlderMessages({m_script.customer(u"h1"_s, -3, u"h1"_s),
                               m_script.customer(u"h2"_s, -2, u"h2"_s),
                               m_script.customer(u"h3"_s, -1, u"h3"_s)},
                              true);
    QCOMPARE(seen.take(), QStringList{u"insert 0..0"_s});
    QCOMPARE(rowTexts(*m_model), (QStringList{u"h1"_s, u"h2"_s, u"h3"_s, u"first"_s, u"second"_s}));
    QVERIFY(m_model->reachedStart());
    QVERIFY(!m_model->canFetchMore({}));
}

void TestConversationModel::systemNotesSayWhoGotTheChatroomAndWhy_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("agent");
    QTest::addColumn<QString>("shown");
    QTest::newRow("a free-flow message handed it over to the viewer")
        << u"free_flow"_s << ConversationScript::kAgent
        << u"Handed over to you: the customer wrote a message"_s;
    QTest::newRow("a button tap handed it over to another agent")
        << u"button:Talk to us"_s << u"agent-2"_s
        << u"Handed over to Bob Tester: the customer tapped \u201cTalk to us\u201d"_s;
    QTest::newRow("a supervisor reassigned it to an agent nobody named")
        << u"reassigned"_s << u"agent-9"_s << u"Reassigned to An agent"_s;
}

void TestConversationModel::systemNotesSayWhoGotTheChatroomAndWhy()
{
    QFETCH(QString, code);
    QFETCH(QString, agent);
    QFETCH(QString, shown);
    m_model->setUserNames({{u"agent-2"_s, u"Bob Tester"_s}});
    Message note = m_script.systemNote(u"n1"_s, 3, code);
    note.sender.userId = agent;
    m_model->applyEvents({m_script.created(note)});
    QCOMPARE(m_model->index(2).data().toString(), shown);
    QCOMPARE(m_model->index(2).data(KindRole).toInt(), int(MessageKind::System));
    QVERIFY(!m_model->index(2).data(OutgoingRole).toBool());
}

void TestConversationModel::aButtonReplyQuotesItsTemplate()
{
    const Message menu = m_script.botTemplate(u"t1"_s, 3, u"Need help?"_s, {u"Yes"_s, u"No"_s});
    m_model->applyEvents(
        {m_script.created(menu), m_script.created(m_script.buttonReply(u"r1"_s, 4, u"t1"_s, u"Yes"_s))});
    QCOMPARE(m_model->index(2).data(ButtonsRole).toStringList(), (QStringList{u"Yes"_s, u"No"_s}));
    QCOMPARE(m_model->index(2).data(SenderNameRole).toString(), u"Bot"_s);
    QCOMPARE(m_model->index(2).data(TemplateNameRole).toString(), u"menu"_s);
    QCOMPARE(m_model->index(3).data().toString(), u"Yes"_s);
    QCOMPARE(m_model->index(3).data(QuotedTextRole).toString(), u"Need help?"_s);
}

void TestConversationModel::aShuffledStreamOfSendsAndEventsEndsInTheServersOrder()
{
    // Twenty sends and twenty customer messages; each send's answer and event arrive in a random order
    // relative to each other and to the rest. Whatever the order, the end is the server's timeline.
    std::mt19937 random(7);
    struct Step
    {
        int kind; // 0 event, 1 outbox answer
        int index;
    };
    QList<client::OutboxItem> items;
    QList<Message> messages;
    QList<Step> steps;
    for (int i = 0; i < 20; ++i) {
        items.append(m_script.pendingText(i + 1, u"send %1"_s.arg(i), 10 + 2 * i));
        messages.append(m_script.agentText(u"s%1"_s.arg(i), 10 + 2 * i, u"send %1"_s.arg(i)));
        m_model->applyOutboxItem(items.last());
        steps.append(Step{0, i});
        steps.append(Step{1, i});
    }
    std::shuffle(steps.begin(), steps.end(), random);
    int customerMinute = 11;
    for (const Step &step : std::as_const(steps)) {
        if (step.kind == 0)
            m_model->applyEvents({m_script.created(messages.at(step.index))});
        else
            m_model->applyOutboxItem(ConversationScript::sent(items.at(step.index), messages.at(step.index)));
        if (customerMinute < 50) {
            m_model->applyEvents({m_script.created(m_script.customer(
                u"c%1"_s.arg(customerMinute), customerMinute, u"customer %1"_s.arg(customerMinute)))});
            customerMinute += 2;
        }
    }
    QCOMPARE(m_model->serverRowCount(), m_model->rowCount());
    QCOMPARE(m_model->rowCount(), 2 + 20 + 20);
    for (int row = 1; row < m_model->rowCount(); ++row) {
        QVERIFY(m_model->index(row - 1).data(CreatedAtRole).toDateTime() <=
                m_model->index(row).data(CreatedAtRole).toDateTime());
    }
}

QTEST_GUILESS_MAIN(TestConversationModel)
#include "tst_conversationmodel.moc"
