#include "ui/shell/notificationcenter.h"

#include "client/consolesession.h"
#include "core/logging.h"

#include <QApplication>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWidget>

namespace handover {

QString assignmentReasonText(const QString &code)
{
    if (code == reason::handoverFreeFlow())
        return NotificationCenter::tr("Handed over to you: the customer wrote to the bot.");
    if (code == reason::handoverButton())
        return NotificationCenter::tr("Handed over to you: the customer tapped a button.");
    if (code == reason::reassigned())
        return NotificationCenter::tr("Reassigned to you by a supervisor.");
    if (code == reason::created())
        return NotificationCenter::tr("A new chatroom was assigned to you.");
    return NotificationCenter::tr("This chatroom is now yours.");
}

std::pair<QString, QString> notificationText(const Event &event)
{
    const QString name = event.chatroom.displayName.isEmpty() ? event.chatroom.remotePhoneId
                                                               : event.chatroom.displayName;
    if (event.kind == EventKind::ChatroomAssigned)
        return {NotificationCenter::tr("Now yours: %1").arg(name), assignmentReasonText(event.reason)};
    QString body = event.chatroom.lastMessage ? event.chatroom.lastMessage->preview : QString();
    if (body.isEmpty())
        body = NotificationCenter::tr("New message");
    return {name, body};
}

int unreadOf(const Chatroom &chatroom, const UserId &userId)
{
    // A closed chatroom waits for nobody: its messages count in no badge (R12).
    const Participant *participant = chatroom.isActive() ? chatroom.participant(userId) : nullptr;
    return participant ? participant->unreadCount : 0;
}

NotificationCenter::NotificationCenter(QObject *parent)
    : QObject(parent), m_baseIcon(QIcon(QStringLiteral(":/icons/handover.svg")))
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(m_baseIcon, this);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            Q_EMIT windowRequested();
            if (!m_lastNotified.isEmpty())
                Q_EMIT chatroomRequested(m_lastNotified);
        });
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT windowRequested();
        });
        m_tray->show();
    }
    updateTray();
}

NotificationCenter::~NotificationCenter() = default;

void NotificationCenter::setTrayMenu(QMenu *menu)
{
    if (m_tray)
        m_tray->setContextMenu(menu);
}

void NotificationCenter::setSession(client::ConsoleSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        connect(session, &client::ConsoleSession::eventsApplied, this, &NotificationCenter::applyEvents);
        connect(session, &client::ConsoleSession::cacheReloaded, this, &NotificationCenter::recount);
    }
    recount();
}

void NotificationCenter::recount()
{
    m_unread.clear();
    m_unreadTotal = 0;
    if (m_session) {
        auto mine = m_session->cache().chatrooms(View::Mine);
        if (!mine)
            qCWarning(lcUi) << "unread count: the cache could not be read:" << mine.error().description;
        else
            for (const Chatroom &chatroom : std::as_const(*mine))
                setUnread(chatroom.id, unreadOf(chatroom, m_session->user().id));
    }
    updateTray();
    Q_EMIT unreadCountChanged(m_unreadTotal);
}

void NotificationCenter::setUnread(const ChatroomId &id, int count)
{
    m_unreadTotal += count - m_unread.value(id);
    if (count > 0)
        m_unread.insert(id, count);
    else
        m_unread.remove(id);
}

void NotificationCenter::applyEvents(const QList<Event> &events)
{
    if (!m_session)
        return;
    const int before = m_unreadTotal;
    const UserId &self = m_session->user().id;
    for (const Event &event : events) {
        if (event.kind == EventKind::PresenceUpdated)
            continue;
        setUnread(event.chatroom.id, unreadOf(event.chatroom, self));
        if (m_enabled && eventNotifies(event, self))
            raise(event);
    }
    if (m_unreadTotal != before) {
        updateTray();
        Q_EMIT unreadCountChanged(m_unreadTotal);
    }
}

void NotificationCenter::raise(const Event &event)
{
    const QWidget *window = QApplication::activeWindow();
    if (window && event.chatroom.id == m_focused)
        return; // the user is reading it
    const auto [title, body] = notificationText(event);
    m_lastNotified = event.chatroom.id;
    Q_EMIT notificationRaised(event.chatroom.id, title, body);
    if (m_tray)
        m_tray->showMessage(title, body, m_baseIcon, 8000);
}

void NotificationCenter::updateTray()
{
    if (!m_tray)
        return;
    m_tray->setIcon(badgedIcon(m_baseIcon, m_unreadTotal));
    m_tray->setToolTip(m_unreadTotal > 0 ? tr("Handover: %n unread", nullptr, m_unreadTotal) : tr("Handover"));
}

QIcon NotificationCenter::badgedIcon(const QIcon &base, int count)
{
    if (count <= 0)
        return base;
    QIcon badged;
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = base.pixmap(size, size);
        if (pixmap.isNull()) {
            pixmap = QPixmap(size, size);
            pixmap.fill(Qt::transparent);
        }
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const int d = size * 5 / 8;
        const QRect badge(size - d, 0, d, d);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0xd0, 0x30, 0x30));
        painter.drawEllipse(badge);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(std::max(6, d * 2 / 3));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(badge, Qt::AlignCenter, count > 99 ? QStringLiteral("99+") : QString::number(count));
        painter.end();
        badged.addPixmap(pixmap);
    }
    return badged;
}

} // namespace handover
