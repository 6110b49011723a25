#include "tests/ui/chatroomstream.h"
#include "ui/board/boardcolumns.h"
#include "ui/board/boardmime.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <vector>

using namespace handover;

namespace {

constexpr int kAgents = 4;

QList<client::UserSummary> streamUsers()
{
    QList<client::UserSummary> users;
    for (int i = 1; i <= kAgents; ++i) {
        User user{ChatroomStream::agent(i),
                  QStringLiteral("org-1"),
                  QStringLiteral("a%1@x.test").arg(i),
                  QStringLiteral("Agent"),
                  QString::number(i),
                  Role::Member,
                  false};
        users.append(client::UserSummary{user, i == 2, 0});
    }
    User supervisor{ChatroomStream::supervisor(),
                    QStringLiteral("org-1"),
                    QStringLiteral("s@x.test"),
                    QStringLiteral("Sue"),
                    QStringLiteral("Visor"),
                    Role::Supervisor,
                    false};
    users.append(client::UserSummary{supervisor, true, 0});
    return users;
}

// The board's columns over a stream's chatrooms, with a model tester on every column, also those made
// later.
struct Board
{
    explicit Board(int chatrooms, quint64 seed = 7)
        : stream(seed, kAgents)
        , columns(QStringLiteral("org-1"))
    {
        QObject::connect(&columns, &BoardColumns::columnInserted, &columns,
                         [this](int index) { watch(index); });
        watch(0);
        columns.setUsers(streamUsers());
        columns.resetWith(stream.start(chatrooms));
    }
    void watch(int index)
    {
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
            columns.column(index), QAbstractItemModelTester::FailureReportingMode::Fatal));
    }
    static QStringList ids(const BoardColumnModel *column) { return column->rowOrder().orderedIds(); }

    ChatroomStream stream;
    BoardColumns columns;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

} // namespace

class TestSupervisorBoardModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsAreAwaitingHandoverThenAgentsByName();
    void everyColumnFollowsTheEventsInTheOrderOfR20();
    void anEventReachesOnlyTheColumnsItsChatroomWasOrIsIn();
    void presenceChangesOnlyItsAgentsHeader();
    void aDraggedCardCarriesTheOrgAndChatroomIds();
    void malformedDragDataIsRefused_data();
    void malformedDragDataIsRefused();
    void aDropAsksForTheCommandAndChangesNoRow();
};

void TestSupervisorBoardModel::columnsAreAwaitingHandoverThenAgentsByName()
{
    Board board(200);
    QVERIFY(board.columns.awaitingHandover()->isAwaitingHandover());
    QCOMPARE(board.columns.column(0), board.columns.awaitingHandover());
    QCOMPARE(board.columns.columnCount(), 1 + kAgents); // the supervisor holds nothing: no column
    for (int i = 1; i <= kAgents; ++i) {
        const BoardColumnModel *column = board.columns.column(i);
        QCOMPARE(column->agent().id, ChatroomStream::agent(i));
        QCOMPARE(column->agent().name, QStringLiteral("Agent %1").arg(i));
        QVERIFY(column->agent().known);
    }
    QCOMPARE(board.columns.reassignTargets().size(), kAgents);
    QVERIFY(board.columns.columnOf(ChatroomStream::supervisor()) == nullptr);
}

void TestSupervisorBoardModel::everyColumnFollowsTheEventsInTheOrderOfR20()
{
    Board board(2000);
    for (int step = 0; step < 3000; ++step) {
        // Batches of one to five events, as the sync engine delivers them.
        QList<Event> batch;
        for (int i = 0, n = 1 + step % 5; i < n; ++i)
            batch += board.stream.next();
        board.columns.applyEvents(batch);
    }
    QCOMPARE(Board::ids(board.columns.awaitingHandover()),
             board.stream.expectedOrder(View::AwaitingHandover, ChatroomStream::supervisor(), true));
    for (int i = 1; i <= kAgents; ++i) {
        const BoardColumnModel *column = board.columns.columnOf(ChatroomStream::agent(i));
        QVERIFY(column);
        QCOMPARE(Board::ids(column), board.stream.expectedOrder(View::Mine, ChatroomStream::agent(i), true));
    }
    QCOMPARE(board.columns.chatroomCount(), board.stream.chatrooms().size());
}

void TestSupervisorBoardModel::anEventReachesOnlyTheColumnsItsChatroomWasOrIsIn()
{
    Board board(1000);
    std::vector<std::unique_ptr<QSignalSpy>> spies;
    const auto spyOnEveryColumn = [&] {
        spies.clear();
        for (int i = 0; i < board.columns.columnCount(); ++i) {
            spies.push_back(
                std::make_unique<QSignalSpy>(board.columns.column(i), &QAbstractItemModel::dataChanged));
            spies.push_back(
                std::make_unique<QSignalSpy>(board.columns.column(i), &QAbstractItemModel::rowsMoved));
            spies.push_back(
                std::make_unique<QSignalSpy>(board.columns.column(i), &QAbstractItemModel::rowsInserted));
            spies.push_back(
                std::make_unique<QSignalSpy>(board.columns.column(i), &QAbstractItemModel::rowsRemoved));
            spies.push_back(
                std::make_unique<QSignalSpy>(board.columns.column(i), &QAbstractItemModel::modelReset));
        }
    };
    const auto touchedColumns = [&] {
        QSet<int> touched;
        for (size_t i = 0; i < spies.size(); ++i) {
            if (!spies[i]->isEmpty())
                touched.insert(int(i / 5));
        }
        return touched;
    };

    // A customer writes into one agent's chatroom: that column, and no other.
    BoardColumnModel *agentOne = board.columns.columnOf(ChatroomStream::agent(1));
    ChatroomId ownedByOne;
    for (int row = agentOne->rowCount() - 1; row > 0 && ownedByOne.isEmpty(); --row) {
        if (board.stream.chatroom(agentOne->idAt(row)).participants.size() == 1)
            ownedByOne = agentOne->idAt(row);
    }
    QVERIFY(!ownedByOne.isEmpty());
    spyOnEveryColumn();
    board.columns.applyEvents(board.stream.customerMessage(ownedByOne));
    QCOMPARE(touchedColumns(), QSet<int>{board.columns.indexOf(agentOne)});
    QCOMPARE(agentOne->idAt(0), ownedByOne); // bumped to the top

    // Reassigned from agent 1 to agent 3: those two columns.
    BoardColumnModel *agentThree = board.columns.columnOf(ChatroomStream::agent(3));
    spyOnEveryColumn();
    board.columns.applyEvents(board.stream.reassign(ownedByOne, ChatroomStream::agent(3)));
    QCOMPARE(touchedColumns(),
             (QSet<int>{board.columns.indexOf(agentOne), board.columns.indexOf(agentThree)}));
    QCOMPARE(agentOne->rowOf(ownedByOne), -1);
    QCOMPARE(agentThree->rowOf(ownedByOne), 0);

    // A new chatroom awaiting handover: the awaiting column only.
    spyOnEveryColumn();
    const QList<Event> created = board.stream.create(true);
    board.columns.applyEvents(created);
    QCOMPARE(touchedColumns(), QSet<int>{0});
    QCOMPARE(board.columns.awaitingHandover()->idAt(0), created.first().chatroom.id);
}

void TestSupervisorBoardModel::presenceChangesOnlyItsAgentsHeader()
{
    Board board(100);
    BoardColumnModel *agentThree = board.columns.columnOf(ChatroomStream::agent(3));
    QVERIFY(!agentThree->agent().online);
    QSignalSpy changed(agentThree, &BoardColumnModel::agentChanged);
    QSignalSpy othersChanged(board.columns.columnOf(ChatroomStream::agent(1)),
                             &BoardColumnModel::agentChanged);
    QSignalSpy rowsChanged(agentThree, &QAbstractItemModel::dataChanged);
    Event presence;
    presence.seq = 1000000;
    presence.kind = EventKind::PresenceUpdated;
    presence.userId = ChatroomStream::agent(3);
    presence.online = true;
    board.columns.applyEvents({presence});
    QCOMPARE(changed.size(), 1);
    QVERIFY(agentThree->agent().online);
    QCOMPARE(othersChanged.size(), 0);
    QCOMPARE(rowsChanged.size(), 0);
    board.columns.applyEvents({presence}); // the same state again: nothing to announce
    QCOMPARE(changed.size(), 1);
}

void TestSupervisorBoardModel::aDraggedCardCarriesTheOrgAndChatroomIds()
{
    Board board(300);
    BoardColumnModel *column = board.columns.columnOf(ChatroomStream::agent(2));
    QVERIFY(column->rowCount() >= 3);
    QVERIFY(column->flags(column->index(0)) & Qt::ItemIsDragEnabled);
    QCOMPARE(column->mimeTypes(), QStringList{QStringLiteral("application/x-handover-chatroom")});
    // Out of order and repeated, as a selection may list them: the ids come in row order, once each.
    std::unique_ptr<QMimeData> data(column->mimeData({column->index(2), column->index(0), column->index(2)}));
    QVERIFY(data);
    QVERIFY(data->hasFormat(QStringLiteral("application/x-handover-chatroom")));
    const std::optional<DraggedChatrooms> dragged = draggedChatrooms(data.get());
    QVERIFY(dragged);
    QCOMPARE(dragged->orgId, QStringLiteral("org-1"));
    QCOMPARE(dragged->chatroomIds, (QStringList{column->idAt(0), column->idAt(2)}));
    // Only ids travel: no names, previews or phone numbers.
    const QByteArray raw = data->data(QStringLiteral("application/x-handover-chatroom"));
    QVERIFY(!raw.contains(board.stream.chatroom(column->idAt(0)).phoneNumber.toUtf8()));
    QCOMPARE(draggedChatrooms(std::unique_ptr<QMimeData>(chatroomMimeData(*dragged)).get()), dragged);
}

void TestSupervisorBoardModel::malformedDragDataIsRefused_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("payload");
    const QString ours = QStringLiteral("application/x-handover-chatroom");
    QTest::newRow("plain text is not a chatroom") << QStringLiteral("text/plain") << QByteArray("chatroom-1");
    QTest::newRow("not JSON") << ours << QByteArray("chatroom-1");
    QTest::newRow("no org") << ours << QByteArray(R"({"chatroom_ids":["c-1"]})");
    QTest::newRow("no chatrooms") << ours << QByteArray(R"({"org_id":"org-1","chatroom_ids":[]})");
    QTest::newRow("an id that is not a string")
        << ours << QByteArray(R"({"org_id":"org-1","chatroom_ids":[7]})");
    QByteArray many = R"({"org_id":"org-1","chatroom_ids":[)";
    for (int i = 0; i <= kMaxDraggedChatrooms; ++i)
        many += (i ? ",\"c-" : "\"c-") + QByteArray::number(i) + '"';
    QTest::newRow("more chatrooms than a drop may carry") << ours << (many + "]}");
}

void TestSupervisorBoardModel::malformedDragDataIsRefused()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, payload);
    QMimeData data;
    data.setData(format, payload);
    QVERIFY(!draggedChatrooms(&data));
    Board board(20);
    BoardColumnModel *column = board.columns.columnOf(ChatroomStream::agent(1));
    int dropped = 0;
    connect(column, &BoardColumnModel::chatroomsDropped, this, [&] { ++dropped; });
    QVERIFY(!column->dropMimeData(&data, Qt::MoveAction, -1, -1, {}));
    QCOMPARE(dropped, 0);
}

void TestSupervisorBoardModel::aDropAsksForTheCommandAndChangesNoRow()
{
    Board board(300);
    BoardColumnModel *from = board.columns.columnOf(ChatroomStream::agent(1));
    BoardColumnModel *to = board.columns.columnOf(ChatroomStream::agent(4));
    const QStringList before = Board::ids(to);
    std::unique_ptr<QMimeData> data(from->mimeData({from->index(0)}));
    QVERIFY(to->canDropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
    QList<DraggedChatrooms> dropped;
    connect(to, &BoardColumnModel::chatroomsDropped, this,
            [&](const DraggedChatrooms &d) { dropped.append(d); });
    QVERIFY(to->dropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(dropped.first().chatroomIds, QStringList{from->idAt(0)});
    QCOMPARE(Board::ids(to), before);
    QCOMPARE(from->rowOf(from->idAt(0)), 0);
}

QTEST_GUILESS_MAIN(TestSupervisorBoardModel)
#include "tst_supervisorboardmodel.moc"
