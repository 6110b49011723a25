// What the console remembers for a newcomer: local mode's webhook deliveries panel only for supervisors and
// admins, closed for good once closed; and after a restart the window's geometry, the open chatroom and its
// draft. The real console in local mode, twice over one data directory.
#include "app/console/consolecontroller.h"
#include "app/console/localmode/localmode.h"
#include "ui/chatroomlist/chatroomlistmodel.h"
#include "ui/conversation/composer.h"
#include "ui/conversation/conversationpane.h"
#include "ui/shell/chatroomlistpane.h"
#include "ui/shell/mainwindow.h"

#include <QDockWidget>
#include <QMenu>
#include <QTemporaryDir>
#include <QtTest>

using namespace handover;
using namespace handover::console;

class TestConsoleMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theWebhookPanelIsForSupervisorsAndStaysClosed();
    void aRestartBringsBackTheWindowTheChatroomAndItsDraft();

private:
    static ConsoleOptions options(const QString &directory);
    static bool signedInAs(ConsoleController &controller, Role role);
    static QDockWidget *deliveriesDock(ConsoleController &controller);
    static void switchUser(ConsoleController &controller, Role role);
};

ConsoleOptions TestConsoleMemory::options(const QString &directory)
{
    ConsoleOptions options;
    options.localMode = true;
    options.dataDirectory = directory;
    options.language = QStringLiteral("en");
    return options;
}

bool TestConsoleMemory::signedInAs(ConsoleController &controller, Role role)
{
    return controller.session() && controller.session()->role() == role &&
           controller.session()->connectionState().phase == client::ConnectionState::Phase::Connected;
}

QDockWidget *TestConsoleMemory::deliveriesDock(ConsoleController &controller)
{
    return controller.window()->findChild<QDockWidget *>(QStringLiteral("webhookDeliveriesDock"));
}

void TestConsoleMemory::switchUser(ConsoleController &controller, Role role)
{
    // File > Switch user lists the demo's users with their role, the agents first.
    const QString roleWord =
        role == Role::Member ? QStringLiteral("(agent)") : QStringLiteral("(supervisor)");
    for (QAction *action : controller.window()->accountMenu()->actions()) {
        if (action->text().endsWith(roleWord)) {
            action->trigger();
            return;
        }
    }
    QFAIL("no such user in the Switch user menu");
}

void TestConsoleMemory::theWebhookPanelIsForSupervisorsAndStaysClosed()
{
    QTemporaryDir data;
    {
        ConsoleController controller(options(data.path()));
        QVERIFY(controller.start());
        QTRY_VERIFY_WITH_TIMEOUT(signedInAs(controller, Role::Supervisor), 30000);
        QDockWidget *dock = deliveriesDock(controller);
        QVERIFY(dock);
        QVERIFY(dock->isVisible());

        // An agent at work has no use for it.
        switchUser(controller, Role::Member);
        QTRY_VERIFY_WITH_TIMEOUT(signedInAs(controller, Role::Member), 30000);
        QVERIFY(!deliveriesDock(controller));

        // Back as the supervisor it is there; closed with its button, it stays closed.
        switchUser(controller, Role::Supervisor);
        QTRY_VERIFY_WITH_TIMEOUT(signedInAs(controller, Role::Supervisor), 30000);
        dock = deliveriesDock(controller);
        QVERIFY(dock && dock->isVisible());
        QVERIFY(dock->close());
        QVERIFY(!dock->isVisible());
    }
    {
        ConsoleController controller(options(data.path()));
        QVERIFY(controller.start());
        QTRY_VERIFY_WITH_TIMEOUT(signedInAs(controller, Role::Supervisor), 30000);
        QDockWidget *dock = deliveriesDock(controller);
        QVERIFY(dock);
        QVERIFY(!dock->isVisible());
        // The View menu brings it back, and that is remembered too.
        dock->toggleViewAction()->trigger();
        QVERIFY(dock->isVisible());
    }
    ConsoleController controller(options(data.path()));
    QVERIFY(controller.start());
    QTRY_VERIFY_WITH_TIMEOUT(signedInAs(controller, Role::Supervisor), 30000);
    QVERIFY(deliveriesDock(controller) && deliveriesDock(controller)->isVisible());
}

void TestConsoleMemory::aRestartBringsBackTheWindowTheChatroomAndItsDraft()
{
    QTemporaryDir data;
    QString chatroomId;
    const QString draft = QStringLiteral("Our showroom opens at nine;\nI will keep the blue sofa for you");
    const QRect geometry(40, 30, 1100, 720);
    {
        ConsoleController controller(options(data.path()));
        QVERIFY(controller.start());
        MainWindow *window = controller.window();
        window->setGeometry(geometry);
        QTRY_VERIFY_WITH_TIMEOUT(signedInAs(controller, Role::Supervisor), 30000);
        ChatroomListPane *list = window->listPane();
        QTRY_VERIFY_WITH_TIMEOUT(list->listModel() && list->listModel()->rowCount() >= 2, 30000);
        list->selectNext();
        list->selectNext(); // not simply the first row
        chatroomId = list->currentChatroom();
        QVERIFY(!chatroomId.isEmpty());
        QCOMPARE(window->conversation()->chatroomId(), chatroomId);
        window->conversation()->composer()->setText(draft);
    }
    ConsoleController controller(options(data.path()));
    QVERIFY(controller.start());
    MainWindow *window = controller.window();
    QCOMPARE(window->size(), geometry.size());
    QTRY_VERIFY_WITH_TIMEOUT(controller.session(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(window->conversation()->chatroomId(), chatroomId, 30000);
    QCOMPARE(window->listPane()->currentChatroom(), chatroomId);
    QCOMPARE(window->conversation()->composer()->text(), draft);
}

QTEST_MAIN(TestConsoleMemory)
#include "tst_consolememory.moc"
