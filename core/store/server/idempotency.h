#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>
#include <optional>

// Idempotency-Key records (API.md): the first response to a mutating POST, kept 24 h per token and key.
// Hashes are the raw 32 SHA-256 bytes.
namespace handover::store::server {

inline constexpr qint64 kIdempotencyRetentionMs = 24LL * 60 * 60 * 1000;

struct IdempotencyRecord
{
    QByteArray tokenSha256;
    QString key;
    QByteArray requestSha256; // of the request body: another body with the same key is 4220001
    bool done = false;        // false: the first request is still running (4090004 for a retry)
    int responseStatus = 0;   // when done
    QByteArray responseBody;  // when done
    QDateTime createdAt;
    QDateTime completedAt; // when done
    friend bool operator==(const IdempotencyRecord &, const IdempotencyRecord &) = default;
};

// nullopt when there is no record for (token, key).
Result<std::optional<IdempotencyRecord>>
findIdempotencyRecord(QSqlDatabase &db, const QByteArray &tokenSha256, const QString &key);
// Inserts or replaces the record of (token, key) (an in-progress one, then the done one).
Result<void> saveIdempotencyRecord(QSqlDatabase &db, const IdempotencyRecord &record);
// Drops the record, e.g. when the first request failed before it had a response worth replaying.
Result<void> deleteIdempotencyRecord(QSqlDatabase &db, const QByteArray &tokenSha256, const QString &key);
// Records created before now - 24 h; the number removed.
Result<int> purgeIdempotencyRecords(QSqlDatabase &db, const QDateTime &now);

} // namespace handover::store::server
