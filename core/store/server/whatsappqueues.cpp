#include "core/store/server/whatsappqueues.h"

#include "core/store/server/statementcache.h"

namespace handover::store::server {

Result<void> enqueueOutbound(QSqlDatabase &db, const MessageId &messageId, const QDateTime &now)
{
    static const QString sql = QStringLiteral("INSERT INTO wa_outbound_queue (message_id, attempts, "
                                              "next_attempt_at, created_at) VALUES (?, 0, ?, ?)");
    auto inserted = change(db, sql, {messageId, msOf(now), msOf(now)});
    if (!inserted)
        return inserted.error();
    return {};
}

Result<QList<OutboundSend>> dueOutbound(QSqlDatabase &db, const QDateTime &at, int limit)
{
    static const QString sql = QStringLiteral(
        "SELECT message_id, attempts, next_attempt_at, last_error, created_at FROM wa_outbound_queue "
        "WHERE next_attempt_at <= ? ORDER BY next_attempt_at, created_at, message_id LIMIT ?");
    auto rows = run(db, sql, {msOf(at), qMax(1, limit)});
    if (!rows)
        return rows.error();
    QList<OutboundSend> sends;
    while (rows->next()) {
        sends.append(OutboundSend{rows->value(0).toString(), rows->value(1).toInt(), timeFrom(rows->value(2)),
                                  textFrom(rows->value(3)), timeFrom(rows->value(4))});
    }
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return sends;
}

Result<void> recordOutboundFailure(QSqlDatabase &db, const MessageId &messageId, const QString &error,
                                   const QDateTime &nextAttemptAt)
{
    static const QString sql = QStringLiteral(
        "UPDATE wa_outbound_queue SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
        "WHERE message_id = ?");
    auto updated = change(db, sql, {textOrNull(error), msOf(nextAttemptAt), messageId});
    if (!updated)
        return updated.error();
    if (*updated == 0)
        return notFound(QStringLiteral("queued message"));
    return {};
}

Result<void> removeOutbound(QSqlDatabase &db, const MessageId &messageId)
{
    auto removed =
        change(db, QStringLiteral("DELETE FROM wa_outbound_queue WHERE message_id = ?"), {messageId});
    if (!removed)
        return removed.error();
    return {};
}

Result<qint64> outboundQueueDepth(QSqlDatabase &db)
{
    return countOf(db, QStringLiteral("SELECT count(*) FROM wa_outbound_queue"));
}

Result<bool> markInboundSeen(QSqlDatabase &db, const QString &waMessageId, const QString &remotePhoneId,
                             const QDateTime &at)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO wa_inbound_seen (wa_message_id, remote_phone_id, received_at) VALUES (?, ?, ?) "
        "ON CONFLICT (wa_message_id) DO NOTHING");
    auto inserted = change(db, sql, {textNotNull(waMessageId), textNotNull(remotePhoneId), msOf(at)});
    if (!inserted)
        return inserted.error();
    return *inserted == 1;
}

Result<int> purgeInboundSeen(QSqlDatabase &db, const QDateTime &cutoff)
{
    return change(db, QStringLiteral("DELETE FROM wa_inbound_seen WHERE received_at < ?"), {msOf(cutoff)});
}

} // namespace handover::store::server
