#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>
#include <memory>
#include <optional>

// What every server repository shares: prepared statements kept per connection, and the column conventions of
// the server schema (times as INTEGER ms since the epoch, UTC; booleans 0/1; empty optional text as NULL).
namespace handover::store::server {

// One use of a cached prepared statement. The statement is reset when the lease ends, so a SELECT never keeps
// a read transaction open, and a lease must not outlive the function that took it. Positional parameters
// ("?") only: one QSqlQuery is reused, and explicit positions cannot pile up across uses. While a lease is
// held, asking for the same SQL again gets a one-off statement instead of disturbing the first.
class Statement
{
public:
    // A cached statement, marked in use through *inUse until the lease ends.
    Statement(QSqlQuery *query, bool *inUse);
    // A one-off statement the lease owns.
    explicit Statement(std::unique_ptr<QSqlQuery> owned);
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) = delete;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    Statement &bind(int position, const QVariant &value);
    Statement &bindAll(const QVariantList &values);
    Result<void> exec();

    // Rows of a SELECT. After the loop, checkRead() tells a clean end from a failed step.
    bool next() { return m_query->next(); }
    Result<void> checkRead() const;
    // One step that tells "no more rows" (false) from a failed step (an error).
    Result<bool> fetch();
    QVariant value(int column) const { return m_query->value(column); }
    // Rows changed by an INSERT, UPDATE or DELETE.
    int rowsAffected() const { return m_query->numRowsAffected(); }

private:
    QSqlQuery *m_query = nullptr;
    bool *m_inUse = nullptr;
    std::unique_ptr<QSqlQuery> m_owned;
};

// The statement for `sql` on this connection, prepared the first time and reused afterwards. The cache hangs
// off the connection's driver, so it goes when the connection goes; its statements are finished between uses.
Result<Statement> cached(const QSqlDatabase &db, const QString &sql);
// cached() + bindAll() + exec().
Result<Statement> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
// The single integer a `SELECT count(*) ...` answers (0 when it answers no row).
Result<qint64> countOf(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
// The first column of the first row a SELECT answers; nullopt when it answers no row.
Result<std::optional<QVariant>> firstValue(const QSqlDatabase &db, const QString &sql,
                                           const QVariantList &values = {});
// run() for statements that return no rows; the number of rows changed.
Result<int> change(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});

// Drops the connection's cached statements (before closing it early, or in tests); never while a lease is
// held. Harmless when none.
void releaseStatements(const QSqlDatabase &db);
// How many statements the connection has cached; for tests.
qsizetype cachedStatementCount(const QSqlDatabase &db);

// ---- column conventions

QVariant msOrNull(const QDateTime &at);       // INTEGER ms, or NULL for a null time
qint64 msOf(const QDateTime &at);             // for NOT NULL time columns
QDateTime timeFrom(const QVariant &value);    // NULL gives a null QDateTime; otherwise UTC
QVariant textOrNull(const QString &value);    // an empty optional text is NULL
QVariant textNotNull(const QString &value);   // NOT NULL text: never binds NULL, even for a null QString
QString textFrom(const QVariant &value);      // NULL gives an empty string
QVariant flag(bool value);                    // 0 / 1
QVariant blobOrNull(const QByteArray &bytes); // for BLOB columns

// A JSON array of strings as text, for "IN (SELECT value FROM json_each(?))".
QString jsonStringArray(const QStringList &values);

// A NotFound error naming what was looked for ("chatroom", "user"...).
Error notFound(const QString &what);
// Replaces the description of a unique-key conflict with a sentence for the API, naming the fields;
// any other error is returned unchanged.
Error describeConflict(const Error &error, const QString &sentence, const QStringList &fields);

} // namespace handover::store::server
