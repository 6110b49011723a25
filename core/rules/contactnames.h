#pragma once

#include "core/rules/outcome.h"

namespace handover {

// R16: a contact was updated; a chatroom whose name was derived gets the new derived name. No bump.
Outcome applyContactUpdate(const Chatroom &chatroom, const Contact &contact, RuleContext &rules);

} // namespace handover
