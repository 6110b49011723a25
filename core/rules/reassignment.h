#pragma once

#include "core/rules/outcome.h"

namespace handover {

// R11: participants become exactly the new agent (a user, or a member picked from a group by R21); any pending
// handover is discarded; the chatroom is bumped for the new agent; the previous participants get
// chatroom.unassigned. Reassigning to the current sole participant changes nothing.
Result<Outcome> reassignChatroom(const Chatroom &chatroom, const UserId &userId, const GroupId &groupId,
                                 const Directory &directory, RuleContext &rules);

} // namespace handover
