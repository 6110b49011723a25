#include "core/clock.h"
#include "tests/ui/conversationfixtures.h"
#include "tests/ui/darkpalette.h"
#include "ui/conversation/conversationdelegate.h"
#include "ui/conversation/conversationmodel.h"
#include "ui/conversation/conversationview.h"

#include <QScrollBar>
#include <QTest>

using namespace handover;
using namespace handover::testing;
using namespace Qt::StringLiterals;

class TestConversationView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void customerBubblesAreLeftTheBotsAndAgentsRightAndNotesCentred();
    void itFollowsNewMessagesWhileAtTheBottom();
    void itStaysWhereTheUserScrolledWhenMessagesArrive();
    void olderMessagesComingInAboveKeepWhatIsOnScreenInPlace();
    void reachingTheTopAsksForOlderMessages();
    void aClickOnRetryAsksToQueueTheSendAgain();
    void aDarkPaletteGivesDarkBubblesWithLightText();

private:
    BubbleLayout layoutOf(int row) const;
    QScrollBar *bar() const { return m_view->verticalScrollBar(); }

    FakeClock m_clock{QDateTime(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC)};
    ConversationScript m_script;
    std::unique_ptr<ConversationModel> m_model;
    std::unique_ptr<ConversationView> m_view;
};

void TestConversationView::init()
{
    m_script = ConversationScript();
    m_model = std::make_unique<ConversationModel>(ConversationScript::kAgent);
    QList<Message> messages;
    for (int i = 0; i < 40; ++i)
        messages.append(m_script.customer(u"m%1"_s.arg(i), i, u"Message number %1"_s.arg(i)));
    m_model->showChatroom(ConversationScript::kRoom, m_script.chatroom, messages, {});
    m_model->addOlderMessages({}, false); // no history request is pending
    m_view = std::make_unique<ConversationView>(m_clock);
    m_view->resize(420, 300);
    m_view->setConversationModel(m_model.get());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QTRY_VERIFY(bar()->maximum() > 0 && m_view->isAtBottom());
}

void TestConversationView::cleanup()
{
    m_view.reset();
    m_model.reset();
}

BubbleLayout TestConversationView::layoutOf(int row) const
{
    const QModelIndex index = m_view->model()->index(row, 0);
    QStyleOptionViewItem option;
    option.font = m_view->font();
    option.widget = m_view.get();
    const auto *delegate = qobject_cast<ConversationDelegate *>(m_view->itemDelegate());
    return delegate->layout(option, m_view->visualRect(index), index);
}

void TestConversationView::customerBubblesAreLeftTheBotsAndAgentsRightAndNotesCentred()
{
    m_model->applyEvents(
        {m_script.created(m_script.agentText(u"a1"_s, 50, u"On it"_s)),
         m_script.created(m_script.systemNote(u"n1"_s, 51, u"reassigned"_s)),
         m_script.created(m_script.botTemplate(u"t1"_s, 52, u"Rate us"_s, {u"Good"_s, u"Bad"_s}))});
    QTRY_VERIFY(m_view->isAtBottom());
    const int middle = m_view->viewport()->width() / 2;
    const BubbleLayout customer = layoutOf(39);
    const BubbleLayout agent = layoutOf(40);
    const BubbleLayout note = layoutOf(41);
    const BubbleLayout bot = layoutOf(42);
    QVERIFY(customer.bubble.right() < middle + middle / 2 && customer.bubble.left() < middle / 4);
    QVERIFY(agent.bubble.left() > middle / 2 && agent.bubble.right() > middle + middle / 2);
    QVERIFY(!agent.name.isEmpty()); // the agent's name
    QVERIFY(customer.name.isEmpty());
    QVERIFY(qAbs(note.bubble.center().x() - middle) <= 2);
    QCOMPARE(bot.buttons.size(), qsizetype(2));
    QVERIFY(bot.bubble.right() > middle + middle / 2);
}

void TestConversationView::itFollowsNewMessagesWhileAtTheBottom()
{
    const int before = bar()->maximum();
    m_model->applyEvents({m_script.created(m_script.customer(u"new"_s, 60, u"A new one"_s))});
    QTRY_VERIFY(bar()->maximum() > before);
    QTRY_COMPARE(bar()->value(), bar()->maximum());
    QVERIFY(m_view->visualRect(m_view->model()->index(40, 0)).bottom() <= m_view->viewport()->height());
}

void TestConversationView::itStaysWhereTheUserScrolledWhenMessagesArrive()
{
    bar()->setValue(bar()->maximum() / 2);
    const int where = bar()->value();
    const int before = bar()->maximum();
    m_model->applyEvents({m_script.created(m_script.customer(u"new"_s, 60, u"A new one"_s))});
    QTRY_VERIFY(bar()->maximum() > before);
    QTest::qWait(20);
    QCOMPARE(bar()->value(), where);
    QVERIFY(!m_view->isAtBottom());
}

void TestConversationView::olderMessagesComingInAboveKeepWhatIsOnScreenInPlace()
{
    bar()->setValue(bar()->maximum() / 2);
    const QModelIndex top = m_view->indexAt(QPoint(5, 5));
    const QString text = top.data().toString();
    const int y = m_view->visualRect(top).top();
    QList<Message> older;
    for (int i = 0; i < 10; ++i)
        older.append(m_script.customer(u"h%1"_s.arg(i), -20 + i, u"Older %1"_s.arg(i)));
    m_model->fetchMore({});
    m_model->addOlderMessages(older, false);
    QTRY_COMPARE(m_view->model()->index(top.row() + 10, 0).data().toString(), text);
    QTRY_COMPARE(m_view->visualRect(m_view->model()->index(top.row() + 10, 0)).top(), y);
}

void TestConversationView::reachingTheTopAsksForOlderMessages()
{
    QSignalSpy wanted(m_model.get(), &ConversationModel::olderMessagesWanted);
    QTest::qWait(20);
    QCOMPARE(wanted.size(), 0); // not at the bottom, where Qt's views would ask
    bar()->setValue(0);
    QCOMPARE(wanted.size(), 1);
    QCOMPARE(wanted.first().first().toString(), u"m0"_s);
}

void TestConversationView::aClickOnRetryAsksToQueueTheSendAgain()
{
    const client::OutboxItem item = m_script.pendingText(5, u"Too late"_s, 45);
    m_model->applyOutboxItem(ConversationScript::failed(item, u"The 24-hour window is closed."_s));
    QTRY_VERIFY(m_view->isAtBottom());
    QTest::qWait(20);
    const BubbleLayout parts = layoutOf(40);
    QVERIFY(!parts.retry.isEmpty());
    QVERIFY(!parts.failure.isEmpty());
    QSignalSpy retry(m_view.get(), &ConversationView::retryRequested);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, parts.body.center());
    QCOMPARE(retry.size(), 0);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, parts.retry.center());
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.first().first().toLongLong(), 5);
}

void TestConversationView::aDarkPaletteGivesDarkBubblesWithLightText()
{
    m_view->setPalette(darkPalette());
    m_model->applyEvents({m_script.created(m_script.agentText(u"a1"_s, 50, u"On it"_s))});
    QTRY_VERIFY(m_view->isAtBottom());
    QTest::qWait(20);
    const QImage image = m_view->viewport()->grab().toImage();
    for (const int row : {39, 40}) {
        const BubbleLayout parts = layoutOf(row);
        const QColor fill = image.pixelColor(parts.bubble.left() + 3, parts.bubble.center().y());
        QVERIFY2(fill.lightness() < 110,
                 qPrintable(u"row %1 bubble lightness %2"_s.arg(row).arg(fill.lightness())));
        int lightest = 0;
        for (int x = parts.body.left(); x <= parts.body.right(); ++x) {
            for (int y = parts.body.top(); y <= parts.body.bottom(); ++y)
                lightest = std::max(lightest, image.pixelColor(x, y).lightness());
        }
        QVERIFY2(lightest > 180, qPrintable(u"row %1 text lightness %2"_s.arg(row).arg(lightest)));
    }
}

QTEST_MAIN(TestConversationView)
#include "tst_conversationview.moc"
