#include "core/store/schema.h"

// The cache mirrors what the server sent; the server stays the source of truth, so the cache keeps JSON as
// received plus the few columns it must sort or filter by. Same conventions as the server schema.

namespace handover::store {

namespace {

constexpr qint32 cacheApplicationId = 0x486f4361; // "HoCa"

MigrationStep mirroredState()
{
    return {1,
            QStringLiteral("chatroom summaries, messages and the sync position"),
            {
                // Upsert with INSERT ... ON CONFLICT DO UPDATE, never INSERT OR REPLACE: a replace deletes
                // the row first and would cascade to its messages. updated_seq lets a replayed older event be
                // skipped.
                QStringLiteral(R"sql(
CREATE TABLE chatrooms (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL,
    bumped_at INTEGER NOT NULL,
    bump_seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    is_participant INTEGER NOT NULL DEFAULT 0 CHECK (is_participant IN (0, 1)),
    awaiting_handover INTEGER NOT NULL DEFAULT 0 CHECK (awaiting_handover IN (0, 1)),
    unread_count INTEGER NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
    summary TEXT NOT NULL,
    updated_seq INTEGER NOT NULL DEFAULT 0
))sql"),
                // Cold start reads the list in R20 order straight from this index.
                QStringLiteral(
                    "CREATE INDEX chatrooms_by_sort_key ON chatrooms(org_id, bumped_at DESC, bump_seq DESC)"),
                QStringLiteral(R"sql(
CREATE TABLE messages (
    id TEXT PRIMARY KEY NOT NULL,
    chatroom_id TEXT NOT NULL REFERENCES chatrooms(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    body TEXT NOT NULL
))sql"),
                QStringLiteral("CREATE INDEX messages_by_chatroom ON messages(chatroom_id, created_at)"),
                // Written in the same transaction as the events it counts (SYNC.md, client duties).
                QStringLiteral(R"sql(
CREATE TABLE sync_state (
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    last_applied_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_applied_seq >= 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id)
) WITHOUT ROWID)sql"),
            },
            {}};
}

MigrationStep offlineSends()
{
    return {
        2,
        QStringLiteral("the outbox of sends made while offline"),
        {
            // AUTOINCREMENT: local ids are never reused, so they are the order in which sends go out. No
            // foreign key to chatrooms: a sync reset drops the chatrooms but must keep the pending sends.
            QStringLiteral(R"sql(
CREATE TABLE outbox (
    local_id INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    org_id TEXT NOT NULL,
    chatroom_id TEXT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    error TEXT,
    response TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
))sql"),
            QStringLiteral("CREATE INDEX outbox_pending ON outbox(org_id, local_id) WHERE state = 'pending'"),
        },
        {}};
}

} // namespace

Migrations cacheSchema()
{
    return Migrations(QStringLiteral("console cache"), cacheApplicationId, {mirroredState(), offlineSends()});
}

} // namespace handover::store
