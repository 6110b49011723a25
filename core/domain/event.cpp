#include "core/domain/event.h"

namespace handover {

QString eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::ChatroomCreated: return QStringLiteral("chatroom.created");
    case EventKind::ChatroomUpdated: return QStringLiteral("chatroom.updated");
    case EventKind::ChatroomAssigned: return QStringLiteral("chatroom.assigned");
    case EventKind::ChatroomUnassigned: return QStringLiteral("chatroom.unassigned");
    case EventKind::MessageCreated: return QStringLiteral("message.created");
    case EventKind::MessageUpdated: return QStringLiteral("message.updated");
    case EventKind::PresenceUpdated: return QStringLiteral("presence.updated");
    }
    return {};
}

std::optional<EventKind> eventKindFromName(const QString &name)
{
    for (auto k : {EventKind::ChatroomCreated, EventKind::ChatroomUpdated, EventKind::ChatroomAssigned,
                   EventKind::ChatroomUnassigned, EventKind::MessageCreated, EventKind::MessageUpdated,
                   EventKind::PresenceUpdated}) {
        if (eventKindName(k) == name)
            return k;
    }
    return std::nullopt;
}

QString viewName(View view)
{
    switch (view) {
    case View::Mine: return QStringLiteral("mine");
    case View::AwaitingHandover: return QStringLiteral("awaiting_handover");
    case View::All: return QStringLiteral("all");
    }
    return {};
}

std::optional<View> viewFromName(const QString &name)
{
    for (auto v : {View::Mine, View::AwaitingHandover, View::All}) {
        if (viewName(v) == name)
            return v;
    }
    return std::nullopt;
}

bool roleSeesAllChatrooms(Role role)
{
    return role == Role::Admin || role == Role::Supervisor;
}

bool chatroomInView(const Chatroom &chatroom, View view, const UserId &userId)
{
    switch (view) {
    case View::Mine: return chatroom.hasParticipant(userId);
    case View::AwaitingHandover: return chatroom.pendingHandover.has_value();
    case View::All: return true;
    }
    return false;
}

bool chatroomVisibleTo(const Chatroom &chatroom, const UserId &userId, Role role)
{
    return roleSeesAllChatrooms(role) || chatroom.hasParticipant(userId);
}

bool eventVisibleTo(const Event &event, const UserId &userId, Role role)
{
    if (event.kind == EventKind::PresenceUpdated)
        return roleSeesAllChatrooms(role) || event.userId == userId;
    if (chatroomVisibleTo(event.chatroom, userId, role))
        return true;
    return event.kind == EventKind::ChatroomUnassigned && event.userId == userId;
}

bool eventNotifies(const Event &event, const UserId &userId)
{
    if (event.kind == EventKind::ChatroomAssigned)
        return event.userId == userId;
    if (!event.bumped || !event.chatroom.hasParticipant(userId))
        return false;
    if (event.kind != EventKind::MessageCreated || !event.message)
        return false;
    const Sender &sender = event.message->sender;
    return !(sender.type == SenderType::Agent && sender.userId == userId);
}

} // namespace handover
