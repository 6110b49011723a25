#include "core/store/server/credentials.h"

#include "core/store/server/statementcache.h"

namespace handover::store::server {

namespace {

Error unauthenticated()
{
    return Error::make(ErrorCode::Unauthenticated, QStringLiteral("The token is unknown or has expired."));
}

} // namespace

Result<void> insertApiKey(QSqlDatabase &db, const NewApiKey &key, const QDateTime &now)
{
    auto inserted =
        change(db,
               QStringLiteral("INSERT INTO api_keys (id, org_id, name, role, key_sha256, "
                              "created_by_user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
               {key.id, key.orgId, textNotNull(key.name), roleName(key.role), key.keySha256,
                textOrNull(key.createdByUserId), msOf(now), msOrNull(key.expiresAt)});
    if (!inserted)
        return inserted.error();
    return {};
}

Result<void> revokeApiKey(QSqlDatabase &db, const OrgId &orgId, const QString &apiKeyId, const QDateTime &now)
{
    auto updated = change(db,
                          QStringLiteral("UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) "
                                         "WHERE id = ? AND org_id = ?"),
                          {msOf(now), apiKeyId, orgId});
    if (!updated)
        return updated.error();
    if (*updated == 0)
        return notFound(QStringLiteral("API key"));
    return {};
}

Result<void> insertSession(QSqlDatabase &db, const NewSession &session, const QDateTime &now)
{
    auto inserted =
        change(db,
               QStringLiteral("INSERT INTO sessions (token_sha256, org_id, user_id, role, created_at, "
                              "expires_at) VALUES (?, ?, ?, ?, ?, ?)"),
               {session.tokenSha256, session.orgId, session.userId, roleName(session.role), msOf(now),
                msOf(session.expiresAt)});
    if (!inserted)
        return inserted.error();
    return {};
}

Result<void> deleteSession(QSqlDatabase &db, const QByteArray &tokenSha256)
{
    auto deleted = change(db, QStringLiteral("DELETE FROM sessions WHERE token_sha256 = ?"), {tokenSha256});
    if (!deleted)
        return deleted.error();
    return {};
}

Result<int> purgeExpiredSessions(QSqlDatabase &db, const QDateTime &now)
{
    return change(db, QStringLiteral("DELETE FROM sessions WHERE expires_at <= ?"), {msOf(now)});
}

Result<Principal> principalForTokenHash(QSqlDatabase &db, const QByteArray &tokenSha256, const QDateTime &now)
{
    if (tokenSha256.size() != 32)
        return unauthenticated();
    const qint64 nowMs = msOf(now);
    {
        auto key = run(db,
                       QStringLiteral("SELECT id, org_id, role FROM api_keys WHERE key_sha256 = ? "
                                      "AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)"),
                       {tokenSha256, nowMs});
        if (!key)
            return key.error();
        auto found = key->fetch();
        if (!found)
            return found.error();
        if (*found)
            return Principal{key->value(1).toString(),
                             {},
                             key->value(0).toString(),
                             roleFromName(key->value(2).toString()).value_or(Role::Member)};
    }
    auto session = run(db,
                       QStringLiteral("SELECT org_id, user_id, role FROM sessions WHERE token_sha256 = ? "
                                      "AND expires_at > ?"),
                       {tokenSha256, nowMs});
    if (!session)
        return session.error();
    auto found = session->fetch();
    if (!found)
        return found.error();
    if (!*found)
        return unauthenticated();
    return Principal{session->value(0).toString(),
                     session->value(1).toString(),
                     {},
                     roleFromName(session->value(2).toString()).value_or(Role::Member)};
}

} // namespace handover::store::server
