#pragma once

#include "server/webhook/deliverybackend.h"

#include <QDateTime>
#include <QList>
#include <chrono>
#include <functional>

namespace handover {

// A number in [0, 1), uniformly distributed; injected so tests get the same jitter every run.
using UnitRandom = std::function<double()>;
UnitRandom systemUnitRandom();

// How org webhook deliveries are retried (API.md, "Org webhook"): the whole schedule is this data.
struct RetryPolicy
{
    // After the n-th failed attempt the next one waits delays[n - 1]; past the end the last entry repeats.
    QList<std::chrono::seconds> delays;
    // Each wait is scaled by a factor in [1 - jitter, 1 + jitter), so receivers that come back are not hit
    // by every queued delivery at once.
    double jitter = 0.2;
    // An attempt that fails this long after the delivery was created is the last one.
    std::chrono::hours giveUpAfter{72};
    // An answer must be complete within this, or the attempt counts as failed.
    std::chrono::milliseconds responseTimeout{15000};

    // About 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h until 72 h have passed.
    static RetryPolicy standard();

    enum class Verdict
    {
        Delivered,
        Retry,
        Gone
    };
    // 2xx: delivered; 410: gone, stop at once; anything else (other codes, 0 for no answer): retry.
    static Verdict classify(int statusCode);

    // The wait after `failedAttempts` failed attempts (>= 1), before and after jitter.
    std::chrono::milliseconds nominalDelay(int failedAttempts) const;
    std::chrono::milliseconds delayAfter(int failedAttempts, double unitRandom) const;

    struct Decision
    {
        AttemptOutcome::Status status = AttemptOutcome::Status::Pending;
        QDateTime nextAttemptAt; // valid only when status is Pending
    };
    // What becomes of a delivery whose attempt number `attempts` (counting this one) got statusCode at `now`.
    Decision decide(int statusCode, int attempts, const QDateTime &createdAt, const QDateTime &now,
                    double unitRandom) const;
};

} // namespace handover
