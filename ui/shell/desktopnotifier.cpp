#include "ui/shell/desktopnotifier.h"

#include "core/logging.h"

#include <QGuiApplication>
#include <QSystemTrayIcon>

#ifdef HANDOVER_FREEDESKTOP_NOTIFICATIONS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

namespace handover {

#ifdef HANDOVER_FREEDESKTOP_NOTIFICATIONS
namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kDefaultAction = QStringLiteral("default");
} // namespace
#endif

DesktopNotifier::DesktopNotifier(QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent)
    , m_tray(tray)
{
    if (m_tray) {
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_trayChatroom.isEmpty())
                Q_EMIT activated(m_trayChatroom);
        });
    }
#ifdef HANDOVER_FREEDESKTOP_NOTIFICATIONS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        m_desktopService = bus.interface()->isServiceRegistered(kService) ||
                           bus.interface()->activatableServiceNames().value().contains(kService);
        bus.connect(kService, kPath, kService, QStringLiteral("ActionInvoked"), this,
                    SLOT(actionInvoked(uint, QString)));
        bus.connect(kService, kPath, kService, QStringLiteral("NotificationClosed"), this,
                    SLOT(notificationClosed(uint, uint)));
    }
#endif
}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::show(const QString &title, const QString &body, const ChatroomId &chatroomId)
{
#ifdef HANDOVER_FREEDESKTOP_NOTIFICATIONS
    if (m_desktopService) {
        QDBusMessage notify =
            QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
        const QVariantMap hints{{QStringLiteral("desktop-entry"), QStringLiteral("handover")},
                                {QStringLiteral("category"), QStringLiteral("im.received")}};
        notify << QGuiApplication::applicationDisplayName() << m_byChatroom.value(chatroomId, 0u)
               << QStringLiteral("handover") << title << body << QStringList{kDefaultAction, tr("Open")}
               << hints << qint32(-1);
        auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(notify), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, title, body, chatroomId] {
            watcher->deleteLater();
            const QDBusPendingReply<uint> reply = *watcher;
            if (reply.isError()) {
                qCInfo(lcUi) << "desktop notifications: the service did not answer:"
                             << reply.error().message();
                m_desktopService = false;
                showInTray(title, body, chatroomId);
                return;
            }
            m_shown.insert(reply.value(), chatroomId);
            m_byChatroom.insert(chatroomId, reply.value());
        });
        return;
    }
#endif
    showInTray(title, body, chatroomId);
}

void DesktopNotifier::showInTray(const QString &title, const QString &body, const ChatroomId &chatroomId)
{
    if (!m_tray)
        return;
    m_trayChatroom = chatroomId;
    m_tray->showMessage(title, body, m_tray->icon(), 8000);
}

void DesktopNotifier::actionInvoked(uint id, const QString &action)
{
    const auto shown = m_shown.constFind(id);
    if (shown == m_shown.cend())
        return; // another application's notification
    // "default" is a click on the notification; the only button, "Open", means the same.
    Q_UNUSED(action)
    Q_EMIT activated(*shown);
}

void DesktopNotifier::notificationClosed(uint id, uint)
{
    const ChatroomId chatroomId = m_shown.take(id);
    if (!chatroomId.isEmpty() && m_byChatroom.value(chatroomId) == id)
        m_byChatroom.remove(chatroomId);
}

} // namespace handover
