#pragma once

#include "core/rules/outcome.h"

namespace handover {

// R21: the member with the fewest active chatrooms; ties go to the one assigned least recently (never assigned
// first), then the lowest user id.
std::optional<UserId> pickGroupMember(QList<MemberLoad> members);

// Resolves "a user or a group" to the user who gets the chatroom: the user if given (known and active),
// otherwise a member picked from the group's active members by R21. Errors: NOT_FOUND for an unknown user or
// group, VALIDATION_FAILED for a deactivated user or a group without active members.
Result<UserId> resolveAssignee(const UserId &userId, const GroupId &groupId, const OrgId &orgId,
                               const Directory &directory);

// Adds `userId` as a participant, bumps the chatroom for them (it is new to them) and records chatroom.assigned.
void assignParticipant(EventRecorder &recorder, const UserId &userId, const QString &reason, int unreadCount);

// Appends a system note ("free_flow", "button:Yes", "reassigned") about `userId` to the timeline.
void recordSystemNote(EventRecorder &recorder, const UserId &userId, const QString &text);

// R8: a handover trigger. With a pending handover the assignee becomes a participant, the pending handover is
// cleared, the chatroom is bumped for them and a system note with `noteReason` is written. Without one it does
// nothing. `assignedReason` is the chatroom.assigned reason ("handover:free_flow" / "handover:button").
void applyHandoverTrigger(EventRecorder &recorder, const QString &assignedReason, const QString &noteReason,
                          const Directory &directory);

} // namespace handover
