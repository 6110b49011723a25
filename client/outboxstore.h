#pragma once

#include "client/apierror.h"
#include "client/apitypes.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/store/database.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <memory>
#include <optional>

namespace handover::client {

enum class OutboxState
{
    Pending, // stored, not yet acknowledged by the server (waiting, or on its way)
    Sent,    // the server answered 2xx; `response` holds its answer
    Failed,  // the server refused it (4xx); `failure` says why; retry() makes it pending again
};
QString outboxStateName(OutboxState state);
std::optional<OutboxState> outboxStateFromName(const QString &name);

// One command the user made, as stored in the cache's outbox table.
struct OutboxItem
{
    qint64 localId = 0; // the send order; never reused
    QString idempotencyKey;
    OrgId orgId;
    ChatroomId chatroomId;
    CommandKind kind = CommandKind::SendText;
    QJsonObject payload; // the request body
    OutboxState state = OutboxState::Pending;
    int attempts = 0;                // requests made so far
    std::optional<ApiError> failure; // Failed: the refusal; Pending: the last retryable error, if any
    QJsonObject response;            // Sent: the server's answer
    QDateTime createdAt;
    QDateTime updatedAt;

    // Sent messages: the server's message id (matches the message.created event's message).
    MessageId messageId() const;
};

// The SQL side of the outbox: one row per command in `outbox` (cache schema v2). Opened on its own connection
// to the cache file with synchronous=FULL: what the user sent must survive a power cut, while the rest of the
// cache may roll back a little and re-sync (docs/storage.md).
class OutboxStore
{
public:
    static Result<std::unique_ptr<OutboxStore>> open(const QString &path, OrgId orgId, const Clock &clock);
    ~OutboxStore();
    OutboxStore(const OutboxStore &) = delete;
    OutboxStore &operator=(const OutboxStore &) = delete;

    Result<OutboxItem> insert(CommandKind kind, const ChatroomId &chatroomId, const QJsonObject &payload,
                              const QString &idempotencyKey);
    Result<std::optional<OutboxItem>> item(qint64 localId);
    // Every item of the org (or only those in `state`), in send order.
    Result<QList<OutboxItem>> items(std::optional<OutboxState> state = std::nullopt);
    // The oldest pending item: the next to go out.
    Result<std::optional<OutboxItem>> nextPending();

    // An attempt was made and failed in a way worth retrying: attempts + 1, the error noted, still pending.
    Result<void> recordRetryableFailure(qint64 localId, const ApiError &error);
    Result<void> markSent(qint64 localId, const QJsonObject &response);
    Result<void> markFailed(qint64 localId, const ApiError &error);
    // Failed -> Pending with a new Idempotency-Key (see Outbox::retry). False if the item was not failed.
    Result<bool> markPendingAgain(qint64 localId, const QString &newIdempotencyKey);
    // Deletes a failed item (the user took its text back); false if it was not failed.
    Result<bool> removeFailed(qint64 localId);
    // Deletes sent items last changed before `before`; returns how many.
    Result<int> purgeSent(const QDateTime &before);

private:
    OutboxStore(store::Database db, OrgId orgId, const Clock &clock);
    Result<QList<OutboxItem>> select(const QString &where, const QVariantList &values);
    Result<void> update(const QString &set, const QVariantList &values, qint64 localId);

    store::Database m_db;
    OrgId m_orgId;
    const Clock &m_clock;
};

} // namespace handover::client
