#include "eventstream.h"

#include "fakechatrooms.h"

#include <iterator>

namespace handover::bench {

namespace {

const char *const kCustomerTexts[] = {
    "Hi, I ordered a blue jacket last week and it still has not arrived. Can you check order 48213?",
    "Thanks!",
    "Can I still change the delivery address? I moved to Lindenstrasse 12, 10969 Berlin.",
    "The parcel came but one item is missing",
    "I'd like to talk to a person, please",
    "Is the store in Hamburg open on Sunday?",
    "ok",
    "Could you send me the invoice as PDF? My company needs it for the expense report, ideally today."};
const char *const kAgentTexts[] = {
    "Hello! I'm sorry about the delay, let me check the shipment for you.",
    "Your order has shipped and should arrive tomorrow.",
    "I have updated the address. You will get a new confirmation by e-mail in a few minutes.",
    "You're welcome, have a nice day!", "Could you send me a photo of the label on the box, please?"};
constexpr qsizetype kMaxPendingReplies = 4096;

} // namespace

EventStream::EventStream(QList<Chatroom> chatrooms, UserId viewer, qint64 lastSeq, qint64 startMs,
                         quint64 seed)
    : m_chatrooms(std::move(chatrooms))
    , m_viewer(std::move(viewer))
    , m_seq(lastSeq)
    , m_nowMs(startMs)
    , m_random(seed)
{}

Event EventStream::next()
{
    m_nowMs += 20;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC);
    const auto roll = m_random() % 100;
    if (roll >= 60 && roll < 85 && !m_sentReplies.empty())
        return statusUpdate(at);
    Chatroom &chatroom = m_chatrooms[qsizetype(m_random() % quint64(m_chatrooms.size()))];
    if (roll < 40)
        return customerMessage(chatroom, at);
    if (roll < 85)
        return agentReply(chatroom, at);
    if (roll < 96)
        return read(chatroom, at);
    return assignment(chatroom, at);
}

Event EventStream::eventOf(EventKind kind, const Chatroom &chatroom, const QDateTime &at)
{
    Event event;
    event.seq = ++m_seq;
    event.kind = kind;
    event.at = at;
    event.chatroom = chatroom;
    ++m_counts[kind];
    return event;
}

Message EventStream::newMessage(const Chatroom &chatroom, Direction direction, const QDateTime &at)
{
    Message message;
    message.id = randomUuid(m_random);
    message.chatroomId = chatroom.id;
    message.direction = direction;
    message.kind = MessageKind::Text;
    if (direction == Direction::In) {
        message.sender = Sender{SenderType::Customer, {}};
        message.text = QString::fromUtf8(kCustomerTexts[m_random() % std::size(kCustomerTexts)]);
        message.status = DeliveryStatus::Delivered;
    } else {
        message.sender = Sender{SenderType::Agent, m_viewer};
        message.text = QString::fromUtf8(kAgentTexts[m_random() % std::size(kAgentTexts)]);
        message.status = DeliveryStatus::Queued;
    }
    message.waMessageId =
        QStringLiteral("wamid.HBgLNDkxNTEyMzQ1Njc4FQIAEhgg%1").arg(m_random() % 1'000'000'000'000ull);
    message.createdAt = at;
    return message;
}

Event EventStream::messageCreated(Chatroom &chatroom, const Message &message, const QDateTime &at)
{
    chatroom.sortKey = SortKey{at.toMSecsSinceEpoch(), m_seq + 1};
    chatroom.lastMessage = LastMessage{message.id, message.text.left(80), message.direction, false, at};
    if (message.direction == Direction::In) {
        chatroom.lastCustomerMessageAt = at;
        for (Participant &participant : chatroom.participants)
            ++participant.unreadCount;
    }
    Event event = eventOf(EventKind::MessageCreated, chatroom, at);
    event.message = message;
    event.bumped = true;
    return event;
}

Event EventStream::customerMessage(Chatroom &chatroom, const QDateTime &at)
{
    return messageCreated(chatroom, newMessage(chatroom, Direction::In, at), at);
}

Event EventStream::agentReply(Chatroom &chatroom, const QDateTime &at)
{
    const Message message = newMessage(chatroom, Direction::Out, at);
    Event event = messageCreated(chatroom, message, at);
    m_sentReplies.emplace_back(qsizetype(&chatroom - m_chatrooms.data()), message);
    if (qsizetype(m_sentReplies.size()) > kMaxPendingReplies)
        m_sentReplies.pop_front();
    return event;
}

Event EventStream::statusUpdate(const QDateTime &at)
{
    auto [index, message] = std::move(m_sentReplies.front());
    m_sentReplies.pop_front();
    message.status = DeliveryStatus(int(message.status) + 1);
    if (message.status < DeliveryStatus::Read)
        m_sentReplies.emplace_back(index, message);
    Event event = eventOf(EventKind::MessageUpdated, m_chatrooms[index], at);
    event.message = message;
    return event;
}

Event EventStream::read(Chatroom &chatroom, const QDateTime &at)
{
    if (Participant *me = chatroom.participant(m_viewer)) {
        me->unreadCount = 0;
        if (chatroom.lastMessage)
            me->readUpTo = chatroom.lastMessage->id;
    }
    return eventOf(EventKind::ChatroomUpdated, chatroom, at);
}

Event EventStream::assignment(Chatroom &chatroom, const QDateTime &at)
{
    const UserId colleague = QStringLiteral("agent-%1").arg(2 + m_random() % 20);
    if (chatroom.participants.size() >= 3 || chatroom.hasParticipant(colleague))
        return read(chatroom, at);
    chatroom.participants.append(Participant{colleague, at, {}, 0});
    Event event = eventOf(EventKind::ChatroomAssigned, chatroom, at);
    event.userId = colleague;
    event.reason = reason::reassigned();
    return event;
}

} // namespace handover::bench
