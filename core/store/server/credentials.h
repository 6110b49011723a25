#pragma once

#include "core/domain/org.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>

// API keys and login sessions. Tokens are stored only as SHA-256 hashes: every hash here is the raw 32 bytes
// (QByteArray::fromHex of server/auth/tokens.h's hex tokenHash()).
namespace handover::store::server {

// Who a bearer token speaks for. Exactly one of userId (a session) and apiKeyId (an API key) is set.
struct Principal
{
    OrgId orgId;
    UserId userId;
    QString apiKeyId;
    Role role = Role::Member;
    QDateTime expiresAt = {}; // the token is refused from this time on; null: an API key that never expires
    friend bool operator==(const Principal &, const Principal &) = default;
};

// An API key as GET api-keys lists it; never its secret or hash.
struct ApiKeyRecord
{
    QString id;
    QString name;
    Role role = Role::Member;
    UserId createdByUserId; // empty for the bootstrap key, or when that user is gone
    QDateTime createdAt;
    QDateTime expiresAt; // null: never
    QDateTime revokedAt; // null: not revoked
    friend bool operator==(const ApiKeyRecord &, const ApiKeyRecord &) = default;
};

struct NewApiKey
{
    QString id;
    OrgId orgId;
    QString name;
    Role role = Role::Admin;
    QByteArray keySha256;
    UserId createdByUserId; // empty for the bootstrap key
    QDateTime expiresAt;    // null: never
};

struct NewSession
{
    QByteArray tokenSha256;
    OrgId orgId;
    UserId userId;
    Role role = Role::Member; // the user's role at login
    QDateTime expiresAt;
};

Result<void> insertApiKey(QSqlDatabase &db, const NewApiKey &key, const QDateTime &now);
// Revoking twice keeps the first time. NotFound for an unknown id and for another org's key.
Result<void> revokeApiKey(QSqlDatabase &db, const OrgId &orgId, const QString &apiKeyId,
                          const QDateTime &now);
// The org's keys, revoked and expired ones too, oldest first.
Result<QList<ApiKeyRecord>> apiKeysOf(QSqlDatabase &db, const OrgId &orgId);

Result<void> insertSession(QSqlDatabase &db, const NewSession &session, const QDateTime &now);
Result<void> deleteSession(QSqlDatabase &db, const QByteArray &tokenSha256);
// Every session of a user (deactivation); the number removed.
Result<int> deleteSessionsOfUser(QSqlDatabase &db, const UserId &userId);
// Sessions whose expiry has passed; the number removed.
Result<int> purgeExpiredSessions(QSqlDatabase &db, const QDateTime &now);

// The principal of an API key that is neither revoked nor expired at `now`, or of a session that has not
// expired at `now` (a token lives while now < expires_at) and whose user is active. Unknown, revoked and
// expired tokens, and sessions of deactivated users, are Unauthenticated.
Result<Principal> principalForTokenHash(QSqlDatabase &db, const QByteArray &tokenSha256,
                                        const QDateTime &now);

} // namespace handover::store::server
