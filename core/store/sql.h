#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

class QSqlError;

// Small checked wrappers over Qt Sql: every prepare and exec returns a Result, so no caller can forget to
// look.
namespace handover::store {

// Turns a failed SQL call into an Error. Unique-key conflicts become UniqueConstraintFailed, so a repository
// can answer 409 without parsing text; everything else is Internal, because input is validated before it gets
// here.
Error sqlError(const QSqlError &error, const QString &what);

// True when the error is a UNIQUE or PRIMARY KEY conflict.
bool isUniqueViolation(const QSqlError &error);

// Prepares one statement (forward-only); the error names the statement.
Result<QSqlQuery> prepare(const QSqlDatabase &db, const QString &sql);

// Runs a prepared statement with the values bound to it.
Result<void> exec(QSqlQuery &query);

// Prepares and runs one statement that takes no parameters: DDL, PRAGMA, BEGIN, SAVEPOINT...
Result<void> execute(const QSqlDatabase &db, const QString &sql);

// The first column of the first row of a statement without parameters; an error when it yields no row.
Result<QVariant> queryValue(const QSqlDatabase &db, const QString &sql);

} // namespace handover::store
