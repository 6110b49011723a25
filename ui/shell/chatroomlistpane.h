#pragma once

#include "core/domain/event.h"

#include <QPointer>
#include <QWidget>
#include <memory>

class QLineEdit;
class QStackedWidget;
class QTabBar;
class QLabel;

namespace handover {

class ChatroomFilterModel;
class ChatroomListModel;
class ChatroomListView;
class Clock;

namespace client {
class ConsoleSession;
}

// The left side of the window: the views the user's role may see (Mine; Awaiting handover and All for
// supervisors and admins), the search box and the list. One list model at a time, for the current view,
// loaded from the local cache and kept current by the session's events.
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

    ChatroomId currentChatroom() const;
    void setCurrentChatroom(const ChatroomId &id);
    void selectNext();
    void selectPrevious();
    bool selectNextUnread(); // false when no chatroom of the view has unread messages
    void focusSearch();

    ChatroomListModel *listModel() const { return m_model.get(); }
    ChatroomListView *listView() const { return m_list; }

Q_SIGNALS:
    void currentChatroomChanged(const QString &chatroomId);
    void viewChanged(handover::View view);

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void applyEvents(const QList<handover::Event> &events);
    void updateViewTabs();
    void updateSearch();
    void updateEmptyState();
    ChatroomListView *activeList() const;
    void retranslate();

    const Clock &m_clock;
    QPointer<client::ConsoleSession> m_session;
    View m_view = View::Mine;
    QList<View> m_views{View::Mine};
    std::unique_ptr<ChatroomListModel> m_model;
    std::unique_ptr<ChatroomFilterModel> m_filter;

    QTabBar *m_tabs = nullptr;
    QLineEdit *m_search = nullptr;
    QStackedWidget *m_stack = nullptr;
    ChatroomListView *m_list = nullptr;
    ChatroomListView *m_results = nullptr;
    QLabel *m_empty = nullptr;
};

QString viewTitle(View view);

} // namespace handover
