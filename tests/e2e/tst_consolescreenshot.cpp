// The console as a new user first sees it: `handover` in local mode, the demo running. The window is grabbed
// once the demo has shown bumps and a relayed tap, and saved for CI to keep (HANDOVER_ARTIFACT_DIR), in the
// language HANDOVER_SCREENSHOT_LANGUAGE names (en when unset); scripts/screenshots makes docs/screenshots/ so.
#include "app/console/consolecontroller.h"
#include "app/console/localmode/localmode.h"
#include "ui/chatroomlist/chatroomlistmodel.h"
#include "ui/conversation/conversationpane.h"
#include "ui/shell/chatroomlistpane.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/shortcutsheet.h"

#include <QDir>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace handover;
using namespace handover::console;

class TestConsoleScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theFirstRunShowsTheDemoWorking();
};

void TestConsoleScreenshot::theFirstRunShowsTheDemoWorking()
{
    QTemporaryDir data;
    ConsoleOptions options;
    options.localMode = true;
    options.dataDirectory = data.path();
    const QString language = qEnvironmentVariable("HANDOVER_SCREENSHOT_LANGUAGE", QStringLiteral("en"));
    options.language = language;
    ConsoleController controller(options);
    QVERIFY(controller.start());
    MainWindow *window = controller.window();
    QVERIFY(window->isVisible());
    window->resize(1280, 800);

    QTRY_VERIFY_WITH_TIMEOUT(controller.session() != nullptr, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(controller.session()->connectionState().phase,
                              client::ConnectionState::Phase::Connected, 20000);
    ChatroomListPane *list = window->listPane();
    QCOMPARE(list->view(), View::All); // signed in as the demo supervisor
    auto *connect = window->findChild<QToolButton *>(QStringLiteral("connectToServerButton"));
    QVERIFY(connect && connect->isVisible()); // leaving the demo is one click away
    QTRY_VERIFY_WITH_TIMEOUT(list->listModel() && list->listModel()->rowCount() >= 8, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!controller.localMode()->webhookReceiver().deliveries().isEmpty(), 40000);
    QVERIFY(controller.localMode()->webhookReceiver().deliveries().constFirst().verified);

    list->selectNext();
    QVERIFY(!list->currentChatroom().isEmpty());
    QCOMPARE(window->conversation()->chatroomId(), list->currentChatroom());
    QTest::qWait(1500); // the conversation's history arrives over HTTP

    const QImage shot = window->grab().toImage();
    QVERIFY(!shot.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() > 20, "the window looks empty");

    const QString directory = qEnvironmentVariable("HANDOVER_ARTIFACT_DIR", QDir::currentPath());
    QDir().mkpath(directory);
    const QString file = QDir(directory).filePath(QStringLiteral("console-local-mode-%1.png").arg(language));
    QVERIFY2(shot.save(file), qPrintable(file));
    qInfo().noquote() << "screenshot saved to" << file;

    // The supervisor's second page, for the record.
    window->showBoard(true);
    QVERIFY(window->isShowingBoard());
    QTest::qWait(500);
    const QString boardFile = QDir(directory).filePath(QStringLiteral("console-board-%1.png").arg(language));
    QVERIFY2(window->grab().toImage().save(boardFile), qPrintable(boardFile));

    // The keyboard shortcuts, F1 away.
    ShortcutSheet *sheet = window->showShortcuts();
    QVERIFY(QTest::qWaitForWindowExposed(sheet));
    const QString sheetFile = QDir(directory).filePath(QStringLiteral("console-shortcuts-%1.png").arg(language));
    QVERIFY2(sheet->grab().toImage().save(sheetFile), qPrintable(sheetFile));
}

QTEST_MAIN(TestConsoleScreenshot)
#include "tst_consolescreenshot.moc"
