#pragma once

#include "core/domain/ids.h"
#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <optional>

// Durable deliveries to the org webhook (R22): stored with the change that caused them, retried by the
// dispatcher, listed and redelivered through the API.
namespace handover::store::server {

enum class DeliveryState
{
    Pending,
    Delivered,
    Failed
};
QString deliveryStateName(DeliveryState state); // "pending", "delivered", "failed"
std::optional<DeliveryState> deliveryStateFromName(const QString &name);

struct WebhookDelivery
{
    QString id;
    QString webhookId; // "msg_<unique>", the same across retries (Standard Webhooks' webhook-id)
    OrgId orgId;
    QString eventType;  // "template.button_reply"
    QByteArray payload; // the exact body to POST
    DeliveryState state = DeliveryState::Pending;
    int attempts = 0;
    std::optional<int> lastStatusCode;
    QString lastError;
    QDateTime nextAttemptAt; // null unless pending
    QDateTime createdAt;
    QDateTime updatedAt;
};

// Stores a pending delivery due at `now` with fresh ids; returns it.
Result<WebhookDelivery> enqueueDelivery(QSqlDatabase &db, const OrgId &orgId, const QString &eventType,
                                        const QByteArray &payload, const QDateTime &now);
// NotFound for an unknown id and for another org's delivery.
Result<WebhookDelivery> deliveryById(QSqlDatabase &db, const OrgId &orgId, const QString &deliveryId);
// Pending deliveries with next_attempt_at <= at, the most overdue first, at most `limit`.
Result<QList<WebhookDelivery>> dueDeliveries(QSqlDatabase &db, const QDateTime &at, int limit);

// What one attempt ended in: `state` Delivered (2xx), Failed (given up: 410 Gone or out of retries) or
// Pending with the time of the next try.
struct DeliveryAttempt
{
    std::optional<int> statusCode; // none when no HTTP answer came
    QString error;                 // a network error or the receiver's answer, shortened
    DeliveryState state = DeliveryState::Pending;
    QDateTime nextAttemptAt; // required when state is Pending
    QDateTime at;
};
// Counts the attempt and records its result. NotFound for an unknown id.
Result<void> recordDeliveryAttempt(QSqlDatabase &db, const QString &deliveryId,
                                   const DeliveryAttempt &attempt);

// The org's deliveries, newest first, optionally only one state, at most `limit`.
Result<QList<WebhookDelivery>> listDeliveries(QSqlDatabase &db, const OrgId &orgId,
                                              std::optional<DeliveryState> state, int limit);
// Back to pending, due at `now`; the attempt count and last result stay for the record. NotFound for an
// unknown id and another org's delivery.
Result<void> redeliver(QSqlDatabase &db, const OrgId &orgId, const QString &deliveryId, const QDateTime &now);
// Every org's pending deliveries (the metrics' webhook queue depth).
Result<qint64> pendingDeliveryCount(QSqlDatabase &db);

} // namespace handover::store::server
