#include "core/store/sql.h"

#include <QSqlError>

namespace handover::store {

namespace {

// Statements can be long (DDL); an error message needs only enough to recognise it.
QString shortened(const QString &sql)
{
    constexpr qsizetype limit = 160;
    const QString flat = sql.simplified();
    return flat.size() <= limit ? flat : flat.left(limit) + QStringLiteral("...");
}

} // namespace

bool isUniqueViolation(const QSqlError &error)
{
    // 2067 is SQLITE_CONSTRAINT_UNIQUE and 1555 SQLITE_CONSTRAINT_PRIMARYKEY; the driver may report only the
    // primary code 19, so the message decides in that case.
    const QString code = error.nativeErrorCode();
    if (code == QLatin1String("2067") || code == QLatin1String("1555"))
        return true;
    return code == QLatin1String("19") &&
           error.databaseText().startsWith(QLatin1String("UNIQUE constraint failed"));
}

Error sqlError(const QSqlError &error, const QString &what)
{
    QString reason = error.databaseText();
    if (reason.isEmpty())
        reason = error.driverText();
    if (reason.isEmpty())
        reason = QStringLiteral("unknown SQL error");
    if (!error.nativeErrorCode().isEmpty())
        reason += QStringLiteral(" (SQLite code ") + error.nativeErrorCode() + QLatin1Char(')');
    const ErrorCode code = isUniqueViolation(error) ? ErrorCode::UniqueConstraintFailed : ErrorCode::Internal;
    return Error::make(code, what + QStringLiteral(": ") + reason);
}

Result<QSqlQuery> prepare(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return sqlError(query.lastError(),
                        QStringLiteral("could not prepare \"") + shortened(sql) + QLatin1Char('"'));
    return query;
}

Result<void> exec(QSqlQuery &query)
{
    if (!query.exec())
        return sqlError(query.lastError(),
                        QStringLiteral("could not run \"") + shortened(query.lastQuery()) + QLatin1Char('"'));
    return {};
}

Result<void> execute(const QSqlDatabase &db, const QString &sql)
{
    auto query = prepare(db, sql);
    if (!query)
        return query.error();
    return exec(*query);
}

Result<QVariant> queryValue(const QSqlDatabase &db, const QString &sql)
{
    auto query = prepare(db, sql);
    if (!query)
        return query.error();
    if (auto ran = exec(*query); !ran)
        return ran.error();
    if (!query->next()) {
        if (query->lastError().isValid())
            return sqlError(query->lastError(),
                            QStringLiteral("could not read \"") + shortened(sql) + QLatin1Char('"'));
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("\"") + shortened(sql) + QStringLiteral("\" returned no row"));
    }
    return query->value(0);
}

} // namespace handover::store
