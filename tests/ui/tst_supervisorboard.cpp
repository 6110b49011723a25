#include "client/consolesession.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"
#include "tests/ui/darkpalette.h"
#include "ui/board/boardcolumns.h"
#include "ui/board/boardcolumnview.h"
#include "ui/board/supervisorboard.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUuid>
#include <QtTest>
#include <memory>
#include <vector>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;

class TestSupervisorBoard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void aDropOnAnotherAgentsColumnReassignsWhenTheEventArrives();
    void aDropOfACardAwaitingHandoverClearsThePendingHandover();
    void theContextMenuReassignsToTheChosenAgent();
    void theShortcutOpensTheAgentListForTheSelectedCard();
    void aDropOnASupervisorOrOnAwaitingHandoverIsRefusedWithTheReason();
    void aRefusalOfTheServerIsShownAndNoCardMoves();
    void anAgentsPresenceShowsInTheirColumn();
    void enterOnACardActivatesIt();
    void theBoardTakesItsColoursFromThePalette();
    void undoPutsADroppedChatroomBackThroughTheOutbox();
    void aDropOnAGroupsColumnGoesToOneOfItsAgents();
    void theColumnsShareTheBoardsWidth();

private:
    ConsoleSessionOptions options(const QString &directory) const;
    bool addMember(const QString &firstName, ClientTestOrg::Account &account);
    QString newAwaitingChatroom(const QString &pendingUserId);
    // The row of the chatroom in the user's column (an empty id: Awaiting handover); -1 when it is not there.
    int rowIn(const QString &userId, const QString &chatroomId) const;
    QModelIndex cardIn(const QString &userId, const QString &chatroomId) const;
    bool drop(const QString &userId, const QMimeData &data);
    std::unique_ptr<QMimeData> dragOut(const QString &userId, const QString &chatroomId) const;
    QAction *agentAction(QMenu *menu, const QString &userId) const;
    QList<UserId> serverParticipants(const QString &chatroomId);

    ClientTestOrg m_org;
    ClientTestOrg::Account m_bob;
    QTemporaryDir m_data;
    SystemClock m_clock;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<SupervisorBoard> m_board;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    int m_awaitingCount = 0;
};

// ---- helpers

ConsoleSessionOptions TestSupervisorBoard::options(const QString &directory) const
{
    ConsoleSessionOptions o;
    o.dataDirectory = directory;
    o.watchNetwork = false;
    return o;
}

bool TestSupervisorBoard::addMember(const QString &firstName, ClientTestOrg::Account &account)
{
    account.password = QStringLiteral("password-123");
    const QString email = firstName.toLower() + QStringLiteral("@acme.test");
    const HttpResult created =
        m_org.api().post(QStringLiteral("/v1/org/%1/user").arg(m_org.orgId()),
                         QJsonObject{{QStringLiteral("email"), email},
                                     {QStringLiteral("first_name"), firstName},
                                     {QStringLiteral("last_name"), QStringLiteral("Tester")},
                                     {QStringLiteral("password"), account.password},
                                     {QStringLiteral("role"), QStringLiteral("MEMBER")}});
    if (created.status != 201)
        return false;
    account.user.id = created.string(QStringLiteral("user_id"));
    account.user.email = email;
    account.user.firstName = firstName;
    return true;
}

QString TestSupervisorBoard::newAwaitingChatroom(const QString &pendingUserId)
{
    ++m_awaitingCount;
    const HttpResult contact = m_org.api().post(
        QStringLiteral("/v2/org/%1/contact").arg(m_org.orgId()),
        QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("AWAIT-%1").arg(m_awaitingCount)},
                    {QStringLiteral("phone_number"),
                     QStringLiteral("+9197%1").arg(m_awaitingCount, 8, 10, QLatin1Char('0'))},
                    {QStringLiteral("first_name"), QStringLiteral("Ravi")},
                    {QStringLiteral("last_name"), QStringLiteral("Waits %1").arg(m_awaitingCount)}});
    if (contact.status != 201)
        return {};
    const HttpResult chatroom =
        m_org.api().post(QStringLiteral("/v3/orgs/%1/contacts/%2/assign")
                             .arg(m_org.orgId(), contact.string(QStringLiteral("id"))),
                         QJsonObject{{QStringLiteral("user_id"), pendingUserId},
                                     {QStringLiteral("assign_on_handover"), true}});
    return chatroom.status == 201 ? chatroom.string(QStringLiteral("id")) : QString();
}

int TestSupervisorBoard::rowIn(const QString &userId, const QString &chatroomId) const
{
    const BoardColumnView *column = m_board->columnView(userId);
    return column ? column->model()->rowOf(chatroomId) : -1;
}

QModelIndex TestSupervisorBoard::cardIn(const QString &userId, const QString &chatroomId) const
{
    const BoardColumnView *column = m_board->columnView(userId);
    return column ? column->list()->model()->index(rowIn(userId, chatroomId), 0) : QModelIndex();
}

std::unique_ptr<QMimeData> TestSupervisorBoard::dragOut(const QString &userId,
                                                        const QString &chatroomId) const
{
    const QModelIndex card = cardIn(userId, chatroomId);
    return std::unique_ptr<QMimeData>(card.isValid() ? m_board->columnView(userId)->model()->mimeData({card})
                                                     : nullptr);
}

bool TestSupervisorBoard::drop(const QString &userId, const QMimeData &data)
{
    // What a drag delivers to the column it ends on (QDrag::exec is modal and cannot run here): the drop
    // only reaches a widget the drag entered.
    QWidget *viewport = m_board->columnView(userId)->list()->viewport();
    const QPointF at(viewport->width() / 2.0, viewport->height() - 3.0);
    QDragEnterEvent enter(at.toPoint(), Qt::MoveAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(at.toPoint(), Qt::MoveAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QDropEvent dropEvent(at, Qt::MoveAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &dropEvent);
    return dropEvent.isAccepted();
}

QAction *TestSupervisorBoard::agentAction(QMenu *menu, const QString &userId) const
{
    for (QAction *action : menu->actions()) {
        if (action->data().toString() == userId)
            return action;
    }
    return nullptr;
}

QList<UserId> TestSupervisorBoard::serverParticipants(const QString &chatroomId)
{
    const QList<Chatroom> all = m_org.serverChatrooms(m_org.supervisor.token, View::All);
    const auto found =
        std::find_if(all.cbegin(), all.cend(), [&](const Chatroom &c) { return c.id == chatroomId; });
    return found == all.cend() ? QList<UserId>() : found->participantIds();
}

// ---- setup

void TestSupervisorBoard::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
    QVERIFY(addMember(QStringLiteral("Bob"), m_bob));
    m_session = MUST_OK(ConsoleSession::open(m_org.signIn(m_org.supervisor),
                                             options(m_data.filePath(QStringLiteral("sue")))));
    m_board = std::make_unique<SupervisorBoard>(m_clock);
    m_board->resize(1200, 700);
    m_board->setSession(m_session.get());
    BoardColumns *columns = m_board->columns();
    QVERIFY(columns);
    for (int i = 0; i < columns->columnCount(); ++i)
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(columns->column(i)));
    connect(columns, &BoardColumns::columnInserted, this, [this, columns](int index) {
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            columns->column(index), QAbstractItemModelTester::FailureReportingMode::Fatal));
    });
    m_board->show();
    m_session->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->connectionState().phase, ConnectionState::Phase::Connected, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(columns->hasUsers(), 10000);
    QVERIFY(m_board->columnView(m_org.member.user.id));
    QVERIFY(m_board->columnView(m_bob.user.id));
    QCOMPARE(m_board->columnView(m_org.member.user.id)->title(), QStringLiteral("Alice Tester"));
    QCOMPARE(m_board->columnView({})->title(), QStringLiteral("Awaiting handover"));
    // Columns: Awaiting handover first, then the agents by name.
    QCOMPARE(columns->indexOf(m_board->columnView({})->model()), 0);
    QVERIFY(columns->indexOf(m_board->columnView(m_org.member.user.id)->model()) <
            columns->indexOf(m_board->columnView(m_bob.user.id)->model()));
}

void TestSupervisorBoard::cleanupTestCase()
{
    m_board.reset();
    m_testers.clear();
    m_session.reset();
}

void TestSupervisorBoard::init()
{
    for (QMenu *menu : m_board->findChildren<QMenu *>())
        menu->close();
}

// ---- tests

void TestSupervisorBoard::aDropOnAnotherAgentsColumnReassignsWhenTheEventArrives()
{
    const QString alice = m_org.member.user.id;
    const QString bob = m_bob.user.id;
    const QString room = m_org.newChatroom(alice);
    QVERIFY2(!room.isEmpty(), m_org.why());
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(alice, room), 0, 10000); // new to Alice: at the top (R1)
    const QString aliceCountBefore = m_board->columnView(alice)->countText();

    const std::unique_ptr<QMimeData> data = dragOut(alice, room);
    QVERIFY(data);
    QVERIFY(drop(bob, *data));
    // Only the command went out: the card stays until the event says otherwise.
    QCOMPARE(rowIn(alice, room), 0);
    QCOMPARE(rowIn(bob, room), -1);
    QVERIFY2(m_board->message().contains(QStringLiteral("Reassigning")), qPrintable(m_board->message()));

    QTRY_COMPARE_WITH_TIMEOUT(rowIn(bob, room), 0, 10000); // new to Bob: at the top (R11)
    QCOMPARE(rowIn(alice, room), -1);
    QVERIFY(m_board->columnView(alice)->countText() != aliceCountBefore);
    QTRY_VERIFY2(m_board->message().contains(QStringLiteral("is now with Bob Tester")),
                 qPrintable(m_board->message()));
    QCOMPARE(serverParticipants(room), QList<UserId>{bob});
}

void TestSupervisorBoard::aDropOfACardAwaitingHandoverClearsThePendingHandover()
{
    const QString bob = m_bob.user.id;
    const QString room = newAwaitingChatroom(m_org.member.user.id);
    QVERIFY(!room.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(rowIn({}, room), 0, 10000);
    QCOMPARE(cardIn({}, room).data(PendingHandoverRole).toBool(), true);
    QCOMPARE(rowIn(m_org.member.user.id, room), -1); // R2: in no agent's column yet

    const std::unique_ptr<QMimeData> data = dragOut({}, room);
    QVERIFY(drop(bob, *data));
    QCOMPARE(rowIn({}, room), 0);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(bob, room), 0, 10000);
    QCOMPARE(rowIn({}, room), -1);
    QCOMPARE(cardIn(bob, room).data(PendingHandoverRole).toBool(), false); // discarded (R11)
    QCOMPARE(rowIn(m_org.member.user.id, room), -1);
}

void TestSupervisorBoard::theContextMenuReassignsToTheChosenAgent()
{
    const QString alice = m_org.member.user.id;
    const QString bob = m_bob.user.id;
    const QString room = m_org.newChatroom(bob);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(bob, room), 0, 10000);
    QListView *list = m_board->columnView(bob)->list();
    const QRect card = list->visualRect(cardIn(bob, room));
    QContextMenuEvent request(QContextMenuEvent::Mouse, card.center(),
                              list->viewport()->mapToGlobal(card.center()));
    QApplication::sendEvent(list->viewport(), &request);

    QMenu *menu = m_board->findChild<QMenu *>(QStringLiteral("boardCardMenu"));
    QVERIFY(menu);
    QTRY_VERIFY(menu->isVisible());
    QMenu *agents = menu->findChild<QMenu *>(QStringLiteral("boardReassignMenu"));
    QVERIFY(agents);
    QCOMPARE(agents->title(), QStringLiteral("Reassign to"));
    QAction *toBob = agentAction(agents, bob);
    QAction *toAlice = agentAction(agents, alice);
    QVERIFY(toBob && toAlice);
    QVERIFY(!toBob->isEnabled()); // already his alone
    QVERIFY(toAlice->isEnabled());
    QVERIFY(!agentAction(agents, m_org.supervisor.user.id)); // agents only
    toAlice->trigger();
    QCOMPARE(rowIn(bob, room), 0);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(alice, room), 0, 10000);
    QCOMPARE(rowIn(bob, room), -1);
    QTRY_VERIFY(!m_board->findChild<QMenu *>(QStringLiteral("boardCardMenu")));
}

void TestSupervisorBoard::theShortcutOpensTheAgentListForTheSelectedCard()
{
    const QString alice = m_org.member.user.id;
    const QString bob = m_bob.user.id;
    const QString room = m_org.newChatroom(alice);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(alice, room), 0, 10000);
    m_board->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_board.get()));
    QListView *list = m_board->columnView(alice)->list();
    list->setFocus();
    list->setCurrentIndex(cardIn(alice, room));
    QTest::keyClick(list, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);

    QMenu *menu = m_board->findChild<QMenu *>(QStringLiteral("boardReassignMenu"));
    QVERIFY(menu);
    QTRY_VERIFY(menu->isVisible());
    QAction *toBob = agentAction(menu, bob);
    QVERIFY(toBob);
    toBob->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(bob, room), 0, 10000);
    QCOMPARE(rowIn(alice, room), -1);
}

void TestSupervisorBoard::aDropOnASupervisorOrOnAwaitingHandoverIsRefusedWithTheReason()
{
    const QString alice = m_org.member.user.id;
    const QString sue = m_org.supervisor.user.id;
    // A chatroom of the supervisor's own gives her a column (she holds chatrooms), but she is no agent.
    const QString suesRoom = m_org.newChatroom(sue);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(sue, suesRoom), 0, 10000);
    QTRY_VERIFY(m_board->columnView(sue)->presenceText().contains(QStringLiteral("supervisor")));
    const QString room = m_org.newChatroom(alice);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(alice, room), 0, 10000);

    const std::unique_ptr<QMimeData> data = dragOut(alice, room);
    drop(sue, *data);
    QVERIFY2(m_board->message().contains(QStringLiteral("Sue Tester is a supervisor")),
             qPrintable(m_board->message()));
    drop({}, *data);
    QVERIFY2(m_board->message().contains(QStringLiteral("await handover")), qPrintable(m_board->message()));
    QTest::qWait(500);
    QCOMPARE(rowIn(alice, room), 0);
    QCOMPARE(rowIn(sue, room), -1);
    QCOMPARE(rowIn({}, room), -1);
    QCOMPARE(serverParticipants(room), QList<UserId>{alice});
}

void TestSupervisorBoard::aRefusalOfTheServerIsShownAndNoCardMoves()
{
    const QString bob = m_bob.user.id;
    const QString room = m_org.newChatroom(bob);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(bob, room), 0, 10000);
    const QStringList bobsBefore = m_board->columnView(bob)->model()->rowOrder().orderedIds();
    // A drag from elsewhere naming a chatroom the server does not have: the server says no.
    const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const std::unique_ptr<QMimeData> data(chatroomMimeData(DraggedChatrooms{m_org.orgId(), {unknown}}));
    QVERIFY(drop(bob, *data));
    QTRY_VERIFY2_WITH_TIMEOUT(m_board->message().contains(QStringLiteral("could not be reassigned")),
                              qPrintable(m_board->message()), 10000);
    QVERIFY2(m_board->message().contains(QStringLiteral("NOT_FOUND")), qPrintable(m_board->message()));
    QCOMPARE(m_board->columnView(bob)->model()->rowOrder().orderedIds(), bobsBefore);

    // Another org's chatrooms are refused before anything is sent.
    const std::unique_ptr<QMimeData> foreign(
        chatroomMimeData(DraggedChatrooms{QStringLiteral("other-org"), {room}}));
    drop(m_org.member.user.id, *foreign);
    QVERIFY2(m_board->message().contains(QStringLiteral("another organization")),
             qPrintable(m_board->message()));
    QTest::qWait(300);
    QCOMPARE(rowIn(bob, room), 0);
}

void TestSupervisorBoard::anAgentsPresenceShowsInTheirColumn()
{
    const QString alice = m_org.member.user.id;
    BoardColumnView *column = m_board->columnView(alice);
    QCOMPARE(column->presenceText(), QStringLiteral("Offline"));
    QVERIFY(column->accessibleName().startsWith(QStringLiteral("Alice Tester, Offline, ")));
    {
        QTemporaryDir aliceData;
        auto aliceSession =
            MUST_OK(ConsoleSession::open(m_org.signIn(m_org.member), options(aliceData.path())));
        aliceSession->start();
        QTRY_COMPARE_WITH_TIMEOUT(column->presenceText(), QStringLiteral("Online"), 10000);
        QVERIFY(column->accessibleName().startsWith(QStringLiteral("Alice Tester, Online, ")));
        QCOMPARE(column->findChild<QLabel *>(QStringLiteral("boardColumnPresence"))->foregroundRole(),
                 QPalette::Link);
        QCOMPARE(m_board->columnView(m_bob.user.id)->presenceText(), QStringLiteral("Offline"));
        aliceSession->stop();
    }
    QTRY_COMPARE_WITH_TIMEOUT(column->presenceText(), QStringLiteral("Offline"), 10000);
}

void TestSupervisorBoard::enterOnACardActivatesIt()
{
    const QString bob = m_bob.user.id;
    QListView *list = m_board->columnView(bob)->list();
    QVERIFY(list->model()->rowCount() > 0);
    QSignalSpy activated(m_board.get(), &SupervisorBoard::chatroomActivated);
    list->setFocus();
    list->setCurrentIndex(list->model()->index(0, 0));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toString(),
             list->model()->index(0, 0).data(ChatroomIdRole).toString());
    QVERIFY(!list->model()->index(0, 0).data(Qt::AccessibleTextRole).toString().isEmpty());
}

void TestSupervisorBoard::theBoardTakesItsColoursFromThePalette()
{
    const QPalette dark = darkPalette();
    m_board->setPalette(dark);
    BoardColumnView *column = m_board->columnView(m_bob.user.id);
    column->list()->clearSelection();
    column->list()->setCurrentIndex({});
    QVERIFY(column->list()->model()->rowCount() > 0);
    const QImage cards = column->list()->viewport()->grab().toImage();
    QVERIFY(!cards.isNull());
    QVERIFY(QColor(cards.pixel(3, 3)).lightness() < 80); // a card on the dark base, not a white one
    const auto *title = column->findChild<QLabel *>(QStringLiteral("boardColumnTitle"));
    QCOMPARE(title->palette().color(title->foregroundRole()), dark.color(QPalette::WindowText));
    m_board->setPalette(QPalette());
}

void TestSupervisorBoard::undoPutsADroppedChatroomBackThroughTheOutbox()
{
    const QString alice = m_org.member.user.id;
    const QString bob = m_bob.user.id;
    const QString room = m_org.newChatroom(alice);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(alice, room), 0, 10000);
    QVERIFY(drop(bob, *dragOut(alice, room)));
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(bob, room), 0, 10000);
    QTRY_VERIFY(m_board->isUndoOffered());
    auto *undo = m_board->findChild<QToolButton *>(QStringLiteral("boardMessageAction"));
    QVERIFY(undo && undo->isVisible());
    QCOMPARE(undo->text(), QStringLiteral("Undo"));

    // Undo: a reassignment back to Alice, through the outbox; the card moves when its events arrive.
    QSignalSpy queued(&m_session->outbox(), &Outbox::itemChanged);
    QTest::mouseClick(undo, Qt::LeftButton);
    QVERIFY(!m_board->isUndoOffered());
    QVERIFY(!queued.isEmpty());
    const auto item = MUST_OK(m_session->outbox().item(queued.first().first().toLongLong()));
    QVERIFY(item);
    QCOMPARE(item->kind, CommandKind::Reassign);
    QCOMPARE(item->chatroomId, room);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(alice, room), 0, 10000);
    QCOMPARE(rowIn(bob, room), -1);
    QTRY_VERIFY2(m_board->message().contains(QStringLiteral("is now with Alice Tester")),
                 qPrintable(m_board->message()));
    QCOMPARE(serverParticipants(room), QList<UserId>{alice});
    QVERIFY(!m_board->isUndoOffered()); // an undo is not undone in turn

    // Undo lasts a while only: the button goes by itself.
    m_board->setUndoPeriodMs(200);
    QVERIFY(drop(bob, *dragOut(alice, room)));
    QTRY_VERIFY_WITH_TIMEOUT(m_board->isUndoOffered(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_board->isUndoOffered(), 5000);
    m_board->setUndoPeriodMs(10000);
}

void TestSupervisorBoard::aDropOnAGroupsColumnGoesToOneOfItsAgents()
{
    const HttpResult created = m_org.api().post(
        QStringLiteral("/v1/orgs/%1/groups").arg(m_org.orgId()),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Front desk")},
                    {QStringLiteral("user_ids"), QJsonArray{m_org.member.user.id, m_bob.user.id}}});
    QCOMPARE(created.status, 201);
    const QString groupId = created.string(QStringLiteral("group_id"));
    m_board->setKnownGroups(
        {Group{groupId, m_org.orgId(), QStringLiteral("Front desk"), {m_org.member.user.id, m_bob.user.id}}});
    BoardColumns *columns = m_board->columns();
    BoardColumnModel *group = columns->columnOfGroup(groupId);
    QVERIFY(group);
    // Right after Awaiting handover, before the agents.
    QCOMPARE(columns->indexOf(group), 1);
    BoardColumnView *view = m_board->findChildren<BoardColumnView *>().value(0);
    for (BoardColumnView *candidate : m_board->findChildren<BoardColumnView *>())
        if (candidate->model() == group)
            view = candidate;
    QCOMPARE(view->title(), QStringLiteral("Front desk"));

    const QString room = newAwaitingChatroom(m_org.supervisor.user.id);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn({}, room), 0, 10000);
    // The drop on the group's column: whoever of its agents has fewer chatrooms gets it (R21).
    const std::unique_ptr<QMimeData> data = dragOut({}, room);
    QWidget *viewport = view->list()->viewport();
    const QPointF at(viewport->width() / 2.0, viewport->height() - 3.0);
    QDragEnterEvent enter(at.toPoint(), Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent move(at.toPoint(), Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QDropEvent dropped(at, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &dropped);
    QVERIFY(dropped.isAccepted());
    QVERIFY2(m_board->message().contains(QStringLiteral("to Front desk")), qPrintable(m_board->message()));
    QTRY_VERIFY_WITH_TIMEOUT(serverParticipants(room).size() == 1, 10000);
    const UserId picked = serverParticipants(room).first();
    QVERIFY(picked == m_org.member.user.id || picked == m_bob.user.id);
    QTRY_COMPARE_WITH_TIMEOUT(rowIn(picked, room), 0, 10000);
    QTRY_VERIFY2(m_board->message().contains(QStringLiteral("is now with")), qPrintable(m_board->message()));
    QVERIFY(!m_board->isUndoOffered()); // it was awaiting handover: nowhere to put it back
}

void TestSupervisorBoard::theColumnsShareTheBoardsWidth()
{
    m_board->resize(1600, 700);
    QTRY_VERIFY(m_board->columnView({})->width() > 0);
    const QList<BoardColumnView *> views = m_board->findChildren<BoardColumnView *>();
    int total = 0;
    for (const BoardColumnView *view : views) {
        QVERIFY(view->width() >= view->minimumWidth());
        total += view->width();
    }
    // Nothing narrow beside empty space: the columns fill the board between them, about equally.
    QVERIFY2(total >= 1600 - 40 - 10 * int(views.size()), qPrintable(QString::number(total)));
    QVERIFY(views.first()->width() - views.last()->width() <= 2);
}

QTEST_MAIN(TestSupervisorBoard)
#include "tst_supervisorboard.moc"
