// The chatroom list to assistive technology: its rows, each with its name, unread count and newest message,
// first through Qt's accessibility API, then read the way a screen reader does, through AT-SPI on the session
// bus (Linux and the BSDs).
#include "core/clock.h"
#include "tests/ui/chatroomstream.h"
#include "ui/chatroomlist/chatroomlistaccessible.h"
#include "ui/chatroomlist/chatroomlistmodel.h"
#include "ui/chatroomlist/chatroomlistview.h"

#include <QAccessible>
#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace handover;
using namespace Qt::StringLiterals;

namespace {

// An agent's view of the org (All), so some rows carry the agent's unread counts; 8 rows fit on screen.
struct ShownList
{
    ShownList()
        : stream(7)
        , model(View::All, ChatroomStream::agent(1))
        , view(clock)
    {
        model.resetWith(stream.start(40));
        clock.set(stream.now());
        for (int row = 0; row < model.rowCount(); ++row) {
            const Chatroom *chatroom = model.chatroomAt(row);
            if (chatroom->isActive() && chatroom->hasParticipant(ChatroomStream::agent(1)))
                model.applyEvents(stream.customerMessage(chatroom->id));
        }
        view.setModel(&model);
        view.resize(360, 8 * view.rowHeight());
        view.show();
        view.setCurrentChatroom(model.idAt(1));
    }

    // What a screen reader should say of each row on screen, top to bottom.
    QStringList spokenRows() const
    {
        QStringList rows;
        for (const int row : view.rowsOnScreen())
            rows.append(ChatroomSpokenText::of(*model.chatroomAt(row), model.viewerId()));
        return rows;
    }

    FakeClock clock;
    ChatroomStream stream;
    ChatroomListModel model;
    ChatroomListView view;
};

} // namespace

class TestChatroomListAccessibility : public QObject
{
    Q_OBJECT

public:
    static void initMain()
    {
        // Qt talks AT-SPI only when a screen reader is known to run, or when told to.
        qputenv("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "1");
    }

private Q_SLOTS:
    void theListIsAListOfItsRowsOnScreen();
    void aRowSaysItsNameUnreadCountAndNewestMessage();
    void atSpiReadsTheRowsAsAScreenReaderWould();
};

void TestChatroomListAccessibility::theListIsAListOfItsRowsOnScreen()
{
    ShownList shown;
    QAccessibleInterface *list = QAccessible::queryAccessibleInterface(&shown.view);
    QVERIFY(list);
    QCOMPARE(list->role(), QAccessible::List);
    QCOMPARE(list->text(QAccessible::Name), u"Chatroom list"_s);
    QCOMPARE(list->childCount(), 8);
    for (int slot = 0; slot < list->childCount(); ++slot) {
        QAccessibleInterface *row = list->child(slot);
        QVERIFY(row);
        QCOMPARE(row->role(), QAccessible::ListItem);
        QCOMPARE(row->parent(), list);
        QCOMPARE(list->indexOfChild(row), slot);
        QCOMPARE(row->text(QAccessible::Name), shown.spokenRows().at(slot));
        QCOMPARE(row->state().selected, slot == 1);
        QVERIFY(shown.view.viewport()->rect().contains(
            shown.view.viewport()->mapFromGlobal(row->rect().center())));
    }
    // Scrolled, the same children speak for the rows now on screen.
    shown.view.scrollToRow(20);
    QCOMPARE(list->child(0)->text(QAccessible::Name),
             ChatroomSpokenText::of(*shown.model.chatroomAt(20), shown.model.viewerId()));
    QVERIFY(!list->child(0)->state().selected);
}

void TestChatroomListAccessibility::aRowSaysItsNameUnreadCountAndNewestMessage()
{
    ShownList shown;
    int withUnread = 0;
    for (const int row : shown.view.rowsOnScreen()) {
        const QModelIndex index = shown.model.index(row, 0);
        const QString spoken = ChatroomSpokenText::of(*shown.model.chatroomAt(row), shown.model.viewerId());
        QVERIFY2(spoken.startsWith(index.data(DisplayNameRole).toString()), qPrintable(spoken));
        QVERIFY2(spoken.endsWith(index.data(PreviewRole).toString()), qPrintable(spoken));
        const int unread = index.data(UnreadCountRole).toInt();
        if (unread > 0) {
            ++withUnread;
            QVERIFY2(spoken.contains(u", %1 unread, "_s.arg(unread)), qPrintable(spoken));
        } else {
            QVERIFY2(!spoken.contains(u"unread"_s), qPrintable(spoken));
        }
    }
    QVERIFY(withUnread > 0);
}

void TestChatroomListAccessibility::atSpiReadsTheRowsAsAScreenReaderWould()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("no session bus: CTest runs this under dbus-run-session");
    if (QGuiApplication::platformName() == u"offscreen"_s)
        QSKIP("the offscreen platform has no AT-SPI bridge: CTest runs this on Xvfb when xvfb-run is there");
    // Debian's python3 carries python3-gi; another one first on PATH (a virtual environment) may not.
    QString python = QStandardPaths::findExecutable(u"python3"_s, {u"/usr/bin"_s});
    if (python.isEmpty())
        python = QStandardPaths::findExecutable(u"python3"_s);
    QVERIFY2(!python.isEmpty(), "python3 (with python3-gi and gir1.2-atspi-2.0) reads AT-SPI");
    ShownList shown;
    const QStringList expected = shown.spokenRows();

    // The reader runs beside the event loop, which answers its D-Bus calls; the application and its
    // list appear on the bus a moment after start, so it is asked again until it finds them.
    QStringList read;
    QString problem;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 60000) {
        QProcess reader;
        reader.start(python, {QStringLiteral(HANDOVER_ATSPI_READER), QCoreApplication::applicationName(),
                              u"Chatroom list"_s});
        QVERIFY(reader.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(reader.state() == QProcess::NotRunning, 60000);
        problem = QString::fromUtf8(reader.readAllStandardError());
        if (reader.exitStatus() == QProcess::NormalExit && reader.exitCode() == 0) {
            read = QString::fromUtf8(reader.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
            break;
        }
        QVERIFY2(reader.exitCode() == 2, qPrintable(problem));
        QTest::qWait(200); // not a timing assumption: the next attempt just asks again
    }
    QVERIFY2(!read.isEmpty(), qPrintable(u"AT-SPI never showed the list: "_s + problem));
    QCOMPARE(read.size(), expected.size());
    for (qsizetype slot = 0; slot < read.size(); ++slot) {
        const QString line = read.at(slot);
        QCOMPARE(line.section(u'\t', 0, 0), expected.at(slot));
        QCOMPARE(line.contains(u"\tselected"_s), slot == 1);
        QVERIFY2(!line.contains(u"not a list item"_s), qPrintable(line));
    }
#else
    QSKIP("AT-SPI is the accessibility bus of Linux and the BSDs");
#endif
}

QTEST_MAIN(TestChatroomListAccessibility)
#include "tst_chatroomlistaccessibility.moc"
