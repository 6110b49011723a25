#pragma once

#include "core/domain/event.h"

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QMenu;

namespace handover {

namespace client {
class ConsoleSession;
}

// Desktop notifications and the tray icon. A notification is raised only for what RULES.md names (a chatroom
// given to the user, a bumping message in their Mine view not sent as them; never a silent event), through
// eventNotifies(); the tray shows the user's unread count in open chatrooms. Clicking a notification opens its chatroom.
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
    void raise(const Event &event);
    void updateTray();

    QPointer<client::ConsoleSession> m_session;
    QSystemTrayIcon *m_tray = nullptr;
    QIcon m_baseIcon;
    QHash<ChatroomId, int> m_unread; // the viewer's unread count per open chatroom, only where > 0
    int m_unreadTotal = 0;
    ChatroomId m_focused;
    ChatroomId m_lastNotified;
    bool m_enabled = true;
};

// Why a chatroom became the user's, from the reason code of chatroom.assigned, as a sentence.
QString assignmentReasonText(const QString &reasonCode);
// The user's unread count in a chatroom as the badges count it: none in a closed one.
int unreadOf(const Chatroom &chatroom, const UserId &userId);
// What a notification says about an event: {title, body}.
std::pair<QString, QString> notificationText(const Event &event);

} // namespace handover
