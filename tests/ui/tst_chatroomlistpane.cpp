// The chatroom list pane against the real server: closed chatrooms out of the queue (their own section, no
// badge, no Alt+U), one current chatroom whichever list shows it, and the search box from the keyboard.
#include "client/consolesession.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"
#include "ui/chatroomlist/chatroomdelegate.h"
#include "ui/chatroomlist/chatroomlistmodel.h"
#include "ui/chatroomlist/chatroomlistview.h"
#include "ui/shell/chatroomlistpane.h"
#include "ui/shell/notificationcenter.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;
using namespace Qt::StringLiterals;

class TestChatroomListPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void closedChatroomsLeaveTheQueue();
    void theSelectionFollowsTheOpenChatroomAcrossTheLists();
    void theSearchBoxWorksFromTheKeyboard_data();
    void theSearchBoxWorksFromTheKeyboard();
    void altWithADigitNeverTypesIntoTheSearch();
    void rowsExplainTheirTagsInATooltip();
    void allRowsNameWhoHasEachChatroom();

private:
    QString nameOf(const QString &chatroomId) const;
    QLineEdit *search() const { return m_pane->findChild<QLineEdit *>(u"chatroomSearch"_s); }

    ClientTestOrg m_org;
    QTemporaryDir m_data;
    SystemClock m_clock;
    QString m_waiting; // open, the customer wrote: unread
    QString m_quiet;   // open, nothing unread
    QString m_closed;  // deactivated with an unread message
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<ChatroomListPane> m_pane;
    std::unique_ptr<NotificationCenter> m_notifications;
};

void TestChatroomListPane::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
    m_closed = m_org.newChatroom(m_org.member.user.id);
    m_quiet = m_org.newChatroom(m_org.member.user.id);
    m_waiting = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!m_closed.isEmpty() && !m_quiet.isEmpty() && !m_waiting.isEmpty(), m_org.why());
    QVERIFY2(m_org.customerWrites(m_closed, u"Still there?"_s), m_org.why());
    QVERIFY2(m_org.customerWrites(m_waiting, u"Hello!"_s), m_org.why());
    const HttpResult deactivated =
        m_org.api().post(u"/v1/orgs/%1/chatrooms/%2/deactivate"_s.arg(m_org.orgId(), m_closed), {});
    QCOMPARE(deactivated.status, 200);
}

void TestChatroomListPane::init()
{
    ConsoleSessionOptions options;
    options.dataDirectory = m_data.filePath(QString::fromLatin1(QTest::currentTestFunction()));
    options.watchNetwork = false;
    m_session = MUST_OK(ConsoleSession::open(m_org.signIn(m_org.member), options));
    m_pane = std::make_unique<ChatroomListPane>(m_clock);
    m_notifications = std::make_unique<NotificationCenter>();
    m_pane->resize(360, 700);
    m_pane->setSession(m_session.get());
    m_notifications->setSession(m_session.get());
    m_session->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->listModel()->rowCount() == 3, 10000);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void TestChatroomListPane::cleanup()
{
    m_notifications.reset();
    m_pane.reset();
    m_session.reset();
}

QString TestChatroomListPane::nameOf(const QString &chatroomId) const
{
    const Chatroom *chatroom = m_pane->listModel()->chatroom(chatroomId);
    return chatroom ? chatroom->displayName : QString();
}

void TestChatroomListPane::closedChatroomsLeaveTheQueue()
{
    // R12: the deactivated chatroom is in the view, not in the queue.
    ChatroomRowsModel *open = m_pane->listView()->model();
    QCOMPARE(open->rowCount(), 2);
    QCOMPARE(open->rowOf(m_closed), -1);
    QCOMPARE(m_pane->closedCount(), 1);
    auto *toggle = m_pane->findChild<QToolButton *>(u"closedToggle"_s);
    QVERIFY(toggle->isVisible());
    QCOMPARE(toggle->text(), u"Closed (1)"_s);
    QVERIFY(!m_pane->isClosedSectionExpanded());
    QVERIFY(!m_pane->closedView()->isVisible());

    // Its unread message counts in no badge, and Alt+U never goes there.
    QTRY_COMPARE_WITH_TIMEOUT(m_notifications->unreadCount(), 1, 5000);
    QVERIFY(m_pane->selectNextUnread());
    QCOMPARE(m_pane->currentChatroom(), m_waiting);
    QVERIFY(m_pane->selectNextUnread()); // round again: the only unread open chatroom
    QCOMPARE(m_pane->currentChatroom(), m_waiting);

    // The section opens on a click and shows it there, as closed.
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(m_pane->isClosedSectionExpanded());
    QVERIFY(m_pane->closedView()->isVisible());
    ChatroomRowsModel *closed = m_pane->closedView()->model();
    QCOMPARE(closed->rowCount(), 1);
    QCOMPARE(closed->idAt(0), m_closed);
    QCOMPARE(closed->index(0).data(StateRole).toInt(), int(ChatroomState::Deactivated));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!m_pane->closedView()->isVisible());
}

void TestChatroomListPane::theSelectionFollowsTheOpenChatroomAcrossTheLists()
{
    QSignalSpy changed(m_pane.get(), &ChatroomListPane::currentChatroomChanged);
    // A closed chatroom asked for (a notification, a board card) opens the section and is selected there,
    // and no other list keeps a highlight.
    m_pane->setCurrentChatroom(m_quiet);
    m_pane->setCurrentChatroom(m_closed);
    QCOMPARE(m_pane->currentChatroom(), m_closed);
    QVERIFY(m_pane->isClosedSectionExpanded());
    QCOMPARE(m_pane->closedView()->currentChatroom(), m_closed);
    QVERIFY(m_pane->listView()->currentChatroom().isEmpty());

    // A search result chosen while another chatroom was open; clearing the search selects that one in the
    // list, not the one selected before.
    m_pane->setCurrentChatroom(m_quiet);
    search()->setText(nameOf(m_waiting));
    QCOMPARE(m_pane->resultsView()->model()->rowCount(), 1);
    QTest::mouseClick(m_pane->resultsView()->viewport(), Qt::LeftButton, {},
                      QPoint(20, m_pane->resultsView()->rowHeight() / 2));
    QCOMPARE(m_pane->currentChatroom(), m_waiting);
    search()->clear();
    QCOMPARE(m_pane->listView()->currentChatroom(), m_waiting);
    QCOMPARE(m_pane->currentChatroom(), m_waiting);
    QCOMPARE(changed.last().at(0).toString(), m_waiting);

    // A chatroom outside the view clears every selection.
    m_pane->setCurrentChatroom(u"not-in-this-view"_s);
    QVERIFY(m_pane->currentChatroom().isEmpty());
    QVERIFY(m_pane->listView()->currentChatroom().isEmpty());
    QVERIFY(m_pane->closedView()->currentChatroom().isEmpty());
}

void TestChatroomListPane::theSearchBoxWorksFromTheKeyboard_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<bool>("chosen");
    QTest::addColumn<bool>("cleared");
    QTest::newRow("Down goes into the results and opens the first")
        << int(Qt::Key_Down) << true << false << false;
    QTest::newRow("Enter opens the first result for writing") << int(Qt::Key_Return) << true << true << false;
    QTest::newRow("Esc clears the search") << int(Qt::Key_Escape) << false << false << true;
}

void TestChatroomListPane::theSearchBoxWorksFromTheKeyboard()
{
    QFETCH(int, key);
    QFETCH(bool, opens);
    QFETCH(bool, chosen);
    QFETCH(bool, cleared);
    m_pane->focusSearch();
    QSignalSpy chosenSpy(m_pane.get(), &ChatroomListPane::chatroomChosen);
    QTest::keyClicks(search(), nameOf(m_quiet));
    QCOMPARE(m_pane->resultsView()->model()->rowCount(), 1);
    QTest::keyClick(search(), Qt::Key(key));
    QCOMPARE(m_pane->currentChatroom(), opens ? m_quiet : QString());
    QCOMPARE(chosenSpy.size(), chosen ? 1 : 0);
    QCOMPARE(search()->text().isEmpty(), cleared);
    if (key == Qt::Key_Down) {
        QCOMPARE(QApplication::focusWidget(), m_pane->resultsView());
        QTest::keyClick(m_pane->resultsView(), Qt::Key_Escape); // from the results too
        QVERIFY(search()->text().isEmpty());
        QCOMPARE(m_pane->listView()->currentChatroom(), m_quiet);
    }
}

void TestChatroomListPane::altWithADigitNeverTypesIntoTheSearch()
{
    // An agent has no Alt+2 (Awaiting handover): the key must not become a "2" that empties the list.
    m_pane->focusSearch();
    QTest::keyClick(search(), Qt::Key_2, Qt::AltModifier);
    QTest::keyClick(search(), Qt::Key_U, Qt::AltModifier);
    QVERIFY(search()->text().isEmpty());
    QCOMPARE(m_pane->listView()->model()->rowCount(), 2);
    QTest::keyClicks(search(), u"2"_s); // the digit itself still types
    QCOMPARE(search()->text(), u"2"_s);
}

void TestChatroomListPane::rowsExplainTheirTagsInATooltip()
{
    // The customer wrote: the window's time left is explained.
    ChatroomListView *list = m_pane->listView();
    const auto tip = [](ChatroomListView *view, const QString &id) {
        return view->delegate()->toolTipFor(view->model()->index(view->model()->rowOf(id)));
    };
    QVERIFY2(tip(list, m_waiting).contains(u"24-hour window"_s), qPrintable(tip(list, m_waiting)));
    QVERIFY(!tip(list, m_waiting).contains(u"silent"_s));

    // A silent message from the automation: the "silent" tag says what it means.
    QVERIFY2(!m_org.sendTemplate(m_quiet, {}, false).isEmpty(), m_org.why());
    QTRY_VERIFY_WITH_TIMEOUT(tip(list, m_quiet).contains(u"silent: "_s), 10000);
    QVERIFY(tip(list, m_quiet).contains(u"without notifying"_s));

    // A closed row says what closed means.
    m_pane->setClosedSectionExpanded(true);
    QVERIFY2(tip(m_pane->closedView(), m_closed).startsWith(u"closed: "_s),
             qPrintable(tip(m_pane->closedView(), m_closed)));

    // Pointing at the row shows it; pointing below the rows shows nothing.
    const int row = list->model()->rowOf(m_quiet);
    const QPoint at(20, (row - list->topRow()) * list->rowHeight() + list->rowHeight() / 2);
    QHelpEvent help(QEvent::ToolTip, at, list->viewport()->mapToGlobal(at));
    QApplication::sendEvent(list->viewport(), &help);
    QTRY_COMPARE(QToolTip::text(), tip(list, m_quiet));
    const QPoint below(20, list->viewport()->height() - 2);
    QHelpEvent none(QEvent::ToolTip, below, list->viewport()->mapToGlobal(below));
    QApplication::sendEvent(list->viewport(), &none);
    QTRY_VERIFY(QToolTip::text().isEmpty());
}

void TestChatroomListPane::allRowsNameWhoHasEachChatroom()
{
    // A chatroom awaiting a handover to the supervisor: nobody has it yet.
    const HttpResult contact = m_org.api().post(u"/v2/org/%1/contact"_s.arg(m_org.orgId()),
                                                QJsonObject{{u"crm_id"_s, u"WAITS-1"_s},
                                                            {u"phone_number"_s, u"+919700000001"_s},
                                                            {u"first_name"_s, u"Ravi"_s},
                                                            {u"last_name"_s, u"Waits"_s}});
    QCOMPARE(contact.status, 201);
    const HttpResult awaiting = m_org.api().post(
        u"/v3/orgs/%1/contacts/%2/assign"_s.arg(m_org.orgId(), contact.string(u"id"_s)),
        QJsonObject{{u"user_id"_s, m_org.supervisor.user.id}, {u"assign_on_handover"_s, true}});
    QCOMPARE(awaiting.status, 201);
    const QString awaitingId = awaiting.string(u"id"_s);

    // The supervisor's All view names the agent of each row, or says it awaits a handover.
    m_pane.reset();
    m_session.reset();
    ConsoleSessionOptions options;
    options.dataDirectory = m_data.filePath(u"supervisor"_s);
    options.watchNetwork = false;
    m_session = MUST_OK(ConsoleSession::open(m_org.signIn(m_org.supervisor), options));
    m_pane = std::make_unique<ChatroomListPane>(m_clock);
    m_pane->setSession(m_session.get());
    m_session->start();
    QCOMPARE(m_pane->view(), View::All);
    ChatroomListView *list = m_pane->listView();
    QTRY_VERIFY_WITH_TIMEOUT(list->model()->rowOf(awaitingId) >= 0 && list->model()->rowOf(m_quiet) >= 0,
                             10000);
    QVERIFY(list->delegate()->showsAssignees());
    const auto assignee = [list](const QString &id) {
        return list->delegate()->assigneeText(list->model()->index(list->model()->rowOf(id)));
    };
    QTRY_COMPARE_WITH_TIMEOUT(assignee(m_quiet), u"Alice Tester"_s, 10000); // once the users have loaded
    QCOMPARE(assignee(awaitingId), u"Awaiting handover"_s);

    // Views of one's own chatrooms do not repeat it.
    m_pane->setView(View::Mine);
    QVERIFY(!m_pane->listView()->delegate()->showsAssignees());
    m_pane->setView(View::All);
    QVERIFY(m_pane->listView()->delegate()->showsAssignees());

    const HttpResult deactivated =
        m_org.api().post(u"/v1/orgs/%1/chatrooms/%2/deactivate"_s.arg(m_org.orgId(), awaitingId), {});
    QCOMPARE(deactivated.status, 200);
}

QTEST_MAIN(TestChatroomListPane)
#include "tst_chatroomlistpane.moc"
