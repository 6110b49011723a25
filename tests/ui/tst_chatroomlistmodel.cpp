#include "tests/ui/chatroomstream.h"
#include "tests/ui/modelsignals.h"
#include "ui/chatroomlist/chatroomlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace handover;
using handover::testing::ModelSignals;
using namespace Qt::StringLiterals;

namespace {

using Tester = QAbstractItemModelTester;

QStringList rowIds(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(ChatroomIdRole).toString());
    return ids;
}

// What the model must announce when one chatroom went from `before` (rows and content) to `after`.
QStringList expectedSignals(const QString &id, const QStringList &before, const QStringList &after,
                            bool contentChanged)
{
    const qsizetype from = before.indexOf(id);
    const qsizetype to = after.indexOf(id);
    QStringList expected;
    if (from < 0 && to >= 0)
        expected.append(u"insert %1..%1"_s.arg(to));
    if (from >= 0 && to < 0)
        expected.append(u"remove %1..%1"_s.arg(from));
    if (from >= 0 && to >= 0 && from != to)
        expected.append(u"move %1..%1 before %2"_s.arg(from).arg(moveDestinationRow(int(from), int(to))));
    if (from >= 0 && to >= 0 && contentChanged)
        expected.append(u"change %1..%1"_s.arg(to));
    return expected;
}

QList<Event> flatten(const QList<QList<Event>> &actions)
{
    QList<Event> all;
    for (const QList<Event> &events : actions)
        all += events;
    return all;
}

} // namespace

class TestChatroomListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsRandomEventsExactly_data();
    void followsRandomEventsExactly();
    void eventsThatDoNotBumpKeepTheRow_data();
    void eventsThatDoNotBumpKeepTheRow();
    void assignmentsMoveChatroomsBetweenViews_data();
    void assignmentsMoveChatroomsBetweenViews();
    void rolesDescribeTheViewersRow();
    void resetWithIsOneReset();
    void aBatchEndsInTheSameOrderAsItsEventsOneByOne();
};

void TestChatroomListModel::followsRandomEventsExactly_data()
{
    QTest::addColumn<int>("view");
    QTest::addColumn<QString>("viewer");
    QTest::addColumn<quint64>("seed");
    QTest::newRow("an agent's Mine follows 3,000 random events with exact signals")
        << int(View::Mine) << ChatroomStream::agent(1) << quint64(1);
    QTest::newRow("another agent's Mine follows another 3,000 events")
        << int(View::Mine) << ChatroomStream::agent(2) << quint64(2);
    QTest::newRow("a supervisor's Awaiting handover follows 3,000 random events")
        << int(View::AwaitingHandover) << ChatroomStream::supervisor() << quint64(3);
    QTest::newRow("a supervisor's All follows 3,000 random events")
        << int(View::All) << ChatroomStream::supervisor() << quint64(4);
}

// Each action's events go in as one batch; the signals must be exactly the ones that turn the order before
// into the order after, both sorted from scratch.
void TestChatroomListModel::followsRandomEventsExactly()
{
    QFETCH(int, view);
    QFETCH(QString, viewer);
    QFETCH(quint64, seed);

    ChatroomStream stream(seed);
    ChatroomListModel model(View(view), viewer);
    Tester tester(&model, Tester::FailureReportingMode::Fatal);
    model.resetWith(stream.start(300));
    QCOMPARE(rowIds(model), stream.expectedOrder(View(view), viewer));

    ModelSignals seen(&model);
    int moves = 0;
    int silent = 0;
    for (int action = 0; action < 3000; ++action) {
        const QStringList before = stream.expectedOrder(View(view), viewer);
        const auto previous = stream.chatrooms();
        const QList<Event> events = stream.next();
        model.applyEvents(events);

        const QStringList after = stream.expectedOrder(View(view), viewer);
        QStringList expected;
        if (!events.isEmpty() && events.front().kind != EventKind::PresenceUpdated) {
            const QString id = events.front().chatroom.id;
            expected = expectedSignals(id, before, after, previous.value(id) != stream.chatroom(id));
            silent += !events.front().bumped;
        }
        const QStringList actual = seen.take();
        moves += int(actual.filter(u"move"_s).size());
        if (actual != expected) {
            qWarning() << "action" << action << "events" << events.size() << "kind"
                       << eventKindName(events.front().kind);
            QCOMPARE(actual, expected);
        }
        if (action % 100 == 0)
            QCOMPARE(rowIds(model), after);
    }
    QCOMPARE(rowIds(model), stream.expectedOrder(View(view), viewer));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(*model.chatroomAt(row), stream.chatroom(model.idAt(row)));
    QVERIFY2(moves > 100, "the stream should move rows");
    QVERIFY2(silent > 300, "the stream should have silent events");
}

void TestChatroomListModel::eventsThatDoNotBumpKeepTheRow_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("R20: a silent event emits no move") << u"status"_s;
    QTest::newRow("R4s: a silent template does not reorder the list") << u"silent"_s;
    QTest::newRow("R15: reading a chatroom does not reorder the list") << u"read"_s;
    QTest::newRow("R12: a deactivated chatroom keeps its row and shows inactive") << u"deactivate"_s;
    QTest::newRow("R16: a renamed chatroom keeps its row") << u"rename"_s;
}

void TestChatroomListModel::eventsThatDoNotBumpKeepTheRow()
{
    QFETCH(QString, kind);
    ChatroomStream stream(7);
    ChatroomListModel model(View::All, ChatroomStream::supervisor());
    Tester tester(&model, Tester::FailureReportingMode::Fatal);
    model.resetWith(stream.start(50));
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    int row = 20; // a chatroom in the middle, with an agent (so that reading it changes something)
    while (stream.chatroom(model.idAt(row)).participants.isEmpty())
        ++row;
    const QString id = model.idAt(row);
    const QStringList order = rowIds(model);
    const Chatroom before = stream.chatroom(id);
    QList<Event> events;
    if (kind == u"status"_s)
        events = stream.statusUpdate(id);
    else if (kind == u"silent"_s)
        events = stream.silentTemplate(id);
    else if (kind == u"read"_s)
        events = stream.read(id);
    else if (kind == u"deactivate"_s)
        events = stream.deactivate(id);
    else
        events = stream.rename(id, u"Renamed Customer"_s);
    QVERIFY(!events.front().bumped);
    model.applyEvents(events);

    QCOMPARE(moved.size(), 0);
    QCOMPARE(rowIds(model), order);
    const bool contentChanged = before != stream.chatroom(id);
    QCOMPARE(changed.size(), contentChanged ? 1 : 0);
    if (contentChanged)
        QCOMPARE(changed.front().at(0).value<QModelIndex>().row(), row);

    if (kind == u"silent"_s) {
        QCOMPARE(model.index(row).data(PreviewRole).toString(), stream.chatroom(id).lastMessage->preview);
        QVERIFY(model.index(row).data(LastMessageSilentRole).toBool());
    }
    if (kind == u"deactivate"_s)
        QCOMPARE(model.index(row).data(StateRole).toInt(), int(stream.chatroom(id).state));
}

void TestChatroomListModel::assignmentsMoveChatroomsBetweenViews_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("view");
    QTest::addColumn<QString>("viewer");
    QTest::addColumn<QStringList>("expected");
    const QString agent1 = ChatroomStream::agent(1);
    const QString agent2 = ChatroomStream::agent(2);
    QTest::newRow("R11: chatroom.unassigned for this user removes the chatroom from Mine")
        << u"reassign"_s << int(View::Mine) << agent1 << QStringList{u"remove"_s};
    QTest::newRow("R11: the new agent gets the chatroom at the top of Mine")
        << u"reassign"_s << int(View::Mine) << agent2 << QStringList{u"insert 0..0"_s};
    QTest::newRow("R11: a supervisor's All moves the chatroom to the top")
        << u"reassign"_s << int(View::All) << ChatroomStream::supervisor()
        << QStringList{u"move"_s, u"change 0..0"_s};
    QTest::newRow("R1: a chatroom created with an agent enters the top of that agent's Mine")
        << u"create"_s << int(View::Mine) << agent1 << QStringList{u"insert 0..0"_s};
    QTest::newRow("R2: a chatroom awaiting handover is in no agent's Mine")
        << u"createPending"_s << int(View::Mine) << agent1 << QStringList{};
    QTest::newRow("R2: a chatroom awaiting handover enters the top of Awaiting handover")
        << u"createPending"_s << int(View::AwaitingHandover) << ChatroomStream::supervisor()
        << QStringList{u"insert 0..0"_s};
    QTest::newRow("R8: a handover takes the chatroom out of Awaiting handover")
        << u"handover"_s << int(View::AwaitingHandover) << ChatroomStream::supervisor()
        << QStringList{u"remove 0..0"_s};
    QTest::newRow("R8: a handover puts the chatroom at the top of the agent's Mine")
        << u"handover"_s << int(View::Mine) << agent1 << QStringList{u"insert 0..0"_s};
}

void TestChatroomListModel::assignmentsMoveChatroomsBetweenViews()
{
    QFETCH(QString, action);
    QFETCH(int, view);
    QFETCH(QString, viewer);
    QFETCH(QStringList, expected);

    ChatroomStream stream(11, 2);
    QList<Chatroom> start = stream.start(40);
    ChatroomListModel model(View(view), viewer);
    Tester tester(&model, Tester::FailureReportingMode::Fatal);
    model.resetWith(start);
    ModelSignals seen(&model);

    // The chatroom acted on: agent-1's oldest of their own (reassign), a new one (create), or a new one
    // awaiting agent-1 (handover). Chatrooms made on the way are applied first.
    const auto createFor = [&](bool awaiting) {
        for (;;) {
            QList<Event> created = stream.create(awaiting);
            const Chatroom &made = stream.chatroom(created.front().chatroom.id);
            if (awaiting ? made.pendingHandover->userId == ChatroomStream::agent(1)
                         : made.hasParticipant(ChatroomStream::agent(1)))
                return created;
            model.applyEvents(created);
        }
    };
    QList<Event> events;
    if (action == u"reassign"_s) {
        QStringList mine = stream.expectedOrder(View::Mine, ChatroomStream::agent(1));
        std::reverse(mine.begin(), mine.end());
        QString id;
        for (const QString &candidate : std::as_const(mine)) {
            if (stream.chatroom(candidate).participants.size() == 1) {
                id = candidate;
                break;
            }
        }
        QVERIFY(!id.isEmpty());
        events = stream.reassign(id, ChatroomStream::agent(2));
        QCOMPARE(events.front().kind, EventKind::ChatroomUnassigned);
    } else if (action == u"create"_s) {
        events = createFor(false);
    } else if (action == u"createPending"_s) {
        events = stream.create(true);
    } else {
        const QList<Event> created = createFor(true);
        model.applyEvents(created);
        events = stream.handover(created.front().chatroom.id);
    }
    seen.take();
    model.applyEvents(events);

    QStringList actual = seen.take();
    // Where a removed or moved row came from depends on the seed; the test names what must happen.
    for (QString &line : actual) {
        if (line.startsWith(u"move"_s))
            line = u"move"_s;
        if (line.startsWith(u"remove"_s) && expected == QStringList{u"remove"_s})
            line = u"remove"_s;
    }
    QCOMPARE(actual, expected);
    QCOMPARE(rowIds(model), stream.expectedOrder(View(view), viewer));
}

void TestChatroomListModel::rolesDescribeTheViewersRow()
{
    const QDateTime at(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);
    Chatroom chatroom;
    chatroom.id = u"chatroom-1"_s;
    chatroom.displayName = u"Ana Silva"_s;
    chatroom.phoneNumber = u"+491510000001"_s;
    chatroom.participants = {Participant{u"agent-1"_s, at, {}, 4}, Participant{u"agent-2"_s, at, {}, 9}};
    chatroom.pendingHandover = PendingHandover{u"agent-3"_s, {}, at};
    chatroom.sortKey = SortKey{at.toMSecsSinceEpoch(), 1};
    chatroom.lastMessage =
        LastMessage{u"m-1"_s, u"Reminder: your appointment"_s, Direction::Out, true, at.addSecs(60)};
    chatroom.lastCustomerMessageAt = at;
    chatroom.state = ChatroomState::Deactivated;

    ChatroomListModel model(View::Mine, u"agent-2"_s);
    Tester tester(&model, Tester::FailureReportingMode::Fatal);
    model.resetWith({chatroom});
    const QModelIndex row = model.index(0);
    QCOMPARE(row.data(Qt::DisplayRole).toString(), u"Ana Silva"_s);
    QCOMPARE(row.data(DisplayNameRole).toString(), u"Ana Silva"_s);
    QCOMPARE(row.data(ChatroomIdRole).toString(), u"chatroom-1"_s);
    QCOMPARE(row.data(PreviewRole).toString(), u"Reminder: your appointment"_s);
    QCOMPARE(row.data(LastActivityAtRole).toDateTime(), at.addSecs(60));
    QCOMPARE(row.data(UnreadCountRole).toInt(), 9); // the viewer's own count
    QCOMPARE(row.data(PendingHandoverRole).toBool(), true);
    QCOMPARE(row.data(WindowExpiresAtRole).toDateTime(), at.addSecs(24 * 3600));
    QCOMPARE(row.data(StateRole).toInt(), int(ChatroomState::Deactivated));
    QCOMPARE(row.data(LastMessageSilentRole).toBool(), true);
    QCOMPARE(model.rowOf(u"chatroom-1"_s), 0);
    QCOMPARE(model.rowOf(u"chatroom-2"_s), -1);
    QVERIFY(model.chatroomAt(1) == nullptr);
    QVERIFY(model.roleNames().contains(UnreadCountRole));
}

void TestChatroomListModel::resetWithIsOneReset()
{
    ChatroomStream stream(5);
    QList<Chatroom> start = stream.start(200);
    Chatroom duplicate = start.at(3);
    duplicate.displayName = u"Last one wins"_s;
    start.append(duplicate);

    ChatroomListModel model(View::All, ChatroomStream::supervisor());
    Tester tester(&model, Tester::FailureReportingMode::Fatal);
    ModelSignals seen(&model);
    model.resetWith(start);
    QCOMPARE(seen.take(), QStringList{u"reset"_s});
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(model.chatroom(duplicate.id)->displayName, u"Last one wins"_s);

    model.resetWith({});
    QCOMPARE(seen.take(), QStringList{u"reset"_s});
    QCOMPARE(model.rowCount(), 0);
}

void TestChatroomListModel::aBatchEndsInTheSameOrderAsItsEventsOneByOne()
{
    ChatroomStream stream(9);
    const QList<Chatroom> start = stream.start(300);
    QList<QList<Event>> actions;
    for (int i = 0; i < 1000; ++i)
        actions.append(stream.next());

    ChatroomListModel batched(View::Mine, ChatroomStream::agent(3));
    ChatroomListModel oneByOne(View::Mine, ChatroomStream::agent(3));
    Tester batchedTester(&batched, Tester::FailureReportingMode::Fatal);
    batched.resetWith(start);
    oneByOne.resetWith(start);
    batched.applyEvents(flatten(actions));
    for (const QList<Event> &events : std::as_const(actions)) {
        for (const Event &event : events)
            oneByOne.applyEvent(event);
    }
    QCOMPARE(rowIds(batched), rowIds(oneByOne));
    QCOMPARE(rowIds(batched), stream.expectedOrder(View::Mine, ChatroomStream::agent(3)));
    QVERIFY(batched.rowOrder().checkInvariants());
}

QTEST_GUILESS_MAIN(TestChatroomListModel)
#include "tst_chatroomlistmodel.moc"
