#include "core/store/server/webhookdeliveries.h"

#include "core/store/server/statementcache.h"

#include <QUuid>

namespace handover::store::server {

namespace {

const QString selectDeliveries =
    QStringLiteral("SELECT id, webhook_id, org_id, event_type, payload, status, attempts, last_status_code, "
                   "last_error, next_attempt_at, created_at, updated_at FROM webhook_deliveries ");

Result<WebhookDelivery> deliveryFromRow(const Statement &row)
{
    WebhookDelivery d;
    d.id = row.value(0).toString();
    d.webhookId = row.value(1).toString();
    d.orgId = row.value(2).toString();
    d.eventType = row.value(3).toString();
    d.payload = row.value(4).toString().toUtf8();
    const auto state = deliveryStateFromName(row.value(5).toString());
    if (!state)
        return Error::make(ErrorCode::Internal, QStringLiteral("webhook delivery ") + d.id +
                                                    QStringLiteral(" has an unknown status"));
    d.state = *state;
    d.attempts = row.value(6).toInt();
    if (!row.value(7).isNull())
        d.lastStatusCode = row.value(7).toInt();
    d.lastError = textFrom(row.value(8));
    d.nextAttemptAt = timeFrom(row.value(9));
    d.createdAt = timeFrom(row.value(10));
    d.updatedAt = timeFrom(row.value(11));
    return d;
}

Result<QList<WebhookDelivery>> deliveriesOf(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto rows = run(db, sql, values);
    if (!rows)
        return rows.error();
    QList<WebhookDelivery> deliveries;
    while (rows->next()) {
        auto delivery = deliveryFromRow(*rows);
        if (!delivery)
            return delivery.error();
        deliveries.append(std::move(*delivery));
    }
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return deliveries;
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

QString deliveryStateName(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Pending:
        return QStringLiteral("pending");
    case DeliveryState::Delivered:
        return QStringLiteral("delivered");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<DeliveryState> deliveryStateFromName(const QString &name)
{
    for (auto state : {DeliveryState::Pending, DeliveryState::Delivered, DeliveryState::Failed}) {
        if (deliveryStateName(state) == name)
            return state;
    }
    return std::nullopt;
}

Result<WebhookDelivery> enqueueDelivery(QSqlDatabase &db, const OrgId &orgId, const QString &eventType,
                                        const QByteArray &payload, const QDateTime &now)
{
    static const QString sql = QStringLiteral(
        "INSERT INTO webhook_deliveries (id, webhook_id, org_id, event_type, payload, status, attempts, "
        "next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)");
    WebhookDelivery d;
    d.id = newUuid();
    d.webhookId = QStringLiteral("msg_") + QUuid::createUuid().toString(QUuid::Id128);
    d.orgId = orgId;
    d.eventType = eventType;
    d.payload = payload;
    d.nextAttemptAt = now;
    d.createdAt = now;
    d.updatedAt = now;
    const qint64 nowMs = msOf(now);
    auto inserted = change(
        db, sql, {d.id, d.webhookId, orgId, eventType, QString::fromUtf8(payload), nowMs, nowMs, nowMs});
    if (!inserted)
        return inserted.error();
    return d;
}

Result<WebhookDelivery> deliveryById(QSqlDatabase &db, const OrgId &orgId, const QString &deliveryId)
{
    static const QString sql = selectDeliveries + QStringLiteral("WHERE id = ? AND org_id = ?");
    auto found = deliveriesOf(db, sql, {deliveryId, orgId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return notFound(QStringLiteral("webhook delivery"));
    return found->first();
}

Result<QList<WebhookDelivery>> dueDeliveries(QSqlDatabase &db, const QDateTime &at, int limit)
{
    static const QString sql =
        selectDeliveries + QStringLiteral("WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY "
                                          "next_attempt_at, created_at, id LIMIT ?");
    return deliveriesOf(db, sql, {msOf(at), qMax(1, limit)});
}

Result<void> recordDeliveryAttempt(QSqlDatabase &db, const QString &deliveryId,
                                   const DeliveryAttempt &attempt)
{
    static const QString sql = QStringLiteral("UPDATE webhook_deliveries SET attempts = attempts + 1, "
                                              "last_status_code = ?, last_error = ?, status = ?, "
                                              "next_attempt_at = ?, updated_at = ? WHERE id = ?");
    const bool pending = attempt.state == DeliveryState::Pending;
    if (pending && !attempt.nextAttemptAt.isValid())
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("a pending delivery needs its next attempt time"));
    auto updated =
        change(db, sql,
               {attempt.statusCode ? QVariant(*attempt.statusCode) : QVariant(), textOrNull(attempt.error),
                deliveryStateName(attempt.state), pending ? msOrNull(attempt.nextAttemptAt) : QVariant(),
                msOf(attempt.at), deliveryId});
    if (!updated)
        return updated.error();
    if (*updated == 0)
        return notFound(QStringLiteral("webhook delivery"));
    return {};
}

Result<QList<WebhookDelivery>> listDeliveries(QSqlDatabase &db, const OrgId &orgId,
                                              std::optional<DeliveryState> state, int limit)
{
    static const QString any =
        selectDeliveries + QStringLiteral("WHERE org_id = ? ORDER BY created_at DESC, id LIMIT ?");
    static const QString one =
        selectDeliveries +
        QStringLiteral("WHERE org_id = ? AND status = ? ORDER BY created_at DESC, id LIMIT ?");
    if (state)
        return deliveriesOf(db, one, {orgId, deliveryStateName(*state), qMax(1, limit)});
    return deliveriesOf(db, any, {orgId, qMax(1, limit)});
}

Result<void> redeliver(QSqlDatabase &db, const OrgId &orgId, const QString &deliveryId, const QDateTime &now)
{
    static const QString sql = QStringLiteral(
        "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, updated_at = ? "
        "WHERE id = ? AND org_id = ?");
    auto updated = change(db, sql, {msOf(now), msOf(now), deliveryId, orgId});
    if (!updated)
        return updated.error();
    if (*updated == 0)
        return notFound(QStringLiteral("webhook delivery"));
    return {};
}

Result<qint64> pendingDeliveryCount(QSqlDatabase &db)
{
    return countOf(db, QStringLiteral("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'"));
}

} // namespace handover::store::server
