#include "server/auth/failureledger.h"

#include <algorithm>

namespace handover {

namespace {
constexpr int kMaxDoublings = 30; // far past any cap; keeps the shift defined
}

FailureLedger::FailureLedger(const Clock &clock, LockPolicy policy)
    : m_clock(clock)
    , m_policy(policy)
{
    m_policy.failuresBeforeLock = std::max(1, m_policy.failuresBeforeLock);
    m_policy.maxEntries = std::max<qsizetype>(1, m_policy.maxEntries);
}

FailureLedger::Verdict FailureLedger::begin(const QByteArray &key)
{
    const qint64 nowMs = m_clock.nowMs();
    dropSpent(nowMs);
    Entry *entry = find(key, nowMs);
    if (!entry) {
        Entry &added = findOrAdd(key, nowMs);
        added.running = 1;
        return {};
    }
    if (entry->lockedUntilMs > nowMs) {
        const qint64 waitMs = entry->lockedUntilMs - nowMs;
        return Verdict{false, int(std::max<qint64>(1, (waitMs + 999) / 1000))};
    }
    // Every running attempt may still fail: admit only as many as failures are left before the lock. Once
    // the lock has passed, one attempt at a time.
    if (entry->running > 0 && entry->failures + entry->running >= m_policy.failuresBeforeLock)
        return Verdict{false, 1};
    ++entry->running;
    touch(*entry);
    return {};
}

void FailureLedger::failed(const QByteArray &key)
{
    const qint64 nowMs = m_clock.nowMs();
    Entry &entry = findOrAdd(key, nowMs);
    entry.running = std::max(0, entry.running - 1);
    if (entry.failures == 0)
        entry.windowStartMs = nowMs;
    ++entry.failures;
    entry.lastFailureMs = nowMs;
    if (entry.failures >= m_policy.failuresBeforeLock) {
        const int doublings = std::min(entry.failures - m_policy.failuresBeforeLock, kMaxDoublings);
        const qint64 lockMs = std::min(m_policy.maxLockMs, m_policy.firstLockMs << doublings);
        entry.lockedUntilMs = nowMs + lockMs;
    }
    touch(entry);
}

void FailureLedger::succeeded(const QByteArray &key, bool forget)
{
    const qint64 nowMs = m_clock.nowMs();
    Entry *entry = find(key, nowMs);
    if (!entry)
        return;
    entry->running = std::max(0, entry->running - 1);
    if (forget) {
        entry->failures = 0;
        entry->lockedUntilMs = 0;
    }
    if (isSpent(*entry, nowMs)) {
        m_byAge.erase(entry->age);
        m_entries.remove(key);
    }
}

void FailureLedger::abandoned(const QByteArray &key)
{
    succeeded(key, false);
}

FailureLedger::Entry *FailureLedger::find(const QByteArray &key, qint64 nowMs)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return nullptr;
    forgetWindow(*it, nowMs);
    return &*it;
}

FailureLedger::Entry &FailureLedger::findOrAdd(const QByteArray &key, qint64 nowMs)
{
    if (Entry *entry = find(key, nowMs))
        return *entry;
    // Full: the key touched longest ago goes, whatever it held. A spray of new keys can push out an older
    // key's failures, but never grow the table.
    while (m_entries.size() >= m_policy.maxEntries && !m_byAge.empty()) {
        m_entries.remove(m_byAge.front());
        m_byAge.pop_front();
    }
    m_byAge.push_back(key);
    Entry &entry = m_entries[key];
    entry.age = std::prev(m_byAge.end());
    return entry;
}

void FailureLedger::touch(Entry &entry)
{
    m_byAge.splice(m_byAge.end(), m_byAge, entry.age);
}

// Failures count within one window from the first of them; a whole window without a failure, counted from
// the end of the last lock, forgets them all. (From the last failure, waiting out a lock as long as the
// window would wipe the slate, and a patient guesser would get a fresh set of guesses every other window.)
void FailureLedger::forgetWindow(Entry &entry, qint64 nowMs) const
{
    if (entry.failures == 0 || entry.lockedUntilMs > nowMs)
        return;
    const bool quiet = nowMs - std::max(entry.lastFailureMs, entry.lockedUntilMs) >= m_policy.windowMs;
    const bool windowOver =
        entry.failures < m_policy.failuresBeforeLock && nowMs - entry.windowStartMs >= m_policy.windowMs;
    if (quiet || windowOver) {
        entry.failures = 0;
        entry.lockedUntilMs = 0;
    }
}

bool FailureLedger::isSpent(const Entry &entry, qint64 nowMs) const
{
    Entry copy = entry;
    forgetWindow(copy, nowMs);
    return copy.running == 0 && copy.failures == 0 && copy.lockedUntilMs <= nowMs;
}

void FailureLedger::dropSpent(qint64 nowMs)
{
    while (!m_byAge.empty()) {
        const auto it = m_entries.constFind(m_byAge.front());
        if (it != m_entries.cend() && !isSpent(*it, nowMs))
            return;
        m_entries.remove(m_byAge.front());
        m_byAge.pop_front();
    }
}

} // namespace handover
