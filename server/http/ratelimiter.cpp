#include "server/http/ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace handover {

namespace {
constexpr qint64 kSweepEveryMs = 60'000;
}

RateLimiter::RateLimiter(const Clock &clock, double ratePerSecond, double burst)
    : m_clock(clock), m_rate(ratePerSecond), m_burst(burst)
{
}

void RateLimiter::setLimits(double ratePerSecond, double burst)
{
    m_rate = ratePerSecond;
    m_burst = burst;
}

RateLimiter::Decision RateLimiter::take(const QString &caller)
{
    const qint64 nowMs = m_clock.nowMs();
    sweep(nowMs);
    auto it = m_buckets.find(caller);
    if (it == m_buckets.end())
        it = m_buckets.insert(caller, Bucket{m_burst, nowMs});
    Bucket &bucket = *it;
    const double elapsed = std::max<qint64>(0, nowMs - bucket.updatedMs) / 1000.0;
    bucket.tokens = std::min(m_burst, bucket.tokens + elapsed * m_rate);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return {};
    }
    const double wait = m_rate > 0 ? (1.0 - bucket.tokens) / m_rate : 60.0;
    return Decision{false, std::max(1, static_cast<int>(std::ceil(wait)))};
}

// Buckets that have refilled completely carry no information; drop them so memory follows active callers.
void RateLimiter::sweep(qint64 nowMs)
{
    if (nowMs - m_lastSweepMs < kSweepEveryMs)
        return;
    m_lastSweepMs = nowMs;
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double refilled = it->tokens + (nowMs - it->updatedMs) / 1000.0 * m_rate;
        it = refilled >= m_burst ? m_buckets.erase(it) : std::next(it);
    }
}

} // namespace handover
