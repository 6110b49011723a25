#pragma once

// Helpers shared by the store tests: raw looks at a file, independent of the code under test where possible.

#include "core/store/database.h"
#include "core/json/apicodec.h"
#include "core/store/sql.h"

#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QSqlQuery>
#include <QStringList>
#include <QTest>

namespace storetest {

inline QByteArray chatroomJson(const handover::Chatroom &chatroom)
{
    return QJsonDocument(handover::chatroomToJson(chatroom, std::nullopt)).toJson(QJsonDocument::Indented);
}


using handover::store::Database;
using handover::store::DatabaseOptions;

inline DatabaseOptions optionsFor(const QString &path)
{
    DatabaseOptions options;
    options.path = path;
    return options;
}

// Every schema object as "type name on table: sql", in a stable order, to compare two files' schemas.
inline QStringList schemaOf(const QSqlDatabase &db)
{
    QStringList objects;
    QSqlQuery query(db);
    if (!query.exec(
            QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"))) {
        objects << QStringLiteral("<could not read the schema>");
        return objects;
    }
    while (query.next()) {
        objects << query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString() +
                       QStringLiteral(" on ") + query.value(2).toString() + QStringLiteral(": ") +
                       query.value(3).toString();
    }
    return objects;
}

inline QStringList tablesOf(const QSqlDatabase &db)
{
    QStringList tables;
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                  "AND name NOT LIKE 'sqlite_%' ORDER BY name"))) {
        while (query.next())
            tables << query.value(0).toString();
    }
    return tables;
}

inline QMap<QString, qint64> rowCounts(const QSqlDatabase &db)
{
    QMap<QString, qint64> counts;
    for (const QString &table : tablesOf(db)) {
        auto count = handover::store::queryValue(db, QStringLiteral("SELECT count(*) FROM ") + table);
        counts.insert(table, count ? count->toLongLong() : -1);
    }
    return counts;
}

inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs statements and stops at the first failure, naming it; for seeding test data.
inline handover::Result<void> runAll(const QSqlDatabase &db, const QStringList &statements)
{
    for (const QString &sql : statements) {
        if (auto ran = handover::store::execute(db, sql); !ran)
            return ran.error();
    }
    return {};
}

} // namespace storetest

// QVERIFY with the Error's description as the failure message. Pass a variable: it is evaluated more than
// once.
#define STORE_VERIFY_OK(result)                                                                              \
    QVERIFY2((result).ok(), (result).ok() ? "" : qPrintable((result).error().description))

// Fails the test with the error's sentence when a Result is not ok.
#define CHECK_OK(expr)                                                                                       \
    do {                                                                                                     \
        const auto &checked_ = (expr);                                                                       \
        QVERIFY2(checked_.ok(), checked_.ok() ? "" : qPrintable(checked_.error().description));              \
    } while (false)

// Compares through the API encoding first, so a failure shows which field differs.
#define COMPARE_CHATROOM(actual, expected)                                                                   \
    do {                                                                                                     \
        QCOMPARE(storetest::chatroomJson(actual), storetest::chatroomJson(expected));                        \
        QVERIFY((actual) == (expected));                                                                     \
    } while (false)
