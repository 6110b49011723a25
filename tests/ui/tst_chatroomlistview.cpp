#include "core/clock.h"
#include "tests/ui/chatroomstream.h"
#include "ui/chatroomlist/chatroomdelegate.h"
#include "ui/chatroomlist/chatroomlistmodel.h"
#include "ui/chatroomlist/chatroomlistview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCursor>
#include <QDir>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>
#include <memory>

using namespace handover;
using namespace Qt::StringLiterals;

namespace {

// Notes when the viewport is painted.
class PaintClock final : public QObject
{
public:
    explicit PaintClock(QWidget *viewport)
    {
        viewport->installEventFilter(this);
        m_elapsed.start();
    }
    QList<qint64> paintsAtMs;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            paintsAtMs.append(m_elapsed.elapsed());
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer m_elapsed;
};

// A shown list of 500 chatrooms (a supervisor's All), 400x600 logical pixels.
struct ShownList
{
    explicit ShownList(int rows = 500, quint64 seed = 31)
        : stream(seed)
        , model(View::All, ChatroomStream::supervisor())
        , tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal)
        , view(clock)
    {
        model.resetWith(stream.start(rows));
        clock.set(stream.now());
        view.setModel(&model);
        view.resize(400, 600);
        view.show();
    }

    QString topId() const { return model.idAt(view.topRow()); }
    // Bumps a chatroom that is neither on screen nor selected, above (true) or below the viewport.
    void bumpOffScreen(bool above)
    {
        const int top = view.topRow();
        const int row = above ? top / 2 : std::min(model.rowCount() - 1, top + view.visibleRowCount() + 20);
        model.applyEvents(stream.customerMessage(model.idAt(row)));
    }

    FakeClock clock;
    ChatroomStream stream;
    ChatroomListModel model;
    QAbstractItemModelTester tester;
    ChatroomListView view;
};

// Sample rows showing every marker, for the screenshots.
QList<Chatroom> sampleChatrooms(const QDateTime &now)
{
    struct Sample
    {
        const char16_t *name;
        const char16_t *preview;
        qint64 minutesAgo;
        int unread;
        bool silent;
        bool pending;
        bool inactive;
        qint64 customerMinutesAgo; // -1: never wrote
    };
    const Sample samples[] = {
        {u"Ana Silva", u"Can I still change the delivery address?", 2, 3, false, false, false, 2},
        {u"Ben Okafor", u"I'd like to talk to a person, please", 6, 0, false, true, false, 6},
        {u"Chiara Rossi", u"Reminder: your appointment is tomorrow at 10:00", 25, 0, true, false, false,
         23 * 60 + 20},
        {u"", u"Hi", 41, 1, false, false, false, 41},
        {u"Emeka Weber", u"Thanks, that was quick!", 95, 120, false, false, false, 95},
        {u"Fatima Haddad-Lindqvist von Tanaka-Moreau",
         u"The parcel arrived damaged, the box was completely soaked and the contents are broken", 180, 2,
         false, false, false, 180},
        {u"Dmitri Novak", u"Your order 1042 has shipped", 2 * 24 * 60, 0, false, false, true, -1},
        {u"Goran Kowalski", u"Your invoice for March is ready", 3 * 24 * 60, 0, true, false, false, -1},
    };
    QList<Chatroom> chatrooms;
    int number = 0;
    for (const Sample &sample : samples) {
        ++number;
        const QDateTime at = now.addSecs(-60 * sample.minutesAgo);
        Chatroom chatroom;
        chatroom.id = u"sample-%1"_s.arg(number);
        chatroom.displayName = QString::fromUtf16(sample.name);
        chatroom.phoneNumber = u"+49151000000%1"_s.arg(number, 2, 10, QLatin1Char('0'));
        chatroom.sortKey = SortKey{at.toMSecsSinceEpoch(), number};
        chatroom.createdAt = at;
        if (sample.pending)
            chatroom.pendingHandover = PendingHandover{u"agent-1"_s, {}, at};
        else
            chatroom.participants = {Participant{u"agent-1"_s, at, {}, sample.unread}};
        chatroom.lastMessage =
            LastMessage{u"m"_s, QString::fromUtf16(sample.preview), Direction::In, sample.silent, at};
        if (sample.customerMinutesAgo >= 0)
            chatroom.lastCustomerMessageAt = now.addSecs(-60 * sample.customerMinutesAgo);
        chatroom.state = sample.inactive ? ChatroomState::Deactivated : ChatroomState::Active;
        chatrooms.append(chatroom);
    }
    return chatrooms;
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x20, 0x21, 0x24);
    const QColor base(0x17, 0x18, 0x1a);
    const QColor text(0xe8, 0xea, 0xed);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    return palette;
}

} // namespace

class TestChatroomListView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void selectionAndTopRowStayWhenOtherRowsMove();
    void aBumpWhileScrolledDownDoesNotJumpTheViewport_data();
    void aBumpWhileScrolledDownDoesNotJumpTheViewport();
    void atTheTopNewBumpsComeIntoSight();
    void aBurstOfEventsRepaintsAtMostOncePerFrame();
    void aBurstInOneTurnIsOneRepaint();
    void onlyVisibleRowsArePainted();
    void keyboardNavigation_data();
    void keyboardNavigation();
    void clickSelectsAndEnterActivates();
    void theSelectionClearsWhenItsChatroomLeaves();
    void theRowsUnderThePointerHoldStillWhileTheListReSorts();
    void leavingScrollingOrAKeyShowsTheListAsItIs_data();
    void leavingScrollingOrAKeyShowsTheListAsItIs();
    void aDestroyedModelLeavesAnEmptyView();
    void widgetsCanBeFoundByName();
    void delegateTexts_data();
    void delegateTexts();
    void screenshots_data();
    void screenshots();
};

void TestChatroomListView::init()
{
    // Away from where the lists appear: a list under the pointer holds still, which only some tests want.
    QCursor::setPos(QPoint(790, 590));
}

void TestChatroomListView::selectionAndTopRowStayWhenOtherRowsMove()
{
    ShownList list;
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    list.view.scrollToRow(100);
    list.view.setCurrentChatroom(list.model.idAt(104));
    list.view.flushPendingFrame();
    const QString top = list.topId();
    const QString current = list.view.currentChatroom();
    const int currentOnScreen = list.view.currentRow() - list.view.topRow();
    QSignalSpy currentChanged(&list.view, &ChatroomListView::currentChatroomChanged);

    for (int i = 0; i < 300; ++i) {
        const QString id = list.stream.randomChatroom();
        const int row = list.model.rowOf(id);
        if (id == top || id == current || (row >= list.view.topRow() && row < list.view.topRow() + 20))
            continue; // only rows off screen move here
        list.model.applyEvents(i % 3 ? list.stream.customerMessage(id) : list.stream.silentTemplate(id));
        if (i % 7 == 0)
            list.view.flushPendingFrame();
    }
    list.view.flushPendingFrame();
    QCOMPARE(list.topId(), top);
    QCOMPARE(list.view.currentChatroom(), current);
    QCOMPARE(list.view.currentRow(), list.model.rowOf(current));
    QCOMPARE(list.view.currentRow() - list.view.topRow(), currentOnScreen);
    QCOMPARE(list.view.verticalScrollBar()->value(), list.view.topRow() * list.view.rowHeight());
    QCOMPARE(currentChanged.size(), 0);
}

void TestChatroomListView::aBumpWhileScrolledDownDoesNotJumpTheViewport_data()
{
    QTest::addColumn<QString>("bumped");
    QTest::newRow("a bump from below the viewport leaves the rows on screen where they are") << u"below"_s;
    QTest::newRow("a bump from above the viewport leaves the rows on screen where they are") << u"above"_s;
    QTest::newRow("a bump of the top row lets the next row take its place") << u"top"_s;
}

void TestChatroomListView::aBumpWhileScrolledDownDoesNotJumpTheViewport()
{
    QFETCH(QString, bumped);
    ShownList list;
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    list.view.scrollToRow(200);
    list.view.flushPendingFrame();
    const int value = list.view.verticalScrollBar()->value();
    const QString top = list.topId();
    const QString next = list.model.idAt(list.view.topRow() + 1);

    if (bumped == u"top"_s)
        list.model.applyEvents(list.stream.customerMessage(top));
    else
        list.bumpOffScreen(bumped == u"above"_s);
    list.view.flushPendingFrame();

    QVERIFY(!list.view.isFollowingTop());
    if (bumped == u"top"_s) {
        QCOMPARE(list.topId(), next);
        QCOMPARE(list.model.idAt(0), top);
    } else {
        QCOMPARE(list.topId(), top);
        // The content above the viewport grew by a row (or did not change): the scroll bar says so.
        QCOMPARE(list.view.verticalScrollBar()->value(),
                 value + (bumped == u"below"_s ? list.view.rowHeight() : 0));
    }
}

void TestChatroomListView::atTheTopNewBumpsComeIntoSight()
{
    ShownList list;
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    QVERIFY(list.view.isFollowingTop());
    list.bumpOffScreen(false);
    list.view.flushPendingFrame();
    QCOMPARE(list.view.topRow(), 0);
    QCOMPARE(list.view.verticalScrollBar()->value(), 0);
    QCOMPARE(list.view.rowAt(1), 0);
}

// Events arrive over many event-loop turns (as WebSocket frames do); paints must be a frame apart.
void TestChatroomListView::aBurstOfEventsRepaintsAtMostOncePerFrame()
{
    ShownList list;
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    QTest::qWait(50);
    PaintClock paints(list.view.viewport());
    const quint64 before = list.view.repaintCount();
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < 1000; ++i) {
        list.model.applyEvents(list.stream.next());
        if (i % 4 == 0) {
            QCoreApplication::processEvents();
            QTest::qSleep(1);
        }
    }
    QTest::qWait(3 * ChatroomListView::kFrameIntervalMs);
    const qint64 ms = elapsed.elapsed();
    const quint64 repaints = list.view.repaintCount() - before;
    qInfo("1,000 events over %lld ms: %llu repaints", ms, repaints);
    QVERIFY(repaints >= 1);
    QVERIFY2(repaints <= quint64(ms / ChatroomListView::kFrameIntervalMs + 1),
             qPrintable(QString::number(repaints)));
    for (qsizetype i = 1; i < paints.paintsAtMs.size(); ++i) // a millisecond of timer rounding allowed
        QVERIFY2(
            paints.paintsAtMs.at(i) - paints.paintsAtMs.at(i - 1) >= ChatroomListView::kFrameIntervalMs - 1,
            qPrintable(
                u"paints at %1 and %2 ms"_s.arg(paints.paintsAtMs.at(i - 1)).arg(paints.paintsAtMs.at(i))));
}

void TestChatroomListView::aBurstInOneTurnIsOneRepaint()
{
    ShownList list;
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    QTest::qWait(50);
    const quint64 before = list.view.repaintCount();
    for (int i = 0; i < 1000; ++i)
        list.model.applyEvents(list.stream.next());
    QCOMPARE(list.view.repaintCount(), before); // nothing is painted while the events come in
    QTest::qWait(4 * ChatroomListView::kFrameIntervalMs);
    QCOMPARE(list.view.repaintCount(), before + 1);
}

void TestChatroomListView::onlyVisibleRowsArePainted()
{
    ShownList list(5000);
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    list.view.scrollToRow(2000);
    list.view.flushPendingFrame();
    const quint64 rows = list.view.paintedRowCount();
    list.model.applyEvents(list.stream.customerMessage(list.topId()));
    list.view.flushPendingFrame();
    const quint64 painted = list.view.paintedRowCount() - rows;
    QVERIFY(painted > 0);
    QVERIFY(painted <= quint64(list.view.visibleRowCount()));
}

void TestChatroomListView::keyboardNavigation_data()
{
    QTest::addColumn<int>("from"); // -1: nothing selected
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("expected"); // -2: the last row, -3: a page down from the first
    QTest::newRow("Down selects the next chatroom") << 3 << int(Qt::Key_Down) << 4;
    QTest::newRow("Up selects the previous chatroom") << 3 << int(Qt::Key_Up) << 2;
    QTest::newRow("Up on the first chatroom stays there") << 0 << int(Qt::Key_Up) << 0;
    QTest::newRow("Down with nothing selected selects the top row") << -1 << int(Qt::Key_Down) << 0;
    QTest::newRow("Page Down moves by the rows of a viewport") << 0 << int(Qt::Key_PageDown) << -3;
    QTest::newRow("Page Up stops at the first chatroom") << 2 << int(Qt::Key_PageUp) << 0;
    QTest::newRow("Home selects the first chatroom") << 120 << int(Qt::Key_Home) << 0;
    QTest::newRow("End selects the last chatroom and scrolls to it") << 0 << int(Qt::Key_End) << -2;
}

void TestChatroomListView::keyboardNavigation()
{
    QFETCH(int, from);
    QFETCH(int, key);
    QFETCH(int, expected);
    ShownList list;
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    if (from >= 0)
        list.view.setCurrentChatroom(list.model.idAt(from));
    if (expected == -2)
        expected = list.model.rowCount() - 1;
    if (expected == -3)
        expected = list.view.viewport()->height() / list.view.rowHeight();
    QSignalSpy currentChanged(&list.view, &ChatroomListView::currentChatroomChanged);

    QTest::keyClick(&list.view, Qt::Key(key));
    QCOMPARE(list.view.currentRow(), expected);
    QCOMPARE(list.view.currentChatroom(), list.model.idAt(expected));
    QCOMPARE(currentChanged.size(), from == expected ? 0 : 1);
    // The selected row is on screen, whole.
    QVERIFY(expected >= list.view.topRow());
    QVERIFY((expected + 1) * list.view.rowHeight() <=
            list.view.verticalScrollBar()->maximum() + list.view.viewport()->height());
    list.view.flushPendingFrame();
    const int y = (expected - list.view.topRow()) * list.view.rowHeight() -
                  list.view.verticalScrollBar()->value() % list.view.rowHeight();
    QVERIFY(y >= 0 && y + list.view.rowHeight() <= list.view.viewport()->height());
}

void TestChatroomListView::clickSelectsAndEnterActivates()
{
    ShownList list;
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    QSignalSpy currentChanged(&list.view, &ChatroomListView::currentChatroomChanged);
    QSignalSpy activated(&list.view, &ChatroomListView::chatroomActivated);
    const int rowHeight = list.view.rowHeight();

    QTest::mouseClick(list.view.viewport(), Qt::LeftButton, {}, QPoint(50, 2 * rowHeight + rowHeight / 2));
    QCOMPARE(list.view.currentRow(), 2);
    QCOMPARE(currentChanged.size(), 1);
    QCOMPARE(currentChanged.front().front().toString(), list.model.idAt(2));

    QTest::keyClick(&list.view, Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.front().front().toString(), list.model.idAt(2));

    QTest::mouseDClick(list.view.viewport(), Qt::LeftButton, {}, QPoint(50, 2 * rowHeight + rowHeight / 2));
    QCOMPARE(activated.size(), 2);
}

// Moves the pointer over the list, to `at`.
static void hover(ChatroomListView &view, QPoint at)
{
    QTest::mouseMove(view.viewport(), at);
    QTRY_VERIFY(view.viewport()->underMouse());
}

// Bumps five chatrooms from far below the viewport to the top of the list; their ids, the last on top.
static QStringList bumpFiveFromBelow(ShownList &list)
{
    QStringList bumped;
    for (int i = 0; i < 5; ++i) {
        const QString id = list.model.idAt(100 + 10 * i);
        list.model.applyEvents(list.stream.customerMessage(id));
        bumped.append(id);
    }
    return bumped;
}

void TestChatroomListView::theRowsUnderThePointerHoldStillWhileTheListReSorts()
{
    ShownList list;
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    list.view.flushPendingFrame();
    const int y = list.view.rowHeight() * 3 + list.view.rowHeight() / 2;
    const QString aimed = list.model.idAt(3);
    const QString selected = list.model.idAt(5);
    const QString below = list.model.idAt(6);
    list.view.setCurrentChatroom(selected);
    QSignalSpy changed(&list.view, &ChatroomListView::currentChatroomChanged);
    hover(list.view, QPoint(100, y));

    // Each bump from below would push the rows on screen down by one; the selected row bumps too.
    const QStringList bumped = bumpFiveFromBelow(list);
    list.model.applyEvents(list.stream.customerMessage(selected));
    list.view.flushPendingFrame();
    QVERIFY(list.view.isHoldingStill());
    QCOMPARE(list.model.idAt(0), selected);
    QCOMPARE(list.view.updatedAboveCount(), 5);
    QCOMPARE(list.model.idAt(list.view.rowAt(y)), aimed);
    QCOMPARE(list.model.idAt(list.view.rowAt(y + 3 * list.view.rowHeight())), below);
    QCOMPARE(list.view.currentChatroom(), selected);
    QCOMPARE(changed.size(), 0);

    // The click lands on the row that was aimed at, and nothing scrolls.
    QTest::mouseClick(list.view.viewport(), Qt::LeftButton, {}, QPoint(100, y));
    QCOMPARE(list.view.currentChatroom(), aimed);
    QCOMPARE(changed.size(), 1);
    QVERIFY(list.view.isHoldingStill());
    QCOMPARE(list.model.idAt(list.view.rowAt(y)), aimed);
}

void TestChatroomListView::leavingScrollingOrAKeyShowsTheListAsItIs_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("the pointer leaves the list") << u"leave"_s;
    QTest::newRow("the wheel scrolls the list") << u"wheel"_s;
    QTest::newRow("a key moves the selection") << u"key"_s;
    QTest::newRow("a click on the hint shows what went above") << u"hint"_s;
}

void TestChatroomListView::leavingScrollingOrAKeyShowsTheListAsItIs()
{
    QFETCH(QString, how);
    ShownList list;
    QVERIFY(QTest::qWaitForWindowExposed(&list.view));
    list.view.flushPendingFrame();
    const QString selected = list.model.idAt(2);
    list.view.setCurrentChatroom(selected);
    hover(list.view, QPoint(100, list.view.rowHeight() * 4));
    const QStringList bumped = bumpFiveFromBelow(list);
    list.view.flushPendingFrame();
    QVERIFY(list.view.isHoldingStill());

    if (how == u"leave"_s) {
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(list.view.viewport(), &leave);
    } else if (how == u"wheel"_s) {
        QWheelEvent wheel(QPointF(100, 50), list.view.viewport()->mapToGlobal(QPointF(100, 50)), {},
                          {0, -120}, Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(list.view.viewport(), &wheel);
    } else if (how == u"key"_s) {
        QTest::keyClick(&list.view, Qt::Key_Down);
    } else {
        QTest::mouseClick(list.view.viewport(), Qt::LeftButton, {},
                          QPoint(list.view.viewport()->width() / 2, list.view.fontMetrics().height()));
    }
    QVERIFY(!list.view.isHoldingStill());
    list.view.flushPendingFrame();
    if (how == u"wheel"_s) { // scrolled down a little from where the list was, in its present order
        QVERIFY(list.view.topRow() > 0);
        QCOMPARE(list.view.rowAt(1), list.view.topRow());
    } else {
        QCOMPARE(list.model.idAt(list.view.rowAt(1)), bumped.last()); // the newest bump is in sight, on top
    }
    const QString expected = how == u"key"_s ? list.model.idAt(list.model.rowOf(selected) + 1) : selected;
    QCOMPARE(list.view.currentChatroom(), expected);
}

void TestChatroomListView::theSelectionClearsWhenItsChatroomLeaves()
{
    ChatroomStream stream(41, 2);
    FakeClock clock(stream.now());
    ChatroomListModel model(View::Mine, ChatroomStream::agent(1));
    model.resetWith(stream.start(100));
    ChatroomListView view(clock);
    view.setModel(&model);
    view.resize(400, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QString id;
    for (int row = 0; row < model.rowCount() && id.isEmpty(); ++row) {
        if (model.chatroomAt(row)->participants.size() == 1)
            id = model.idAt(row);
    }
    view.setCurrentChatroom(id);
    QSignalSpy currentChanged(&view, &ChatroomListView::currentChatroomChanged);

    model.applyEvents(stream.reassign(id, ChatroomStream::agent(2))); // R11: it leaves agent-1's Mine
    QCOMPARE(currentChanged.size(), 1);
    QCOMPARE(currentChanged.front().front().toString(), QString());
    QCOMPARE(view.currentRow(), -1);
}

void TestChatroomListView::aDestroyedModelLeavesAnEmptyView()
{
    ChatroomStream stream(43);
    FakeClock clock(stream.now());
    auto model = std::make_unique<ChatroomListModel>(View::All, ChatroomStream::supervisor());
    model->resetWith(stream.start(20));
    ChatroomListView view(clock);
    view.setModel(model.get());
    view.resize(400, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setCurrentChatroom(model->idAt(3));
    QSignalSpy currentChanged(&view, &ChatroomListView::currentChatroomChanged);

    model.reset();
    QCOMPARE(currentChanged.size(), 1);
    QCOMPARE(view.currentRow(), -1);
    QCOMPARE(view.topRow(), -1);
    view.flushPendingFrame(); // paints an empty list
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.currentChatroom(), QString());
}

void TestChatroomListView::widgetsCanBeFoundByName()
{
    FakeClock clock;
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(new ChatroomListView(clock));
    auto *view = window.findChild<ChatroomListView *>(u"chatroomListView"_s);
    QVERIFY(view);
    QVERIFY(view->findChild<QWidget *>(u"chatroomListViewport"_s));
    QVERIFY(!view->accessibleName().isEmpty());
}

void TestChatroomListView::delegateTexts_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<qint64>("seconds"); // from now: negative in the past
    QTest::addColumn<QString>("text");
    QTest::newRow("a message of 20 seconds ago reads now") << u"time"_s << qint64(-20) << u"now"_s;
    QTest::newRow("a message of 2 minutes ago reads 2 min") << u"time"_s << qint64(-150) << u"2 min"_s;
    QTest::newRow("a message of 3 hours ago reads 3 h") << u"time"_s << qint64(-3 * 3600 - 5) << u"3 h"_s;
    QTest::newRow("a message of 2 days ago reads 2 d") << u"time"_s << qint64(-50 * 3600) << u"2 d"_s;
    QTest::newRow("R19: a window open for 5 more hours reads 5 h left")
        << u"window"_s << qint64(5 * 3600 + 60) << u"5 h left"_s;
    QTest::newRow("R19: a window open for 30 more seconds reads 1 min left")
        << u"window"_s << qint64(30) << u"1 min left"_s;
    QTest::newRow("R19: a closed window shows nothing") << u"window"_s << qint64(-1) << QString();
    QTest::newRow("an unread count over 99 reads 99+") << u"badge"_s << qint64(150) << u"99+"_s;
    QTest::newRow("no unread messages show no badge") << u"badge"_s << qint64(0) << QString();
}

void TestChatroomListView::delegateTexts()
{
    QFETCH(QString, what);
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    const QDateTime now(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC);
    if (what == u"time"_s)
        QCOMPARE(ChatroomDelegate::relativeTime(now.addSecs(seconds), now), text);
    else if (what == u"window"_s)
        QCOMPARE(ChatroomDelegate::windowTimeLeft(now.addSecs(seconds), now), text);
    else
        QCOMPARE(ChatroomDelegate::unreadBadgeText(int(seconds)), text);
}

void TestChatroomListView::screenshots_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("the list reads well in a light palette") << false;
    QTest::newRow("the list reads well in a dark palette") << true;
}

// Renders sample rows; with HANDOVER_UI_SCREENSHOTS=<dir> the pictures are kept there to be looked at.
void TestChatroomListView::screenshots()
{
    QFETCH(bool, dark);
    const QDateTime now(QDate(2026, 3, 2), QTime(12, 0), Qt::UTC);
    FakeClock clock(now);
    ChatroomListModel model(View::All, u"agent-1"_s);
    model.resetWith(sampleChatrooms(now));
    ChatroomListView view(clock);
    if (dark)
        view.setPalette(darkPalette());
    view.setModel(&model);
    view.resize(420, 8 * view.rowHeight() + 2 * view.frameWidth());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setCurrentChatroom(u"sample-3"_s);
    view.flushPendingFrame();

    const QImage image = view.grab().toImage();
    QVERIFY(!image.isNull());
    const QColor background = image.pixelColor(image.width() - 4, image.height() - 4);
    QVERIFY2(dark ? background.lightness() < 80 : background.lightness() > 180,
             qPrintable(background.name()));

    const QString directory = qEnvironmentVariable("HANDOVER_UI_SCREENSHOTS");
    if (!directory.isEmpty()) {
        QDir().mkpath(directory);
        const QString path =
            QDir(directory).filePath(dark ? u"chatroomlist-dark.png"_s : u"chatroomlist-light.png"_s);
        QVERIFY(image.save(path));
        qInfo("saved %s (%dx%d, device pixel ratio %.1f)", qPrintable(path), image.width(), image.height(),
              image.devicePixelRatio());
    }
}

QTEST_MAIN(TestChatroomListView)
#include "tst_chatroomlistview.moc"
