#include "core/store/server/idempotency.h"

#include "core/store/server/statementcache.h"

namespace handover::store::server {

Result<std::optional<IdempotencyRecord>>
findIdempotencyRecord(QSqlDatabase &db, const QByteArray &tokenSha256, const QString &key)
{
    static const QString sql = QStringLiteral(
        "SELECT request_sha256, status, response_status, response_body, created_at, completed_at "
        "FROM idempotency_records WHERE token_sha256 = ? AND idempotency_key = ?");
    auto row = run(db, sql, {tokenSha256, key});
    if (!row)
        return row.error();
    auto found = row->fetch();
    if (!found)
        return found.error();
    if (!*found)
        return std::optional<IdempotencyRecord>();
    IdempotencyRecord record;
    record.tokenSha256 = tokenSha256;
    record.key = key;
    record.requestSha256 = row->value(0).toByteArray();
    record.done = row->value(1).toString() == QLatin1String("done");
    record.responseStatus = row->value(2).toInt();
    record.responseBody = row->value(3).toByteArray();
    record.createdAt = timeFrom(row->value(4));
    record.completedAt = timeFrom(row->value(5));
    return std::optional<IdempotencyRecord>(std::move(record));
}

Result<void> saveIdempotencyRecord(QSqlDatabase &db, const IdempotencyRecord &record)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO idempotency_records (token_sha256, idempotency_key, request_sha256, status, "
        "response_status, "
        "response_body, created_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (token_sha256, idempotency_key) DO UPDATE SET request_sha256 = excluded.request_sha256, "
        "status = excluded.status, response_status = excluded.response_status, "
        "response_body = excluded.response_body, completed_at = excluded.completed_at");
    // The body is a BLOB even when empty, so a done record never reads back as "no body".
    const QVariant body = record.done
                              ? QVariant(record.responseBody.isNull() ? QByteArray("") : record.responseBody)
                              : QVariant();
    auto saved = change(db, sql,
                        {record.tokenSha256, record.key, record.requestSha256,
                         record.done ? QStringLiteral("done") : QStringLiteral("in_progress"),
                         record.done ? QVariant(record.responseStatus) : QVariant(), body,
                         msOf(record.createdAt), record.done ? msOrNull(record.completedAt) : QVariant()});
    if (!saved)
        return saved.error();
    return {};
}

Result<void> deleteIdempotencyRecord(QSqlDatabase &db, const QByteArray &tokenSha256, const QString &key)
{
    auto deleted = change(
        db, QStringLiteral("DELETE FROM idempotency_records WHERE token_sha256 = ? AND idempotency_key = ?"),
        {tokenSha256, key});
    if (!deleted)
        return deleted.error();
    return {};
}

Result<int> purgeIdempotencyRecords(QSqlDatabase &db, const QDateTime &now)
{
    return change(db, QStringLiteral("DELETE FROM idempotency_records WHERE created_at < ?"),
                  {msOf(now) - kIdempotencyRetentionMs});
}

} // namespace handover::store::server
