#include "core/rules/outcome.h"

namespace handover {

void Outcome::append(Outcome &&later)
{
    chatroom = std::move(later.chatroom);
    messages.append(std::move(later.messages));
    events.append(std::move(later.events));
    relays.append(std::move(later.relays));
    assignedUsers.append(std::move(later.assignedUsers));
    created = created || later.created;
}

Event &EventRecorder::record(EventKind kind, std::optional<Message> message, QString reason, UserId userId)
{
    Event event;
    event.seq = m_ctx.takeSeq();
    event.kind = kind;
    event.at = m_ctx.now();
    if (m_bumpNext) {
        m_out.chatroom.sortKey = SortKey{m_ctx.now().toMSecsSinceEpoch(), event.seq};
        event.bumped = true;
        m_bumpNext = false;
    }
    event.chatroom = m_out.chatroom;
    event.message = std::move(message);
    event.reason = std::move(reason);
    event.userId = std::move(userId);
    m_out.events.append(std::move(event));
    return m_out.events.last();
}

Event &EventRecorder::recordMessage(const Message &message, bool silent)
{
    if (message.kind != MessageKind::System) {
        m_out.chatroom.lastMessage =
            LastMessage{message.id, messagePreview(message), message.direction, silent, message.createdAt, message.kind};
    }
    m_out.messages.append(message);
    return record(EventKind::MessageCreated, message);
}

} // namespace handover
