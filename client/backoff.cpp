#include "client/backoff.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace handover::client {

double SystemRandomSource::uniform()
{
    return QRandomGenerator::global()->generateDouble();
}

qint64 BackoffPolicy::ceilingMs(int attempt) const
{
    const double grown = double(initialMs) * std::pow(multiplier, double(std::max(0, attempt)));
    // pow overflows to inf long before attempt reaches INT_MAX; the cap keeps it finite.
    if (!std::isfinite(grown) || grown >= double(maxMs))
        return maxMs;
    return std::max<qint64>(0, qint64(grown));
}

qint64 BackoffPolicy::delayMs(int attempt, RandomSource &random) const
{
    const qint64 ceiling = ceilingMs(attempt);
    const double u = std::clamp(random.uniform(), 0.0, 1.0);
    return std::clamp<qint64>(qint64(std::llround(u * double(ceiling))), 0, ceiling);
}

} // namespace handover::client
