#pragma once

#include "core/store/migrations.h"

namespace handover::store {

// The server's database: every object of API.md, the per-org event log and the durable work queues.
Migrations serverSchema();

// The console's local cache of one server: chatroom summaries, messages, the sync position and the outbox.
Migrations cacheSchema();

} // namespace handover::store
