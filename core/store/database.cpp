#include "core/store/database.h"

#include "core/logging.h"
#include "core/store/migrations.h"
#include "core/store/sql.h"

#include <QSqlError>
#include <atomic>
#include <utility>

namespace handover::store {

namespace {

const QString sqliteDriver = QStringLiteral("QSQLITE");

// Qt Sql keeps connections in a process-wide registry keyed by name; a counter keeps names unique across
// threads.
QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("handover.store.") + QString::number(++counter);
}

Error openError(const QString &path, const QString &reason)
{
    return Error::make(ErrorCode::Internal,
                       QStringLiteral("could not open database ") + path + QStringLiteral(": ") + reason);
}

} // namespace

Database::Database(QSqlDatabase db, QString connectionName, QString path)
    : m_db(std::move(db))
    , m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
{}

Database::Database(Database &&other) noexcept
    : m_db(other.m_db)
    , m_connectionName(std::exchange(other.m_connectionName, QString()))
    , m_path(std::move(other.m_path))
{
    other.m_db = QSqlDatabase();
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = other.m_db;
        other.m_db = QSqlDatabase();
        m_connectionName = std::exchange(other.m_connectionName, QString());
        m_path = std::move(other.m_path);
    }
    return *this;
}

Database::~Database()
{
    close();
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    // removeDatabase() requires that no handle to the connection is left, including ours.
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

Result<int> Database::schemaVersion() const
{
    auto version = queryValue(m_db, QStringLiteral("PRAGMA user_version"));
    if (!version)
        return version.error();
    return version->toInt();
}

Result<Database> Database::openUnmigrated(const DatabaseOptions &options)
{
    if (options.path.isEmpty())
        return Error::make(ErrorCode::Internal, QStringLiteral("could not open database: no path given"));
    if (!QSqlDatabase::isDriverAvailable(sqliteDriver))
        return openError(options.path, QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));

    const QString name = nextConnectionName();
    // Owned from here on, so every early return below closes and unregisters the connection.
    Database database(QSqlDatabase::addDatabase(sqliteDriver, name), name, options.path);
    database.m_db.setDatabaseName(options.path);
    if (!database.m_db.open())
        return openError(options.path,
                         sqlError(database.m_db.lastError(), QStringLiteral("open")).description);

    QSqlDatabase &db = database.m_db;
    // Set first, so that switching to WAL below already waits for a busy file instead of failing at once.
    if (auto r = execute(db, QStringLiteral("PRAGMA busy_timeout = ") +
                                 QString::number(qMax(0, options.busyTimeoutMs)));
        !r)
        return openError(options.path, r.error().description);

    auto mode = queryValue(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!mode)
        return openError(options.path, mode.error().description);
    const QString journal = mode->toString().toLower();
    const bool inMemory = options.path == QLatin1String(":memory:");
    if (journal != QLatin1String("wal") && !(inMemory && journal == QLatin1String("memory")))
        return openError(options.path, QStringLiteral("SQLite refused WAL mode (journal_mode is ") + journal +
                                           QLatin1Char(')'));

    const QString synchronous = options.durability == Durability::SurvivesPowerLoss
                                    ? QStringLiteral("FULL")
                                    : QStringLiteral("NORMAL");
    if (auto r = execute(db, QStringLiteral("PRAGMA synchronous = ") + synchronous); !r)
        return openError(options.path, r.error().description);

    // foreign_keys silently does nothing inside a transaction or in a build without them, so read it back.
    if (auto r = execute(db, QStringLiteral("PRAGMA foreign_keys = ON")); !r)
        return openError(options.path, r.error().description);
    auto foreignKeys = queryValue(db, QStringLiteral("PRAGMA foreign_keys"));
    if (!foreignKeys)
        return openError(options.path, foreignKeys.error().description);
    if (foreignKeys->toInt() != 1)
        return openError(options.path, QStringLiteral("SQLite did not enable foreign keys"));

    qCDebug(lcStore) << "opened" << options.path << "as" << name << "synchronous" << synchronous;
    return database;
}

Result<Database> Database::open(const DatabaseOptions &options, const Migrations &schema)
{
    auto database = openUnmigrated(options);
    if (!database)
        return database.error();
    if (auto migrated = schema.run(database->connection()); !migrated)
        return migrated.error();
    return database;
}

} // namespace handover::store
