#include "ui/shell/notificationcenter.h"

#include "client/consolesession.h"
#include "core/logging.h"
#include "ui/common/messagewording.h"
#include "ui/shell/desktopnotifier.h"

#include <QApplication>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWidget>

namespace handover {

std::pair<QString, QString> noticeText(const client::Notice &notice)
{
    using Kind = client::Notice::Kind;
    const QString &name = notice.chatroomName;
    switch (notice.kind) {
    case Kind::CustomerWrote:
        if (notice.messageKind != MessageKind::Text)
            return {name, MessageWording::arrival(notice.messageKind, notice.text)};
        return {name, notice.text.isEmpty() ? NotificationCenter::tr("New message") : notice.text};
    case Kind::CustomerTapped:
        return {name, NotificationCenter::tr("Tapped \u201c%1\u201d").arg(notice.text)};
    case Kind::HandedOver:
        if (notice.tapped)
            return {NotificationCenter::tr("Now yours: %1").arg(name),
                    NotificationCenter::tr("Handed over to you: the customer tapped \u201c%1\u201d.")
                        .arg(notice.text)};
        if (notice.messageKind != MessageKind::Text)
            return {NotificationCenter::tr("Now yours: %1").arg(name),
                    NotificationCenter::tr("Handed over to you. %1")
                        .arg(MessageWording::arrival(notice.messageKind, notice.text))};
        return {NotificationCenter::tr("Now yours: %1").arg(name),
                notice.text.isEmpty()
                    ? NotificationCenter::tr("Handed over to you: the customer wrote to the bot.")
                    : NotificationCenter::tr("Handed over to you: the customer wrote \u201c%1\u201d.")
                          .arg(notice.text)};
    case Kind::Reassigned:
        return {NotificationCenter::tr("Now yours: %1").arg(name),
                NotificationCenter::tr("Reassigned to you by a supervisor.")};
    case Kind::Assigned:
        return {NotificationCenter::tr("Now yours: %1").arg(name),
                NotificationCenter::tr("A new chatroom was assigned to you.")};
    }
    return {name, {}};
}

std::pair<QString, QString> backlogText(const QList<client::Notice> &notices)
{
    const int count = int(notices.size());
    const QString title = NotificationCenter::tr("%n chatroom(s) need you", nullptr, count);
    if (count == 1)
        return {title, noticeText(notices.first()).first};
    if (count == 2)
        return {
            title,
            NotificationCenter::tr("%1 and %2").arg(notices.at(0).chatroomName, notices.at(1).chatroomName)};
    return {title, NotificationCenter::tr("%1, %2 and %n more", nullptr, count - 2)
                       .arg(notices.at(0).chatroomName, notices.at(1).chatroomName)};
}

int unreadOf(const Chatroom &chatroom, const UserId &userId)
{
    // A closed chatroom waits for nobody: its messages count in no badge (R12).
    const Participant *participant = chatroom.isActive() ? chatroom.participant(userId) : nullptr;
    return participant ? participant->unreadCount : 0;
}

NotificationCenter::NotificationCenter(QObject *parent)
    : QObject(parent)
    , m_filter(new client::NotificationFilter(this))
    , m_baseIcon(QIcon(QStringLiteral(":/icons/handover.svg")))
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(m_baseIcon, this);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT windowRequested();
        });
        m_tray->show();
    }
    m_notifier = new DesktopNotifier(m_tray, this);
    connect(m_notifier, &DesktopNotifier::activated, this, [this](const QString &chatroomId) {
        Q_EMIT windowRequested();
        Q_EMIT chatroomRequested(chatroomId);
    });
    connect(m_filter, &client::NotificationFilter::noticeRaised, this, &NotificationCenter::raise);
    connect(m_filter, &client::NotificationFilter::backlogReady, this, &NotificationCenter::raiseBacklog);
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
    m_filter->setSession(session);
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
        if (event.kind != EventKind::PresenceUpdated)
            setUnread(event.chatroom.id, unreadOf(event.chatroom, self));
    }
    if (m_unreadTotal != before) {
        updateTray();
        Q_EMIT unreadCountChanged(m_unreadTotal);
    }
}

void NotificationCenter::raise(const client::Notice &notice)
{
    if (!m_enabled || (QApplication::activeWindow() && notice.chatroomId == m_focused))
        return; // the user is reading it
    const auto [title, body] = noticeText(notice);
    show(title, body, notice.chatroomId);
}

void NotificationCenter::raiseBacklog(const QList<client::Notice> &notices)
{
    if (!m_enabled)
        return;
    const auto [title, body] = backlogText(notices);
    show(title, body, notices.first().chatroomId); // the newest
}

void NotificationCenter::show(const QString &title, const QString &body, const ChatroomId &chatroomId)
{
    Q_EMIT notificationRaised(chatroomId, title, body);
    m_notifier->show(title, body, chatroomId);
}

void NotificationCenter::updateTray()
{
    if (!m_tray)
        return;
    m_tray->setIcon(badgedIcon(m_baseIcon, m_unreadTotal));
    m_tray->setToolTip(m_unreadTotal > 0 ? tr("Handover: %n unread", nullptr, m_unreadTotal)
                                         : tr("Handover"));
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
