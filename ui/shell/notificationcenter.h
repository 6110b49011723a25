#pragma once

#include "client/notificationfilter.h"
#include "core/domain/event.h"

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QMenu;

namespace handover {

class DesktopNotifier;

namespace client {
class ConsoleSession;
}

// Desktop notifications and the tray icon. A notification is raised for what needs a human
// (NotificationFilter: the customer writing or tapping in the user's chatrooms, a chatroom given to the user;
// never the bot's own sends, never a silent event), each saying what happened; what happened while the
// console was away comes as one summary. The tray shows the user's unread count in open chatrooms. Clicking a
// notification opens its chatroom.
class NotificationCenter final : public QObject
{
    Q_OBJECT

public:
    explicit NotificationCenter(QObject *parent = nullptr);
    ~NotificationCenter() override;

    void setSession(client::ConsoleSession *session);
    // The chatroom the user is looking at while the window is active raises no notification.
    void setFocusedChatroom(const ChatroomId &id) { m_focused = id; }
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }
    void setTrayMenu(QMenu *menu);

    int unreadCount() const { return m_unreadTotal; }
    bool hasTray() const { return m_tray != nullptr; }
    client::NotificationFilter *filter() const { return m_filter; }
    DesktopNotifier *notifier() const { return m_notifier; }
    static QIcon badgedIcon(const QIcon &base, int count);

Q_SIGNALS:
    void notificationRaised(const QString &chatroomId, const QString &title, const QString &body);
    void unreadCountChanged(int count);
    void chatroomRequested(const QString &chatroomId); // a notification or the tray was clicked
    void windowRequested();

private:
    void applyEvents(const QList<handover::Event> &events);
    void recount();
    void setUnread(const ChatroomId &id, int count);
    void raise(const client::Notice &notice);
    void raiseBacklog(const QList<client::Notice> &notices);
    void show(const QString &title, const QString &body, const ChatroomId &chatroomId);
    void updateTray();

    QPointer<client::ConsoleSession> m_session;
    QSystemTrayIcon *m_tray = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    client::NotificationFilter *m_filter = nullptr;
    QIcon m_baseIcon;
    QHash<ChatroomId, int> m_unread; // the viewer's unread count per open chatroom, only where > 0
    int m_unreadTotal = 0;
    ChatroomId m_focused;
    bool m_enabled = true;
};

// The user's unread count in a chatroom as the badges count it: none in a closed one.
int unreadOf(const Chatroom &chatroom, const UserId &userId);
// What a notification says: {title, body}, naming what happened ("Tapped “Yes, show me”").
std::pair<QString, QString> noticeText(const client::Notice &notice);
// ...and the summary of a backlog.
std::pair<QString, QString> backlogText(const QList<client::Notice> &notices);

} // namespace handover
