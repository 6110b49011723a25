#include "server/services/storestreambackend.h"

#include "core/logging.h"
#include "core/store/server/credentials.h"
#include "core/store/server/eventlog.h"
#include "server/auth/tokens.h"
#include "server/sync/streamvisibility.h"

namespace handover {

namespace ss = store::server;

std::optional<StreamPrincipal> StoreStreamBackend::principalForSessionToken(const QString &token)
{
    const QString hash = tokenHash(token);
    auto principal = ss::principalForTokenHash(m_db, QByteArray::fromHex(hash.toLatin1()), m_clock.now());
    if (!principal || principal->userId.isEmpty())
        return std::nullopt; // the stream is a user's: API keys have no Mine view and no presence
    return StreamPrincipal{principal->orgId, principal->userId, principal->role, hash, principal->expiresAt};
}

qint64 StoreStreamBackend::headSeq(const OrgId &orgId)
{
    auto head = ss::headSeq(m_db, orgId);
    if (!head)
        qCWarning(lcSync) << "head seq:" << head.error().description;
    return head ? *head : 0;
}

qint64 StoreStreamBackend::oldestRetainedSeq(const OrgId &orgId)
{
    auto first = ss::firstRetainedSeq(m_db, orgId);
    if (!first)
        qCWarning(lcSync) << "first retained seq:" << first.error().description;
    return first ? *first : 1;
}

QList<StoredEvent> StoreStreamBackend::eventsAfter(const OrgId &orgId, qint64 since, int limit)
{
    QList<StoredEvent> out;
    auto stored = ss::eventsSince(m_db, orgId, since, limit);
    if (!stored) {
        qCWarning(lcSync) << "reading the event log:" << stored.error().description;
        return out;
    }
    out.reserve(stored->size());
    for (const ss::StoredEvent &row : std::as_const(*stored)) {
        auto event = ss::decodeStoredEvent(row);
        if (!event) {
            qCWarning(lcSync) << "undecodable event" << row.seq << event.error().description;
            continue;
        }
        StoredEvent visible = toStoredEvent(*event);
        visible.frame = row.payload;
        out.append(std::move(visible));
    }
    return out;
}

} // namespace handover
