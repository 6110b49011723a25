#pragma once

#include "client/consolesession.h"
#include "core/domain/event.h"
#include "core/domain/ids.h"
#include "ui/board/boardmime.h"

#include <QHash>
#include <QPointer>
#include <QWidget>
#include <memory>

QT_BEGIN_NAMESPACE
class QAction;
class QHBoxLayout;
class QListView;
class QMenu;
class QScrollArea;
QT_END_NAMESPACE

namespace handover {

class BoardColumnModel;
class BoardColumns;
class BoardColumnView;
class BoardMessageBar;
class ChatroomDelegate;
class Clock;
class ReassignCommand;

// The supervisor board: a column per agent (name, online or not, how many chatrooms), one per group and one
// of the chatrooms awaiting handover, each a list of chatroom cards; the columns share the board's width. A
// supervisor reassigns (R11) by dragging cards to another agent's column, or to a group's (its least busy
// agent gets them, R21), or from the keyboard: the card's context menu (or Ctrl+Shift+R) offers "Reassign
// to", the groups and the agents. Either way the board only sends the command; the cards move when the
// reassignment's events arrive, and a refusal is shown in the board's message bar with the reason. For
// 10 seconds after a reassignment lands, Undo puts the chatrooms back with the agent each was with (a
// reassignment back, through the outbox); a chatroom that was awaiting handover cannot be put back there.
class SupervisorBoard : public QWidget
{
    Q_OBJECT

public:
    // The clock (for the cards' times) must outlive the board.
    explicit SupervisorBoard(const Clock &clock, QWidget *parent = nullptr);
    ~SupervisorBoard() override;

    // Shows this session's org: the chatrooms from its cache at once, the agents once GET users answers,
    // then follows its events. Not owned; nullptr empties the board.
    void setSession(client::ConsoleSession *session);
    client::ConsoleSession *session() const { return m_session; }

    // What the board shows, for the main window and tests; null without a session.
    BoardColumns *columns() const { return m_columns; }
    // The column of a user (an empty id: Awaiting handover); nullptr when there is none.
    BoardColumnView *columnView(const UserId &userId) const;
    QString message() const; // the message bar's text, empty when it is hidden

    // Sends the reassign command for each chatroom, after checking that the target is an agent or a known
    // group; the drop and the menu both come here.
    void reassign(const DraggedChatrooms &chatrooms, const client::Assignee &to);
    void reassign(const DraggedChatrooms &chatrooms, const UserId &to)
    {
        reassign(chatrooms, client::Assignee::user(to));
    }
    // Groups the console knows by name (local mode's): a column each. Kept across sessions.
    void setKnownGroups(const QList<Group> &groups);
    // How long Undo is offered after a reassignment (10 s; tests shorten it).
    void setUndoPeriodMs(int ms) { m_undoMs = ms; }
    bool isUndoOffered() const;
    // What the Undo button does.
    void undo();
    // The "Reassign to" menu for the selected cards of the focused column (Ctrl+Shift+R); nullptr when no
    // card is selected. The menu is open, not modal, and deletes itself when closed.
    QMenu *openReassignMenu();
    QAction *reassignAction() const { return m_reassignAction; }

Q_SIGNALS:
    // A card was double-clicked or Enter was pressed on it (or "Open" chosen in its menu).
    void chatroomActivated(const QString &chatroomId);

private:
    void clear();
    void loadChatrooms();
    void loadUsers();
    void onEventsApplied(const QList<Event> &events);
    void insertColumnView(int index);
    void placeColumnViews();
    BoardColumnView *focusedColumn() const;
    QStringList selectedChatrooms(const BoardColumnView *column) const;
    QString chatroomName(const ChatroomId &id) const;
    QString agentName(const UserId &id) const;

    // supervisorboardreassign.cpp
    void onDropped(BoardColumnModel *target, const DraggedChatrooms &dragged);
    QString refusalFor(const DraggedChatrooms &chatrooms, const client::Assignee &to) const;
    bool isWith(const ChatroomId &chatroomId, const client::Assignee &to) const;
    QString targetName(const client::Assignee &to) const;
    void onAccepted(const QString &chatroomId);
    void onRefused(const QString &chatroomId, const QString &reason);
    void checkArrived(const ChatroomId &chatroomId);
    void onOutboxItem(qint64 localId, client::OutboxState state);
    void showCardMenu(BoardColumnView *column, const QPoint &position);
    QMenu *fillReassignMenu(QMenu *menu, const QStringList &chatroomIds);
    QMenu *popUp(QMenu *menu, BoardColumnView *column, const QPoint &position);

    const Clock &m_clock;
    QPointer<client::ConsoleSession> m_session;
    std::unique_ptr<IdSource> m_keys;
    ChatroomDelegate *m_delegate;
    BoardMessageBar *m_messageBar;
    QScrollArea *m_scroll;
    QWidget *m_strip;
    QHBoxLayout *m_stripLayout;
    QAction *m_reassignAction;
    BoardColumns *m_columns = nullptr;
    ReassignCommand *m_command = nullptr;
    QHash<BoardColumnModel *, BoardColumnView *> m_views;
    QHash<ChatroomId, client::Assignee> m_expected; // reassignments sent, until the chatroom shows them
    // The latest reassignment's chatrooms that can be put back, each with the agent it was with: offered as
    // Undo once they have all landed.
    QList<std::pair<ChatroomId, UserId>> m_undoable;
    QHash<qint64, ChatroomId> m_undoItems; // outbox items putting chatrooms back, until answered
    QList<Group> m_knownGroups;
    int m_undoMs = 10000;
    QPointer<QMenu> m_menu;
    bool m_loadingUsers = false;
};

} // namespace handover
