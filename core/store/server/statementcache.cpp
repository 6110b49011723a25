#include "core/store/server/statementcache.h"

#include "core/store/sql.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <QSqlDriver>
#include <QSqlError>
#include <utility>

namespace handover::store::server {

namespace {

const QString cacheObjectName = QStringLiteral("handover.store.server.statements");

// Owned by the connection's driver (a QObject child), so the statements die with the connection. The driver
// finalizes them itself when the connection closes, before this object is deleted.
class StatementCacheObject final : public QObject
{
public:
    explicit StatementCacheObject(QObject *driver)
        : QObject(driver)
    {
        setObjectName(cacheObjectName);
    }
    ~StatementCacheObject() override
    {
        for (const Entry *entry : std::as_const(m_entries))
            delete entry->query;
        qDeleteAll(m_entries);
    }
    StatementCacheObject(const StatementCacheObject &) = delete;
    StatementCacheObject &operator=(const StatementCacheObject &) = delete;

    struct Entry
    {
        QSqlQuery *query = nullptr;
        bool inUse = false;
    };
    Entry *find(const QString &sql) const { return m_entries.value(sql, nullptr); }
    Entry *insert(const QString &sql, QSqlQuery *query)
    {
        auto *entry = new Entry{query, false};
        m_entries.insert(sql, entry);
        return entry;
    }
    qsizetype size() const { return m_entries.size(); }

private:
    // Entries are heap-allocated so a lease's pointer to its in-use flag survives rehashing.
    QHash<QString, Entry *> m_entries;
};

StatementCacheObject *cacheOf(const QSqlDatabase &db, bool create)
{
    QSqlDriver *driver = db.driver();
    if (!driver)
        return nullptr;
    // Only this file creates a child with that name, so the cast is safe.
    QObject *found = driver->findChild<QObject *>(cacheObjectName, Qt::FindDirectChildrenOnly);
    if (found)
        return static_cast<StatementCacheObject *>(found);
    return create ? new StatementCacheObject(driver) : nullptr;
}

} // namespace

Statement::Statement(QSqlQuery *query, bool *inUse)
    : m_query(query)
    , m_inUse(inUse)
{
    *m_inUse = true;
}

Statement::Statement(std::unique_ptr<QSqlQuery> owned)
    : m_query(owned.get())
    , m_owned(std::move(owned))
{}

Statement::Statement(Statement &&other) noexcept
    : m_query(std::exchange(other.m_query, nullptr))
    , m_inUse(std::exchange(other.m_inUse, nullptr))
    , m_owned(std::move(other.m_owned))
{}

Statement::~Statement()
{
    if (m_query)
        m_query->finish();
    if (m_inUse)
        *m_inUse = false;
}

Statement &Statement::bind(int position, const QVariant &value)
{
    m_query->bindValue(position, value);
    return *this;
}

Statement &Statement::bindAll(const QVariantList &values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        m_query->bindValue(int(i), values.at(i));
    return *this;
}

Result<void> Statement::exec()
{
    return store::exec(*m_query);
}

Result<void> Statement::checkRead() const
{
    if (m_query->lastError().isValid())
        return sqlError(m_query->lastError(), QStringLiteral("could not read the rows of \"") +
                                                  m_query->lastQuery().simplified().left(160) +
                                                  QLatin1Char('"'));
    return {};
}

Result<bool> Statement::fetch()
{
    if (m_query->next())
        return true;
    if (auto read = checkRead(); !read)
        return read.error();
    return false;
}

Result<Statement> cached(const QSqlDatabase &db, const QString &sql)
{
    if (!db.isOpen())
        return Error::make(ErrorCode::Internal, QStringLiteral("the database connection is not open"));
    StatementCacheObject *cache = cacheOf(db, true);
    if (!cache)
        return Error::make(ErrorCode::Internal, QStringLiteral("the database connection has no driver"));
    StatementCacheObject::Entry *entry = cache->find(sql);
    if (entry && !entry->inUse)
        return Statement(entry->query, &entry->inUse);
    auto prepared = prepare(db, sql);
    if (!prepared)
        return prepared.error();
    if (entry) // the cached one is busy further up the stack
        return Statement(std::make_unique<QSqlQuery>(std::move(*prepared)));
    entry = cache->insert(sql, new QSqlQuery(std::move(*prepared)));
    return Statement(entry->query, &entry->inUse);
}

Result<Statement> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto statement = cached(db, sql);
    if (!statement)
        return statement.error();
    statement->bindAll(values);
    if (auto ran = statement->exec(); !ran)
        return ran.error();
    return statement;
}

Result<int> change(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto statement = run(db, sql, values);
    if (!statement)
        return statement.error();
    return statement->rowsAffected();
}

void releaseStatements(const QSqlDatabase &db)
{
    delete cacheOf(db, false);
}

qsizetype cachedStatementCount(const QSqlDatabase &db)
{
    const StatementCacheObject *cache = cacheOf(db, false);
    return cache ? cache->size() : 0;
}

QVariant msOrNull(const QDateTime &at)
{
    return at.isValid() ? QVariant(at.toMSecsSinceEpoch()) : QVariant();
}

qint64 msOf(const QDateTime &at)
{
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

QDateTime timeFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

QVariant textNotNull(const QString &value)
{
    // A null QString would bind NULL; an empty one binds ''.
    return value.isNull() ? QVariant(QString::fromLatin1("")) : QVariant(value);
}

QString textFrom(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

QVariant flag(bool value)
{
    return value ? 1 : 0;
}

QVariant blobOrNull(const QByteArray &bytes)
{
    return bytes.isNull() ? QVariant() : QVariant(bytes);
}

QString jsonStringArray(const QStringList &values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

Error notFound(const QString &what)
{
    return Error::make(ErrorCode::NotFound,
                       QStringLiteral("No such ") + what + QStringLiteral(" in this org."));
}

Error describeConflict(const Error &error, const QString &sentence, const QStringList &fields)
{
    if (error.code != ErrorCode::UniqueConstraintFailed)
        return error;
    return Error::make(ErrorCode::UniqueConstraintFailed, sentence, fields);
}

Result<qint64> countOf(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto value = firstValue(db, sql, values);
    if (!value)
        return value.error();
    return value->has_value() ? (*value)->toLongLong() : qint64(0);
}

Result<std::optional<QVariant>> firstValue(const QSqlDatabase &db, const QString &sql,
                                           const QVariantList &values)
{
    auto row = run(db, sql, values);
    if (!row)
        return row.error();
    auto found = row->fetch();
    if (!found)
        return found.error();
    return *found ? std::optional<QVariant>(row->value(0)) : std::nullopt;
}

} // namespace handover::store::server
