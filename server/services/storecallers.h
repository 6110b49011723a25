#pragma once

#include "core/clock.h"
#include "core/store/groupcommitwriter.h"
#include "core/store/server/idempotency.h"
#include "server/http/apiserver.h"
#include "server/http/idempotencygate.h"

#include <QHash>
#include <QSqlDatabase>
#include <functional>

namespace handover {

// Bearer tokens to callers, read from the store and kept for a few seconds (never past the token's expiry),
// so a burst of requests with one token costs one lookup. Whatever ends a credential in this process calls
// forget()/forgetIf() before it answers, so the next request with it is refused at once.
class StoreCallerDirectory final : public CallerDirectory
{
public:
    StoreCallerDirectory(const Clock &clock, QSqlDatabase &readDb) : m_clock(clock), m_db(readDb) {}
    std::optional<Principal> principalForTokenHash(const QString &tokenHash) override;
    void forget(const QString &tokenHash) { m_cache.remove(tokenHash); }
    void forgetIf(const std::function<bool(const Principal &)> &ended);

private:
    struct Cached
    {
        std::optional<Principal> principal;
        qint64 validUntilMs = 0;
    };
    const Clock &m_clock;
    QSqlDatabase &m_db;
    QHash<QString, Cached> m_cache;
};

// Idempotency records in the store: looked up on the read connection, saved through the writer.
// The stored form of a first response.
store::server::IdempotencyRecord idempotencyRecord(const QString &tokenHash, const QString &key,
                                                   const StoredResponse &stored, const QDateTime &at);

class StoreIdempotencyRecords final : public IdempotencyRecords
{
public:
    StoreIdempotencyRecords(const Clock &clock, QSqlDatabase &readDb, store::GroupCommitWriter &writer)
        : m_clock(clock), m_db(readDb), m_writer(writer)
    {
    }
    std::optional<StoredResponse> find(const QString &tokenHash, const QString &key) override;
    void save(const QString &tokenHash, const QString &key, const StoredResponse &stored) override;
    void remember(const QString &tokenHash, const QString &key, const StoredResponse &stored) override;

private:
    const Clock &m_clock;
    QSqlDatabase &m_db;
    store::GroupCommitWriter &m_writer;
    QHash<QString, StoredResponse> m_unsaved; // saved but not yet committed
};

} // namespace handover
