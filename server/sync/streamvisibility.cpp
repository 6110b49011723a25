#include "server/sync/streamvisibility.h"

#include "core/json/syncframes.h"

namespace handover {

bool storedEventVisibleTo(const StoredEvent &event, const UserId &userId, Role role)
{
    if (roleSeesAllChatrooms(role))
        return true;
    if (event.kind == EventKind::PresenceUpdated)
        return event.userId == userId;
    if (event.participants.contains(userId))
        return true;
    return event.kind == EventKind::ChatroomUnassigned && event.userId == userId;
}

StoredEvent toStoredEvent(const Event &event)
{
    StoredEvent stored;
    stored.seq = event.seq;
    stored.kind = event.kind;
    if (event.kind != EventKind::PresenceUpdated)
        stored.participants = event.chatroom.participantIds();
    stored.userId = event.userId;
    stored.frame = encodeEvent(event);
    return stored;
}

} // namespace handover
