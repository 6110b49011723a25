#include "core/store/database.h"
#include "core/store/migrations.h"
#include "core/store/schema.h"
#include "core/store/sql.h"
#include "storetestsupport.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace handover;
using namespace handover::store;
using storetest::optionsFor;

namespace {

Migrations schemaNamed(const QString &name)
{
    return name == QLatin1String("server") ? serverSchema() : cacheSchema();
}

// Rows an older build could have written, one list per (schema, version it stopped at). Every table that
// exists at that version gets at least one row, so the upgrade has real data to carry.
QStringList seedFor(const QString &schema, int version)
{
    if (schema == QLatin1String("cache")) {
        return {
            QStringLiteral("INSERT INTO chatrooms (id, org_id, bumped_at, bump_seq, state, display_name, "
                           "is_participant, summary, updated_seq) VALUES ('c1', 'o1', 1000, 7, 'active', "
                           "'Ada', 1, '{\"id\":\"c1\"}', 7)"),
            QStringLiteral("INSERT INTO messages VALUES ('m1', 'c1', 1000, '{\"id\":\"m1\"}')"),
            QStringLiteral("INSERT INTO sync_state VALUES ('o1', 'u1', 7, 1000)"),
        };
    }
    QStringList rows{
        QStringLiteral("INSERT INTO orgs (id, name, created_at) VALUES ('o1', 'Acme', 1000)"),
        QStringLiteral("INSERT INTO users (id, org_id, email, password_hash, role, created_at) "
                       "VALUES ('u1', 'o1', 'ada@acme.test', 'hash', 'MEMBER', 1000)"),
        QStringLiteral("INSERT INTO user_groups VALUES ('g1', 'o1', 'Sales', 1000)"),
        QStringLiteral("INSERT INTO group_members VALUES ('g1', 'u1', NULL)"),
        QStringLiteral("UPDATE orgs SET inbound_group_id = 'g1'"),
        QStringLiteral("INSERT INTO waba_phones VALUES ('w1', 'o1', 'waba-1', 'phone-1', '+15550001', 1000)"),
        QStringLiteral(
            "INSERT INTO templates (id, org_id, remote_template_id, name, language, category, body, "
            "created_at, updated_at) VALUES ('t1', 'o1', 'rt1', 'welcome', 'en', 'MARKETING', "
            "'Hi {{name}}', 1000, 1000)"),
        QStringLiteral(
            "INSERT INTO contacts (id, org_id, crm_id, phone_number, first_name, create_date, updated_at) "
            "VALUES ('k1', 'o1', 'crm-1', '+919999990001', 'Ada', 1000, 1000)"),
        QStringLiteral(
            "INSERT INTO chatrooms (id, org_id, contact_id, waba_phone_id, customer_phone, "
            "remote_phone_id, display_name, display_name_derived, bumped_at, bump_seq, created_at, "
            "updated_at) VALUES ('c1', 'o1', 'k1', 'w1', '+919999990001', 'phone-1', 'crm-1 Ada', 1, "
            "1000, 1, 1000, 1000)"),
        QStringLiteral(
            "INSERT INTO chatroom_participants (chatroom_id, user_id, joined_at) VALUES ('c1', 'u1', 1000)"),
        QStringLiteral(
            "INSERT INTO messages (id, chatroom_id, direction, kind, sender_type, text, status, "
            "wa_message_id, created_at, updated_at) VALUES ('m1', 'c1', 'out', 'text', 'bot', 'Hello', "
            "'sent', 'wamid.1', 1000, 1000)"),
        // A reply, so that rebuilding the messages table must keep a reference between its own rows.
        QStringLiteral(
            "INSERT INTO messages (id, chatroom_id, direction, kind, sender_type, text, in_reply_to, status, "
            "created_at, updated_at) VALUES ('m2', 'c1', 'in', 'button_reply', 'customer', 'Yes', 'm1', "
            "'delivered', 1001, 1001)"),
        QStringLiteral("INSERT INTO org_events VALUES ('o1', 1, 'chatroom.created', 'c1', '{}', 1000)"),
        QStringLiteral("INSERT INTO org_event_counters VALUES ('o1', 1)"),
    };
    if (version >= 2) {
        rows << QStringLiteral(
                    "UPDATE orgs SET webhook_url = 'https://hooks.acme.test/wa', webhook_secret = 'whsec_x'")
             << QStringLiteral("INSERT INTO api_keys (id, org_id, name, role, key_sha256, created_at) "
                               "VALUES ('a1', 'o1', 'crm', 'ADMIN', randomblob(32), 1000)")
             << QStringLiteral(
                    "INSERT INTO sessions (token_sha256, org_id, user_id, role, created_at, expires_at) "
                    "VALUES (randomblob(32), 'o1', 'u1', 'MEMBER', 1000, 2000)")
             << QStringLiteral(
                    "INSERT INTO idempotency_records (token_sha256, idempotency_key, request_sha256, "
                    "status, response_status, response_body, created_at, completed_at) VALUES "
                    "(randomblob(32), 'key-1', randomblob(32), 'done', 201, '{}', 1000, 1001)")
             << QStringLiteral("INSERT INTO webhook_deliveries (id, webhook_id, org_id, event_type, payload, "
                               "next_attempt_at, created_at, updated_at) VALUES ('d1', 'msg_1', 'o1', "
                               "'template.button_reply', '{}', 5000, 1000, 1000)");
    }
    if (version >= 3) {
        rows << QStringLiteral("INSERT INTO wa_inbound_seen VALUES ('wamid.in-1', 'phone-1', 1000)")
             << QStringLiteral("INSERT INTO wa_outbound_queue (message_id, next_attempt_at, created_at) "
                               "VALUES ('m1', 2000, 1000)");
    }
    if (version >= 4) {
        rows << QStringLiteral(
            "INSERT INTO users (id, org_id, email, password_hash, role, created_at, "
            "deactivated_at) VALUES ('u2', 'o1', 'gone@acme.test', 'hash', 'MEMBER', 1000, "
            "3000)");
    }
    if (version >= 5)
        rows << QStringLiteral("INSERT INTO waba_phone_tokens VALUES ('w1', randomblob(60), 1000)");
    if (version >= 6) {
        rows << QStringLiteral("UPDATE messages SET content = '{\"reactions\":[]}' WHERE id = 'm2'")
             << QStringLiteral("INSERT INTO media (id, org_id, chatroom_id, message_id, direction, mime_type, status, "
                               "created_at, updated_at) VALUES ('f1', 'o1', 'c1', 'm2', 'in', 'image/jpeg', "
                               "'pending', 1000, 1000)");
    }
    return rows;
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshCreateReachesTheNewestVersion_data();
    void freshCreateReachesTheNewestVersion();
    void upgradeKeepsRowsAndEndsWithTheFreshSchema_data();
    void upgradeKeepsRowsAndEndsWithTheFreshSchema();
    void failingStepLeavesTheFileUnchanged_data();
    void failingStepLeavesTheFileUnchanged();
    void fileFromANewerBuildIsRefused();
    void cacheFileIsNotOpenedAsServerDatabase();
    void reopeningAnUpToDateFileChangesNothing();
    void stepsOutOfOrderAreRefused();

private:
    QTemporaryDir m_dir;
    QString pathOf(const QString &name) const { return m_dir.filePath(name); }
};

void TestMigrations::freshCreateReachesTheNewestVersion_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QStringList>("someTables");
    QTest::newRow("a new server database has every table of the newest schema")
        << QStringLiteral("server")
        << QStringList{QStringLiteral("orgs"),
                       QStringLiteral("chatrooms"),
                       QStringLiteral("messages"),
                       QStringLiteral("org_events"),
                       QStringLiteral("webhook_deliveries"),
                       QStringLiteral("idempotency_records"),
                       QStringLiteral("wa_outbound_queue")};
    QTest::newRow("a new console cache has every table of the newest schema")
        << QStringLiteral("cache")
        << QStringList{QStringLiteral("chatrooms"), QStringLiteral("messages"), QStringLiteral("sync_state"),
                       QStringLiteral("outbox")};
}

void TestMigrations::freshCreateReachesTheNewestVersion()
{
    QFETCH(QString, schema);
    QFETCH(QStringList, someTables);
    const Migrations migrations = schemaNamed(schema);
    QVERIFY(migrations.steps().size() >= 2);

    auto db = Database::open(optionsFor(pathOf(QStringLiteral("fresh-") + schema + QStringLiteral(".db"))),
                             migrations);
    STORE_VERIFY_OK(db);
    const QSqlDatabase &connection = db->connection();
    auto version = db->schemaVersion();
    STORE_VERIFY_OK(version);
    QCOMPARE(*version, migrations.newestVersion());
    QCOMPARE(queryValue(connection, QStringLiteral("PRAGMA application_id"))->toInt(),
             migrations.applicationId());
    QCOMPARE(queryValue(connection, QStringLiteral("PRAGMA journal_mode"))->toString(),
             QStringLiteral("wal"));
    QCOMPARE(queryValue(connection, QStringLiteral("PRAGMA foreign_keys"))->toInt(), 1);
    QCOMPARE(queryValue(connection, QStringLiteral("PRAGMA integrity_check"))->toString(),
             QStringLiteral("ok"));

    const QStringList tables = storetest::tablesOf(connection);
    for (const QString &table : std::as_const(someTables))
        QVERIFY2(tables.contains(table), qPrintable(table));
}

void TestMigrations::upgradeKeepsRowsAndEndsWithTheFreshSchema_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<int>("stepsOfTheOldBuild");
    for (const QString &schema : {QStringLiteral("server"), QStringLiteral("cache")}) {
        const auto steps = static_cast<int>(schemaNamed(schema).steps().size());
        for (int k = 1; k < steps; ++k) {
            const QByteArray name =
                QStringLiteral("a %1 file from a build that knew %2 step(s) upgrades with its rows")
                    .arg(schema)
                    .arg(k)
                    .toUtf8();
            QTest::newRow(name.constData()) << schema << k;
        }
    }
}

void TestMigrations::upgradeKeepsRowsAndEndsWithTheFreshSchema()
{
    QFETCH(QString, schema);
    QFETCH(int, stepsOfTheOldBuild);
    const Migrations migrations = schemaNamed(schema);
    const Migrations oldBuild = migrations.firstSteps(stepsOfTheOldBuild);
    const QString path = pathOf(QStringLiteral("upgrade-%1-%2.db").arg(schema).arg(stepsOfTheOldBuild));

    QMap<QString, qint64> countsBefore;
    {
        auto old = Database::open(optionsFor(path), oldBuild);
        STORE_VERIFY_OK(old);
        QCOMPARE(*old->schemaVersion(), oldBuild.newestVersion());
        auto seeded = storetest::runAll(old->connection(), seedFor(schema, oldBuild.newestVersion()));
        STORE_VERIFY_OK(seeded);
        countsBefore = storetest::rowCounts(old->connection());
        for (auto it = countsBefore.cbegin(); it != countsBefore.cend(); ++it)
            QVERIFY2(it.value() > 0, qPrintable(QStringLiteral("no seed row in ") + it.key()));
    }

    auto upgraded = Database::open(optionsFor(path), migrations);
    STORE_VERIFY_OK(upgraded);
    QCOMPARE(*upgraded->schemaVersion(), migrations.newestVersion());
    const QMap<QString, qint64> countsAfter = storetest::rowCounts(upgraded->connection());
    for (auto it = countsBefore.cbegin(); it != countsBefore.cend(); ++it)
        QCOMPARE(countsAfter.value(it.key()), it.value());
    QCOMPARE(queryValue(upgraded->connection(),
                        QStringLiteral("SELECT display_name FROM chatrooms WHERE id = 'c1'"))
                 ->toString(),
             schema == QLatin1String("server") ? QStringLiteral("crm-1 Ada") : QStringLiteral("Ada"));
    QSqlQuery danglingReferences(upgraded->connection());
    QVERIFY(danglingReferences.exec(QStringLiteral("PRAGMA foreign_key_check")));
    QVERIFY(!danglingReferences.next());
    danglingReferences.finish();
    QCOMPARE(queryValue(upgraded->connection(), QStringLiteral("PRAGMA integrity_check"))->toString(),
             QStringLiteral("ok"));

    auto fresh = Database::open(optionsFor(path + QStringLiteral(".fresh")), migrations);
    STORE_VERIFY_OK(fresh);
    QCOMPARE(storetest::schemaOf(upgraded->connection()), storetest::schemaOf(fresh->connection()));
}

void TestMigrations::failingStepLeavesTheFileUnchanged_data()
{
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<bool>("failInFunction");
    QTest::addColumn<QString>("expectedReason");
    QTest::newRow("a step whose second statement fails leaves no trace of its first")
        << QStringList{QStringLiteral("CREATE TABLE half_done (x INTEGER)"),
                       QStringLiteral("INSERT INTO no_such_table VALUES (1)")}
        << false << QStringLiteral("statement 2 of 2");
    QTest::newRow("a step whose function fails after changing rows leaves no trace")
        << QStringList{QStringLiteral("CREATE TABLE half_done (x INTEGER)"),
                       QStringLiteral("UPDATE orgs SET name = 'Renamed'")}
        << true << QStringLiteral("backfill found an org it cannot convert");
    QTest::newRow("a step that breaks a constraint leaves no trace")
        << QStringList{QStringLiteral("CREATE TABLE half_done (x INTEGER)"),
                       QStringLiteral(
                           "INSERT INTO users (id, org_id, email, password_hash, role, created_at) "
                           "VALUES ('u2', 'o1', 'ADA@acme.test', 'h', 'MEMBER', 1)")}
        << false << QStringLiteral("UNIQUE constraint failed");
}

void TestMigrations::failingStepLeavesTheFileUnchanged()
{
    QFETCH(QStringList, statements);
    QFETCH(bool, failInFunction);
    QFETCH(QString, expectedReason);

    static int run = 0;
    const QString path = pathOf(QStringLiteral("failing-%1.db").arg(++run));
    const Migrations firstStep = serverSchema().firstSteps(1);
    {
        auto db = Database::open(optionsFor(path), firstStep);
        STORE_VERIFY_OK(db);
        auto seeded = storetest::runAll(db->connection(), seedFor(QStringLiteral("server"), 1));
        STORE_VERIFY_OK(seeded);
    }
    const QByteArray bytesBefore = storetest::fileBytes(path);
    QVERIFY(!bytesBefore.isEmpty());

    std::vector<MigrationStep> steps = firstStep.steps();
    MigrationStep bad{2, QStringLiteral("add the half-done table"), statements, {}};
    if (failInFunction) {
        bad.apply = [](QSqlDatabase &) -> Result<void> {
            return Error::make(ErrorCode::Internal,
                               QStringLiteral("backfill found an org it cannot convert"));
        };
    }
    steps.push_back(bad);
    const Migrations failing(QStringLiteral("server"), firstStep.applicationId(), steps);

    auto opened = Database::open(optionsFor(path), failing);
    QVERIFY(!opened);
    const QString description = opened.error().description;
    qInfo().noquote() << "the open failed as it should:" << description;
    QVERIFY2(description.contains(QStringLiteral("step 2 (add the half-done table)")),
             qPrintable(description));
    QVERIFY2(description.contains(expectedReason), qPrintable(description));
    QVERIFY2(description.contains(QStringLiteral("left unchanged at version 1")), qPrintable(description));
    QVERIFY2(description.contains(path), qPrintable(description));

    QCOMPARE(storetest::fileBytes(path), bytesBefore);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) ||
            QFile(path + QStringLiteral("-wal")).size() == 0);
    auto after = Database::openUnmigrated(optionsFor(path));
    STORE_VERIFY_OK(after);
    QCOMPARE(*after->schemaVersion(), 1);
    QVERIFY(!storetest::tablesOf(after->connection()).contains(QStringLiteral("half_done")));
    QCOMPARE(queryValue(after->connection(), QStringLiteral("SELECT name FROM orgs"))->toString(),
             QStringLiteral("Acme"));
}

void TestMigrations::fileFromANewerBuildIsRefused()
{
    const QString path = pathOf(QStringLiteral("newer.db"));
    const Migrations schema = serverSchema();
    const int future = schema.newestVersion() + 4;
    {
        auto db = Database::open(optionsFor(path), schema);
        STORE_VERIFY_OK(db);
        auto bumped =
            execute(db->connection(), QStringLiteral("PRAGMA user_version = ") + QString::number(future));
        STORE_VERIFY_OK(bumped);
    }
    auto opened = Database::open(optionsFor(path), schema);
    QVERIFY(!opened);
    const QString expected =
        QStringLiteral("made by a newer version of Handover: server schema %1, this build knows %2")
            .arg(future)
            .arg(schema.newestVersion());
    qInfo().noquote() << "the open failed as it should:" << opened.error().description;
    QVERIFY2(opened.error().description.contains(expected), qPrintable(opened.error().description));

    auto untouched = Database::openUnmigrated(optionsFor(path));
    STORE_VERIFY_OK(untouched);
    QCOMPARE(*untouched->schemaVersion(), future);
}

void TestMigrations::cacheFileIsNotOpenedAsServerDatabase()
{
    const QString path = pathOf(QStringLiteral("cache-not-server.db"));
    {
        auto cache = Database::open(optionsFor(path), cacheSchema());
        STORE_VERIFY_OK(cache);
    }
    auto asServer = Database::open(optionsFor(path), serverSchema());
    QVERIFY(!asServer);
    QVERIFY2(asServer.error().description.contains(QStringLiteral("is not a Handover server database")),
             qPrintable(asServer.error().description));
}

void TestMigrations::reopeningAnUpToDateFileChangesNothing()
{
    const QString path = pathOf(QStringLiteral("reopen.db"));
    {
        auto db = Database::open(optionsFor(path), serverSchema());
        STORE_VERIFY_OK(db);
    }
    const QByteArray before = storetest::fileBytes(path);
    {
        auto again = Database::open(optionsFor(path), serverSchema());
        STORE_VERIFY_OK(again);
    }
    QCOMPARE(storetest::fileBytes(path), before);
}

void TestMigrations::stepsOutOfOrderAreRefused()
{
    const Migrations misordered(QStringLiteral("test"), 0,
                                {{2, QStringLiteral("b"), {QStringLiteral("CREATE TABLE b (x)")}, {}},
                                 {1, QStringLiteral("a"), {QStringLiteral("CREATE TABLE a (x)")}, {}}});
    auto db = Database::open(optionsFor(pathOf(QStringLiteral("misordered.db"))), misordered);
    QVERIFY(!db);
    QVERIFY2(db.error().description.contains(QStringLiteral("out of order")),
             qPrintable(db.error().description));
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
