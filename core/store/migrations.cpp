#include "core/store/migrations.h"

#include "core/logging.h"
#include "core/store/sql.h"

#include <utility>

namespace handover::store {

namespace {

struct FileHeader
{
    int version = 0;
    qint32 applicationId = 0;
};

Result<FileHeader> readHeader(const QSqlDatabase &db)
{
    auto version = queryValue(db, QStringLiteral("PRAGMA user_version"));
    if (!version)
        return version.error();
    auto applicationId = queryValue(db, QStringLiteral("PRAGMA application_id"));
    if (!applicationId)
        return applicationId.error();
    return FileHeader{version->toInt(), applicationId->toInt()};
}

// Rolls back after a failure; a failed rollback is added to the reason instead of being swallowed.
QString rollBack(const QSqlDatabase &db, QString reason)
{
    if (auto undone = execute(db, QStringLiteral("ROLLBACK")); !undone)
        reason += QStringLiteral("; the rollback failed too: ") + undone.error().description;
    return reason;
}

} // namespace

Migrations::Migrations(QString schemaName, qint32 applicationId, std::vector<MigrationStep> steps)
    : m_schemaName(std::move(schemaName))
    , m_applicationId(applicationId)
    , m_steps(std::move(steps))
{}

int Migrations::newestVersion() const
{
    return m_steps.empty() ? 0 : m_steps.back().version;
}

Migrations Migrations::firstSteps(qsizetype count) const
{
    const auto kept =
        std::min<std::size_t>(m_steps.size(), static_cast<std::size_t>(qMax<qsizetype>(0, count)));
    return Migrations(m_schemaName, m_applicationId,
                      std::vector<MigrationStep>(m_steps.begin(), m_steps.begin() + kept));
}

Result<void> Migrations::checkSteps() const
{
    int previous = 0;
    for (const MigrationStep &step : m_steps) {
        if (step.version <= previous)
            return Error::make(ErrorCode::Internal,
                               QStringLiteral("the ") + m_schemaName +
                                   QStringLiteral(" schema's migration steps are out of order: version ") +
                                   QString::number(step.version) + QStringLiteral(" follows ") +
                                   QString::number(previous));
        previous = step.version;
    }
    return {};
}

Error Migrations::describe(const QSqlDatabase &db, const MigrationStep &step, const QString &reason,
                           int keptVersion) const
{
    // Concatenated rather than arg()-chained: SQL errors and paths may contain '%' markers of their own.
    return Error::make(ErrorCode::Internal, db.databaseName() + QStringLiteral(": migrating the ") +
                                                m_schemaName + QStringLiteral(" schema failed at step ") +
                                                QString::number(step.version) + QStringLiteral(" (") +
                                                step.summary + QStringLiteral("): ") + reason +
                                                QStringLiteral(". The file was left unchanged at version ") +
                                                QString::number(keptVersion) + QLatin1Char('.'));
}

Result<void> Migrations::run(QSqlDatabase &db) const
{
    if (auto ordered = checkSteps(); !ordered)
        return ordered.error();

    auto header = readHeader(db);
    if (!header)
        return header.error();
    // A file with tables but neither header field set is someone else's database: refuse rather than add
    // ours.
    if (m_applicationId != 0 && header->applicationId != m_applicationId &&
        (header->applicationId != 0 || header->version != 0)) {
        return Error::make(ErrorCode::Internal,
                           db.databaseName() + QStringLiteral(" is not a Handover ") + m_schemaName +
                               QStringLiteral(" database (application_id ") +
                               QString::number(header->applicationId) + QStringLiteral(", expected ") +
                               QString::number(m_applicationId) + QLatin1Char(')'));
    }

    int version = header->version;
    for (const MigrationStep &step : m_steps) {
        if (version > newestVersion())
            break;
        if (step.version <= version)
            continue;
        if (auto ran = runStep(db, step, &version); !ran)
            return ran.error();
    }
    if (version > newestVersion()) {
        return Error::make(ErrorCode::Internal,
                           db.databaseName() + QStringLiteral(" was made by a newer version of Handover: ") +
                               m_schemaName + QStringLiteral(" schema ") + QString::number(version) +
                               QStringLiteral(", this build knows ") + QString::number(newestVersion()) +
                               QStringLiteral(". Upgrade Handover to open it."));
    }
    return {};
}

Result<void> Migrations::runStep(QSqlDatabase &db, const MigrationStep &step, int *version) const
{
    if (!step.rebuildsTables)
        return runStepInTransaction(db, step, version);
    // PRAGMA foreign_keys has no effect inside a transaction: it is switched around the step's own.
    auto enforced = queryValue(db, QStringLiteral("PRAGMA foreign_keys"));
    if (!enforced)
        return describe(db, step, enforced.error().description, *version);
    if (auto off = execute(db, QStringLiteral("PRAGMA foreign_keys = OFF")); !off)
        return describe(db, step, off.error().description, *version);
    Result<void> ran = runStepInTransaction(db, step, version);
    if (enforced->toInt() != 0) {
        if (auto on = execute(db, QStringLiteral("PRAGMA foreign_keys = ON")); !on && ran)
            return describe(db, step, on.error().description, *version);
    }
    return ran;
}

Result<void> Migrations::runStepInTransaction(QSqlDatabase &db, const MigrationStep &step, int *version) const
{
    // IMMEDIATE takes the write lock at once: two processes opening the same old file cannot both migrate it.
    if (auto began = execute(db, QStringLiteral("BEGIN IMMEDIATE")); !began)
        return describe(db, step, began.error().description, *version);

    // Another connection may have migrated while we waited for the lock; trust the file, not our first look.
    auto current = queryValue(db, QStringLiteral("PRAGMA user_version"));
    if (!current)
        return describe(db, step, rollBack(db, current.error().description), *version);
    if (current->toInt() >= step.version) {
        *version = current->toInt();
        if (auto ended = execute(db, QStringLiteral("ROLLBACK")); !ended)
            return describe(db, step, ended.error().description, *version);
        return {};
    }

    for (qsizetype i = 0; i < step.statements.size(); ++i) {
        if (auto ran = execute(db, step.statements.at(i)); !ran) {
            const QString reason = QStringLiteral("statement ") + QString::number(i + 1) +
                                   QStringLiteral(" of ") + QString::number(step.statements.size()) +
                                   QStringLiteral(": ") + ran.error().description;
            return describe(db, step, rollBack(db, reason), *version);
        }
    }
    if (step.apply) {
        if (auto applied = step.apply(db); !applied)
            return describe(db, step, rollBack(db, applied.error().description), *version);
    }
    if (step.rebuildsTables) {
        auto dangling = queryValue(db, QStringLiteral("SELECT count(*) FROM pragma_foreign_key_check"));
        if (!dangling)
            return describe(db, step, rollBack(db, dangling.error().description), *version);
        if (dangling->toInt() != 0) {
            const QString reason = QString::number(dangling->toInt()) +
                                   QStringLiteral(" references would point at rows that no longer exist");
            return describe(db, step, rollBack(db, reason), *version);
        }
    }
    // Both header fields are part of the transaction: they change only if the whole step commits.
    QStringList header{QStringLiteral("PRAGMA user_version = ") + QString::number(step.version)};
    if (m_applicationId != 0)
        header << QStringLiteral("PRAGMA application_id = ") + QString::number(m_applicationId);
    for (const QString &pragma : std::as_const(header)) {
        if (auto set = execute(db, pragma); !set)
            return describe(db, step, rollBack(db, set.error().description), *version);
    }
    if (auto committed = execute(db, QStringLiteral("COMMIT")); !committed)
        return describe(db, step, rollBack(db, committed.error().description), *version);

    qCInfo(lcStore).noquote() << db.databaseName() << "migrated the" << m_schemaName << "schema to version"
                              << step.version << QLatin1Char('(') + step.summary + QLatin1Char(')');
    *version = step.version;
    return {};
}

} // namespace handover::store
