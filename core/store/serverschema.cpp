#include "core/store/schema.h"

// Conventions (docs/storage.md): ids are TEXT UUIDs; times are INTEGER milliseconds since the epoch, UTC;
// booleans are INTEGER 0/1; JSON is TEXT; secrets that are only compared are 32-byte SHA-256 BLOBs.

namespace handover::store {

namespace {

constexpr qint32 serverApplicationId = 0x486f5376; // "HoSv"

MigrationStep domainTables()
{
    return {
        1,
        QStringLiteral("orgs, users, groups, contacts, WABA phones, templates, chatrooms, messages, events"),
        {
            QStringLiteral(R"sql(
CREATE TABLE orgs (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    inbound_group_id TEXT REFERENCES user_groups(id) ON DELETE SET NULL,
    deactivate_after_days INTEGER NOT NULL DEFAULT 30 CHECK (deactivate_after_days > 0),
    expire_after_days INTEGER NOT NULL DEFAULT 90 CHECK (expire_after_days > 0),
    created_at INTEGER NOT NULL
))sql"),
            QStringLiteral(R"sql(
CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email TEXT NOT NULL COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('ADMIN', 'SUPERVISOR', 'MEMBER')),
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    ask_user_to_update_password_on_login INTEGER NOT NULL DEFAULT 0
        CHECK (ask_user_to_update_password_on_login IN (0, 1)),
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, email)
))sql"),
            // Login names no org, so the email alone must be searchable.
            QStringLiteral("CREATE INDEX users_by_email ON users(email)"),
            QStringLiteral(R"sql(
CREATE TABLE user_groups (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
))sql"),
            QStringLiteral("CREATE INDEX user_groups_by_org ON user_groups(org_id)"),
            // last_assigned_at breaks R21 ties: the member assigned least recently (NULL = never) goes first.
            QStringLiteral(R"sql(
CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_assigned_at INTEGER,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID)sql"),
            QStringLiteral("CREATE INDEX group_members_by_user ON group_members(user_id)"),
            // remote_phone_id is unique server-wide: an inbound webhook finds its org through it.
            QStringLiteral(R"sql(
CREATE TABLE waba_phones (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    remote_waba_id TEXT NOT NULL,
    remote_phone_id TEXT NOT NULL UNIQUE,
    display_phone_number TEXT NOT NULL,
    created_at INTEGER NOT NULL
))sql"),
            QStringLiteral("CREATE INDEX waba_phones_by_org ON waba_phones(org_id, remote_phone_id)"),
            QStringLiteral(R"sql(
CREATE TABLE templates (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    remote_template_id TEXT NOT NULL,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'APPROVED',
    enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    visible INTEGER NOT NULL DEFAULT 1 CHECK (visible IN (0, 1)),
    body TEXT NOT NULL,
    header TEXT,
    footer TEXT,
    buttons TEXT NOT NULL DEFAULT '[]',
    params TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (org_id, remote_template_id)
))sql"),
            // The phone check is a last line of defence; the API validates E.164 with a clear message first.
            QStringLiteral(R"sql(
CREATE TABLE contacts (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    crm_id TEXT NOT NULL CHECK (length(crm_id) BETWEEN 1 AND 128),
    phone_number TEXT NOT NULL CHECK (phone_number GLOB '+[1-9]*' AND length(phone_number) <= 16
                                      AND substr(phone_number, 2) NOT GLOB '*[^0-9]*'),
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    opt_in_date INTEGER,
    is_inbound INTEGER NOT NULL DEFAULT 0 CHECK (is_inbound IN (0, 1)),
    source TEXT,
    create_date INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (org_id, crm_id)
))sql"),
            QStringLiteral("CREATE INDEX contacts_by_phone ON contacts(org_id, phone_number)"),
            // customer_phone and remote_phone_id are copies kept for the R13 index; a pending handover is
            // marked by pending_requested_at, since R13b may wait for a supervisor with neither user nor
            // group.
            QStringLiteral(R"sql(
CREATE TABLE chatrooms (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    contact_id TEXT NOT NULL REFERENCES contacts(id),
    waba_phone_id TEXT NOT NULL REFERENCES waba_phones(id),
    customer_phone TEXT NOT NULL,
    remote_phone_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    display_name_derived INTEGER NOT NULL CHECK (display_name_derived IN (0, 1)),
    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'deactivated', 'expired')),
    pending_user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    pending_group_id TEXT REFERENCES user_groups(id) ON DELETE SET NULL,
    pending_requested_at INTEGER,
    bumped_at INTEGER NOT NULL,
    bump_seq INTEGER NOT NULL,
    last_message_id TEXT,
    last_message_preview TEXT,
    last_message_direction TEXT CHECK (last_message_direction IN ('in', 'out')),
    last_message_silent INTEGER CHECK (last_message_silent IN (0, 1)),
    last_message_at INTEGER,
    last_customer_message_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (pending_requested_at IS NOT NULL OR (pending_user_id IS NULL AND pending_group_id IS NULL))
))sql"),
            // R13: at most one active chatroom per (customer phone, WABA phone), whatever the contact.
            QStringLiteral("CREATE UNIQUE INDEX chatrooms_one_active_per_phone_pair "
                           "ON chatrooms(customer_phone, remote_phone_id) WHERE state = 'active'"),
            // R20 list order of the All view, and of the Awaiting handover view.
            QStringLiteral(
                "CREATE INDEX chatrooms_by_sort_key ON chatrooms(org_id, bumped_at DESC, bump_seq DESC)"),
            QStringLiteral("CREATE INDEX chatrooms_awaiting_handover ON chatrooms(org_id, bumped_at DESC, "
                           "bump_seq DESC) WHERE pending_requested_at IS NOT NULL"),
            QStringLiteral("CREATE INDEX chatrooms_by_contact ON chatrooms(contact_id)"),
            QStringLiteral(R"sql(
CREATE TABLE chatroom_participants (
    chatroom_id TEXT NOT NULL REFERENCES chatrooms(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    joined_at INTEGER NOT NULL,
    read_up_to_message_id TEXT,
    read_at INTEGER,
    unread_count INTEGER NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
    PRIMARY KEY (chatroom_id, user_id)
) WITHOUT ROWID)sql"),
            // The Mine view, and R21's count of a user's active chatrooms.
            QStringLiteral("CREATE INDEX chatroom_participants_by_user ON chatroom_participants(user_id)"),
            // position is the insertion order (an explicit rowid, so VACUUM keeps it): it breaks ties between
            // messages created in the same millisecond.
            QStringLiteral(R"sql(
CREATE TABLE messages (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    chatroom_id TEXT NOT NULL REFERENCES chatrooms(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kind TEXT NOT NULL CHECK (kind IN ('text', 'template', 'button_reply', 'system')),
    sender_type TEXT NOT NULL CHECK (sender_type IN ('customer', 'bot', 'agent', 'system')),
    sender_user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    text TEXT,
    template TEXT,
    button TEXT,
    in_reply_to TEXT REFERENCES messages(id),
    relay_response INTEGER NOT NULL DEFAULT 0 CHECK (relay_response IN (0, 1)),
    bump INTEGER NOT NULL DEFAULT 1 CHECK (bump IN (0, 1)),
    bump_response INTEGER NOT NULL DEFAULT 1 CHECK (bump_response IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
    error TEXT,
    wa_message_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
))sql"),
            QStringLiteral("CREATE UNIQUE INDEX messages_by_wa_message_id ON messages(wa_message_id) "
                           "WHERE wa_message_id IS NOT NULL"),
            QStringLiteral("CREATE INDEX messages_by_chatroom ON messages(chatroom_id, created_at)"),
            // Without it, deleting a message (or a chatroom) would scan every message for replies to it.
            QStringLiteral("CREATE INDEX messages_by_reply_target ON messages(in_reply_to) "
                           "WHERE in_reply_to IS NOT NULL"),
            // The one source of the sync hub and the webhook dispatcher; seq comes from org_event_counters in
            // the same transaction as the change, so it is assigned at commit order and never reused.
            QStringLiteral(R"sql(
CREATE TABLE org_events (
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL CHECK (seq > 0),
    kind TEXT NOT NULL,
    chatroom_id TEXT,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, seq)
))sql"),
            QStringLiteral(R"sql(
CREATE TABLE org_event_counters (
    org_id TEXT PRIMARY KEY NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    last_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
) WITHOUT ROWID)sql"),
        },
        {}};
}

MigrationStep automationAccess()
{
    return {
        2,
        QStringLiteral("API keys, sessions, idempotency records, org webhook and its deliveries"),
        {
            QStringLiteral("ALTER TABLE orgs ADD COLUMN webhook_url TEXT"),
            // Kept readable: the server signs with it. Only ADMINs are ever shown it.
            QStringLiteral("ALTER TABLE orgs ADD COLUMN webhook_secret TEXT"),
            QStringLiteral(R"sql(
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('ADMIN', 'SUPERVISOR', 'MEMBER')),
    key_sha256 BLOB NOT NULL UNIQUE CHECK (typeof(key_sha256) = 'blob' AND length(key_sha256) = 32),
    created_by_user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER,
    last_used_at INTEGER
))sql"),
            // role is the user's role at login, so authentication needs no join; a role change rewrites it.
            QStringLiteral(R"sql(
CREATE TABLE sessions (
    token_sha256 BLOB PRIMARY KEY NOT NULL
        CHECK (typeof(token_sha256) = 'blob' AND length(token_sha256) = 32),
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('ADMIN', 'SUPERVISOR', 'MEMBER')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_seen_at INTEGER
) WITHOUT ROWID)sql"),
            QStringLiteral("CREATE INDEX sessions_by_user ON sessions(user_id)"),
            QStringLiteral("CREATE INDEX sessions_by_expiry ON sessions(expires_at)"),
            // One record per (token, key); the response is replayed for 24 h to a retry with the same body.
            QStringLiteral(R"sql(
CREATE TABLE idempotency_records (
    token_sha256 BLOB NOT NULL CHECK (length(token_sha256) = 32),
    idempotency_key TEXT NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_sha256 BLOB NOT NULL CHECK (length(request_sha256) = 32),
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'done')),
    response_status INTEGER,
    response_body BLOB,
    created_at INTEGER NOT NULL,
    completed_at INTEGER,
    PRIMARY KEY (token_sha256, idempotency_key),
    CHECK ((status = 'done') = (response_status IS NOT NULL))
))sql"),
            QStringLiteral("CREATE INDEX idempotency_records_by_age ON idempotency_records(created_at)"),
            // webhook_id (msg_...) is the same across retries so receivers can de-duplicate (R22).
            QStringLiteral(R"sql(
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    webhook_id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_status_code INTEGER,
    last_error TEXT,
    next_attempt_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
))sql"),
            // The dispatcher's "what is due" scan touches pending rows only.
            QStringLiteral("CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) "
                           "WHERE status = 'pending'"),
            QStringLiteral(
                "CREATE INDEX webhook_deliveries_by_org ON webhook_deliveries(org_id, status, created_at)"),
        },
        {}};
}

MigrationStep whatsAppChannel()
{
    return {3,
            QStringLiteral("WhatsApp inbound de-duplication and outbound send queue"),
            {
                // Meta retries webhooks: an id seen once is acknowledged and ignored, whatever it carried.
                QStringLiteral(R"sql(
CREATE TABLE wa_inbound_seen (
    wa_message_id TEXT PRIMARY KEY NOT NULL,
    remote_phone_id TEXT NOT NULL,
    received_at INTEGER NOT NULL
) WITHOUT ROWID)sql"),
                QStringLiteral("CREATE INDEX wa_inbound_seen_by_age ON wa_inbound_seen(received_at)"),
                // A queued message is durable before its STM is answered; the sender retries from here.
                QStringLiteral(R"sql(
CREATE TABLE wa_outbound_queue (
    message_id TEXT PRIMARY KEY NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL
))sql"),
                QStringLiteral("CREATE INDEX wa_outbound_queue_due ON wa_outbound_queue(next_attempt_at)"),
            },
            {}};
}

MigrationStep credentialsThatEnd()
{
    return {4,
            QStringLiteral("user deactivation and the listing of an org's API keys"),
            {
                // NULL while the user is active. A deactivated user keeps their rows (participations,
                // messages) but has no session and cannot log in.
                QStringLiteral("ALTER TABLE users ADD COLUMN deactivated_at INTEGER"),
                QStringLiteral("CREATE INDEX api_keys_by_org ON api_keys(org_id, created_at)"),
            },
            {}};
}

MigrationStep phoneAccessTokens()
{
    return {5,
            QStringLiteral("WhatsApp access tokens of WABA phones, sealed"),
            {
                // An org's own token for its number, sealed by the server (nonce + ciphertext, never in
                // clear). A phone without a row sends with the server-wide token, as every phone did before.
                QStringLiteral(R"sql(
CREATE TABLE waba_phone_tokens (
    waba_phone_id TEXT PRIMARY KEY NOT NULL REFERENCES waba_phones(id) ON DELETE CASCADE,
    sealed_token BLOB NOT NULL CHECK (typeof(sealed_token) = 'blob' AND length(sealed_token) > 40),
    updated_at INTEGER NOT NULL
) WITHOUT ROWID)sql"),
            },
            {}};
}

MigrationStep richMessagesAndMedia()
{
    MigrationStep step{
        6,
        QStringLiteral("rich messages (media, locations, contacts, list replies, reactions) and media files"),
        {
            // The kind's CHECK grows, which SQLite can only do by rebuilding the table; `content` holds the
            // rich parts as JSON (core/json/richcontentcodec.h).
            QStringLiteral(R"sql(
CREATE TABLE messages_rich (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    chatroom_id TEXT NOT NULL REFERENCES chatrooms(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kind TEXT NOT NULL CHECK (kind IN ('text', 'template', 'button_reply', 'system', 'image', 'document',
                                       'audio', 'video', 'sticker', 'location', 'contacts', 'interactive',
                                       'unsupported')),
    sender_type TEXT NOT NULL CHECK (sender_type IN ('customer', 'bot', 'agent', 'system')),
    sender_user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    text TEXT,
    template TEXT,
    button TEXT,
    in_reply_to TEXT REFERENCES messages(id),
    relay_response INTEGER NOT NULL DEFAULT 0 CHECK (relay_response IN (0, 1)),
    bump INTEGER NOT NULL DEFAULT 1 CHECK (bump IN (0, 1)),
    bump_response INTEGER NOT NULL DEFAULT 1 CHECK (bump_response IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
    error TEXT,
    wa_message_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    content TEXT
))sql"),
            QStringLiteral(
                "INSERT INTO messages_rich (position, id, chatroom_id, direction, kind, sender_type, "
                "sender_user_id, text, template, button, in_reply_to, relay_response, bump, "
                "bump_response, status, error, wa_message_id, created_at, updated_at) "
                "SELECT position, id, chatroom_id, direction, kind, sender_type, sender_user_id, text, "
                "template, button, in_reply_to, relay_response, bump, bump_response, status, error, "
                "wa_message_id, created_at, updated_at FROM messages"),
            QStringLiteral("DROP TABLE messages"),
            QStringLiteral("ALTER TABLE messages_rich RENAME TO messages"),
            QStringLiteral("CREATE UNIQUE INDEX messages_by_wa_message_id ON messages(wa_message_id) "
                           "WHERE wa_message_id IS NOT NULL"),
            QStringLiteral("CREATE INDEX messages_by_chatroom ON messages(chatroom_id, created_at)"),
            QStringLiteral("CREATE INDEX messages_by_reply_target ON messages(in_reply_to) "
                           "WHERE in_reply_to IS NOT NULL"),
            QStringLiteral("ALTER TABLE chatrooms ADD COLUMN last_message_kind TEXT"),
            // A header whose file each send supplies (Meta's IMAGE, DOCUMENT and VIDEO headers); TEXT otherwise.
            QStringLiteral("ALTER TABLE templates ADD COLUMN header_format TEXT NOT NULL DEFAULT 'TEXT' "
                           "CHECK (header_format IN ('TEXT', 'IMAGE', 'DOCUMENT', 'VIDEO'))"),
            // Meta's parameter format: templates made before it was known are positional, as they were sent.
            QStringLiteral("ALTER TABLE templates ADD COLUMN parameter_format TEXT NOT NULL DEFAULT 'POSITIONAL' "
                           "CHECK (parameter_format IN ('POSITIONAL', 'NAMED'))"),
            // One row per media file of a message: an inbound file waits here until it has been fetched (the
            // work queue of the media fetcher), an agent's upload is ready at once and is sent from here. The
            // bytes live content-addressed under the data directory, named by sha256.
            QStringLiteral(R"sql(
CREATE TABLE media (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    chatroom_id TEXT REFERENCES chatrooms(id) ON DELETE CASCADE,
    message_id TEXT REFERENCES messages(id) ON DELETE CASCADE,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    remote_phone_id TEXT,
    wa_media_id TEXT,
    mime_type TEXT NOT NULL,
    size INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0),
    filename TEXT,
    sha256 TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'ready', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
))sql"),
            QStringLiteral("CREATE INDEX media_due ON media(next_attempt_at) WHERE status = 'pending'"),
            QStringLiteral("CREATE INDEX media_by_message ON media(message_id) WHERE message_id IS NOT NULL"),
        },
        {}};
    step.rebuildsTables = true;
    return step;
}

} // namespace

Migrations serverSchema()
{
    return Migrations(QStringLiteral("server"), serverApplicationId,
                      {domainTables(), automationAccess(), whatsAppChannel(), credentialsThatEnd(),
                       phoneAccessTokens(), richMessagesAndMedia()});
}

} // namespace handover::store
