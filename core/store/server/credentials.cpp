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

Result<QList<ApiKeyRecord>> apiKeysOf(QSqlDatabase &db, const OrgId &orgId)
{
    auto rows =
        run(db,
            QStringLiteral("SELECT id, name, role, created_by_user_id, created_at, expires_at, revoked_at "
                           "FROM api_keys WHERE org_id = ? ORDER BY created_at, id"),
            {orgId});
    if (!rows)
        return rows.error();
    QList<ApiKeyRecord> keys;
    while (rows->next()) {
        keys.append(ApiKeyRecord{rows->value(0).toString(), rows->value(1).toString(),
                                 roleFromName(rows->value(2).toString()).value_or(Role::Member),
                                 textFrom(rows->value(3)), timeFrom(rows->value(4)), timeFrom(rows->value(5)),
                                 timeFrom(rows->value(6))});
    }
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return keys;
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

Result<int> deleteSessionsOfUser(QSqlDatabase &db, const UserId &userId)
{
    return change(db, QStringLiteral("DELETE FROM sessions WHERE user_id = ?"), {userId});
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
        auto key =
            run(db,
                QStringLiteral("SELECT id, org_id, role, expires_at FROM api_keys WHERE key_sha256 = ? "
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
                             roleFromName(key->value(2).toString()).value_or(Role::Member),
                             timeFrom(key->value(3))};
    }
    // Deactivation deletes the user's sessions; the join also refuses one made by a login that raced it.
    auto session = run(db,
                       QStringLiteral("SELECT s.org_id, s.user_id, s.role, s.expires_at FROM sessions s "
                                      "JOIN users u ON u.id = s.user_id WHERE s.token_sha256 = ? "
                                      "AND s.expires_at > ? AND u.deactivated_at IS NULL"),
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
                     roleFromName(session->value(2).toString()).value_or(Role::Member),
                     timeFrom(session->value(3))};
}

} // namespace handover::store::server
