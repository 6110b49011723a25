#include "ui/board/supervisorboard.h"

#include "client/consolesession.h"
#include "ui/board/boardcolumns.h"
#include "ui/board/boardcolumnview.h"
#include "ui/board/boardmessagebar.h"
#include "ui/board/reassigncommand.h"
#include "ui/chatroomlist/chatroomdelegate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QListView>
#include <QMenu>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace handover {

SupervisorBoard::SupervisorBoard(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_keys(std::make_unique<UuidSource>())
    , m_delegate(new ChatroomDelegate(clock, this))
    , m_messageBar(new BoardMessageBar(this))
    , m_scroll(new QScrollArea(this))
    , m_strip(new QWidget)
    , m_stripLayout(new QHBoxLayout(m_strip))
    , m_reassignAction(new QAction(tr("Reassign to…"), this))
{
    setObjectName(QStringLiteral("supervisorBoard"));
    setAccessibleName(tr("Supervisor board"));
    m_strip->setObjectName(QStringLiteral("boardColumns"));
    m_stripLayout->setContentsMargins(0, 0, 0, 0); // the columns share the width (stretch 1 each)
    m_scroll->setObjectName(QStringLiteral("boardScrollArea"));
    m_scroll->setAccessibleName(tr("Agents' columns"));
    m_scroll->setWidget(m_strip);
    m_scroll->setWidgetResizable(true); // the columns take the height; each scrolls its own cards
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_scroll, 1);

    m_reassignAction->setObjectName(QStringLiteral("boardReassignAction"));
    m_reassignAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_reassignAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_reassignAction);
    connect(m_reassignAction, &QAction::triggered, this, [this] { openReassignMenu(); });
    connect(m_messageBar, &BoardMessageBar::actionTriggered, this, &SupervisorBoard::undo);
}

void SupervisorBoard::setKnownGroups(const QList<Group> &groups)
{
    m_knownGroups = groups;
    if (m_columns)
        m_columns->setGroups(groups);
}

SupervisorBoard::~SupervisorBoard()
{
    clear();
}

void SupervisorBoard::clear()
{
    if (m_menu)
        m_menu->close();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = nullptr;
    qDeleteAll(m_views); // the views go before the models they show
    m_views.clear();
    delete std::exchange(m_command, nullptr);
    delete std::exchange(m_columns, nullptr);
    m_expected.clear();
    m_undoable.clear();
    m_undoItems.clear();
    m_loadingUsers = false;
    m_messageBar->dismiss();
}

void SupervisorBoard::setSession(client::ConsoleSession *session)
{
    if (session == m_session)
        return;
    clear();
    if (!session)
        return;
    m_session = session;
    m_columns = new BoardColumns(session->orgId(), this);
    connect(m_columns, &BoardColumns::columnInserted, this, &SupervisorBoard::insertColumnView);
    connect(m_columns, &BoardColumns::columnsReordered, this, &SupervisorBoard::placeColumnViews);
    connect(m_columns, &BoardColumns::unknownUserSeen, this, &SupervisorBoard::loadUsers);
    insertColumnView(0); // Awaiting handover, there from the start
    m_columns->setGroups(m_knownGroups);
    m_command = new ReassignCommand(session->api(), *m_keys, this);
    connect(m_command, &ReassignCommand::accepted, this, &SupervisorBoard::onAccepted);
    connect(m_command, &ReassignCommand::refused, this, &SupervisorBoard::onRefused);
    connect(&session->outbox(), &client::Outbox::itemChanged, this, &SupervisorBoard::onOutboxItem);

    connect(session, &client::ConsoleSession::eventsApplied, this, &SupervisorBoard::onEventsApplied);
    connect(session, &client::ConsoleSession::cacheReloaded, this, &SupervisorBoard::loadChatrooms);
    connect(session, &client::ConsoleSession::connectionStateChanged, this,
            [this](const client::ConnectionState &state) {
                // Presence and new agents may have changed while away: the list is read again.
                if (state.phase == client::ConnectionState::Phase::Connected)
                    loadUsers();
            });
    // By then the pointer is null already, so setSession(nullptr) would see no change.
    connect(session, &QObject::destroyed, this, [this] { clear(); });

    if (!roleSeesAllChatrooms(session->role())) {
        m_messageBar->showMessage(BoardMessageBar::Kind::Failure,
                                  tr("The supervisor board is for supervisors and administrators."));
        return;
    }
    loadChatrooms();
    loadUsers();
}

void SupervisorBoard::loadChatrooms()
{
    if (!m_session || !m_columns)
        return;
    Result<QList<Chatroom>> chatrooms = m_session->cache().chatrooms(View::All);
    if (!chatrooms) {
        m_messageBar->showMessage(
            BoardMessageBar::Kind::Failure,
            tr("The chatrooms could not be read: %1").arg(chatrooms.error().description));
        return;
    }
    m_columns->resetWith(*chatrooms);
}

void SupervisorBoard::loadUsers()
{
    if (!m_session || !m_columns || m_loadingUsers || !roleSeesAllChatrooms(m_session->role()))
        return;
    m_loadingUsers = true;
    m_session->api().users(m_columns, [this](const client::ApiResult<QList<client::UserSummary>> &users) {
        m_loadingUsers = false;
        if (!users) {
            m_messageBar->showMessage(BoardMessageBar::Kind::Failure,
                                      tr("The agents could not be loaded: %1").arg(users.error().message()));
            return;
        }
        m_columns->setUsers(*users);
    });
}

void SupervisorBoard::onEventsApplied(const QList<Event> &events)
{
    if (!m_columns || !roleSeesAllChatrooms(m_session->role()))
        return;
    m_columns->applyEvents(events);
    if (m_expected.isEmpty())
        return;
    for (const Event &event : events) {
        if (event.kind != EventKind::PresenceUpdated && m_expected.contains(event.chatroom.id))
            checkArrived(event.chatroom.id);
    }
}

void SupervisorBoard::insertColumnView(int index)
{
    BoardColumnModel *model = m_columns->column(index);
    auto *view = new BoardColumnView(model, m_delegate, m_strip);
    m_views.insert(model, view);
    m_stripLayout->insertWidget(index, view, 1);
    QListView *list = view->list();
    connect(model, &BoardColumnModel::chatroomsDropped, this,
            [this, model](const DraggedChatrooms &dragged) { onDropped(model, dragged); });
    connect(list, &QListView::activated, this, [this](const QModelIndex &card) {
        Q_EMIT chatroomActivated(card.data(ChatroomIdRole).toString());
    });
    connect(list, &QWidget::customContextMenuRequested, this,
            [this, view](const QPoint &position) { showCardMenu(view, position); });
}

void SupervisorBoard::placeColumnViews()
{
    for (int i = 0; i < m_columns->columnCount(); ++i) {
        BoardColumnView *view = m_views.value(m_columns->column(i));
        m_stripLayout->removeWidget(view);
        m_stripLayout->insertWidget(i, view, 1);
    }
}

BoardColumnView *SupervisorBoard::columnView(const UserId &userId) const
{
    if (!m_columns)
        return nullptr;
    BoardColumnModel *model = userId.isEmpty() ? m_columns->awaitingHandover() : m_columns->columnOf(userId);
    return m_views.value(model, nullptr);
}

QString SupervisorBoard::message() const
{
    return m_messageBar->text();
}

BoardColumnView *SupervisorBoard::focusedColumn() const
{
    for (BoardColumnView *view : m_views) {
        if (view->list()->hasFocus())
            return view;
    }
    // Focus may sit elsewhere in the board (the message bar): the column with a selection then.
    for (BoardColumnView *view : m_views) {
        if (view->list()->selectionModel()->hasSelection())
            return view;
    }
    return nullptr;
}

QStringList SupervisorBoard::selectedChatrooms(const BoardColumnView *column) const
{
    QModelIndexList rows = column->list()->selectionModel()->selectedRows();
    if (rows.isEmpty() && column->list()->currentIndex().isValid())
        rows.append(column->list()->currentIndex());
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &row : std::as_const(rows))
        ids.append(row.data(ChatroomIdRole).toString());
    return ids;
}

QString SupervisorBoard::chatroomName(const ChatroomId &id) const
{
    const Chatroom *chatroom = m_columns ? m_columns->chatroom(id) : nullptr;
    return chatroom ? ChatroomRowsModel::chatroomData(*chatroom, DisplayNameRole, {}).toString() : id;
}

QString SupervisorBoard::agentName(const UserId &id) const
{
    const BoardAgent agent = m_columns ? m_columns->agent(id) : BoardAgent{};
    return agent.name.isEmpty() ? id : agent.name;
}

} // namespace handover
