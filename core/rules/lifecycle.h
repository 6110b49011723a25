#pragma once

#include "core/rules/outcome.h"

namespace handover {

// R12: deactivation and expiry. An inactive chatroom refuses every send with CHATROOM_INACTIVE and stays
// readable. None of these bump.
Result<Outcome> deactivateChatroom(const Chatroom &chatroom, RuleContext &rules);

// Activate works only while no other active chatroom exists for the same customer phone on the same WABA phone;
// expired chatrooms cannot be activated.
Result<Outcome> activateChatroom(const Chatroom &chatroom, bool otherActiveOnSamePhones, RuleContext &rules);

// The timed part: expired `expire_after_days` after creation, deactivated `deactivate_after_days` after the last
// customer message (or after creation when the customer never wrote). Unchanged chatrooms give no events.
Outcome applyLifecycle(const Chatroom &chatroom, const OrgSettings &settings, RuleContext &rules);

} // namespace handover
