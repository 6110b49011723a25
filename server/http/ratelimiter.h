#pragma once

#include "core/clock.h"

#include <QHash>
#include <QString>

namespace handover {

// A token bucket per caller: `ratePerSecond` sustained with bursts up to `burst`. Time comes from the clock, so
// tests can drive it.
class RateLimiter
{
public:
    RateLimiter(const Clock &clock, double ratePerSecond, double burst);

    struct Decision
    {
        bool allowed = true;
        int retryAfterSecs = 0; // for the Retry-After header when refused
    };
    Decision take(const QString &caller);
    void setLimits(double ratePerSecond, double burst);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    const Clock &m_clock;
    double m_rate;
    double m_burst;
    QHash<QString, Bucket> m_buckets;
    qint64 m_lastSweepMs = 0;

    void sweep(qint64 nowMs);
};

} // namespace handover
