#include "tests/ui/chatroomstream.h"

#include "core/chatroomindex.h"

#include <algorithm>

namespace handover {

namespace {

const char16_t *const kFirstNames[] = {u"Ana",   u"Ben",  u"Chiara", u"Dmitri", u"Emeka", u"Fatima",
                                       u"Goran", u"Hana", u"Ivo",    u"Jule",   u"Kofi",  u"Lena"};
const char16_t *const kLastNames[] = {u"Silva",  u"Okafor",    u"Rossi",  u"Novak",  u"Weber",
                                      u"Haddad", u"Lindqvist", u"Tanaka", u"Moreau", u"Kowalski"};
constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

} // namespace

ChatroomStream::ChatroomStream(quint64 seed, int agents)
    : m_random(seed)
    , m_agents(agents)
    , m_nowMs(QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch())
{}

UserId ChatroomStream::agent(int number)
{
    return QStringLiteral("agent-%1").arg(number);
}

UserId ChatroomStream::supervisor()
{
    return QStringLiteral("supervisor-1");
}

int ChatroomStream::below(int bound)
{
    return int(m_random() % quint64(bound));
}

QDateTime ChatroomStream::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC);
}

SortKey ChatroomStream::bumpKey()
{
    return SortKey{m_nowMs, m_seq};
}

Chatroom ChatroomStream::newChatroom(int number, bool awaitingHandover, SortKey key)
{
    Chatroom chatroom;
    chatroom.id = QStringLiteral("chatroom-%1").arg(number, 5, 10, QLatin1Char('0'));
    chatroom.orgId = QStringLiteral("org-1");
    chatroom.contactId = QStringLiteral("contact-%1").arg(number);
    chatroom.displayName = QString::fromUtf16(kFirstNames[below(std::size(kFirstNames))]) + QLatin1Char(' ') +
                           QString::fromUtf16(kLastNames[below(std::size(kLastNames))]);
    chatroom.phoneNumber = QStringLiteral("+4915100%1").arg(number, 5, 10, QLatin1Char('0'));
    chatroom.remoteWabaId = QStringLiteral("waba-1");
    chatroom.remotePhoneId = QStringLiteral("phone-1");
    chatroom.sortKey = key;
    chatroom.createdAt = QDateTime::fromMSecsSinceEpoch(key.bumpedAtMs, Qt::UTC);
    if (awaitingHandover) {
        chatroom.pendingHandover = PendingHandover{agent(1 + below(m_agents)), {}, chatroom.createdAt};
    } else {
        chatroom.participants.append(
            Participant{agent(1 + below(m_agents)), chatroom.createdAt, {}, below(3)});
        if (below(8) == 0) {
            const UserId second = agent(1 + below(m_agents));
            if (!chatroom.hasParticipant(second))
                chatroom.participants.append(Participant{second, chatroom.createdAt, {}, 0});
        }
    }
    chatroom.lastMessage =
        LastMessage{QStringLiteral("m-%1").arg(number), QStringLiteral("Hello, I am interested"),
                    Direction::In, false, chatroom.createdAt};
    chatroom.lastCustomerMessageAt = chatroom.createdAt;
    return chatroom;
}

QList<Chatroom> ChatroomStream::start(int count)
{
    QList<Chatroom> all;
    for (int i = 0; i < count; ++i) {
        ++m_seq;
        const SortKey key{m_nowMs - qint64(m_random() % quint64(30 * kDayMs)), m_seq};
        Chatroom chatroom = newChatroom(++m_created, below(5) == 0, key);
        if (below(20) == 0)
            chatroom.state = ChatroomState::Deactivated;
        m_chatrooms.insert(chatroom.id, chatroom);
        m_ids.append(chatroom.id);
        all.append(chatroom);
    }
    return all;
}

ChatroomId ChatroomStream::randomChatroom()
{
    return m_ids.at(below(int(m_ids.size())));
}

Event ChatroomStream::event(EventKind kind, const Chatroom &chatroom, bool bumped)
{
    Event made;
    made.seq = m_seq;
    made.kind = kind;
    made.at = now();
    made.chatroom = chatroom;
    made.bumped = bumped;
    return made;
}

Message ChatroomStream::message(const Chatroom &chatroom, Direction direction, const QString &text, bool bump)
{
    Message made;
    made.id = QStringLiteral("m-%1").arg(m_seq);
    made.chatroomId = chatroom.id;
    made.direction = direction;
    made.kind = direction == Direction::In ? MessageKind::Text : MessageKind::Template;
    made.sender.type = direction == Direction::In ? SenderType::Customer : SenderType::Bot;
    made.text = text;
    made.bump = bump;
    made.createdAt = now();
    return made;
}

QList<Event> ChatroomStream::next()
{
    m_nowMs += 1 + below(3000);
    const ChatroomId id = randomChatroom();
    const int dice = below(100);
    if (dice < 32)
        return customerMessage(id);
    if (dice < 42)
        return botTemplate(id);
    if (dice < 57)
        return silentTemplate(id);
    if (dice < 65)
        return statusUpdate(id);
    if (dice < 71)
        return read(id);
    if (dice < 79)
        return reassign(id, agent(1 + below(m_agents)));
    if (dice < 84)
        return chatroom(id).pendingHandover ? handover(id) : customerMessage(id);
    if (dice < 90)
        return create(below(3) == 0);
    if (dice < 94)
        return deactivate(id);
    if (dice < 98)
        return rename(id, chatroom(id).displayName + QStringLiteral(" Jr"));
    Event presence;
    presence.seq = ++m_seq;
    presence.kind = EventKind::PresenceUpdated;
    presence.userId = agent(1);
    presence.online = true;
    return {presence};
}

QList<Event> ChatroomStream::customerMessage(const ChatroomId &id)
{
    Chatroom &chatroom = m_chatrooms[id];
    ++m_seq;
    const Message sent =
        message(chatroom, Direction::In, QStringLiteral("Customer says %1").arg(m_seq), true);
    chatroom.sortKey = bumpKey();
    chatroom.lastMessage = LastMessage{sent.id, sent.text, Direction::In, false, sent.createdAt};
    chatroom.lastCustomerMessageAt = sent.createdAt;
    for (Participant &participant : chatroom.participants)
        ++participant.unreadCount;
    Event made = event(EventKind::MessageCreated, chatroom, true);
    made.message = sent;
    return {made};
}

QList<Event> ChatroomStream::botTemplate(const ChatroomId &id)
{
    Chatroom &chatroom = m_chatrooms[id];
    ++m_seq;
    const Message sent =
        message(chatroom, Direction::Out, QStringLiteral("Your order %1 shipped").arg(m_seq), true);
    chatroom.sortKey = bumpKey();
    chatroom.lastMessage = LastMessage{sent.id, sent.text, Direction::Out, false, sent.createdAt};
    Event made = event(EventKind::MessageCreated, chatroom, true);
    made.message = sent;
    return {made};
}

QList<Event> ChatroomStream::silentTemplate(const ChatroomId &id)
{
    Chatroom &chatroom = m_chatrooms[id];
    ++m_seq;
    const Message sent = message(chatroom, Direction::Out, QStringLiteral("Reminder %1").arg(m_seq), false);
    chatroom.lastMessage = LastMessage{sent.id, sent.text, Direction::Out, true, sent.createdAt}; // key kept
    Event made = event(EventKind::MessageCreated, chatroom, false);
    made.message = sent;
    return {made};
}

QList<Event> ChatroomStream::statusUpdate(const ChatroomId &id)
{
    ++m_seq;
    const Chatroom &chatroom = m_chatrooms[id];
    Event made = event(EventKind::MessageUpdated, chatroom, false);
    Message updated = message(chatroom, Direction::Out, QStringLiteral("status"), true);
    updated.status = DeliveryStatus::Delivered;
    made.message = updated;
    return {made};
}

QList<Event> ChatroomStream::read(const ChatroomId &id)
{
    Chatroom &chatroom = m_chatrooms[id];
    if (chatroom.participants.isEmpty())
        return statusUpdate(id);
    ++m_seq;
    chatroom.participants[below(int(chatroom.participants.size()))].unreadCount = 0;
    return {event(EventKind::ChatroomUpdated, chatroom, false)};
}

QList<Event> ChatroomStream::reassign(const ChatroomId &id, const UserId &to)
{
    Chatroom &chatroom = m_chatrooms[id];
    if (chatroom.participants.size() == 1 && chatroom.participants.front().userId == to)
        return {}; // R11: reassigning to the sole participant changes nothing
    const QList<UserId> previous = chatroom.participantIds();
    ++m_seq;
    chatroom.participants = {Participant{to, now(), {}, 0}};
    chatroom.pendingHandover.reset();
    chatroom.sortKey = bumpKey();
    QList<Event> events;
    for (const UserId &user : previous) {
        if (user == to)
            continue;
        Event lost = event(EventKind::ChatroomUnassigned, chatroom, false);
        lost.userId = user;
        lost.reason = reason::reassigned();
        events.append(lost);
    }
    Event gained = event(EventKind::ChatroomAssigned, chatroom, true);
    gained.userId = to;
    gained.reason = reason::reassigned();
    events.append(gained);
    return events;
}

QList<Event> ChatroomStream::handover(const ChatroomId &id)
{
    Chatroom &chatroom = m_chatrooms[id];
    Q_ASSERT(chatroom.pendingHandover);
    ++m_seq;
    const UserId to = chatroom.pendingHandover->userId;
    chatroom.pendingHandover.reset();
    chatroom.participants.append(Participant{to, now(), {}, 1});
    chatroom.sortKey = bumpKey();
    chatroom.lastMessage = LastMessage{QStringLiteral("m-%1").arg(m_seq), QStringLiteral("I need a person"),
                                       Direction::In, false, now()};
    chatroom.lastCustomerMessageAt = now();
    Event made = event(EventKind::ChatroomAssigned, chatroom, true);
    made.userId = to;
    made.reason = reason::handoverFreeFlow();
    return {made};
}

QList<Event> ChatroomStream::create(bool awaitingHandover)
{
    ++m_seq;
    const Chatroom chatroom = newChatroom(++m_created, awaitingHandover, bumpKey());
    m_chatrooms.insert(chatroom.id, chatroom);
    m_ids.append(chatroom.id);
    Event made = event(EventKind::ChatroomCreated, chatroom, !awaitingHandover);
    made.reason = reason::created();
    return {made};
}

QList<Event> ChatroomStream::deactivate(const ChatroomId &id)
{
    Chatroom &chatroom = m_chatrooms[id];
    ++m_seq;
    chatroom.state = chatroom.isActive() ? ChatroomState::Deactivated : ChatroomState::Active;
    return {event(EventKind::ChatroomUpdated, chatroom, false)};
}

QList<Event> ChatroomStream::rename(const ChatroomId &id, const QString &displayName)
{
    Chatroom &chatroom = m_chatrooms[id];
    ++m_seq;
    chatroom.displayName = displayName;
    return {event(EventKind::ChatroomUpdated, chatroom, false)};
}

QStringList ChatroomStream::expectedOrder(View view, const UserId &viewer, bool openOnly) const
{
    QList<const Chatroom *> inView;
    for (const Chatroom &chatroom : m_chatrooms) {
        if (chatroomInView(chatroom, view, viewer) && (!openOnly || chatroom.isActive()))
            inView.append(&chatroom);
    }
    std::sort(inView.begin(), inView.end(), [](const Chatroom *a, const Chatroom *b) {
        return ChatroomIndex::comesBefore(a->sortKey, a->id, b->sortKey, b->id);
    });
    QStringList ids;
    for (const Chatroom *chatroom : inView)
        ids.append(chatroom->id);
    return ids;
}

} // namespace handover
