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

// The supervisor board: a column per agent (name, online or not, how many chatrooms) and one of the
// chatrooms awaiting handover, each a list of chatroom cards. A supervisor reassigns (R11) by dragging
// cards to another agent's column, or from the keyboard: the card's context menu (or Ctrl+Shift+R) offers
// "Reassign to" and the agents. Either way the board only sends the command; the cards move when the
// reassignment's events arrive, and a refusal is shown in the board's message bar with the reason.
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

    // Sends the reassign command for each chatroom, after checking that the target is an agent; the drop
    // and the menu both come here.
    void reassign(const DraggedChatrooms &chatrooms, const UserId &to);
    // The "Reassign to" menu for the selected cards of the focused column (Ctrl+Shift+R); nullptr when no
    // card is selected. The menu is open, not modal, and deletes itself when closed.
    QMenu *openReassignMenu();

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
    QString refusalFor(const DraggedChatrooms &chatrooms, const UserId &to) const;
    bool isWith(const ChatroomId &chatroomId, const UserId &userId) const;
    void onAccepted(const QString &chatroomId, const QString &to);
    void onRefused(const QString &chatroomId, const QString &to, const QString &reason);
    void checkArrived(const ChatroomId &chatroomId);
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
    QHash<ChatroomId, UserId> m_expected; // reassignments sent, until the chatroom shows them
    QPointer<QMenu> m_menu;
    bool m_loadingUsers = false;
};

} // namespace handover
