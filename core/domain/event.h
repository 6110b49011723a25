#pragma once

#include "core/domain/chatroom.h"
#include "core/domain/message.h"
#include "core/domain/org.h"

#include <optional>

namespace handover {

// The event kinds of SYNC.md.
enum class EventKind {
    ChatroomCreated,
    ChatroomUpdated,
    ChatroomAssigned,
    ChatroomUnassigned,
    MessageCreated,
    MessageUpdated,
    PresenceUpdated,
};
QString eventKindName(EventKind kind); // "chatroom.created" ...
std::optional<EventKind> eventKindFromName(const QString &name);

// Reasons carried by chatroom.assigned / chatroom.unassigned.
namespace reason {
inline QString created() { return QStringLiteral("created"); }
inline QString reassigned() { return QStringLiteral("reassigned"); }
inline QString handoverFreeFlow() { return QStringLiteral("handover:free_flow"); }
inline QString handoverButton() { return QStringLiteral("handover:button"); }
} // namespace reason

// One entry of an org's event log. Every event carries the chatroom as it is after the event, so applying it
// is an idempotent upsert.
struct Event
{
    qint64 seq = 0;
    EventKind kind = EventKind::ChatroomUpdated;
    QDateTime at;
    Chatroom chatroom;
    std::optional<Message> message;
    QString reason;
    UserId userId;       // assigned/unassigned: who gained or lost the chatroom; presence: whose
    bool online = false; // presence
    bool bumped = false; // this event gave the chatroom its sort key
    friend bool operator==(const Event &, const Event &) = default;
};

// The views of RULES.md.
enum class View { Mine, AwaitingHandover, All };
QString viewName(View view);
std::optional<View> viewFromName(const QString &name);

bool roleSeesAllChatrooms(Role role);
bool chatroomInView(const Chatroom &chatroom, View view, const UserId &userId);
// A MEMBER sees a chatroom only while they participate in it.
bool chatroomVisibleTo(const Chatroom &chatroom, const UserId &userId, Role role);
// ...and the events of it while they participate, or the one that took it from them.
bool eventVisibleTo(const Event &event, const UserId &userId, Role role);
// Notifications (RULES.md): an event that bumps a chatroom in the user's Mine view (not one the user caused),
// and a handover or reassignment that gives the user a chatroom. Silent events never notify.
bool eventNotifies(const Event &event, const UserId &userId);

} // namespace handover
