#include "core/store/database.h"
#include "core/store/migrations.h"
#include "core/store/sql.h"
#include "storetestsupport.h"

#include <QSqlError>
#include <QTemporaryDir>
#include <QTest>

using namespace handover;
using namespace handover::store;
using storetest::optionsFor;

class TestDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensInWalModeWithForeignKeys_data();
    void opensInWalModeWithForeignKeys();
    void eachOpenHasItsOwnConnectionName();
    void moveKeepsTheConnectionOpen();
    void missingDirectoryFailsWithThePath();
    void foreignKeysAreEnforced();
    void uniqueConflictBecomesConflictCode();
    void otherConstraintFailuresAreInternal();
    void badStatementErrorNamesTheStatement();
    void twoStatementsInOneCallAreRefused();
    void valueOfAnEmptyResultIsAnError();
    void openRunsTheGivenMigrations();

private:
    QTemporaryDir m_dir;
    QString pathOf(const QString &name) const { return m_dir.filePath(name); }
};

void TestDatabase::opensInWalModeWithForeignKeys_data()
{
    QTest::addColumn<Durability>("durability");
    QTest::addColumn<int>("synchronous");
    QTest::newRow("a server database survives power loss with synchronous FULL")
        << Durability::SurvivesPowerLoss << 2;
    QTest::newRow("a console cache survives a process crash with synchronous NORMAL")
        << Durability::SurvivesProcessCrash << 1;
}

void TestDatabase::opensInWalModeWithForeignKeys()
{
    QFETCH(Durability, durability);
    QFETCH(int, synchronous);

    DatabaseOptions options = optionsFor(pathOf(QStringLiteral("pragmas-%1.db").arg(synchronous)));
    options.durability = durability;
    options.busyTimeoutMs = 1234;
    auto db = Database::openUnmigrated(options);
    STORE_VERIFY_OK(db);
    QVERIFY(db->isOpen());

    const QSqlDatabase &connection = db->connection();
    QCOMPARE(queryValue(connection, QStringLiteral("PRAGMA journal_mode"))->toString(),
             QStringLiteral("wal"));
    QCOMPARE(queryValue(connection, QStringLiteral("PRAGMA foreign_keys"))->toInt(), 1);
    QCOMPARE(queryValue(connection, QStringLiteral("PRAGMA synchronous"))->toInt(), synchronous);
    QCOMPARE(queryValue(connection, QStringLiteral("PRAGMA busy_timeout"))->toInt(), 1234);
}

void TestDatabase::eachOpenHasItsOwnConnectionName()
{
    const QString path = pathOf(QStringLiteral("names.db"));
    auto first = Database::openUnmigrated(optionsFor(path));
    auto second = Database::openUnmigrated(optionsFor(path));
    STORE_VERIFY_OK(first);
    STORE_VERIFY_OK(second);
    QVERIFY(first->connectionName() != second->connectionName());
    QVERIFY(QSqlDatabase::contains(first->connectionName()));

    auto created = execute(first->connection(), QStringLiteral("CREATE TABLE shared (x INTEGER)"));
    STORE_VERIFY_OK(created);
    const QString firstName = first->connectionName();
    first->close();
    QVERIFY(!QSqlDatabase::contains(firstName));
    QVERIFY(!first->isOpen());

    // Closing one connection leaves the other working on the same file.
    auto inserted = execute(second->connection(), QStringLiteral("INSERT INTO shared VALUES (1)"));
    STORE_VERIFY_OK(inserted);
}

void TestDatabase::moveKeepsTheConnectionOpen()
{
    auto opened = Database::openUnmigrated(optionsFor(pathOf(QStringLiteral("move.db"))));
    STORE_VERIFY_OK(opened);
    Database moved = std::move(opened).value();
    const QString name = moved.connectionName();
    {
        Database other = std::move(moved);
        QVERIFY(moved.connectionName().isEmpty());
        QVERIFY(other.isOpen());
        QCOMPARE(other.connectionName(), name);
        moved = std::move(other);
    }
    QVERIFY(moved.isOpen());
    QVERIFY(QSqlDatabase::contains(name));
    auto version = moved.schemaVersion();
    STORE_VERIFY_OK(version);
    QCOMPARE(*version, 0);
}

void TestDatabase::missingDirectoryFailsWithThePath()
{
    const QString path = pathOf(QStringLiteral("no/such/dir/file.db"));
    auto db = Database::openUnmigrated(optionsFor(path));
    QVERIFY(!db);
    QCOMPARE(db.code(), ErrorCode::Internal);
    QVERIFY2(db.error().description.contains(path), qPrintable(db.error().description));

    auto empty = Database::openUnmigrated(DatabaseOptions{});
    QVERIFY(!empty);
}

void TestDatabase::foreignKeysAreEnforced()
{
    auto db = Database::openUnmigrated(optionsFor(pathOf(QStringLiteral("fk.db"))));
    STORE_VERIFY_OK(db);
    auto created = storetest::runAll(
        db->connection(), {QStringLiteral("CREATE TABLE parent (id INTEGER PRIMARY KEY)"),
                           QStringLiteral("CREATE TABLE child (parent_id INTEGER REFERENCES parent(id))")});
    STORE_VERIFY_OK(created);
    auto orphan = execute(db->connection(), QStringLiteral("INSERT INTO child VALUES (42)"));
    QVERIFY(!orphan);
    QVERIFY2(orphan.error().description.contains(QStringLiteral("FOREIGN KEY")),
             qPrintable(orphan.error().description));
}

void TestDatabase::uniqueConflictBecomesConflictCode()
{
    auto db = Database::openUnmigrated(optionsFor(pathOf(QStringLiteral("unique.db"))));
    STORE_VERIFY_OK(db);
    auto created = storetest::runAll(
        db->connection(), {QStringLiteral("CREATE TABLE keyed (id TEXT PRIMARY KEY, email TEXT UNIQUE)"),
                           QStringLiteral("INSERT INTO keyed VALUES ('a', 'x@example.com')")});
    STORE_VERIFY_OK(created);

    auto sameKey =
        execute(db->connection(), QStringLiteral("INSERT INTO keyed VALUES ('a', 'y@example.com')"));
    QVERIFY(!sameKey);
    QCOMPARE(sameKey.code(), ErrorCode::UniqueConstraintFailed);

    auto query = prepare(db->connection(), QStringLiteral("INSERT INTO keyed VALUES (?, ?)"));
    STORE_VERIFY_OK(query);
    query->addBindValue(QStringLiteral("b"));
    query->addBindValue(QStringLiteral("x@example.com"));
    auto sameEmail = exec(*query);
    QVERIFY(!sameEmail);
    QCOMPARE(sameEmail.code(), ErrorCode::UniqueConstraintFailed);
    QVERIFY(isUniqueViolation(query->lastError()));
    QVERIFY2(sameEmail.error().description.contains(QStringLiteral("keyed.email")),
             qPrintable(sameEmail.error().description));
}

void TestDatabase::otherConstraintFailuresAreInternal()
{
    auto db = Database::openUnmigrated(optionsFor(pathOf(QStringLiteral("check.db"))));
    STORE_VERIFY_OK(db);
    auto created =
        execute(db->connection(), QStringLiteral("CREATE TABLE positive (n INTEGER CHECK (n > 0))"));
    STORE_VERIFY_OK(created);
    auto refused = execute(db->connection(), QStringLiteral("INSERT INTO positive VALUES (-1)"));
    QVERIFY(!refused);
    QCOMPARE(refused.code(), ErrorCode::Internal);
    QVERIFY2(refused.error().description.contains(QStringLiteral("CHECK")),
             qPrintable(refused.error().description));
}

void TestDatabase::badStatementErrorNamesTheStatement()
{
    auto db = Database::openUnmigrated(optionsFor(pathOf(QStringLiteral("bad.db"))));
    STORE_VERIFY_OK(db);
    auto bad = prepare(db->connection(), QStringLiteral("SELEKT 1"));
    QVERIFY(!bad);
    QVERIFY2(bad.error().description.contains(QStringLiteral("SELEKT 1")),
             qPrintable(bad.error().description));
    QVERIFY2(bad.error().description.contains(QStringLiteral("syntax error")),
             qPrintable(bad.error().description));
}

void TestDatabase::twoStatementsInOneCallAreRefused()
{
    // A migration step listing two statements in one string must fail, not silently run only the first.
    auto db = Database::openUnmigrated(optionsFor(pathOf(QStringLiteral("two.db"))));
    STORE_VERIFY_OK(db);
    auto both = execute(db->connection(), QStringLiteral("CREATE TABLE a (x); CREATE TABLE b (y)"));
    QVERIFY(!both);
    QVERIFY(!storetest::tablesOf(db->connection()).contains(QStringLiteral("b")));
}

void TestDatabase::valueOfAnEmptyResultIsAnError()
{
    auto db = Database::openUnmigrated(optionsFor(pathOf(QStringLiteral("empty.db"))));
    STORE_VERIFY_OK(db);
    auto none = queryValue(db->connection(), QStringLiteral("SELECT 1 WHERE 0"));
    QVERIFY(!none);
    QVERIFY2(none.error().description.contains(QStringLiteral("no row")),
             qPrintable(none.error().description));
}

void TestDatabase::openRunsTheGivenMigrations()
{
    const Migrations schema(
        QStringLiteral("test"), 0,
        {{1, QStringLiteral("notes"), {QStringLiteral("CREATE TABLE notes (text TEXT)")}, {}},
         {4, QStringLiteral("tags"), {QStringLiteral("CREATE TABLE tags (name TEXT)")}, {}}});
    auto db = Database::open(optionsFor(pathOf(QStringLiteral("migrated.db"))), schema);
    STORE_VERIFY_OK(db);
    auto version = db->schemaVersion();
    STORE_VERIFY_OK(version);
    QCOMPARE(*version, 4);
    QCOMPARE(storetest::tablesOf(db->connection()),
             (QStringList{QStringLiteral("notes"), QStringLiteral("tags")}));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
