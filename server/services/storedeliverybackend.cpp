#include "server/services/storedeliverybackend.h"

#include "core/logging.h"
#include "core/store/server/orgs.h"
#include "core/store/server/webhookdeliveries.h"

namespace handover {

namespace ss = store::server;

QList<PendingDelivery> StoreDeliveryBackend::dueDeliveries(const QDateTime &now, int limit)
{
    QList<PendingDelivery> out;
    auto due = ss::dueDeliveries(m_db, now, limit);
    if (!due) {
        qCWarning(lcWebhook) << "reading due deliveries:" << due.error().description;
        return out;
    }
    QHash<OrgId, std::optional<ss::WebhookTarget>> webhooks;
    for (const ss::WebhookDelivery &row : std::as_const(*due)) {
        if (!webhooks.contains(row.orgId)) {
            auto target = ss::orgWebhook(m_db, row.orgId);
            webhooks.insert(row.orgId, target ? *target : std::nullopt);
        }
        const std::optional<ss::WebhookTarget> &target = webhooks.value(row.orgId);
        if (!target) {
            // The org removed its webhook: there is nowhere to deliver to any more.
            recordAttempt(AttemptOutcome{row.id, 0, QStringLiteral("the org has no webhook"),
                                         AttemptOutcome::Status::Failed, row.attempts, {}},
                          [] {});
            continue;
        }
        out.append(PendingDelivery{row.id, row.webhookId, row.orgId, target->url, target->secret, row.payload,
                                   row.attempts, row.createdAt, row.nextAttemptAt});
    }
    return out;
}

std::optional<QDateTime> StoreDeliveryBackend::nextDueAt()
{
    // The most overdue pending delivery by any time is the earliest one.
    auto earliest = ss::dueDeliveries(m_db, m_clock.now().addYears(100), 1);
    if (!earliest || earliest->isEmpty())
        return std::nullopt;
    return earliest->first().nextAttemptAt;
}

void StoreDeliveryBackend::recordAttempt(const AttemptOutcome &outcome, std::function<void()> recorded)
{
    ss::DeliveryAttempt attempt;
    if (outcome.statusCode > 0)
        attempt.statusCode = outcome.statusCode;
    attempt.error = outcome.error;
    attempt.state = outcome.status == AttemptOutcome::Status::Delivered ? ss::DeliveryState::Delivered
                    : outcome.status == AttemptOutcome::Status::Failed  ? ss::DeliveryState::Failed
                                                                        : ss::DeliveryState::Pending;
    attempt.nextAttemptAt = outcome.nextAttemptAt;
    attempt.at = m_clock.now();
    const QString id = outcome.deliveryId;
    m_commands.run(
        [id, attempt](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto done = ss::recordDeliveryAttempt(db, id, attempt); !done)
                return done.error();
            return CommandEffects{};
        },
        [recorded = std::move(recorded), id](const Result<CommandEffects> &result) {
            if (!result)
                qCWarning(lcWebhook) << "recording an attempt of" << id << "failed:" << result.error().description;
            recorded();
        });
}

} // namespace handover
