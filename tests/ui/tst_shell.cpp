// The window's own parts against the real server: signing in, notifications for what needs a human (never for
// a silent event or the bot's own send), the connection state with an offline outbox that drains on
// reconnect, and the window's views.
#include "client/consolesession.h"
#include "core/clock.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"
#include "ui/chatroomlist/chatroomlistmodel.h"
#include "ui/shell/chatroomlistpane.h"
#include "ui/shell/connectionindicator.h"
#include "ui/shell/logindialog.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/notificationcenter.h"
#include "ui/shell/shortcutsheet.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;

class TestShell : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theLoginDialogSaysWhyAndSignsIn();
    void notificationsComeOnlyForWhatNeedsAHuman();
    void theOutboxWaitsOfflineAndDrainsOnReconnect();
    void supervisorsGetEveryViewAndTheBoardAgentsOnlyTheirOwn();
    void theShortcutSheetListsEveryShortcut_data();
    void theShortcutSheetListsEveryShortcut();

private:
    std::unique_ptr<ConsoleSession> open(const ClientTestOrg::Account &account, const QString &name);
    static bool sawMessage(const QSignalSpy &spy, const QString &messageId);

    ClientTestOrg m_org;
    QTemporaryDir m_data;
    SystemClock m_clock;
    QString m_room;
};

void TestShell::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
    m_room = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!m_room.isEmpty(), m_org.why());
}

std::unique_ptr<ConsoleSession> TestShell::open(const ClientTestOrg::Account &account, const QString &name)
{
    ConsoleSessionOptions options;
    options.dataDirectory = m_data.filePath(name);
    options.watchNetwork = false;
    return MUST_OK(ConsoleSession::open(m_org.signIn(account), options));
}

bool TestShell::sawMessage(const QSignalSpy &spy, const QString &messageId)
{
    for (const QList<QVariant> &call : spy) {
        for (const Event &event : call.at(0).value<QList<Event>>())
            if (event.message && event.message->id == messageId)
                return true;
    }
    return false;
}

void TestShell::theLoginDialogSaysWhyAndSignsIn()
{
    LoginDialog dialog;
    dialog.setServerUrl(m_org.url());
    dialog.setEmail(m_org.member.user.email);
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("password"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("loginError"));
    auto *signIn = dialog.findChild<QPushButton *>(QStringLiteral("signInButton"));
    QVERIFY(password && error && signIn);
    dialog.show();

    password->setText(QStringLiteral("not the password"));
    QTest::mouseClick(signIn, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY2(error->text().contains(QStringLiteral("wrong")), qPrintable(error->text()));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.isVisible());

    password->setText(m_org.member.password);
    QTest::mouseClick(signIn, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 10000);
    QCOMPARE(dialog.signedIn().user, m_org.member.user);
    QVERIFY(!dialog.signedIn().token.isEmpty());
    QVERIFY(password->text().isEmpty()); // not kept in memory longer than needed
}

void TestShell::notificationsComeOnlyForWhatNeedsAHuman()
{
    auto session = open(m_org.member, QStringLiteral("notifications"));
    NotificationCenter notifications;
    notifications.setSession(session.get());
    QSignalSpy raised(&notifications, &NotificationCenter::notificationRaised);
    QSignalSpy applied(session.get(), &ConsoleSession::eventsApplied);
    session->start();
    QTRY_COMPARE_WITH_TIMEOUT(session->connectionState().phase, ConnectionState::Phase::Connected, 10000);
    raised.clear();

    // R4s: a silent STM reaches the agent's list without a notification; R4: nor does the bot's bumping one,
    // which needs nobody (the customer has not answered yet).
    const QString silent = m_org.sendTemplate(m_room, {}, false);
    QVERIFY2(!silent.isEmpty(), m_org.why());
    const QString bumping = m_org.sendTemplate(m_room);
    QVERIFY2(!bumping.isEmpty(), m_org.why());
    QTRY_VERIFY_WITH_TIMEOUT(sawMessage(applied, silent) && sawMessage(applied, bumping), 10000);

    // The customer's message is what needs the agent: one notification, quoting it. Had the templates raised
    // one, it would be first.
    QSignalSpy unread(&notifications, &NotificationCenter::unreadCountChanged);
    QVERIFY2(m_org.customerWrites(m_room, QStringLiteral("Is my order on its way?")), m_org.why());
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 1, 10000);
    QCOMPARE(raised.at(0).at(0).toString(), m_room);
    QCOMPARE(raised.at(0).at(2).toString(), QStringLiteral("Is my order on its way?"));
    QVERIFY(notifications.unreadCount() > 0);
    QVERIFY(!unread.isEmpty());

    // Nothing is raised for the chatroom the user is reading; the next notification proves it, being the
    // second one and not the third.
    notifications.setFocusedChatroom(m_room);
    QWidget window;
    window.show();
    window.activateWindow();
    QTRY_VERIFY(QApplication::activeWindow() == &window);
    QVERIFY2(m_org.customerWrites(m_room, QStringLiteral("Hello?")), m_org.why());
    const QString other = m_org.newChatroom(m_org.member.user.id); // R1: assigned to the agent
    QVERIFY2(!other.isEmpty(), m_org.why());
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 2, 10000);
    QCOMPARE(raised.at(1).at(0).toString(), other);
    QVERIFY2(m_org.customerWrites(other, QStringLiteral("A question")), m_org.why());
    QTRY_COMPARE_WITH_TIMEOUT(raised.size(), 3, 10000);
    QCOMPARE(raised.at(2).at(0).toString(), other);
    QCOMPARE(raised.at(2).at(2).toString(), QStringLiteral("A question"));
}

void TestShell::theOutboxWaitsOfflineAndDrainsOnReconnect()
{
    auto session = open(m_org.member, QStringLiteral("outbox"));
    ConnectionIndicator indicator(m_clock);
    indicator.setSession(session.get());
    session->start();
    QTRY_COMPARE_WITH_TIMEOUT(session->connectionState().phase, ConnectionState::Phase::Connected, 10000);
    QVERIFY2(indicator.text().contains(QStringLiteral("Connected")), qPrintable(indicator.text()));

    m_org.server().stopServe();
    QTRY_COMPARE_WITH_TIMEOUT(session->connectionState().phase, ConnectionState::Phase::Reconnecting, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(indicator.text().contains(QStringLiteral("Reconnecting")), 5000);
    const qint64 localId =
        MUST_OK(session->outbox().enqueueText(m_room, QStringLiteral("Sent while away"))).localId;
    QTRY_COMPARE_WITH_TIMEOUT(indicator.queuedCommands(), 1, 5000);
    QVERIFY2(indicator.text().contains(QStringLiteral("1 queued")), qPrintable(indicator.text()));

    QVERIFY(m_org.server().startServe());
    QTRY_COMPARE_WITH_TIMEOUT(session->connectionState().phase, ConnectionState::Phase::Connected, 40000);
    QTRY_COMPARE_WITH_TIMEOUT(MUST_OK(session->outbox().item(localId))->state, OutboxState::Sent, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(indicator.queuedCommands(), 0, 5000);
    QVERIFY2(indicator.text().contains(QStringLiteral("Connected")), qPrintable(indicator.text()));
    QVERIFY(!indicator.text().contains(QStringLiteral("queued")));
    const QList<Message> messages = m_org.serverMessages(m_room);
    QVERIFY(std::any_of(messages.cbegin(), messages.cend(),
                        [](const Message &m) { return m.text == QStringLiteral("Sent while away"); }));
}

void TestShell::supervisorsGetEveryViewAndTheBoardAgentsOnlyTheirOwn()
{
    auto supervisor = open(m_org.supervisor, QStringLiteral("window-supervisor"));
    MainWindow window(m_clock);
    window.setSession(supervisor.get());
    window.show();
    ChatroomListPane *list = window.listPane();
    QCOMPARE(list->availableViews(), (QList<View>{View::Mine, View::AwaitingHandover, View::All}));
    QCOMPARE(list->view(), View::All);
    auto *boardAction = window.findChild<QAction *>(QStringLiteral("showBoardAction"));
    QVERIFY(boardAction && boardAction->isVisible());
    supervisor->start();
    QTRY_VERIFY_WITH_TIMEOUT(list->listModel()->rowOf(m_room) >= 0, 10000);

    window.openChatroom(m_room);
    QCOMPARE(list->currentChatroom(), m_room);

    // A reload of the list (as after a reset from the server) keeps the selection and the draft.
    auto *draft = window.findChild<QPlainTextEdit *>(QStringLiteral("composerText"));
    QVERIFY(draft);
    draft->setPlainText(QStringLiteral("Half-written answer"));
    list->setSession(supervisor.get());
    QCOMPARE(list->currentChatroom(), m_room);
    QCOMPARE(draft->toPlainText(), QStringLiteral("Half-written answer"));
    draft->clear();

    boardAction->trigger();
    QVERIFY(window.isShowingBoard());
    window.openChatroom(m_room); // a notification's click brings the chats back
    QVERIFY(!window.isShowingBoard());

    auto agent = open(m_org.member, QStringLiteral("window-agent"));
    window.setSession(agent.get());
    QCOMPARE(list->availableViews(), QList<View>{View::Mine});
    QCOMPARE(list->view(), View::Mine);
    QVERIFY(!boardAction->isVisible());
    QVERIFY(!window.findChild<QTabBar *>(QStringLiteral("viewTabs"))->isVisible());
    agent->start();
    QTRY_VERIFY_WITH_TIMEOUT(list->listModel()->rowOf(m_room) >= 0, 10000);
    window.showBoard(true);
    QVERIFY(!window.isShowingBoard()); // an agent has no board
    window.setSession(nullptr);
}

void TestShell::theShortcutSheetListsEveryShortcut_data()
{
    QTest::addColumn<bool>("supervisor");
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::newRow("an agent opens it with F1") << false << int(Qt::Key_F1) << int(Qt::NoModifier);
    QTest::newRow("a supervisor opens it with Ctrl+/")
        << true << int(Qt::Key_Slash) << int(Qt::ControlModifier);
}

void TestShell::theShortcutSheetListsEveryShortcut()
{
    QFETCH(bool, supervisor);
    QFETCH(int, key);
    QFETCH(int, modifiers);
    auto session = open(supervisor ? m_org.supervisor : m_org.member,
                        supervisor ? QStringLiteral("sheet-supervisor") : QStringLiteral("sheet-agent"));
    MainWindow window(m_clock);
    window.setSession(session.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTRY_VERIFY(window.isActiveWindow());

    QTest::keyClick(&window, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
    auto *sheet = window.findChild<ShortcutSheet *>();
    QVERIFY(sheet);
    QTRY_VERIFY(sheet->isVisible());

    // Every key the window answers to for this user is on the sheet, said as the platform says it.
    const QStringList shown = sheet->keyTexts();
    QStringList missing;
    for (const QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty() || !action->isVisible())
            continue;
        if (action->objectName() == QStringLiteral("boardReassignAction") && !supervisor)
            continue; // the board's, which an agent never sees
        const QString keys = ShortcutSheet::keysText({{}, action->shortcuts(), {}, {}});
        if (!shown.contains(keys))
            missing.append(keys + QStringLiteral(" (") + action->text() + QLatin1Char(')'));
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    QVERIFY(shown.contains(QStringLiteral("F1 / Ctrl+/")));
    QVERIFY(shown.contains(QStringLiteral("Shift+Enter"))); // Enter sends: the composer's keys too
    QCOMPARE(shown.contains(QStringLiteral("Ctrl+Shift+R")), supervisor);
    QCOMPARE(shown.contains(QStringLiteral("Alt+3")), supervisor); // All is the supervisors' view
    auto *tree = sheet->findChild<QTreeWidget *>(QStringLiteral("shortcutList"));
    QVERIFY(tree->topLevelItemCount() > shown.size()); // under their headings

    // One sheet at a time; Esc closes it.
    QTest::keyClick(&window, Qt::Key_F1);
    QCOMPARE(window.findChildren<ShortcutSheet *>().size(), 1);
    QTest::keyClick(sheet, Qt::Key_Escape);
    QTRY_VERIFY(window.findChildren<ShortcutSheet *>().isEmpty());
    window.setSession(nullptr);
}

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
