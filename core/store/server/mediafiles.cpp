#include "core/store/server/mediafiles.h"

#include "core/store/server/statementcache.h"

namespace handover::store::server {

namespace {

const QString selectMedia = QStringLiteral(
    "SELECT id, org_id, chatroom_id, message_id, direction, remote_phone_id, wa_media_id, mime_type, size, "
    "filename, sha256, status, attempts, next_attempt_at, last_error, created_at FROM media ");

MediaRecord mediaFromRow(const Statement &row)
{
    MediaRecord m;
    m.id = row.value(0).toString();
    m.orgId = row.value(1).toString();
    m.chatroomId = textFrom(row.value(2));
    m.messageId = textFrom(row.value(3));
    m.direction = directionFromName(row.value(4).toString()).value_or(Direction::In);
    m.remotePhoneId = textFrom(row.value(5));
    m.waMediaId = textFrom(row.value(6));
    m.mimeType = row.value(7).toString();
    m.size = row.value(8).toLongLong();
    m.filename = textFrom(row.value(9));
    m.sha256 = textFrom(row.value(10));
    m.status = mediaStatusFromName(row.value(11).toString()).value_or(MediaStatus::Failed);
    m.attempts = row.value(12).toInt();
    m.nextAttemptAt = timeFrom(row.value(13));
    m.lastError = textFrom(row.value(14));
    m.createdAt = timeFrom(row.value(15));
    return m;
}

Result<QList<MediaRecord>> mediaOf(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto rows = run(db, sql, values);
    if (!rows)
        return rows.error();
    QList<MediaRecord> found;
    while (rows->next())
        found.append(mediaFromRow(*rows));
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return found;
}

Result<void> changeOne(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto changed = change(db, sql, values);
    if (!changed)
        return changed.error();
    if (*changed == 0)
        return notFound(QStringLiteral("media"));
    return {};
}

} // namespace

Result<void> insertMedia(QSqlDatabase &db, const MediaRecord &m, const QDateTime &now)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO media (id, org_id, chatroom_id, message_id, direction, remote_phone_id, wa_media_id, "
        "mime_type, size, filename, sha256, status, attempts, next_attempt_at, last_error, created_at, "
        "updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto inserted = change(
        db, sql,
        {m.id, m.orgId, textOrNull(m.chatroomId), textOrNull(m.messageId), directionName(m.direction),
         textOrNull(m.remotePhoneId), textOrNull(m.waMediaId), m.mimeType, m.size, textOrNull(m.filename),
         textOrNull(m.sha256), mediaStatusName(m.status), m.attempts, msOrNull(m.nextAttemptAt),
         textOrNull(m.lastError), msOf(m.createdAt.isValid() ? m.createdAt : now), msOf(now)});
    if (!inserted)
        return inserted.error();
    return {};
}

Result<std::optional<MediaRecord>> mediaById(QSqlDatabase &db, const OrgId &orgId, const QString &mediaId)
{
    static const QString sql = selectMedia + QStringLiteral("WHERE id = ? AND org_id = ?");
    auto found = mediaOf(db, sql, {mediaId, orgId});
    if (!found)
        return found.error();
    return found->isEmpty() ? std::optional<MediaRecord>() : std::optional<MediaRecord>(found->first());
}

Result<QList<MediaRecord>> dueMediaFetches(QSqlDatabase &db, const QDateTime &at, int limit)
{
    static const QString sql =
        selectMedia + QStringLiteral("WHERE status = 'pending' AND next_attempt_at <= ? "
                                     "ORDER BY next_attempt_at, id LIMIT ?");
    return mediaOf(db, sql, {msOf(at), qMax(1, limit)});
}

Result<void> recordMediaFetchFailure(QSqlDatabase &db, const QString &mediaId, const QString &error,
                                     const QDateTime &nextAttemptAt, const QDateTime &now)
{
    static const QString sql = QStringLiteral("UPDATE media SET attempts = attempts + 1, last_error = ?, "
                                              "next_attempt_at = ?, updated_at = ? WHERE id = ?");
    return changeOne(db, sql, {textOrNull(error.left(500)), msOf(nextAttemptAt), msOf(now), mediaId});
}

Result<void> markMediaReady(QSqlDatabase &db, const QString &mediaId, qint64 size, const QString &sha256,
                            const QDateTime &now)
{
    static const QString sql =
        QStringLiteral("UPDATE media SET status = 'ready', size = ?, sha256 = ?, "
                       "last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?");
    return changeOne(db, sql, {size, sha256, msOf(now), mediaId});
}

Result<void> markMediaFailed(QSqlDatabase &db, const QString &mediaId, const QString &error,
                             const QDateTime &now)
{
    static const QString sql = QStringLiteral("UPDATE media SET status = 'failed', last_error = ?, "
                                              "next_attempt_at = NULL, updated_at = ? WHERE id = ?");
    return changeOne(db, sql, {textOrNull(error.left(500)), msOf(now), mediaId});
}

Result<void> attachMediaToMessage(QSqlDatabase &db, const QString &mediaId, const ChatroomId &chatroomId,
                                  const MessageId &messageId, const QDateTime &now)
{
    static const QString sql =
        QStringLiteral("UPDATE media SET chatroom_id = ?, message_id = ?, remote_phone_id = "
                       "(SELECT remote_phone_id FROM chatrooms WHERE id = ?), updated_at = ? WHERE id = ?");
    return changeOne(db, sql, {chatroomId, messageId, chatroomId, msOf(now), mediaId});
}

Result<void> setUploadedMediaId(QSqlDatabase &db, const QString &mediaId, const QString &waMediaId,
                                const QDateTime &now)
{
    static const QString sql =
        QStringLiteral("UPDATE media SET wa_media_id = ?, updated_at = ? WHERE id = ?");
    return changeOne(db, sql, {waMediaId, msOf(now), mediaId});
}

} // namespace handover::store::server
