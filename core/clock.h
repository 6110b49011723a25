#pragma once

#include <QDateTime>

#include <algorithm>
#include <atomic>
#include <utility>

namespace handover {

// Time is injected: rules, windows, expiry and backoff read it from here so tests can move it.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // UTC, millisecond precision
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

// Never goes backwards, even when the system clock is stepped back: bumps keep their order (R20).
class MonotonicClock final : public Clock
{
public:
    explicit MonotonicClock(const Clock &source) : m_source(source) {}
    QDateTime now() const override
    {
        qint64 candidate = m_source.nowMs();
        qint64 last = m_lastMs.load(std::memory_order_relaxed);
        while (candidate > last && !m_lastMs.compare_exchange_weak(last, candidate, std::memory_order_relaxed)) {
        }
        return QDateTime::fromMSecsSinceEpoch(std::max(candidate, last), Qt::UTC);
    }

private:
    const Clock &m_source;
    mutable std::atomic<qint64> m_lastMs{0};
};

class FakeClock final : public Clock
{
public:
    explicit FakeClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC))
        : m_now(std::move(start))
    {
    }
    QDateTime now() const override { return m_now; }
    void set(QDateTime at) { m_now = std::move(at); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }
    void advanceSecs(qint64 secs) { m_now = m_now.addSecs(secs); }

private:
    QDateTime m_now;
};

} // namespace handover
