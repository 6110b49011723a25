#pragma once

#include "core/clock.h"

#include <QByteArray>
#include <QHash>
#include <list>

namespace handover {

// When failed attempts lock a key, and for how long.
struct LockPolicy
{
    int failuresBeforeLock = 5;     // failures within one window that lock the key
    qint64 windowMs = 15 * 60'000;  // failures count within a window that starts at the first one
    qint64 firstLockMs = 60'000;    // the lock after the last allowed failure
    qint64 maxLockMs = 15 * 60'000; // each further failure doubles the lock, up to this
    qsizetype maxEntries = 10'000;  // keys remembered at most; the least recently touched go first
};

// Failed attempts per key (an account, a client address), with locks that grow with further failures.
//
// A key is locked for firstLockMs after its failuresBeforeLock-th failure within a window, and each failure
// after that doubles the lock up to maxLockMs. A window passing without a failure after the last lock has
// ended forgets the key. Attempts
// still running count too: a key admits at most as many attempts as it has failures left, so concurrent
// guesses cannot run past the limit while their checks are still in flight.
//
// Memory is bounded: at most maxEntries keys, least recently touched evicted first, and keys with nothing
// left to remember dropped as they age. Single-threaded: call it from one thread.
class FailureLedger
{
public:
    FailureLedger(const Clock &clock, LockPolicy policy);

    struct Verdict
    {
        bool allowed = true;
        int retryAfterSecs = 0; // when refused
    };
    // Whether an attempt for `key` may run now; an allowed attempt is counted as running until it ends with
    // failed(), succeeded() or abandoned().
    Verdict begin(const QByteArray &key);
    void failed(const QByteArray &key);
    void succeeded(const QByteArray &key, bool forget); // forget: clear the key's failures
    void abandoned(const QByteArray &key);              // ended without being checked

    qsizetype size() const { return m_entries.size(); }
    const LockPolicy &policy() const { return m_policy; }

private:
    struct Entry
    {
        int failures = 0;
        int running = 0;
        qint64 windowStartMs = 0;
        qint64 lastFailureMs = 0;
        qint64 lockedUntilMs = 0;
        std::list<QByteArray>::iterator age; // place in m_byAge
    };

    Entry *find(const QByteArray &key, qint64 nowMs);
    Entry &findOrAdd(const QByteArray &key, qint64 nowMs);
    void touch(Entry &entry);
    void forgetWindow(Entry &entry, qint64 nowMs) const;
    bool isSpent(const Entry &entry, qint64 nowMs) const;
    void dropSpent(qint64 nowMs);

    const Clock &m_clock;
    LockPolicy m_policy;
    QHash<QByteArray, Entry> m_entries;
    std::list<QByteArray> m_byAge; // least recently touched first
};

} // namespace handover
