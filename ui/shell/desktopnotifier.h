#pragma once

#include "core/domain/ids.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace handover {

// Shows a desktop notification for a chatroom and says when the user clicked it. On Linux and the BSDs it
// talks to the desktop's notification service (org.freedesktop.Notifications on the session bus) with a
// default action, so a click on the notification itself (not only a button in it) opens the chatroom; a
// newer notification of the same chatroom replaces the older one. Where that service does not answer, and
// on Windows and macOS, the tray icon's message is used, whose click means the latest notification.
class DesktopNotifier final : public QObject
{
    Q_OBJECT

public:
    // The tray icon may be null (no tray): then only the desktop service can show anything.
    explicit DesktopNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);
    ~DesktopNotifier() override;

    void show(const QString &title, const QString &body, const ChatroomId &chatroomId);
    // The desktop service is used (the session bus has it), rather than the tray.
    bool usesDesktopService() const { return m_desktopService; }

Q_SIGNALS:
    void activated(const QString &chatroomId); // the user clicked the notification

private Q_SLOTS:
    // Signals of org.freedesktop.Notifications (QtDBus connects signals to slots by signature).
    void actionInvoked(uint id, const QString &action);
    void notificationClosed(uint id, uint reason);

private:
    void showInTray(const QString &title, const QString &body, const ChatroomId &chatroomId);

    QPointer<QSystemTrayIcon> m_tray;
    bool m_desktopService = false;
    QHash<uint, ChatroomId> m_shown;      // the desktop service's notification id -> its chatroom
    QHash<ChatroomId, uint> m_byChatroom; // ...and back, to replace a chatroom's older notification
    ChatroomId m_trayChatroom;            // the tray's latest message
};

} // namespace handover
