#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

namespace handover::store {

class Migrations;

// How much an acknowledged commit survives. Both run SQLite in WAL mode; see docs/storage.md.
enum class Durability
{
    SurvivesProcessCrash, // synchronous=NORMAL: safe against kill -9; a power cut may lose the last commits
    SurvivesPowerLoss,    // synchronous=FULL: the WAL is fsynced at every commit (the server's choice)
};

struct DatabaseOptions
{
    QString path;
    Durability durability = Durability::SurvivesPowerLoss;
    int busyTimeoutMs = 5000; // how long a statement waits for another connection's write lock
};

// One SQLite connection to one file, with Handover's pragmas (WAL, synchronous, foreign keys, busy timeout).
// A Qt Sql connection belongs to the thread that opened it: open one Database per thread and never hand it to
// another thread. Each Database registers its own uniquely named QSqlDatabase and removes it when closed.
class Database
{
public:
    // Opens (or creates) the file and brings it to the newest version of the schema; fails without changing
    // the file when a migration step fails or when the file was made by a newer build.
    static Result<Database> open(const DatabaseOptions &options, const Migrations &schema);
    // Opens and configures the connection without looking at the schema, for tools and tests.
    static Result<Database> openUnmigrated(const DatabaseOptions &options);

    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();

    // The connection, for prepare/exec in this thread. Queries made on it must be gone before close().
    QSqlDatabase &connection() { return m_db; }
    const QString &path() const { return m_path; }
    const QString &connectionName() const { return m_connectionName; }
    bool isOpen() const { return !m_connectionName.isEmpty() && m_db.isOpen(); }

    // PRAGMA user_version of the file.
    Result<int> schemaVersion() const;

    // Closes the connection and unregisters it; also done by the destructor.
    void close();

private:
    Database(QSqlDatabase db, QString connectionName, QString path);

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_path;
};

} // namespace handover::store
