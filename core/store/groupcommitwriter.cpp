#include "core/store/groupcommitwriter.h"

#include "core/logging.h"
#include "core/store/completionrelay_p.h"
#include "core/store/sql.h"

#include <QSqlQuery>
#include <QThread>
#include <exception>
#include <optional>
#include <utility>

namespace handover::store {

namespace {

const QString savepoint = QStringLiteral("write_job");

// A job is our code, but an exception escaping it must not take the writer thread down with the whole queue.
Result<QVariant> runGuarded(const WriteJob &job, QSqlDatabase &db)
{
    try {
        return job(db);
    } catch (const std::exception &e) {
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("a write job threw: ") + QString::fromUtf8(e.what()));
    } catch (...) {
        return Error::make(ErrorCode::Internal, QStringLiteral("a write job threw an unknown exception"));
    }
}

// Runs one of the writer's fixed statements, prepared on first use and reused: every job opens and releases a
// savepoint, so preparing them anew each time is a measurable part of a small job.
Result<void> runFixed(QSqlDatabase &db, std::optional<QSqlQuery> &slot, const QString &sql)
{
    if (!slot) {
        auto prepared = prepare(db, sql);
        if (!prepared)
            return prepared.error();
        slot.emplace(std::move(*prepared));
    }
    Result<void> ran = exec(*slot);
    slot->finish();
    if (!ran)
        slot.reset(); // prepared again next time, in case the statement itself went bad
    return ran;
}

} // namespace

struct GroupCommitWriter::TransactionStatements
{
    std::optional<QSqlQuery> begin;
    std::optional<QSqlQuery> commit;
    std::optional<QSqlQuery> open;
    std::optional<QSqlQuery> release;
};

namespace {

// Runs one job inside its own savepoint. Sets *broken when the savepoint itself could not be handled, because
// the transaction then holds an unknown mix of this job's changes and must not be committed.
template<typename Statements>
Result<QVariant> runInSavepoint(QSqlDatabase &db, Statements &statements, const WriteJob &job,
                                std::optional<Error> *broken)
{
    if (auto opened = runFixed(db, statements.open, QStringLiteral("SAVEPOINT ") + savepoint); !opened) {
        *broken = opened.error();
        return opened.error();
    }
    Result<QVariant> result = runGuarded(job, db);
    if (result) {
        if (auto released = runFixed(db, statements.release, QStringLiteral("RELEASE ") + savepoint);
            !released) {
            *broken = released.error();
            return released.error();
        }
        return result;
    }
    auto undone = execute(db, QStringLiteral("ROLLBACK TO ") + savepoint);
    if (undone)
        undone = runFixed(db, statements.release, QStringLiteral("RELEASE ") + savepoint);
    if (!undone)
        *broken = undone.error();
    return result; // the job's own error, even if the rollback then broke the batch
}

Error batchError(const QString &path, const QString &what, const Error &cause)
{
    return Error::make(ErrorCode::Internal, path + QStringLiteral(": ") + what + QStringLiteral(": ") +
                                                cause.description +
                                                QStringLiteral(". Nothing of this write was stored."));
}

} // namespace

GroupCommitWriter::GroupCommitWriter(QString path, WriterOptions options)
    : m_path(std::move(path))
    , m_options(options)
{}

Result<std::unique_ptr<GroupCommitWriter>> GroupCommitWriter::start(DatabaseOptions database,
                                                                    Migrations schema, WriterOptions options)
{
    options.maxBatchJobs = qMax<qsizetype>(1, options.maxBatchJobs);
    std::unique_ptr<GroupCommitWriter> writer(new GroupCommitWriter(database.path, options));

    // The connection must be opened by the thread that uses it, so opening and migrating happen there too.
    // Shared ownership: the thread may still be leaving set_value() when start() reads the result.
    auto opened = std::make_shared<std::promise<Result<void>>>();
    std::future<Result<void>> openResult = opened->get_future();
    GroupCommitWriter *self = writer.get();
    writer->m_thread.reset(
        QThread::create([self, opened, database = std::move(database), schema = std::move(schema)] {
            auto db = Database::open(database, schema);
            if (!db) {
                opened->set_value(db.error());
                return;
            }
            opened->set_value(Result<void>());
            self->run(*db);
        }));
    writer->m_thread->setObjectName(QStringLiteral("handover.store.writer"));
    writer->m_thread->start();

    Result<void> ready = openResult.get();
    if (!ready) {
        writer->m_thread->wait();
        std::lock_guard lock(writer->m_mutex);
        writer->m_stopping = true; // nothing to drain; the destructor must not wait for a loop that never ran
        return ready.error();
    }
    return writer;
}

GroupCommitWriter::~GroupCommitWriter()
{
    stop();
}

std::future<Result<QVariant>> GroupCommitWriter::submit(WriteJob job)
{
    auto promise = std::make_shared<std::promise<Result<QVariant>>>();
    std::future<Result<QVariant>> future = promise->get_future();
    enqueue(std::move(job), [promise](Result<QVariant> result) { promise->set_value(std::move(result)); });
    return future;
}

void GroupCommitWriter::submit(WriteJob job, QObject *context, WriteCompletion done)
{
    if (!context) {
        enqueue(std::move(job), [done = std::move(done)](Result<QVariant> result) {
            if (done)
                done(result);
        });
        return;
    }
    auto outcome = std::make_shared<std::optional<Result<QVariant>>>();
    auto *relay = new CompletionRelay;
    QObject::connect(
        relay, &CompletionRelay::finished, context,
        [outcome, done = std::move(done)] {
            if (done && outcome->has_value())
                done(**outcome);
        },
        Qt::QueuedConnection);
    // The relay is emitted and deleted by the writer thread, so it lives there. After stop() it stays here.
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping)
            relay->moveToThread(m_thread.get());
    }
    enqueue(std::move(job), [relay, outcome](Result<QVariant> result) {
        outcome->emplace(std::move(result));
        Q_EMIT relay->finished();
        delete relay;
    });
}

void GroupCommitWriter::enqueue(WriteJob job, Finish finish)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_queue.push_back(PendingWrite{std::move(job), std::move(finish)});
            m_wake.notify_one();
            return;
        }
    }
    finish(Error::make(ErrorCode::Internal,
                       m_path + QStringLiteral(": the writer has stopped; the write was not run")));
}

void GroupCommitWriter::stop()
{
    Q_ASSERT(!m_thread || QThread::currentThread() != m_thread.get());
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread)
        m_thread->wait();
}

WriterStats GroupCommitWriter::stats() const
{
    return WriterStats{m_batchesCommitted.load(), m_jobsCommitted.load(), m_jobsFailed.load(),
                       m_batchesFailed.load()};
}

qsizetype GroupCommitWriter::queueDepth() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<qsizetype>(m_queue.size());
}

void GroupCommitWriter::run(Database &database)
{
    QSqlDatabase &db = database.connection();
    auto statements = std::make_unique<TransactionStatements>();
    std::vector<PendingWrite> batch;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_stopping; });
            if (m_queue.empty())
                break; // stopping, and everything submitted before stop() has been committed
            // Everything that queued up while the previous batch committed forms this batch.
            const auto count = std::min(m_queue.size(), static_cast<std::size_t>(m_options.maxBatchJobs));
            for (std::size_t i = 0; i < count; ++i) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        commitBatch(db, *statements, batch);
        batch.clear();
    }
    statements.reset(); // finalized before the connection closes
    database.close();
    qCDebug(lcStore) << "writer of" << m_path << "stopped";
}

void GroupCommitWriter::commitBatch(QSqlDatabase &db, TransactionStatements &statements,
                                    std::vector<PendingWrite> &batch)
{
    std::vector<Result<QVariant>> results;
    results.reserve(batch.size());

    if (auto began = runFixed(db, statements.begin, QStringLiteral("BEGIN IMMEDIATE")); !began) {
        const Error error =
            batchError(m_path, QStringLiteral("could not begin the write transaction"), began.error());
        qCWarning(lcStore).noquote() << error.description;
        for (std::size_t i = 0; i < batch.size(); ++i)
            results.emplace_back(error);
        m_batchesFailed.fetch_add(1);
    } else {
        std::optional<Error> broken;
        for (const PendingWrite &pending : batch) {
            // Jobs after a broken savepoint are not run; their placeholder gets the batch error below.
            if (broken)
                results.emplace_back(QVariant());
            else
                results.push_back(runInSavepoint(db, statements, pending.job, &broken));
        }
        // COMMIT is the fsync that makes the batch durable; only after it may anyone hear "done".
        Result<void> committed =
            broken ? Result<void>(*broken) : runFixed(db, statements.commit, QStringLiteral("COMMIT"));
        if (!committed) {
            // A failed COMMIT (a deferred constraint, a full disk) leaves the transaction open.
            if (auto undone = execute(db, QStringLiteral("ROLLBACK")); !undone)
                qCWarning(lcStore).noquote()
                    << m_path << "rollback after a failed batch:" << undone.error().description;
            const Error error = batchError(m_path,
                                           broken ? QStringLiteral("a savepoint of the batch failed")
                                                  : QStringLiteral("the batch could not be committed"),
                                           committed.error());
            qCWarning(lcStore).noquote() << error.description;
            for (Result<QVariant> &result : results) {
                if (result)
                    result = error;
            }
            m_batchesFailed.fetch_add(1);
        } else {
            m_batchesCommitted.fetch_add(1);
        }
    }

    for (std::size_t i = 0; i < batch.size(); ++i) {
        (results[i] ? m_jobsCommitted : m_jobsFailed).fetch_add(1);
        batch[i].finish(std::move(results[i]));
    }
}

} // namespace handover::store
