#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace handover::store {

// One step of a schema's history. Steps are append-only: once released, a step is never edited, only
// followed.
struct MigrationStep
{
    int version = 0;        // PRAGMA user_version once this step has run
    QString summary;        // names the step in errors and logs
    QStringList statements; // one SQL statement each, run in order
    // Optional work that SQL alone cannot express; runs after the statements, inside the same transaction.
    std::function<Result<void>(QSqlDatabase &db)> apply;
    // A step that rebuilds a table (SQLite's way to change a constraint: create the new table, copy, drop the old,
    // rename) runs with foreign key enforcement off, so that dropping the old table does not cascade into the
    // rows that reference it, and checks every reference before it commits.
    bool rebuildsTables = false;
};

// An ordered list of steps that brings a file from any earlier version to the newest. Each pending step runs
// in one transaction that also sets user_version, so a file is always exactly at one step's version.
class Migrations
{
public:
    // applicationId is written to PRAGMA application_id and checked on open, so a console cache is never
    // mistaken for a server database; 0 skips that check (tests).
    Migrations(QString schemaName, qint32 applicationId, std::vector<MigrationStep> steps);

    const QString &schemaName() const { return m_schemaName; }
    qint32 applicationId() const { return m_applicationId; }
    const std::vector<MigrationStep> &steps() const { return m_steps; }
    int newestVersion() const;

    // The same schema stopped after its first count steps: what an older build would have created.
    Migrations firstSteps(qsizetype count) const;

    // Runs every pending step. Fails, leaving the file at its last complete version, when a step fails, when
    // the file is newer than this build knows, or when it belongs to another schema.
    Result<void> run(QSqlDatabase &db) const;

private:
    Result<void> checkSteps() const;
    Result<void> runStep(QSqlDatabase &db, const MigrationStep &step, int *version) const;
    Result<void> runStepInTransaction(QSqlDatabase &db, const MigrationStep &step, int *version) const;
    Error describe(const QSqlDatabase &db, const MigrationStep &step, const QString &reason,
                   int keptVersion) const;

    QString m_schemaName;
    qint32 m_applicationId = 0;
    std::vector<MigrationStep> m_steps;
};

} // namespace handover::store
