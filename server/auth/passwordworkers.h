#pragma once

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>

namespace handover {

// Argon2id costs tens of milliseconds and 64 MiB per call, so password work (login checks, hashing new
// passwords) runs on its own threads, never the event loop's, and never in an unbounded queue: at most
// `threads` run and `queued` more wait; past that, work is refused at once and the request answers 503 with
// Retry-After. That bounds both the memory (threads x 64 MiB) and how long an admitted login can wait.
class PasswordWorkers
{
public:
    PasswordWorkers(int threads, int queued);
    ~PasswordWorkers(); // waits for work already started

    // max(1, cores / 2) threads, so the rest of the machine stays for the event loop and the writer; eight
    // waiting per thread, so a shift's logins arriving together wait a fraction of a second (each hash takes
    // tens of milliseconds) instead of being refused, while a flood is refused within a second's worth of work.
    static int defaultThreads();
    static int defaultQueued(int threads) { return 8 * threads; }

    // Starts `work` unless every thread and queue slot is taken; false then, and `work` never runs.
    bool tryStart(std::function<void()> work);

    int threads() const { return m_threads; }
    int capacity() const { return m_capacity; } // running plus waiting
    int admitted() const { return m_admitted.load(); }

private:
    QThreadPool m_pool;
    int m_threads = 1;
    int m_capacity = 1;
    std::atomic<int> m_admitted{0};
};

// Runs `work` on the workers and hands its result to `then` on `context`'s thread; `then` is dropped if
// `context` is destroyed first. False when the workers are full: neither runs.
template <typename T, typename Work, typename Then>
bool runPasswordWork(PasswordWorkers &workers, QObject *context, Work work, Then then)
{
    auto promise = std::make_shared<QPromise<T>>();
    QFuture<T> future = promise->future();
    const bool started = workers.tryStart([promise, work = std::move(work)]() mutable {
        promise->start();
        promise->addResult(work());
        promise->finish();
    });
    if (started)
        future.then(context, [then = std::move(then)](T value) mutable { then(std::move(value)); });
    return started;
}

} // namespace handover
