#pragma once

#include "core/result.h"
#include "core/store/database.h"
#include "core/store/migrations.h"

#include <QVariant>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <vector>

class QObject;
class QThread;

namespace handover::store {

// One unit of work for the write connection. It runs inside its own SAVEPOINT of a transaction shared with
// other jobs: it must not BEGIN, COMMIT or ROLLBACK itself, must not keep a QSqlQuery alive after it returns,
// and must not wait for another write (that one waits for this batch). Returning an error rolls back exactly
// this job.
using WriteJob = std::function<Result<QVariant>(QSqlDatabase &db)>;
using WriteCompletion = std::function<void(const Result<QVariant> &result)>;

struct WriterOptions
{
    qsizetype maxBatchJobs = 1024; // bounds how long the last job of a batch waits for the first ones
};

struct WriterStats
{
    quint64 batchesCommitted = 0;
    quint64 jobsCommitted = 0; // completions that reported success
    quint64 jobsFailed = 0;    // completions that reported an error, whatever the reason
    quint64 batchesFailed = 0; // transactions that could not begin or commit
};

// The single writer of one SQLite file: one connection on its own thread, committing in groups. Jobs that
// arrive while a batch runs or commits wait and share the next transaction, so a burst costs one fsync per
// batch rather than one per job. A completion fires only after the COMMIT that made its job durable (or with
// the error that kept it out). Readers open their own Database in their own threads; WAL lets them read
// during writes.
class GroupCommitWriter
{
public:
    // Opens the file and migrates it on the writer thread; fails if that fails.
    static Result<std::unique_ptr<GroupCommitWriter>> start(DatabaseOptions database, Migrations schema,
                                                            WriterOptions options = {});
    // Drains the queue, then closes the connection.
    ~GroupCommitWriter();
    GroupCommitWriter(const GroupCommitWriter &) = delete;
    GroupCommitWriter &operator=(const GroupCommitWriter &) = delete;

    // For callers that can block, and for tests: the future becomes ready after the commit.
    std::future<Result<QVariant>> submit(WriteJob job);
    // For event-driven callers: done runs in context's thread (queued) after the commit. If context is
    // destroyed first, done is dropped, safely: delivery goes through a queued signal connection Qt cuts when
    // it dies. With a null context, done runs on the writer thread and must be quick.
    void submit(WriteJob job, QObject *context, WriteCompletion done);

    // Runs everything already submitted, then stops the thread; later submissions complete with an error at
    // once. Must not be called from inside a job.
    void stop();

    WriterStats stats() const;
    qsizetype queueDepth() const;
    const QString &path() const { return m_path; }

private:
    using Finish = std::function<void(Result<QVariant> result)>;
    struct PendingWrite
    {
        WriteJob job;
        Finish finish;
    };

    GroupCommitWriter(QString path, WriterOptions options);
    void enqueue(WriteJob job, Finish finish);
    struct TransactionStatements;

    void run(Database &database);
    void commitBatch(QSqlDatabase &db, TransactionStatements &statements, std::vector<PendingWrite> &batch);

    const QString m_path;
    const WriterOptions m_options;
    std::unique_ptr<QThread> m_thread;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<PendingWrite> m_queue; // guarded by m_mutex
    bool m_stopping = false;          // guarded by m_mutex

    std::atomic<quint64> m_batchesCommitted{0};
    std::atomic<quint64> m_jobsCommitted{0};
    std::atomic<quint64> m_jobsFailed{0};
    std::atomic<quint64> m_batchesFailed{0};
};

} // namespace handover::store
