#include "server/services/storecallers.h"

#include "core/logging.h"
#include "core/store/server/credentials.h"
#include "core/store/server/idempotency.h"

#include <algorithm>

namespace handover {

namespace ss = store::server;

namespace {
constexpr qint64 kCacheMs = 5000;
constexpr qsizetype kMaxCached = 10000;
} // namespace

std::optional<Principal> StoreCallerDirectory::principalForTokenHash(const QString &tokenHash)
{
    const qint64 nowMs = m_clock.nowMs();
    if (auto it = m_cache.constFind(tokenHash); it != m_cache.cend() && it->validUntilMs > nowMs)
        return it->principal;
    std::optional<Principal> principal;
    qint64 validUntilMs = nowMs + kCacheMs;
    auto found = ss::principalForTokenHash(m_db, QByteArray::fromHex(tokenHash.toLatin1()), m_clock.now());
    if (found) {
        principal = Principal{found->orgId, found->userId, found->apiKeyId, found->role, tokenHash};
        // Never past the token's own end: an expiring credential is refused from its expires_at on.
        if (found->expiresAt.isValid())
            validUntilMs = std::min(validUntilMs, found->expiresAt.toMSecsSinceEpoch());
    } else if (found.code() != ErrorCode::Unauthenticated) {
        qCWarning(lcHttp) << "token lookup failed:" << found.error().description;
    }
    if (m_cache.size() >= kMaxCached)
        m_cache.clear();
    m_cache.insert(tokenHash, Cached{principal, validUntilMs});
    return principal;
}

void StoreCallerDirectory::forgetIf(const std::function<bool(const Principal &)> &ended)
{
    m_cache.removeIf(
        [&](const QHash<QString, Cached>::iterator &it) { return it->principal && ended(*it->principal); });
}

std::optional<StoredResponse> StoreIdempotencyRecords::find(const QString &tokenHash, const QString &key)
{
    const QString slot = tokenHash + QLatin1Char(':') + key;
    if (auto it = m_unsaved.constFind(slot); it != m_unsaved.cend())
        return *it;
    auto record = ss::findIdempotencyRecord(m_db, QByteArray::fromHex(tokenHash.toLatin1()), key);
    if (!record) {
        qCWarning(lcHttp) << "idempotency lookup failed:" << record.error().description;
        return std::nullopt;
    }
    if (!record->has_value() || !(*record)->done)
        return std::nullopt;
    const ss::IdempotencyRecord &r = **record;
    if (r.createdAt.msecsTo(m_clock.now()) > ss::kIdempotencyRetentionMs)
        return std::nullopt;
    return StoredResponse{r.requestSha256, HttpResponse::text(r.responseStatus, r.responseBody, QByteArrayLiteral("application/json"))};
}

ss::IdempotencyRecord idempotencyRecord(const QString &tokenHash, const QString &key,
                                        const StoredResponse &stored, const QDateTime &at)
{
    ss::IdempotencyRecord record;
    record.tokenSha256 = QByteArray::fromHex(tokenHash.toLatin1());
    record.key = key;
    record.requestSha256 = stored.requestHash;
    record.done = true;
    record.responseStatus = stored.response.status;
    record.responseBody = stored.response.body;
    record.createdAt = at;
    record.completedAt = at;
    return record;
}

void StoreIdempotencyRecords::remember(const QString &tokenHash, const QString &key, const StoredResponse &stored)
{
    // The entry stays until the next lookup finds it in the store; bounded by clearing when large.
    if (m_unsaved.size() > 10000)
        m_unsaved.clear();
    m_unsaved.insert(tokenHash + QLatin1Char(':') + key, stored);
}

void StoreIdempotencyRecords::save(const QString &tokenHash, const QString &key, const StoredResponse &stored)
{
    remember(tokenHash, key, stored);
    const ss::IdempotencyRecord record = idempotencyRecord(tokenHash, key, stored, m_clock.now());
    m_writer.submit([record](QSqlDatabase &db) -> Result<QVariant> {
        if (auto saved = ss::saveIdempotencyRecord(db, record); !saved)
            return saved.error();
        return QVariant();
    }, nullptr, [](const Result<QVariant> &) {});
}

} // namespace handover
