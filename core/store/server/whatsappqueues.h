#pragma once

#include "core/domain/ids.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

// The WhatsApp channel's durable state: outbound messages waiting to be posted to the Cloud API, and the
// inbound message ids already seen (Meta retries its webhooks).
namespace handover::store::server {

struct OutboundSend
{
    MessageId messageId;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString lastError;
    QDateTime createdAt;
    friend bool operator==(const OutboundSend &, const OutboundSend &) = default;
};

// Queues a stored outbound message to be sent at `now`. Queueing one twice is UniqueConstraintFailed.
Result<void> enqueueOutbound(QSqlDatabase &db, const MessageId &messageId, const QDateTime &now);
// Sends due at `at`, the most overdue first, at most `limit`.
Result<QList<OutboundSend>> dueOutbound(QSqlDatabase &db, const QDateTime &at, int limit);
// A failed try: counts it, keeps the reason and the time of the next one. NotFound when not queued.
Result<void> recordOutboundFailure(QSqlDatabase &db, const MessageId &messageId, const QString &error,
                                   const QDateTime &nextAttemptAt);
// Sent (or given up and marked failed on the message): leaves the queue. Harmless when not queued.
Result<void> removeOutbound(QSqlDatabase &db, const MessageId &messageId);
Result<qint64> outboundQueueDepth(QSqlDatabase &db);

// True the first time a WhatsApp message id is seen, false for every later delivery of it.
Result<bool> markInboundSeen(QSqlDatabase &db, const QString &waMessageId, const QString &remotePhoneId,
                             const QDateTime &at);
// Forgets ids seen before `cutoff` (Meta stops retrying long before); the number removed.
Result<int> purgeInboundSeen(QSqlDatabase &db, const QDateTime &cutoff);

} // namespace handover::store::server
