#include "client/notificationfilter.h"

#include "client/consolesession.h"

namespace handover::client {

namespace {

QString nameOf(const Chatroom &chatroom)
{
    return chatroom.displayName.isEmpty() ? chatroom.phoneNumber : chatroom.displayName;
}

Notice notice(Notice::Kind kind, const Event &event, QString text)
{
    return Notice{kind, event.chatroom.id, nameOf(event.chatroom), std::move(text), false, event.seq};
}

// What the customer last wrote or tapped, as the chatroom after the event shows it.
QString customerPreview(const Chatroom &chatroom)
{
    return chatroom.lastMessage && chatroom.lastMessage->direction == Direction::In
               ? chatroom.lastMessage->preview
               : QString();
}

} // namespace

std::optional<Notice> noticeFor(const Event &event, const UserId &userId)
{
    if (!event.chatroom.isActive() || !eventNotifies(event, userId))
        return std::nullopt;
    if (event.kind == EventKind::ChatroomAssigned) {
        if (event.reason == reason::reassigned())
            return notice(Notice::Kind::Reassigned, event, {});
        if (event.reason == reason::created())
            return notice(Notice::Kind::Assigned, event, {});
        Notice handedOver = notice(Notice::Kind::HandedOver, event, customerPreview(event.chatroom));
        handedOver.tapped = event.reason == reason::handoverButton();
        if (event.chatroom.lastMessage && event.chatroom.lastMessage->direction == Direction::In)
            handedOver.messageKind = event.chatroom.lastMessage->kind;
        return handedOver;
    }
    const Message &message = *event.message; // eventNotifies() passes only message.created with its message
    if (message.direction != Direction::In || message.sender.type != SenderType::Customer)
        return std::nullopt; // the bot's and the agents' sends, and system notes, need nobody
    if (message.kind == MessageKind::ButtonReply)
        return notice(Notice::Kind::CustomerTapped, event,
                      message.button ? message.button->text : message.text);
    Notice wrote = notice(Notice::Kind::CustomerWrote, event, messagePreview(message));
    wrote.messageKind = message.kind;
    return wrote;
}

NotificationFilter::NotificationFilter(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Notice>();
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(kReplayQuietMs);
    connect(&m_quiet, &QTimer::timeout, this, &NotificationFilter::flushBacklog);
}

NotificationFilter::~NotificationFilter() = default;

void NotificationFilter::setSession(ConsoleSession *session)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_quiet.stop();
    m_backlog.clear();
    m_replayUntil = 0;
    m_session = session;
    m_userId = session ? session->user().id : UserId();
    if (!session)
        return;
    m_connections << connect(&session->sync(), &SyncEngine::welcomed, this,
                             [this](const WelcomeFrame &welcome) { welcomed(welcome.headSeq); });
    m_connections << connect(session, &ConsoleSession::eventsApplied, this, &NotificationFilter::applyEvents);
    m_connections << connect(session, &QObject::destroyed, this, [this] { setSession(nullptr); });
}

void NotificationFilter::welcomed(qint64 headSeq)
{
    m_replayUntil = headSeq;
}

void NotificationFilter::applyEvents(const QList<Event> &events)
{
    // One notice per chatroom and batch, in the order the chatrooms first need one; a chatroom given to the
    // user says more than a message in it, so it wins.
    QList<Notice> batch;
    bool pastReplay = false;
    for (const Event &event : events) {
        if (event.seq >= m_replayUntil)
            pastReplay = true;
        std::optional<Notice> found = noticeFor(event, m_userId);
        if (!found)
            continue;
        const auto same = std::find_if(batch.begin(), batch.end(),
                                       [&](const Notice &n) { return n.chatroomId == found->chatroomId; });
        if (same == batch.end())
            batch.append(*found);
        else if (found->kind >= Notice::Kind::HandedOver || same->kind < Notice::Kind::HandedOver)
            *same = *found;
    }
    for (const Notice &found : std::as_const(batch)) {
        if (found.seq <= m_replayUntil) {
            m_backlog.erase(std::remove_if(m_backlog.begin(), m_backlog.end(),
                                           [&](const Notice &n) { return n.chatroomId == found.chatroomId; }),
                            m_backlog.end());
            m_backlog.prepend(found);
            m_quiet.start();
        } else {
            Q_EMIT noticeRaised(found);
        }
    }
    if (pastReplay)
        flushBacklog();
}

void NotificationFilter::flushBacklog()
{
    m_quiet.stop();
    if (m_backlog.isEmpty())
        return;
    const QList<Notice> backlog = std::exchange(m_backlog, {});
    Q_EMIT backlogReady(backlog);
}

} // namespace handover::client
