#include "server/webhook/retrypolicy.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace handover {

using namespace std::chrono_literals;

UnitRandom systemUnitRandom()
{
    return [] { return QRandomGenerator::global()->generateDouble(); };
}

RetryPolicy RetryPolicy::standard()
{
    RetryPolicy policy;
    policy.delays = {5s, 5min, 30min, 2h, 5h, 10h};
    return policy;
}

RetryPolicy::Verdict RetryPolicy::classify(int statusCode)
{
    if (statusCode >= 200 && statusCode <= 299)
        return Verdict::Delivered;
    if (statusCode == 410)
        return Verdict::Gone;
    return Verdict::Retry;
}

std::chrono::milliseconds RetryPolicy::nominalDelay(int failedAttempts) const
{
    if (delays.isEmpty())
        return 0ms;
    const qsizetype index = std::clamp<qsizetype>(failedAttempts - 1, 0, delays.size() - 1);
    return delays.at(index);
}

std::chrono::milliseconds RetryPolicy::delayAfter(int failedAttempts, double unitRandom) const
{
    const double unit = std::clamp(unitRandom, 0.0, 1.0);
    const double factor = 1.0 + jitter * (2.0 * unit - 1.0);
    const double ms = static_cast<double>(nominalDelay(failedAttempts).count()) * factor;
    return std::chrono::milliseconds(std::max<qint64>(0, std::llround(ms)));
}

RetryPolicy::Decision RetryPolicy::decide(int statusCode, int attempts, const QDateTime &createdAt,
                                          const QDateTime &now, double unitRandom) const
{
    switch (classify(statusCode)) {
    case Verdict::Delivered:
        return {AttemptOutcome::Status::Delivered, {}};
    case Verdict::Gone:
        return {AttemptOutcome::Status::Failed, {}};
    case Verdict::Retry:
        break;
    }
    const qint64 ageMs = createdAt.msecsTo(now);
    if (ageMs >= std::chrono::duration_cast<std::chrono::milliseconds>(giveUpAfter).count())
        return {AttemptOutcome::Status::Failed, {}};
    return {AttemptOutcome::Status::Pending, now.addMSecs(delayAfter(attempts, unitRandom).count())};
}

} // namespace handover
