#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace handover {

// One pending row of webhook_deliveries, joined with its org's webhook URL and secret.
struct PendingDelivery
{
    QString id;
    QString webhookId; // "msg_...": the webhook-id header, the same for every attempt
    QString orgId;
    QString url;
    QString secret; // "whsec_<base64>"
    QByteArray payload;
    int attempts = 0; // attempts made before this one
    QDateTime createdAt;
    QDateTime nextAttemptAt;
};

// What one attempt did, and what becomes of the delivery.
struct AttemptOutcome
{
    enum class Status
    {
        Pending,
        Delivered,
        Failed
    };

    QString deliveryId;
    int statusCode = 0; // 0: no HTTP answer (refused, timeout, DNS, address not allowed)
    QString error;      // empty on success
    Status status = Status::Pending;
    int attempts = 0;        // including this one
    QDateTime nextAttemptAt; // when status is Pending; invalid otherwise
};

// Where deliveries live. The server implements it over its SQLite store (writes through the group-commit
// writer, so recording is asynchronous); tests implement it in memory. Called on the dispatcher's thread.
class DeliveryBackend
{
public:
    virtual ~DeliveryBackend() = default;
    // Status pending and next_attempt_at <= now, oldest next_attempt_at first, at most limit.
    virtual QList<PendingDelivery> dueDeliveries(const QDateTime &now, int limit) = 0;
    // The earliest next_attempt_at of a pending delivery, if there is one.
    virtual std::optional<QDateTime> nextDueAt() = 0;
    // Makes the outcome durable, then calls recorded on the dispatcher's thread. A failed write should still
    // call back (the row stays pending and is retried when it is due).
    virtual void recordAttempt(const AttemptOutcome &outcome, std::function<void()> recorded) = 0;
};

} // namespace handover
