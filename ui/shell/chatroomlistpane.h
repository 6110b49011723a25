#pragma once

#include "core/domain/event.h"

#include <QPointer>
#include <QWidget>
#include <memory>

class QKeyEvent;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTabBar;
class QLabel;
class QToolButton;

namespace handover {

class ChatroomFilterModel;
class ChatroomListModel;
class ChatroomListView;
class Clock;

namespace client {
class ConsoleSession;
}

// The left side of the window: the views the user's role may see (Mine; Awaiting handover and All for
// supervisors and admins, where each row also names who has the chatroom), the search box and the list. One
// list model at a time, for the current view, loaded from the local cache and kept current by the session's
// events. The list shows the open chatrooms; closed ones (deactivated or expired, R12) wait in a "Closed"
// section under it, collapsed until asked for.
//
// One chatroom is current, by id, whichever list shows it: the open list, the closed section or the search's
// results. Every list selects it when it holds it and nothing otherwise, so no list ever highlights another
// chatroom than the one the conversation shows.
//
// The search box works from the keyboard: Down goes into the results and opens the first, Enter opens the
// selected (or first) result for writing, Esc clears the search (and, when it is empty, goes to the list).
// Alt with a letter or digit is a shortcut, never text in the box.
class ChatroomListPane final : public QWidget
{
    Q_OBJECT

public:
    explicit ChatroomListPane(const Clock &clock, QWidget *parent = nullptr);
    ~ChatroomListPane() override;

    void setSession(client::ConsoleSession *session);
    View view() const { return m_view; }
    void setView(View view);
    QList<View> availableViews() const { return m_views; }

    ChatroomId currentChatroom() const { return m_current; }
    // Selects the chatroom in the list that holds it (the closed section opens for a closed one; a search
    // that does not find it is cleared); one that is not in the view clears the selection.
    void setCurrentChatroom(const ChatroomId &id);
    void selectNext();
    void selectPrevious();
    bool selectNextUnread(); // false when no open chatroom of the view has unread messages
    void focusSearch();

    ChatroomListModel *listModel() const { return m_model.get(); } // every chatroom of the view
    ChatroomListView *listView() const { return m_list; }          // the open ones
    ChatroomListView *closedView() const { return m_closedList; }
    ChatroomListView *resultsView() const { return m_results; }
    int closedCount() const;
    bool isClosedSectionExpanded() const;
    void setClosedSectionExpanded(bool expanded);

Q_SIGNALS:
    void currentChatroomChanged(const QString &chatroomId);
    // Enter in the search box opened a chatroom: the user wants to write in it.
    void chatroomChosen(const QString &chatroomId);
    void viewChanged(handover::View view);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reload();
    void applyEvents(const QList<handover::Event> &events);
    void updateViewTabs();
    void updateSearch();
    void updateEmptyState();
    void updateClosedToggle();
    void updateAssignees();
    bool isSearching() const;
    void listCurrentChanged(const QString &chatroomId);
    void rowsArrived(ChatroomListView *list, int first, int last);
    void setCurrent(const ChatroomId &id);
    void selectInLists();
    ChatroomListView *navigationList() const;
    bool searchKey(const QKeyEvent *key);
    bool resultsKey(const QKeyEvent *key);
    void retranslate();

    const Clock &m_clock;
    QPointer<client::ConsoleSession> m_session;
    View m_view = View::Mine;
    QList<View> m_views{View::Mine};
    ChatroomId m_current;
    bool m_selecting = false; // the lists are being brought in line with m_current
    std::unique_ptr<ChatroomListModel> m_model;
    std::unique_ptr<ChatroomFilterModel> m_open;
    std::unique_ptr<ChatroomFilterModel> m_closed; // only while the closed section is open
    std::unique_ptr<ChatroomFilterModel> m_filter;

    QTabBar *m_tabs = nullptr;
    QLineEdit *m_search = nullptr;
    QSplitter *m_split = nullptr;
    QStackedWidget *m_stack = nullptr;
    ChatroomListView *m_list = nullptr;
    ChatroomListView *m_results = nullptr;
    QLabel *m_empty = nullptr;
    QWidget *m_closedSection = nullptr;
    QToolButton *m_closedToggle = nullptr;
    ChatroomListView *m_closedList = nullptr;
};

QString viewTitle(View view);

} // namespace handover
