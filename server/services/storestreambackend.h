#pragma once

#include "core/clock.h"
#include "server/sync/streambackend.h"

#include <QSqlDatabase>

namespace handover {

// The sync hub's view of the store: tokens, the org's head and the retained event log, on the read connection.
class StoreStreamBackend final : public StreamBackend
{
public:
    StoreStreamBackend(const Clock &clock, QSqlDatabase &readDb) : m_clock(clock), m_db(readDb) {}
    std::optional<StreamPrincipal> principalForSessionToken(const QString &token) override;
    qint64 headSeq(const OrgId &orgId) override;
    qint64 oldestRetainedSeq(const OrgId &orgId) override;
    QList<StoredEvent> eventsAfter(const OrgId &orgId, qint64 since, int limit) override;

private:
    const Clock &m_clock;
    QSqlDatabase &m_db;
};

} // namespace handover
