#include "tests/support/concurrentrequests.h"
#include "tests/support/orgsetup.h"
#include "tests/support/scenario.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>

using namespace handover;
using namespace handover::testing;

// Requests that race each other on the real server, repeated round after round (HANDOVER_RACE_ROUNDS, 20 by
// default) so that an unlucky interleaving gets its chance: whatever order the server takes them in, the
// outcome is one the rules allow and every view of it (answers, lists, the event stream, the file) agrees.
class TestRaces : public QObject
{
    Q_OBJECT

public:
    using Race = void (TestRaces::*)(int round);

private Q_SLOTS:
    void initTestCase();
    void races_data();
    void races();

private:
    void createsOfOneContact(int round);
    void createsOfOnePhoneOnTwoPhones(int round);
    void createsOfOnePhoneConflict(int round);
    void firstMessagesThroughSimulator(int round);
    void firstMessagesAsSignedWebhooks(int round);
    void reassignToOtherVersusHandover(int round);
    void reassignToPendingUserVersusHandover(int round);
    void reassignVersusGroupHandover(int round);

    void createsForTwoContactsOfOnePhone(bool failIfOnOtherPhone, int round);
    void racingCreates(const QStringList &contactIds, bool failIfOnOtherPhone, int round);
    void checkFirstMessages(const QString &phone, const QStringList &texts, const QList<HttpResult> &answers);
    void reassignVersusHandover(const QJsonObject &create, const QString &reassignTo, int round);
    RawRequest createRequest(const QString &contactId, bool failIfOnOtherPhone);
    QJsonArray rowsOf(const QString &phone);
    int contactsWithPhone(const QString &phone);

    Scenario s;
    int m_rounds = 20;
};

Q_DECLARE_METATYPE(TestRaces::Race)

namespace {

QString describe(const QList<HttpResult> &answers)
{
    QStringList parts;
    for (const HttpResult &answer : answers)
        parts.append(describeResult(answer));
    return parts.join(QStringLiteral(" | "));
}

} // namespace

void TestRaces::initTestCase()
{
    bool ok = false;
    const int rounds = qEnvironmentVariableIntValue("HANDOVER_RACE_ROUNDS", &ok);
    if (ok && rounds > 0)
        m_rounds = rounds;
    QVERIFY2(s.start(), s.why());
    QVERIFY2(s.openStreams(), s.why());
}

void TestRaces::races_data()
{
    QTest::addColumn<Race>("race");
    QTest::newRow("R3: creates of one contact at once give one 201, the others 200 with that chatroom")
        << &TestRaces::createsOfOneContact;
    QTest::newRow("R13: creates for two contacts of one phone at once put them on two WABA phones, never one")
        << &TestRaces::createsOfOnePhoneOnTwoPhones;
    QTest::newRow("R13: creates for two contacts of one phone at once give one chatroom and one 409")
        << &TestRaces::createsOfOnePhoneConflict;
    QTest::newRow(
        "R13b: two first messages of one phone through the simulator make one contact and one chatroom")
        << &TestRaces::firstMessagesThroughSimulator;
    QTest::newRow(
        "R13b: two first messages of one phone as signed Meta webhooks make one contact and one chatroom")
        << &TestRaces::firstMessagesAsSignedWebhooks;
    QTest::newRow("R11 vs R8: a reassign racing the customer's first message ends with the new agent only")
        << &TestRaces::reassignToOtherVersusHandover;
    QTest::newRow("R11 vs R8: reassigning to the pending user while the customer writes lists them once")
        << &TestRaces::reassignToPendingUserVersusHandover;
    QTest::newRow("R11 vs R8: a reassign racing a group handover ends with the new agent only")
        << &TestRaces::reassignVersusGroupHandover;
}

void TestRaces::races()
{
    QFETCH(Race, race);
    for (int round = 1; round <= m_rounds && !QTest::currentTestFailed(); ++round)
        (this->*race)(round);
}

// ---- R3, R13: creates without an Idempotency-Key

RawRequest TestRaces::createRequest(const QString &contactId, bool failIfOnOtherPhone)
{
    const QJsonObject body{
        {QStringLiteral("user_id"), s.alice.id},
        {QStringLiteral("fail_if_chatroom_exists_on_other_wabaphone"), failIfOnOtherPhone}};
    return RawRequest{.url = s.server().url().resolved(
                          QUrl(QStringLiteral("v3/orgs/%1/contacts/%2/assign").arg(s.orgId(), contactId))),
                      .body = QJsonDocument(body).toJson(QJsonDocument::Compact),
                      .token = s.server().apiKey()};
}

// Every chatroom row (any state) of a customer phone.
QJsonArray TestRaces::rowsOf(const QString &phone)
{
    QJsonArray rows;
    for (const QJsonValue &row : s.listRows(QStringLiteral("all"))) {
        if (field(row.toObject(), "phone_number") == phone)
            rows.append(row);
    }
    return rows;
}

void TestRaces::createsOfOneContact(int round)
{
    const QString contactId = s.newContact();
    QVERIFY2(!contactId.isEmpty(), s.why());
    racingCreates(QStringList(6, contactId), true, round);
}

void TestRaces::createsOfOnePhoneOnTwoPhones(int round)
{
    createsForTwoContactsOfOnePhone(false, round);
}

void TestRaces::createsOfOnePhoneConflict(int round)
{
    createsForTwoContactsOfOnePhone(true, round);
}

void TestRaces::createsForTwoContactsOfOnePhone(bool failIfOnOtherPhone, int round)
{
    const QString phone = s.newPhone();
    const QString first = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QString second = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    QVERIFY2(!first.isEmpty() && !second.isEmpty(), s.why());
    racingCreates({first, second, first, second}, failIfOnOtherPhone, round);
}

// Sends a create per entry of contactIds at once. Per contact: at most one 201, and every 200 names the
// chatroom of that 201 (R3); a 409 says the other contact's chatroom holds the phone (R13; without the fail
// flag a repeated create of the contact that went to the second WABA phone asks for the first one again, and
// finds none free, docs/rules.md). With the flag one contact gets a chatroom, without it both do, on
// different WABA phones. The list then shows exactly those chatrooms as the customer phone's active ones, one
// per WABA phone at most.
void TestRaces::racingCreates(const QStringList &contactIds, bool failIfOnOtherPhone, int round)
{
    QList<RawRequest> requests;
    for (const QString &contactId : contactIds)
        requests.append(createRequest(contactId, failIfOnOtherPhone));
    const QList<HttpResult> answers = sendTogether(requests);
    const QString context = QStringLiteral("round %1: %2").arg(round).arg(describe(answers));

    QHash<QString, QString> roomOf; // contact -> the chatroom its answers named
    QHash<QString, int> created;    // contact -> 201 answers
    QSet<QString> phonesTaken;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const HttpResult &answer = answers.at(i);
        const QString contactId = contactIds.at(i);
        if (answer.status == 409) {
            QVERIFY2(errorShapeProblem(answer, 4090001).isEmpty(), qPrintable(context));
            continue;
        }
        QVERIFY2(answer.status == 201 || answer.status == 200, qPrintable(context));
        const QJsonObject room = answer.json();
        QCOMPARE(field(room, "contact_id"), contactId);
        if (answer.status == 201)
            ++created[contactId];
        QVERIFY2(roomOf.value(contactId, field(room, "id")) == field(room, "id"), qPrintable(context));
        roomOf.insert(contactId, field(room, "id"));
        phonesTaken.insert(field(room, "remote_phone_id"));
    }
    for (auto it = created.cbegin(); it != created.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(context));
    QVERIFY2(created.size() == roomOf.size(), qPrintable(QStringLiteral("a 200 without a 201: ") + context));
    // Two contacts never share a WABA phone; without the fail flag both get one (R13: the next free phone).
    QCOMPARE(phonesTaken.size(), roomOf.size());
    const QSet<QString> contacts(contactIds.cbegin(), contactIds.cend());
    QCOMPARE(roomOf.size(), failIfOnOtherPhone ? 1 : contacts.size());

    const QString phone = s.contact(contactIds.first()).value(QLatin1String("phone_number")).toString();
    QHash<QString, QString> activeOn; // WABA phone -> the active chatroom of the customer's phone on it
    for (const QJsonValue &value : rowsOf(phone)) {
        const QJsonObject row = value.toObject();
        if (field(row, "state") != QLatin1String("active"))
            continue;
        QVERIFY2(
            !activeOn.contains(field(row, "remote_phone_id")),
            qPrintable(QStringLiteral("two active chatrooms on %1: ").arg(field(row, "remote_phone_id")) +
                       context));
        activeOn.insert(field(row, "remote_phone_id"), field(row, "id"));
    }
    QSet<QString> listed(activeOn.cbegin(), activeOn.cend());
    QCOMPARE(listed, QSet<QString>(roomOf.cbegin(), roomOf.cend()));
}

// ---- R13b: first messages of a phone at once

int TestRaces::contactsWithPhone(const QString &phone)
{
    const QString connection = QStringLiteral("races-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(QDir(s.server().dataDir()).filePath(QStringLiteral("handover.db")));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(
                QStringLiteral("SELECT COUNT(*) FROM contacts WHERE org_id = ? AND phone_number = ?"));
            query.addBindValue(s.orgId());
            query.addBindValue(phone);
            if (query.exec() && query.next())
                count = query.value(0).toInt();
            else
                qWarning("counting contacts: %s", qPrintable(query.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return count;
}

// Both messages were acknowledged, and they are in the one chatroom of the one (inbound) contact of the
// phone.
void TestRaces::checkFirstMessages(const QString &phone, const QStringList &texts,
                                   const QList<HttpResult> &answers)
{
    const QString context = describe(answers);
    QCOMPARE(contactsWithPhone(phone), 1);
    const QJsonArray rows = rowsOf(phone);
    QVERIFY2(rows.size() == 1,
             qPrintable(QStringLiteral("%1 chatrooms; answers: %2").arg(rows.size()).arg(context)));
    const QString room = field(rows.first().toObject(), "id");
    QStringList stored;
    for (const QJsonValue &m : s.messages(room)) {
        if (field(m.toObject(), "direction") == QLatin1String("in"))
            stored.append(field(m.toObject(), "text"));
    }
    stored.sort();
    QStringList expected = texts;
    expected.sort();
    QCOMPARE(stored, expected);
    const QJsonObject contact = s.contact(field(rows.first().toObject(), "contact_id"));
    QVERIFY(contact.value(QLatin1String("is_inbound")).toBool());
}

void TestRaces::firstMessagesThroughSimulator(int round)
{
    const QString phone = s.newPhone();
    const QStringList texts{QStringLiteral("first %1").arg(round), QStringLiteral("second %1").arg(round)};
    QList<RawRequest> requests;
    for (const QString &t : texts) {
        const QJsonObject body{{QStringLiteral("from"), Scenario::digits(phone)},
                               {QStringLiteral("phone_number_id"), Scenario::kPhoneA},
                               {QStringLiteral("text"), t}};
        requests.append({.url = s.server().simulatorUrl().resolved(QUrl(QStringLiteral("sim/inbound"))),
                         .body = QJsonDocument(body).toJson(QJsonDocument::Compact)});
    }
    const QList<HttpResult> answers = sendTogether(requests);
    for (const HttpResult &answer : answers) {
        QVERIFY2(answer.status == 200 && answer.json().value(QLatin1String("status")).toInt() == 200,
                 qPrintable(describe(answers)));
    }
    checkFirstMessages(phone, texts, answers);
}

void TestRaces::firstMessagesAsSignedWebhooks(int round)
{
    const QString phone = s.newPhone();
    const QStringList texts{QStringLiteral("one %1").arg(round), QStringLiteral("two %1").arg(round)};
    QList<RawRequest> requests;
    for (const QString &t : texts) {
        const QByteArray body = OrgSetup::metaTextEnvelope(Scenario::kPhoneA, phone, t);
        requests.append({.url = s.server().url().resolved(QUrl(QStringLiteral("webhooks/whatsapp"))),
                         .body = body,
                         .headers = {{QByteArrayLiteral("X-Hub-Signature-256"),
                                      OrgSetup::metaSignature(body, s.server().options().appSecret)}}});
    }
    const QList<HttpResult> answers = sendTogether(requests);
    for (const HttpResult &answer : answers)
        QVERIFY2(answer.status == 200, qPrintable(describe(answers)));
    checkFirstMessages(phone, texts, answers);
}

// ---- R11 vs R8: an explicit reassign and a handover trigger at once

void TestRaces::reassignToOtherVersusHandover(int round)
{
    reassignVersusHandover(QJsonObject{{QStringLiteral("user_id"), s.bob.id}}, s.carol.id, round);
}

void TestRaces::reassignToPendingUserVersusHandover(int round)
{
    reassignVersusHandover(QJsonObject{{QStringLiteral("user_id"), s.bob.id}}, s.bob.id, round);
}

void TestRaces::reassignVersusGroupHandover(int round)
{
    reassignVersusHandover(QJsonObject{{QStringLiteral("group_id"), s.groupId}}, s.alice.id, round);
}

// A chatroom waits for a handover (R2); the supervisor reassigns it while the customer writes. In either
// order the participants end as exactly the reassigned agent (R11 discards the pending handover; a handover
// that came first is replaced by the reassign), the pending handover is gone, and the supervisor's stream,
// having applied every event, shows the chatroom as the API does.
void TestRaces::reassignVersusHandover(const QJsonObject &create, const QString &reassignTo, int round)
{
    QJsonObject body = create;
    body.insert(QStringLiteral("assign_on_handover"), true);
    const QString room = s.newChatroom(body);
    QVERIFY2(!room.isEmpty(), s.why());
    const QString phone = s.phoneOf(room);
    const qsizetype from = s.mark(s.supervisor);

    const QJsonObject inbound{{QStringLiteral("from"), Scenario::digits(phone)},
                              {QStringLiteral("phone_number_id"), Scenario::kPhoneA},
                              {QStringLiteral("text"), QStringLiteral("hello %1").arg(round)}};
    const QJsonObject reassign{{QStringLiteral("user_id"), reassignTo}};
    const QList<HttpResult> answers =
        sendTogether({{.url = s.server().url().resolved(
                           QUrl(QStringLiteral("v1/orgs/%1/chatrooms/%2/reassign").arg(s.orgId(), room))),
                       .body = QJsonDocument(reassign).toJson(QJsonDocument::Compact),
                       .token = s.supervisor.token},
                      {.url = s.server().simulatorUrl().resolved(QUrl(QStringLiteral("sim/inbound"))),
                       .body = QJsonDocument(inbound).toJson(QJsonDocument::Compact)}});
    const QString context = QStringLiteral("round %1: %2").arg(round).arg(describe(answers));
    QVERIFY2(answers.at(0).status == 200, qPrintable(context));
    QVERIFY2(answers.at(1).status == 200 &&
                 answers.at(1).json().value(QLatin1String("status")).toInt() == 200,
             qPrintable(context));

    const QJsonObject after = s.chatroom(room);
    QVERIFY2(
        participantsOf(after) == QStringList{reassignTo},
        qPrintable(QStringLiteral("participants [%1]; %2").arg(participantsOf(after).join(u' '), context)));
    QVERIFY2(after.value(QLatin1String("pending_handover")).isNull(), qPrintable(context));

    QVERIFY2(s.syncStreams(), s.why());
    StreamClient &stream = s.stream(s.supervisor);
    QVERIFY2(stream.violations().isEmpty(), qPrintable(stream.violations().join(u'\n')));
    QVERIFY(stream.chatrooms().contains(room));
    const Chatroom &seen = stream.chatrooms().value(room);
    QCOMPARE(seen.participantIds(), QStringList{reassignTo});
    QVERIFY(!seen.pendingHandover.has_value());
    // The last event about the chatroom carries the state the API shows.
    const QList<Event> events = stream.eventsOf(room, from);
    QVERIFY2(!events.isEmpty(), qPrintable(context));
    QCOMPARE(events.last().chatroom.participantIds(), QStringList{reassignTo});
}

QTEST_GUILESS_MAIN(TestRaces)
#include "tst_races.moc"
