#pragma once

#include <QtGlobal>

namespace handover::client {

// Where a retry's jitter comes from; injected so tests can pin it.
class RandomSource
{
public:
    virtual ~RandomSource() = default;
    // Uniform in [0, 1).
    virtual double uniform() = 0;
};

// QRandomGenerator::global().
class SystemRandomSource final : public RandomSource
{
public:
    double uniform() override;
};

// How long to wait before retrying after `attempt` failures in a row: exponential backoff with full jitter
// (a delay drawn uniformly from [0, ceiling]), so that many consoles cut off by the same outage do not come
// back at the same instant. The one place the reconnect and the outbox take their retry timing from; the UI
// reads the resulting wait, never these numbers.
struct BackoffPolicy
{
    qint64 initialMs = 500;  // the ceiling of the first retry
    double multiplier = 2.0; // the ceiling grows by this per failure...
    qint64 maxMs = 30000;    // ...up to this

    // min(maxMs, initialMs * multiplier^attempt); attempt 0 is the first retry.
    qint64 ceilingMs(int attempt) const;
    // Uniform in [0, ceilingMs(attempt)].
    qint64 delayMs(int attempt, RandomSource &random) const;

    // SYNC.md: 0.5 s doubling to 30 s.
    static BackoffPolicy reconnect() { return BackoffPolicy{}; }
};

} // namespace handover::client
