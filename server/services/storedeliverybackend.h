#pragma once

#include "core/clock.h"
#include "server/services/commandrunner.h"
#include "server/webhook/deliverybackend.h"

#include <QSqlDatabase>

namespace handover {

// The webhook dispatcher's view of the store: due deliveries joined with their org's current webhook (read
// connection), attempts recorded through the writer.
class StoreDeliveryBackend final : public DeliveryBackend
{
public:
    StoreDeliveryBackend(const Clock &clock, QSqlDatabase &readDb, CommandRunner &commands)
        : m_clock(clock), m_db(readDb), m_commands(commands)
    {
    }
    QList<PendingDelivery> dueDeliveries(const QDateTime &now, int limit) override;
    std::optional<QDateTime> nextDueAt() override;
    void recordAttempt(const AttemptOutcome &outcome, std::function<void()> recorded) override;

private:
    const Clock &m_clock;
    QSqlDatabase &m_db;
    CommandRunner &m_commands;
};

} // namespace handover
