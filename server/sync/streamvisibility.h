#pragma once

#include "core/domain/event.h"
#include "server/sync/streambackend.h"

namespace handover {

// Who may receive a stored event on the stream: the same decision as eventVisibleTo() (core/domain/event.h)
// taken from the facts a StoredEvent keeps, so replayed and live events follow one rule. ADMIN and SUPERVISOR
// see every event of their org; a MEMBER sees the events of chatrooms they participate in, the
// chatroom.unassigned that took one from them, and their own presence.
bool storedEventVisibleTo(const StoredEvent &event, const UserId &userId, Role role);

// The StoredEvent of an event: its visibility facts and its frame. For backends that keep the log.
StoredEvent toStoredEvent(const Event &event);

} // namespace handover
