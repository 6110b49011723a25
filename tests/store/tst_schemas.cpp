#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/store/sql.h"
#include "storetestsupport.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace handover;
using namespace handover::store;
using storetest::optionsFor;

namespace {

// One org with two WABA phones and two contacts sharing a phone number (a household, a shared device).
const QStringList serverSeed{
    QStringLiteral("INSERT INTO orgs (id, name, created_at) VALUES ('o1', 'Acme', 1), ('o2', 'Globex', 1)"),
    QStringLiteral("INSERT INTO waba_phones VALUES ('w1', 'o1', 'waba', 'phone-1', '+15550001', 1), "
                   "('w2', 'o1', 'waba', 'phone-2', '+15550002', 1)"),
    QStringLiteral(
        "INSERT INTO contacts (id, org_id, crm_id, phone_number, create_date, updated_at) VALUES "
        "('k1', 'o1', 'crm-1', '+919999990001', 1, 1), ('k2', 'o1', 'crm-2', '+919999990001', 1, 1)"),
    QStringLiteral("INSERT INTO users (id, org_id, email, password_hash, role, created_at) "
                   "VALUES ('u0', 'o1', 'agent@acme.test', 'h', 'MEMBER', 1)"),
};

QString insertChatroom(const QString &id, const QString &contact, const QString &wabaPhone,
                       const QString &remotePhone, const QString &state)
{
    return QStringLiteral("INSERT INTO chatrooms (id, org_id, contact_id, waba_phone_id, customer_phone, "
                          "remote_phone_id, display_name, display_name_derived, state, bumped_at, bump_seq, "
                          "created_at, updated_at) VALUES ('") +
           id + QStringLiteral("', 'o1', '") + contact + QStringLiteral("', '") + wabaPhone +
           QStringLiteral("', '+919999990001', '") + remotePhone + QStringLiteral("', 'name', 1, '") + state +
           QStringLiteral("', 1, 1, 1, 1)");
}

QStringList queryPlan(const QSqlDatabase &db, const QString &sql)
{
    QStringList steps;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql))
        return {QStringLiteral("<no plan>")};
    while (query.next())
        steps << query.value(3).toString();
    return steps;
}

} // namespace

class TestSchemas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void r13AllowsOneActiveChatroomPerPhonePair_data();
    void r13AllowsOneActiveChatroomPerPhonePair();
    void r12ActivatingBesideAnActiveChatroomIsRefused();
    void serverUniqueKeys_data();
    void serverUniqueKeys();
    void serverRefusesMalformedRows_data();
    void serverRefusesMalformedRows();
    void hotQueriesReadAnIndexInsteadOfSorting_data();
    void hotQueriesReadAnIndexInsteadOfSorting();
    void cacheUpsertKeepsMessagesAndResetDropsThem();
    void cacheOutboxKeepsSendOrderAndKeys();

private:
    QTemporaryDir m_dir;
    std::optional<Database> m_server;
    int m_run = 0;
};

void TestSchemas::init()
{
    auto db = Database::open(optionsFor(m_dir.filePath(QStringLiteral("server-%1.db").arg(++m_run))),
                             serverSchema());
    QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().description));
    m_server.emplace(std::move(db).value());
    auto seeded = storetest::runAll(m_server->connection(), serverSeed);
    STORE_VERIFY_OK(seeded);
}

void TestSchemas::cleanup()
{
    m_server.reset();
}

void TestSchemas::r13AllowsOneActiveChatroomPerPhonePair_data()
{
    QTest::addColumn<QString>("firstState");
    QTest::addColumn<QString>("secondContact");
    QTest::addColumn<QString>("secondWabaPhone");
    QTest::addColumn<QString>("secondState");
    QTest::addColumn<bool>("allowed");

    const QString active = QStringLiteral("active");
    const QString k1 = QStringLiteral("k1");
    const QString w1 = QStringLiteral("w1");
    QTest::newRow("R13: a second active chatroom on the same phone pair is refused")
        << active << k1 << w1 << active << false;
    QTest::newRow("R13: another contact's active chatroom on the same phone pair is refused")
        << active << QStringLiteral("k2") << w1 << active << false;
    QTest::newRow("R13: a deactivated and an active chatroom may share the phone pair")
        << QStringLiteral("deactivated") << k1 << w1 << active << true;
    QTest::newRow("R13: an expired and an active chatroom may share the phone pair")
        << QStringLiteral("expired") << k1 << w1 << active << true;
    QTest::newRow("R13: the same customer phone may be active on another WABA phone")
        << active << QStringLiteral("k2") << QStringLiteral("w2") << active << true;
    QTest::newRow("R13: any number of inactive chatrooms may share the phone pair")
        << QStringLiteral("deactivated") << k1 << w1 << QStringLiteral("expired") << true;
}

void TestSchemas::r13AllowsOneActiveChatroomPerPhonePair()
{
    QFETCH(QString, firstState);
    QFETCH(QString, secondContact);
    QFETCH(QString, secondWabaPhone);
    QFETCH(QString, secondState);
    QFETCH(bool, allowed);

    const QSqlDatabase &db = m_server->connection();
    auto first = execute(db, insertChatroom(QStringLiteral("c1"), QStringLiteral("k1"), QStringLiteral("w1"),
                                            QStringLiteral("phone-1"), firstState));
    STORE_VERIFY_OK(first);
    const QString remotePhone =
        secondWabaPhone == QLatin1String("w1") ? QStringLiteral("phone-1") : QStringLiteral("phone-2");
    auto second = execute(
        db, insertChatroom(QStringLiteral("c2"), secondContact, secondWabaPhone, remotePhone, secondState));
    QCOMPARE(second.ok(), allowed);
    if (!allowed) {
        QCOMPARE(second.code(), ErrorCode::UniqueConstraintFailed);
        QCOMPARE(queryValue(db, QStringLiteral("SELECT count(*) FROM chatrooms"))->toInt(), 1);
    }
}

void TestSchemas::r12ActivatingBesideAnActiveChatroomIsRefused()
{
    const QSqlDatabase &db = m_server->connection();
    auto seeded = storetest::runAll(
        db, {insertChatroom(QStringLiteral("old"), QStringLiteral("k1"), QStringLiteral("w1"),
                            QStringLiteral("phone-1"), QStringLiteral("deactivated")),
             insertChatroom(QStringLiteral("new"), QStringLiteral("k2"), QStringLiteral("w1"),
                            QStringLiteral("phone-1"), QStringLiteral("active"))});
    STORE_VERIFY_OK(seeded);
    auto activated = execute(db, QStringLiteral("UPDATE chatrooms SET state = 'active' WHERE id = 'old'"));
    QVERIFY(!activated);
    QCOMPARE(activated.code(), ErrorCode::UniqueConstraintFailed);

    auto deactivated =
        execute(db, QStringLiteral("UPDATE chatrooms SET state = 'deactivated' WHERE id = 'new'"));
    STORE_VERIFY_OK(deactivated);
    auto activatedNow = execute(db, QStringLiteral("UPDATE chatrooms SET state = 'active' WHERE id = 'old'"));
    STORE_VERIFY_OK(activatedNow);
}

void TestSchemas::serverUniqueKeys_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("allowed");

    const QString user =
        QStringLiteral("INSERT INTO users (id, org_id, email, password_hash, role, created_at) "
                       "VALUES ('%1', '%2', '%3', 'h', 'MEMBER', 1)");
    QTest::newRow("an email is unique in its org, whatever its case")
        << user.arg(QStringLiteral("u1"), QStringLiteral("o1"), QStringLiteral("ada@acme.test"))
        << user.arg(QStringLiteral("u2"), QStringLiteral("o1"), QStringLiteral("Ada@Acme.test")) << false;
    QTest::newRow("the same email may exist in another org")
        << user.arg(QStringLiteral("u1"), QStringLiteral("o1"), QStringLiteral("ada@acme.test"))
        << user.arg(QStringLiteral("u2"), QStringLiteral("o2"), QStringLiteral("ada@acme.test")) << true;

    const QString contact =
        QStringLiteral("INSERT INTO contacts (id, org_id, crm_id, phone_number, create_date, "
                       "updated_at) VALUES ('%1', '%2', 'crm-9', '+15551234567', 1, 1)");
    QTest::newRow("a crm_id is unique in its org")
        << contact.arg(QStringLiteral("k8"), QStringLiteral("o1"))
        << contact.arg(QStringLiteral("k9"), QStringLiteral("o1")) << false;
    QTest::newRow("the same crm_id may exist in another org")
        << contact.arg(QStringLiteral("k8"), QStringLiteral("o1"))
        << contact.arg(QStringLiteral("k9"), QStringLiteral("o2")) << true;

    const QString message =
        QStringLiteral("INSERT INTO messages (id, chatroom_id, direction, kind, sender_type, "
                       "status, wa_message_id, created_at, updated_at) VALUES "
                       "('%1', 'c1', 'out', 'text', 'bot', 'queued', %2, 1, 1)");
    QTest::newRow("a Meta message id is stored once")
        << message.arg(QStringLiteral("m1"), QStringLiteral("'wamid.1'"))
        << message.arg(QStringLiteral("m2"), QStringLiteral("'wamid.1'")) << false;
    QTest::newRow("many messages may wait without a Meta message id")
        << message.arg(QStringLiteral("m1"), QStringLiteral("NULL"))
        << message.arg(QStringLiteral("m2"), QStringLiteral("NULL")) << true;

    const QString event =
        QStringLiteral("INSERT INTO org_events VALUES ('%1', 5, 'chatroom.updated', NULL, '{}', 1)");
    QTest::newRow("an org's event seq is never used twice")
        << event.arg(QStringLiteral("o1")) << event.arg(QStringLiteral("o1")) << false;
    QTest::newRow("each org counts its own event seq")
        << event.arg(QStringLiteral("o1")) << event.arg(QStringLiteral("o2")) << true;

    const QString phone =
        QStringLiteral("INSERT INTO waba_phones VALUES ('%1', '%2', 'waba', 'phone-9', '+1555', 1)");
    QTest::newRow("a remote_phone_id belongs to one org only")
        << phone.arg(QStringLiteral("w8"), QStringLiteral("o1"))
        << phone.arg(QStringLiteral("w9"), QStringLiteral("o2")) << false;
}

void TestSchemas::serverUniqueKeys()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, allowed);
    const QSqlDatabase &db = m_server->connection();
    auto chatroom =
        execute(db, insertChatroom(QStringLiteral("c1"), QStringLiteral("k1"), QStringLiteral("w1"),
                                   QStringLiteral("phone-1"), QStringLiteral("active")));
    STORE_VERIFY_OK(chatroom);
    auto firstRow = execute(db, first);
    STORE_VERIFY_OK(firstRow);
    auto secondRow = execute(db, second);
    QCOMPARE(secondRow.ok(), allowed);
    if (!allowed)
        QCOMPARE(secondRow.code(), ErrorCode::UniqueConstraintFailed);
}

void TestSchemas::serverRefusesMalformedRows_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("reason");
    const QString check = QStringLiteral("CHECK constraint failed");
    const QString foreignKey = QStringLiteral("FOREIGN KEY constraint failed");
    QTest::newRow("a phone number that is not E.164")
        << QStringLiteral("INSERT INTO contacts (id, org_id, crm_id, phone_number, create_date, updated_at) "
                          "VALUES ('k9', 'o1', 'crm-9', '0044 20 7946', 1, 1)")
        << check;
    QTest::newRow("a contact of an org that does not exist")
        << QStringLiteral("INSERT INTO contacts (id, org_id, crm_id, phone_number, create_date, updated_at) "
                          "VALUES ('k9', 'nope', 'crm-9', '+15551234567', 1, 1)")
        << foreignKey;
    QTest::newRow("a message in a chatroom that does not exist")
        << QStringLiteral(
               "INSERT INTO messages (id, chatroom_id, direction, kind, sender_type, status, created_at, "
               "updated_at) VALUES ('m9', 'nope', 'in', 'text', 'customer', 'delivered', 1, 1)")
        << foreignKey;
    QTest::newRow("an API key stored in clear text instead of its SHA-256")
        << QStringLiteral("INSERT INTO api_keys (id, org_id, name, role, key_sha256, created_at) "
                          "VALUES ('a9', 'o1', 'crm', 'ADMIN', 'hok_secretsecretsecretsecretsecre', 1)")
        << check;
    QTest::newRow("a role that API.md does not know")
        << QStringLiteral("INSERT INTO users (id, org_id, email, password_hash, role, created_at) "
                          "VALUES ('u9', 'o1', 'x@acme.test', 'h', 'OWNER', 1)")
        << check;
    QTest::newRow("a pending handover target without a request time")
        << insertChatroom(QStringLiteral("c9"), QStringLiteral("k1"), QStringLiteral("w1"),
                          QStringLiteral("phone-1"), QStringLiteral("active"))
               .replace(QStringLiteral("display_name_derived,"),
                        QStringLiteral("display_name_derived, pending_user_id,"))
               .replace(QStringLiteral("'name', 1,"), QStringLiteral("'name', 1, 'u0',"))
        << check;
    QTest::newRow("a finished idempotency record without its response")
        << QStringLiteral(
               "INSERT INTO idempotency_records (token_sha256, idempotency_key, request_sha256, status, "
               "created_at) VALUES (randomblob(32), 'k', randomblob(32), 'done', 1)")
        << check;
    QTest::newRow("a pending webhook delivery without a next attempt time")
        << QStringLiteral(
               "INSERT INTO webhook_deliveries (id, webhook_id, org_id, event_type, payload, created_at, "
               "updated_at) VALUES ('d9', 'msg_9', 'o1', 'template.button_reply', '{}', 1, 1)")
        << check;
}

void TestSchemas::serverRefusesMalformedRows()
{
    QFETCH(QString, statement);
    QFETCH(QString, reason);
    auto inserted = execute(m_server->connection(), statement);
    QVERIFY2(!inserted, qPrintable(statement));
    QCOMPARE(inserted.code(), ErrorCode::Internal);
    QVERIFY2(inserted.error().description.contains(reason), qPrintable(inserted.error().description));
}

void TestSchemas::hotQueriesReadAnIndexInsteadOfSorting_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("index");
    QTest::newRow("R20: the All view pages in sort-key order")
        << QStringLiteral("SELECT id FROM chatrooms WHERE org_id = 'o1' AND (bumped_at, bump_seq) < (5, 5) "
                          "ORDER BY bumped_at DESC, bump_seq DESC LIMIT 50")
        << QStringLiteral("chatrooms_by_sort_key");
    QTest::newRow("R20: the Awaiting handover view pages in sort-key order")
        << QStringLiteral("SELECT id FROM chatrooms WHERE org_id = 'o1' AND pending_requested_at IS NOT NULL "
                          "ORDER BY bumped_at DESC, bump_seq DESC LIMIT 50")
        << QStringLiteral("chatrooms_awaiting_handover");
    QTest::newRow("a chatroom's messages page newest last")
        << QStringLiteral(
               "SELECT id FROM messages WHERE chatroom_id = 'c1' ORDER BY created_at DESC, position DESC "
               "LIMIT 50")
        << QStringLiteral("messages_by_chatroom");
    QTest::newRow("a sync resume replays an org's events after a seq")
        << QStringLiteral(
               "SELECT payload FROM org_events WHERE org_id = 'o1' AND seq > 10 ORDER BY seq LIMIT 500")
        << QStringLiteral("sqlite_autoindex_org_events_1");
    QTest::newRow("the webhook dispatcher finds due deliveries")
        << QStringLiteral(
               "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= 99 "
               "ORDER BY next_attempt_at LIMIT 100")
        << QStringLiteral("webhook_deliveries_due");
}

void TestSchemas::hotQueriesReadAnIndexInsteadOfSorting()
{
    QFETCH(QString, sql);
    QFETCH(QString, index);
    const QString plan = queryPlan(m_server->connection(), sql).join(QStringLiteral(" | "));
    QVERIFY2(plan.contains(index), qPrintable(plan));
    QVERIFY2(!plan.contains(QStringLiteral("TEMP B-TREE")), qPrintable(plan));
}

void TestSchemas::cacheUpsertKeepsMessagesAndResetDropsThem()
{
    auto cache = Database::open(optionsFor(m_dir.filePath(QStringLiteral("cache-upsert.db"))), cacheSchema());
    STORE_VERIFY_OK(cache);
    const QSqlDatabase &db = cache->connection();
    const QString upsert = QStringLiteral(
        "INSERT INTO chatrooms (id, org_id, bumped_at, bump_seq, state, summary, updated_seq) "
        "VALUES ('c1', 'o1', %1, %1, 'active', '{}', %1) ON CONFLICT (id) DO UPDATE SET "
        "bumped_at = excluded.bumped_at, bump_seq = excluded.bump_seq, summary = excluded.summary, "
        "updated_seq = excluded.updated_seq WHERE excluded.updated_seq > chatrooms.updated_seq");
    auto applied = storetest::runAll(db, {upsert.arg(1),
                                          QStringLiteral("INSERT INTO messages VALUES ('m1', 'c1', 1, '{}')"),
                                          upsert.arg(9), upsert.arg(4)});
    STORE_VERIFY_OK(applied);
    QCOMPARE(queryValue(db, QStringLiteral("SELECT count(*) FROM messages"))->toInt(), 1);
    QCOMPARE(queryValue(db, QStringLiteral("SELECT updated_seq FROM chatrooms"))->toInt(), 9);

    auto reset = execute(db, QStringLiteral("DELETE FROM chatrooms WHERE org_id = 'o1'"));
    STORE_VERIFY_OK(reset);
    QCOMPARE(queryValue(db, QStringLiteral("SELECT count(*) FROM messages"))->toInt(), 0);
}

void TestSchemas::cacheOutboxKeepsSendOrderAndKeys()
{
    auto cache = Database::open(optionsFor(m_dir.filePath(QStringLiteral("cache-outbox.db"))), cacheSchema());
    STORE_VERIFY_OK(cache);
    const QSqlDatabase &db = cache->connection();
    const QString send =
        QStringLiteral("INSERT INTO outbox (idempotency_key, org_id, chatroom_id, kind, payload, "
                       "created_at, updated_at) VALUES ('%1', 'o1', 'c1', 'free_flow', '{}', 1, 1)");
    auto queued = storetest::runAll(db, {send.arg(QStringLiteral("k-a")), send.arg(QStringLiteral("k-b")),
                                         QStringLiteral("DELETE FROM outbox WHERE idempotency_key = 'k-b'"),
                                         send.arg(QStringLiteral("k-c"))});
    STORE_VERIFY_OK(queued);
    // AUTOINCREMENT never hands out the removed id again, so send order stays the id order.
    QCOMPARE(
        queryValue(db, QStringLiteral("SELECT local_id FROM outbox WHERE idempotency_key = 'k-c'"))->toInt(),
        3);
    auto duplicate = execute(db, send.arg(QStringLiteral("k-a")));
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.code(), ErrorCode::UniqueConstraintFailed);
}

QTEST_GUILESS_MAIN(TestSchemas)
#include "tst_schemas.moc"
