#include "core/json/apicodec.h"
#include "core/json/syncframes.h"
#include "core/store/database.h"
#include "core/store/schema.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/contacts.h"
#include "core/store/server/credentials.h"
#include "core/store/server/eventlog.h"
#include "core/store/server/idempotency.h"
#include "core/store/server/messages.h"
#include "core/store/server/orgs.h"
#include "core/store/server/statementcache.h"
#include "core/store/server/templates.h"
#include "core/store/server/users.h"
#include "core/store/server/wabaphones.h"
#include "core/store/server/webhookdeliveries.h"
#include "core/store/server/whatsappqueues.h"
#include "core/store/sql.h"
#include "storetestsupport.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace handover;
using namespace handover::store;
using namespace handover::store::server;
using storetest::optionsFor;

namespace {

const QDateTime t0(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);

const OrgId kAcme = QStringLiteral("o-acme");
const OrgId kGlobex = QStringLiteral("o-globex");
const UserId kAna = QStringLiteral("u-ana");
const UserId kBen = QStringLiteral("u-ben");
const UserId kSup = QStringLiteral("u-sup");
const UserId kXena = QStringLiteral("u-xena"); // Globex
const GroupId kSales = QStringLiteral("g-sales");
const ContactId kAsha = QStringLiteral("c-asha");
const ContactId kRavi = QStringLiteral("c-ravi");     // shares Asha's phone
const ContactId kXavier = QStringLiteral("c-xavier"); // Globex
const QString kSharedPhone = QStringLiteral("+919999990001");

QByteArray sha(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

User makeUser(const UserId &id, const OrgId &orgId, Role role, const QString &email)
{
    User user;
    user.id = id;
    user.orgId = orgId;
    user.email = email;
    user.firstName = id.mid(2);
    user.lastName = QStringLiteral("Tester");
    user.role = role;
    return user;
}

Contact makeContact(const ContactId &id, const OrgId &orgId, const QString &crmId, const QString &phone)
{
    Contact contact;
    contact.id = id;
    contact.orgId = orgId;
    contact.crmId = crmId;
    contact.phoneNumber = phone;
    contact.firstName = QStringLiteral("First");
    contact.createDate = t0;
    return contact;
}

Chatroom makeChatroom(const ChatroomId &id, const QString &phone, const QString &remotePhoneId, SortKey key)
{
    Chatroom room;
    room.id = id;
    room.orgId = kAcme;
    room.contactId = kAsha;
    room.displayName = QStringLiteral("CRM-1 Asha");
    room.phoneNumber = phone;
    room.remoteWabaId = QStringLiteral("waba-a");
    room.remotePhoneId = remotePhoneId;
    room.sortKey = key;
    room.createdAt = t0;
    return room;
}

Message makeMessage(const MessageId &id, const ChatroomId &chatroomId, const QDateTime &at)
{
    Message message;
    message.id = id;
    message.chatroomId = chatroomId;
    message.direction = Direction::In;
    message.kind = MessageKind::Text;
    message.sender = Sender{SenderType::Customer, {}};
    message.text = QStringLiteral("text of ") + id;
    message.status = DeliveryStatus::Delivered;
    message.createdAt = at;
    return message;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QStringList idsOf(const QList<Chatroom> &chatrooms)
{
    QStringList ids;
    for (const Chatroom &room : chatrooms)
        ids << room.id;
    return ids;
}

QStringList idsOf(const QList<Message> &messages)
{
    QStringList ids;
    for (const Message &message : messages)
        ids << message.id;
    return ids;
}

} // namespace



#define COMPARE_MESSAGE(actual, expected)                                                                    \
    do {                                                                                                     \
        QCOMPARE(json(messageToJson(actual)), json(messageToJson(expected)));                                \
        QVERIFY((actual) == (expected));                                                                     \
    } while (false)

class TestServerRepositories : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void orgsKeepNamesSettingsAndWebhook();
    void uniqueKeysAnswerConflict_data();
    void uniqueKeysAnswerConflict();
    void anotherOrgsIdIsNotFound_data();
    void anotherOrgsIdIsNotFound();
    void usersLoginAcrossOrgsAndCountActiveChatrooms();
    void groupsKeepTheirMembersAndRefuseStrangers();
    void memberLoadsFollowParticipationAndAssignment();
    void apiKeysAndSessionsNamePrincipals_data();
    void apiKeysAndSessionsNamePrincipals();
    void credentialsEndAndAreListed();
    void contactsPhonesAndTemplatesRoundTrip();
    void chatroomRoundTripsWithEveryPart();
    void chatroomSaveReplacesParticipants();
    void r13SecondActiveChatroomOnAPhonePairConflicts();
    void chatroomLookupsByPhoneAndContact();
    void chatroomPagesFollowTheSortKey_data();
    void chatroomPagesFollowTheSortKey();
    void aRowBumpedBetweenPagesIsNotRepeated();
    void malformedCursorIsBadRequest_data();
    void malformedCursorIsBadRequest();
    void lifecycleScanFindsDueChatrooms();
    void messagesRoundTripAndUpdate();
    void messagePagesEndNewestLast_data();
    void messagePagesEndNewestLast();
    void eventLogAppendsReadsAndTrims();
    void eventLogRefusesASeqThatDoesNotFollow();
    void deliveriesAreDueRetriedAndRedelivered();
    void outboundQueueAndInboundDeduplication();
    void idempotencyRecordsAreFoundSavedAndPurged();
    void statementsArePreparedOncePerConnection();

private:
    QSqlDatabase &db() { return m_server->connection(); }
    void seed();
    void saveRooms(const QList<Chatroom> &rooms);

    QTemporaryDir m_dir;
    std::optional<Database> m_server;
    int m_run = 0;
};

void TestServerRepositories::init()
{
    auto opened = Database::open(optionsFor(m_dir.filePath(QStringLiteral("server-%1.db").arg(++m_run))),
                                 serverSchema());
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().description));
    m_server.emplace(std::move(*opened));
    seed();
}

void TestServerRepositories::cleanup()
{
    if (m_server)
        releaseStatements(m_server->connection());
    m_server.reset();
}

void TestServerRepositories::seed()
{
    CHECK_OK(createOrg(db(), kAcme, QStringLiteral("Acme"), t0));
    CHECK_OK(createOrg(db(), kGlobex, QStringLiteral("Globex"), t0));
    CHECK_OK(insertUser(db(), makeUser(kAna, kAcme, Role::Member, QStringLiteral("ana@acme.test")),
                        "hash-ana", t0));
    CHECK_OK(insertUser(db(), makeUser(kBen, kAcme, Role::Member, QStringLiteral("ben@acme.test")),
                        "hash-ben", t0.addSecs(1)));
    CHECK_OK(insertUser(db(), makeUser(kSup, kAcme, Role::Supervisor, QStringLiteral("sup@acme.test")),
                        "hash-sup", t0.addSecs(2)));
    CHECK_OK(insertUser(db(), makeUser(kXena, kGlobex, Role::Admin, QStringLiteral("xena@globex.test")),
                        "hash-x", t0));
    CHECK_OK(insertGroup(db(), Group{kSales, kAcme, QStringLiteral("Sales"), {kBen, kAna}}, t0));
    CHECK_OK(insertWabaPhone(db(),
                             WabaPhone{QStringLiteral("w-1"), kAcme, QStringLiteral("waba-a"),
                                       QStringLiteral("phone-1"), QStringLiteral("+15550001")},
                             t0));
    CHECK_OK(insertWabaPhone(db(),
                             WabaPhone{QStringLiteral("w-2"), kAcme, QStringLiteral("waba-a"),
                                       QStringLiteral("phone-2"), QStringLiteral("+15550002")},
                             t0));
    CHECK_OK(insertWabaPhone(db(),
                             WabaPhone{QStringLiteral("w-9"), kGlobex, QStringLiteral("waba-g"),
                                       QStringLiteral("phone-9"), QStringLiteral("+15550009")},
                             t0));
    CHECK_OK(insertContact(db(), makeContact(kAsha, kAcme, QStringLiteral("CRM-1"), kSharedPhone), t0));
    CHECK_OK(
        insertContact(db(), makeContact(kRavi, kAcme, QStringLiteral("CRM-2"), kSharedPhone), t0.addSecs(1)));
    CHECK_OK(insertContact(db(), makeContact(kXavier, kGlobex, QStringLiteral("CRM-1"), kSharedPhone), t0));
}

void TestServerRepositories::saveRooms(const QList<Chatroom> &rooms)
{
    for (const Chatroom &room : rooms)
        CHECK_OK(saveChatroom(db(), room, t0));
}

void TestServerRepositories::orgsKeepNamesSettingsAndWebhook()
{
    auto acme = orgByName(db(), QStringLiteral("Acme"));
    CHECK_OK(acme);
    QCOMPARE(acme->id, kAcme);
    QCOMPARE(acme->createdAt, t0);
    QCOMPARE(acme->settings, OrgSettings{});

    const OrgSettings changed{kSales, 7, 45};
    CHECK_OK(updateOrgSettings(db(), kAcme, changed));
    auto settings = orgSettings(db(), kAcme);
    CHECK_OK(settings);
    QCOMPARE(*settings, changed);

    auto foreignGroup = updateOrgSettings(db(), kGlobex, changed);
    QCOMPARE(foreignGroup.code(), ErrorCode::ValidationFailed);
    QCOMPARE(foreignGroup.error().fields, QStringList{QStringLiteral("inbound_group_id")});

    auto none = orgWebhook(db(), kAcme);
    CHECK_OK(none);
    QVERIFY(!none->has_value());
    const WebhookTarget hook{QStringLiteral("https://crm.example/hook"), QStringLiteral("whsec_c2VjcmV0")};
    CHECK_OK(setOrgWebhook(db(), kAcme, hook));
    auto set = orgWebhook(db(), kAcme);
    CHECK_OK(set);
    QCOMPARE(set->value(), hook);
    CHECK_OK(deleteOrgWebhook(db(), kAcme));
    auto deleted = orgWebhook(db(), kAcme);
    CHECK_OK(deleted);
    QVERIFY(!deleted->has_value());
    QCOMPARE(orgWebhook(db(), QStringLiteral("o-none")).code(), ErrorCode::NotFound);
}

void TestServerRepositories::uniqueKeysAnswerConflict_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("a second org with the same name conflicts") << 0;
    QTest::newRow("the same email in other letter case in the same org conflicts") << 1;
    QTest::newRow("a second contact with the same crm_id in the org conflicts") << 2;
    QTest::newRow("a remote_phone_id registered by another org conflicts") << 3;
    QTest::newRow("a second template with the same remote_template_id conflicts") << 4;
    QTest::newRow("a message id used twice conflicts") << 5;
}

void TestServerRepositories::uniqueKeysAnswerConflict()
{
    QFETCH(int, which);
    MessageTemplate hello;
    hello.id = QStringLiteral("t-1");
    hello.orgId = kAcme;
    hello.remoteTemplateId = QStringLiteral("rt-hello");
    hello.name = QStringLiteral("hello");
    hello.body = QStringLiteral("Hello");
    CHECK_OK(insertTemplate(db(), hello, t0));
    CHECK_OK(saveChatroom(
        db(), makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1}), t0));
    CHECK_OK(insertMessage(db(), makeMessage(QStringLiteral("m-1"), QStringLiteral("r-1"), t0), t0));

    Result<void> second;
    QString field;
    switch (which) {
    case 0:
        second = [&]() -> Result<void> {
            auto org = createOrg(db(), QStringLiteral("o-3"), QStringLiteral("Acme"), t0);
            return org ? Result<void>() : Result<void>(org.error());
        }();
        field = QStringLiteral("name");
        break;
    case 1:
        second = insertUser(
            db(), makeUser(QStringLiteral("u-2"), kAcme, Role::Member, QStringLiteral("ANA@Acme.test")), "h",
            t0);
        field = QStringLiteral("email");
        break;
    case 2:
        second = insertContact(
            db(), makeContact(QStringLiteral("c-2"), kAcme, QStringLiteral("CRM-1"), kSharedPhone), t0);
        field = QStringLiteral("crm_id");
        break;
    case 3:
        second = insertWabaPhone(db(),
                                 WabaPhone{QStringLiteral("w-x"), kGlobex, QStringLiteral("waba-g"),
                                           QStringLiteral("phone-1"), QStringLiteral("+1")},
                                 t0);
        field = QStringLiteral("remote_phone_id");
        break;
    case 4:
        hello.id = QStringLiteral("t-2");
        second = insertTemplate(db(), hello, t0);
        field = QStringLiteral("remote_template_id");
        break;
    default:
        second = insertMessage(db(), makeMessage(QStringLiteral("m-1"), QStringLiteral("r-1"), t0), t0);
        break;
    }
    QCOMPARE(second.code(), ErrorCode::UniqueConstraintFailed);
    QCOMPARE(httpStatus(second.code()), 409);
    if (!field.isEmpty())
        QCOMPARE(second.error().fields, QStringList{field});
}

void TestServerRepositories::anotherOrgsIdIsNotFound_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("a user of another org is not found") << 0;
    QTest::newRow("a group of another org is not found") << 1;
    QTest::newRow("a contact of another org is not found") << 2;
    QTest::newRow("a template of another org is not found") << 3;
    QTest::newRow("a chatroom of another org is not found") << 4;
    QTest::newRow("a message of another org's chatroom is not found") << 5;
    QTest::newRow("the messages of another org's chatroom are not found") << 6;
    QTest::newRow("saving over another org's chatroom id is not found") << 7;
    QTest::newRow("updating another org's contact is not found") << 8;
}

void TestServerRepositories::anotherOrgsIdIsNotFound()
{
    QFETCH(int, which);
    MessageTemplate t;
    t.id = QStringLiteral("t-1");
    t.orgId = kAcme;
    t.remoteTemplateId = QStringLiteral("rt");
    t.name = QStringLiteral("n");
    CHECK_OK(insertTemplate(db(), t, t0));
    const Chatroom room =
        makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1});
    CHECK_OK(saveChatroom(db(), room, t0));
    CHECK_OK(insertMessage(db(), makeMessage(QStringLiteral("m-1"), room.id, t0), t0));

    ErrorCode code = ErrorCode::Internal;
    switch (which) {
    case 0:
        code = userById(db(), kGlobex, kAna).code();
        break;
    case 1:
        code = groupById(db(), kGlobex, kSales).code();
        break;
    case 2:
        code = contactById(db(), kGlobex, kAsha).code();
        break;
    case 3:
        code = templateByRemoteId(db(), kGlobex, QStringLiteral("rt")).code();
        break;
    case 4:
        code = chatroomById(db(), kGlobex, room.id).code();
        break;
    case 5:
        code = messageById(db(), kGlobex, QStringLiteral("m-1")).code();
        break;
    case 6:
        code = messagePage(db(), kGlobex, room.id, {}, 10).code();
        break;
    case 7: {
        Chatroom hijack = room;
        hijack.orgId = kGlobex;
        hijack.contactId = kXavier;
        hijack.remotePhoneId = QStringLiteral("phone-9");
        code = saveChatroom(db(), hijack, t0).code();
        break;
    }
    default: {
        Contact asha = makeContact(kAsha, kGlobex, QStringLiteral("CRM-9"), kSharedPhone);
        code = updateContact(db(), asha, t0).code();
        break;
    }
    }
    QCOMPARE(code, ErrorCode::NotFound);
    // ...and the owner still sees its own, unchanged.
    auto own = chatroomById(db(), kAcme, room.id);
    CHECK_OK(own);
    COMPARE_CHATROOM(*own, room);
}

void TestServerRepositories::usersLoginAcrossOrgsAndCountActiveChatrooms()
{
    // The same email in another org is a different account.
    CHECK_OK(insertUser(
        db(), makeUser(QStringLiteral("u-ana2"), kGlobex, Role::Member, QStringLiteral("Ana@acme.test")),
        "hash-2", t0.addSecs(5)));
    auto matches = credentialsByEmail(db(), QStringLiteral("ANA@ACME.TEST"));
    CHECK_OK(matches);
    QCOMPARE(matches->size(), 2);
    QCOMPARE(matches->at(0).user, makeUser(kAna, kAcme, Role::Member, QStringLiteral("ana@acme.test")));
    QCOMPARE(matches->at(0).passwordHash, QByteArray("hash-ana"));
    QCOMPARE(matches->at(1).user.orgId, kGlobex);

    Chatroom active = makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1});
    active.participants = {Participant{kAna, t0, {}, 0}};
    Chatroom inactive = makeChatroom(QStringLiteral("r-2"), kSharedPhone, QStringLiteral("phone-1"), {2, 2});
    inactive.state = ChatroomState::Deactivated;
    inactive.participants = {Participant{kAna, t0, {}, 0}, Participant{kBen, t0.addSecs(1), {}, 0}};
    saveRooms({active, inactive});

    auto users = listUsers(db(), kAcme);
    CHECK_OK(users);
    QStringList rows;
    for (const UserSummary &summary : std::as_const(*users))
        rows << summary.user.id + QLatin1Char('=') + QString::number(summary.activeChatrooms);
    QCOMPARE(rows,
             (QStringList{QStringLiteral("u-ana=1"), QStringLiteral("u-ben=0"), QStringLiteral("u-sup=0")}));

    auto ana = userById(db(), kAcme, kAna);
    CHECK_OK(ana);
    QCOMPARE(ana->email, QStringLiteral("ana@acme.test"));
    auto nobody = findUser(db(), QStringLiteral("u-none"));
    CHECK_OK(nobody);
    QVERIFY(!nobody->has_value());
}

void TestServerRepositories::groupsKeepTheirMembersAndRefuseStrangers()
{
    auto sales = groupById(db(), kAcme, kSales);
    CHECK_OK(sales);
    QCOMPARE(*sales, (Group{kSales, kAcme, QStringLiteral("Sales"), {kAna, kBen}})); // ids sorted

    auto stranger =
        insertGroup(db(), Group{QStringLiteral("g-2"), kAcme, QStringLiteral("Mixed"), {kAna, kXena}}, t0);
    QCOMPARE(stranger.code(), ErrorCode::ValidationFailed);
    QCOMPARE(stranger.error().fields, QStringList{QStringLiteral("user_ids")});
    auto notThere = findGroup(db(), QStringLiteral("g-2"));
    CHECK_OK(notThere);
    QVERIFY(!notThere->has_value());

    CHECK_OK(
        insertGroup(db(), Group{QStringLiteral("g-3"), kAcme, QStringLiteral("Twice"), {kBen, kBen}}, t0));
    auto twice = findGroup(db(), QStringLiteral("g-3"));
    CHECK_OK(twice);
    QCOMPARE((*twice)->userIds, QList<UserId>{kBen});
}

void TestServerRepositories::memberLoadsFollowParticipationAndAssignment()
{
    Chatroom room = makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1});
    room.participants = {Participant{kBen, t0, {}, 0}};
    saveRooms({room});
    CHECK_OK(recordAssignment(db(), kAna, t0.addSecs(60)));

    auto loads = memberLoads(db(), {kBen, kAna, kSup, QStringLiteral("u-none")});
    CHECK_OK(loads);
    QCOMPARE(loads->size(), 4);
    QCOMPARE(loads->at(0).userId, kBen);
    QCOMPARE(loads->at(0).activeChatrooms, 1);
    QVERIFY(!loads->at(0).lastAssignedAt.isValid());
    QCOMPARE(loads->at(1).userId, kAna);
    QCOMPARE(loads->at(1).activeChatrooms, 0);
    QCOMPARE(loads->at(1).lastAssignedAt, t0.addSecs(60));
    QCOMPARE(loads->at(2).activeChatrooms, 0); // no group: nothing recorded, never assigned
    QVERIFY(!loads->at(2).lastAssignedAt.isValid());
    QCOMPARE(loads->at(3).userId, QStringLiteral("u-none"));
}

void TestServerRepositories::apiKeysAndSessionsNamePrincipals_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<qint64>("atSecs");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("expectedUser");
    QTest::addColumn<QString>("expectedKey");
    QTest::addColumn<qint64>("expiresAtSecs"); // -1: never
    QTest::newRow("an API key names its org and role") << QStringLiteral("hok_key") << qint64(10) << true
                                                       << QString() << QStringLiteral("k-1") << qint64(-1);
    QTest::newRow("a revoked API key is unauthenticated")
        << QStringLiteral("hok_revoked") << qint64(10) << false << QString() << QString() << qint64(-1);
    QTest::newRow("an API key before its expiry names it and when it ends")
        << QStringLiteral("hok_expiring") << qint64(3599) << true << QString() << QStringLiteral("k-3")
        << qint64(3600);
    QTest::newRow("an API key at its expiry is unauthenticated")
        << QStringLiteral("hok_expiring") << qint64(3600) << false << QString() << QString() << qint64(-1);
    QTest::newRow("a session before its expiry names its user and when it ends")
        << QStringLiteral("hos_session") << qint64(3599) << true << kAna << QString() << qint64(3600);
    QTest::newRow("a session at its expiry is unauthenticated")
        << QStringLiteral("hos_session") << qint64(3600) << false << QString() << QString() << qint64(-1);
    QTest::newRow("a session after its expiry is unauthenticated")
        << QStringLiteral("hos_session") << qint64(7200) << false << QString() << QString() << qint64(-1);
    QTest::newRow("a deleted session is unauthenticated")
        << QStringLiteral("hos_deleted") << qint64(10) << false << QString() << QString() << qint64(-1);
    QTest::newRow("a session of a deactivated user is unauthenticated")
        << QStringLiteral("hos_deactivated") << qint64(10) << false << QString() << QString() << qint64(-1);
    QTest::newRow("an unknown token is unauthenticated")
        << QStringLiteral("hok_unknown") << qint64(10) << false << QString() << QString() << qint64(-1);
}

void TestServerRepositories::apiKeysAndSessionsNamePrincipals()
{
    QFETCH(QString, token);
    QFETCH(qint64, atSecs);
    QFETCH(bool, valid);
    QFETCH(QString, expectedUser);
    QFETCH(QString, expectedKey);
    QFETCH(qint64, expiresAtSecs);

    CHECK_OK(insertApiKey(db(),
                          NewApiKey{QStringLiteral("k-1"),
                                    kAcme,
                                    QStringLiteral("CRM"),
                                    Role::Supervisor,
                                    sha(QStringLiteral("hok_key")),
                                    kSup,
                                    {}},
                          t0));
    CHECK_OK(insertApiKey(db(),
                          NewApiKey{QStringLiteral("k-2"),
                                    kAcme,
                                    QStringLiteral("Old"),
                                    Role::Admin,
                                    sha(QStringLiteral("hok_revoked")),
                                    {},
                                    {}},
                          t0));
    CHECK_OK(
        insertApiKey(db(),
                     NewApiKey{QStringLiteral("k-3"), kAcme, QStringLiteral("Contractor"), Role::Supervisor,
                               sha(QStringLiteral("hok_expiring")), kSup, t0.addSecs(3600)},
                     t0));
    CHECK_OK(revokeApiKey(db(), kAcme, QStringLiteral("k-2"), t0));
    QCOMPARE(revokeApiKey(db(), kGlobex, QStringLiteral("k-1"), t0).code(), ErrorCode::NotFound);
    const QDateTime expiry = t0.addSecs(3600);
    CHECK_OK(insertSession(
        db(), NewSession{sha(QStringLiteral("hos_session")), kAcme, kAna, Role::Member, expiry}, t0));
    CHECK_OK(insertSession(
        db(), NewSession{sha(QStringLiteral("hos_deleted")), kAcme, kBen, Role::Member, expiry}, t0));
    CHECK_OK(deleteSession(db(), sha(QStringLiteral("hos_deleted"))));
    CHECK_OK(insertSession(
        db(), NewSession{sha(QStringLiteral("hos_deactivated")), kAcme, kBen, Role::Member, expiry}, t0));
    CHECK_OK(setUserActive(db(), kAcme, kBen, false, t0));

    auto principal = principalForTokenHash(db(), sha(token), t0.addSecs(atSecs));
    QCOMPARE(principal.ok(), valid);
    if (!valid) {
        QCOMPARE(principal.code(), ErrorCode::Unauthenticated);
        return;
    }
    QCOMPARE(principal->orgId, kAcme);
    QCOMPARE(principal->userId, expectedUser);
    QCOMPARE(principal->apiKeyId, expectedKey);
    QCOMPARE(principal->role, expectedUser.isEmpty() ? Role::Supervisor : Role::Member);
    QCOMPARE(principal->expiresAt, expiresAtSecs < 0 ? QDateTime() : t0.addSecs(expiresAtSecs));
    auto purged = purgeExpiredSessions(db(), expiry);
    CHECK_OK(purged);
    QCOMPARE(*purged, 2);
}

void TestServerRepositories::credentialsEndAndAreListed()
{
    CHECK_OK(insertApiKey(db(),
                          NewApiKey{QStringLiteral("k-1"), kAcme, QStringLiteral("CRM"), Role::Admin,
                                    sha(QStringLiteral("hok_a")), kSup, t0.addDays(30)},
                          t0));
    CHECK_OK(insertApiKey(db(),
                          NewApiKey{QStringLiteral("k-2"),
                                    kAcme,
                                    QStringLiteral("Old"),
                                    Role::Member,
                                    sha(QStringLiteral("hok_b")),
                                    {},
                                    {}},
                          t0.addSecs(5)));
    CHECK_OK(insertApiKey(db(),
                          NewApiKey{QStringLiteral("k-9"),
                                    kGlobex,
                                    QStringLiteral("Theirs"),
                                    Role::Admin,
                                    sha(QStringLiteral("hok_c")),
                                    {},
                                    {}},
                          t0));
    CHECK_OK(revokeApiKey(db(), kAcme, QStringLiteral("k-2"), t0.addSecs(60)));
    CHECK_OK(revokeApiKey(db(), kAcme, QStringLiteral("k-2"), t0.addSecs(120))); // keeps the first time

    auto keys = apiKeysOf(db(), kAcme);
    CHECK_OK(keys);
    const QList<ApiKeyRecord> expected{
        {QStringLiteral("k-1"), QStringLiteral("CRM"), Role::Admin, kSup, t0, t0.addDays(30), {}},
        {QStringLiteral("k-2"), QStringLiteral("Old"), Role::Member, {}, t0.addSecs(5), {}, t0.addSecs(60)}};
    QCOMPARE(*keys, expected);

    const QDateTime expiry = t0.addDays(1);
    for (const QString &token : {QStringLiteral("hos_1"), QStringLiteral("hos_2")})
        CHECK_OK(insertSession(db(), NewSession{sha(token), kAcme, kAna, Role::Member, expiry}, t0));
    CHECK_OK(
        insertSession(db(), NewSession{sha(QStringLiteral("hos_3")), kAcme, kBen, Role::Member, expiry}, t0));
    auto removed = deleteSessionsOfUser(db(), kAna);
    CHECK_OK(removed);
    QCOMPARE(*removed, 2);
    CHECK_OK(principalForTokenHash(db(), sha(QStringLiteral("hos_3")), t0));

    auto gone = setUserActive(db(), kAcme, kAna, false, t0.addSecs(10));
    CHECK_OK(gone);
    QVERIFY(!gone->active);
    CHECK_OK(setUserActive(db(), kAcme, kAna, false, t0.addSecs(20)));
    QCOMPARE(queryValue(db(), QStringLiteral("SELECT deactivated_at FROM users WHERE id = '%1'").arg(kAna))
                 ->toLongLong(),
             t0.addSecs(10).toMSecsSinceEpoch());
    QCOMPARE(setUserActive(db(), kGlobex, kAna, true, t0).code(), ErrorCode::NotFound);
    auto back = setUserActive(db(), kAcme, kAna, true, t0.addSecs(30));
    CHECK_OK(back);
    QVERIFY(back->active);

    // Xena is Globex's only ADMIN.
    QCOMPARE(*activeAdminCount(db(), kGlobex), 1);
    CHECK_OK(setUserActive(db(), kGlobex, kXena, false, t0));
    QCOMPARE(*activeAdminCount(db(), kGlobex), 0);
    CHECK_OK(setUserActive(db(), kGlobex, kXena, true, t0));
    QCOMPARE(*activeAdminCount(db(), kGlobex), 1);
}

void TestServerRepositories::contactsPhonesAndTemplatesRoundTrip()
{
    Contact full = makeContact(QStringLiteral("c-full"), kAcme, QStringLiteral("CRM-77"),
                               QStringLiteral("+14155550100"));
    full.lastName = QStringLiteral("Lopez");
    full.optInDate = t0.addDays(-3).addMSecs(123);
    full.isInbound = true;
    full.source = QStringLiteral("web form");
    CHECK_OK(insertContact(db(), full, t0));
    auto loaded = contactById(db(), kAcme, full.id);
    CHECK_OK(loaded);
    QCOMPARE(*loaded, full);

    full.crmId = QStringLiteral("CRM-78");
    full.firstName = QStringLiteral("Maria");
    full.source.clear();
    full.optInDate = QDateTime();
    CHECK_OK(updateContact(db(), full, t0.addSecs(9)));
    auto byCrm = contactByCrmId(db(), kAcme, QStringLiteral("CRM-78"));
    CHECK_OK(byCrm);
    QCOMPARE(byCrm->value(), full);
    QCOMPARE(updateContact(db(), makeContact(full.id, kAcme, QStringLiteral("CRM-1"), full.phoneNumber), t0)
                 .code(),
             ErrorCode::UniqueConstraintFailed);

    auto shared = contactsByPhone(db(), kAcme, kSharedPhone);
    CHECK_OK(shared);
    QCOMPARE(shared->size(), 2);
    QCOMPARE(shared->at(0).id, kAsha);
    QCOMPARE(shared->at(1).id, kRavi);

    auto phones = wabaPhonesOf(db(), kAcme);
    CHECK_OK(phones);
    QCOMPARE(phones->size(), 2);
    QCOMPARE(phones->at(0).remotePhoneId, QStringLiteral("phone-1"));
    auto byRemote = wabaPhoneByRemoteId(db(), QStringLiteral("phone-9"));
    CHECK_OK(byRemote);
    QCOMPARE(byRemote->value(), (WabaPhone{QStringLiteral("w-9"), kGlobex, QStringLiteral("waba-g"),
                                           QStringLiteral("phone-9"), QStringLiteral("+15550009")}));

    MessageTemplate order;
    order.id = QStringLiteral("t-order");
    order.orgId = kAcme;
    order.remoteTemplateId = QStringLiteral("rt-order");
    order.name = QStringLiteral("order_update");
    order.language = QStringLiteral("pt_BR");
    order.category = QStringLiteral("MARKETING");
    order.status = TemplateStatus::Paused;
    order.enabled = false;
    order.body = QStringLiteral("Hi {{first_name}}, order {{order_id}}.");
    order.header = QStringLiteral("Order");
    order.footer = QStringLiteral("Reply STOP");
    order.buttons = {
        TemplateButton{ButtonType::QuickReply, QStringLiteral("Yes"), {}},
        TemplateButton{ButtonType::Url, QStringLiteral("Track"), QStringLiteral("https://t.example/1")}};
    order.params = {TemplateParam{QStringLiteral("first_name"), ParamType::AutoFill,
                                  QStringLiteral("contact.first_name")},
                    TemplateParam{QStringLiteral("order_id"), ParamType::UserFill, {}}};
    MessageTemplate hidden;
    hidden.id = QStringLiteral("t-hidden");
    hidden.orgId = kAcme;
    hidden.remoteTemplateId = QStringLiteral("rt-hidden");
    hidden.name = QStringLiteral("hidden");
    hidden.visible = false;
    CHECK_OK(insertTemplate(db(), order, t0));
    CHECK_OK(insertTemplate(db(), hidden, t0.addSecs(1)));
    auto byRemoteId = templateByRemoteId(db(), kAcme, QStringLiteral("rt-order"));
    CHECK_OK(byRemoteId);
    QCOMPARE(*byRemoteId, order);

    order.status = TemplateStatus::Approved;
    order.enabled = true;
    order.buttons.removeLast();
    CHECK_OK(updateTemplate(db(), order, t0.addSecs(2)));
    auto byId = templateById(db(), kAcme, order.id);
    CHECK_OK(byId);
    QCOMPARE(*byId, order);

    auto visible = listTemplates(db(), kAcme, true);
    CHECK_OK(visible);
    QCOMPARE(visible->size(), 1);
    auto all = listTemplates(db(), kAcme, false);
    CHECK_OK(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(1), hidden);
}

void TestServerRepositories::chatroomRoundTripsWithEveryPart()
{
    Chatroom room = makeChatroom(QStringLiteral("r-full"), kSharedPhone, QStringLiteral("phone-2"),
                                 {t0.addSecs(30).toMSecsSinceEpoch(), 17});
    room.displayName = QStringLiteral("VIP Asha");
    room.displayNameDerived = false;
    room.participants = {Participant{kBen, t0.addSecs(5), QStringLiteral("m-3"), 0},
                         Participant{kAna, t0.addSecs(9), {}, 4}};
    room.pendingHandover = PendingHandover{{}, kSales, t0.addSecs(2)};
    room.lastMessage = LastMessage{QStringLiteral("m-4"), QStringLiteral("Is it shipped?"), Direction::In,
                                   true, t0.addSecs(29)};
    room.lastCustomerMessageAt = t0.addSecs(29);
    CHECK_OK(saveChatroom(db(), room, t0.addSecs(30)));
    auto loaded = chatroomById(db(), kAcme, room.id);
    CHECK_OK(loaded);
    COMPARE_CHATROOM(*loaded, room);
    QCOMPARE(loaded->remoteWabaId, QStringLiteral("waba-a")); // read back from the WABA phone

    // A pending handover that waits for a supervisor (R13b without an inbound group) has neither id.
    room.pendingHandover = PendingHandover{{}, {}, t0.addSecs(3)};
    room.lastMessage.reset();
    room.state = ChatroomState::Expired;
    CHECK_OK(saveChatroom(db(), room, t0.addSecs(31)));
    auto again = findChatroom(db(), room.id);
    CHECK_OK(again);
    QVERIFY(again->has_value());
    COMPARE_CHATROOM(**again, room);

    room.pendingHandover.reset();
    CHECK_OK(saveChatroom(db(), room, t0.addSecs(32)));
    auto cleared = chatroomById(db(), kAcme, room.id);
    CHECK_OK(cleared);
    COMPARE_CHATROOM(*cleared, room);
}

void TestServerRepositories::chatroomSaveReplacesParticipants()
{
    Chatroom room = makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1});
    room.participants = {Participant{kAna, t0, {}, 2}, Participant{kBen, t0.addSecs(1), {}, 2}};
    saveRooms({room});
    // R11: participants become exactly the new agent.
    room.participants = {Participant{kSup, t0.addSecs(7), {}, 0}};
    saveRooms({room});
    auto loaded = chatroomById(db(), kAcme, room.id);
    CHECK_OK(loaded);
    COMPARE_CHATROOM(*loaded, room);
    // R15: a read moves the marker and clears the count.
    room.participants.first().readUpTo = QStringLiteral("m-1");
    room.participants.first().unreadCount = 0;
    saveRooms({room});
    auto read = chatroomById(db(), kAcme, room.id);
    CHECK_OK(read);
    COMPARE_CHATROOM(*read, room);
}

void TestServerRepositories::r13SecondActiveChatroomOnAPhonePairConflicts()
{
    const Chatroom first =
        makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1});
    saveRooms({first});
    Chatroom ravis = makeChatroom(QStringLiteral("r-2"), kSharedPhone, QStringLiteral("phone-1"), {2, 2});
    ravis.contactId = kRavi;
    auto conflict = saveChatroom(db(), ravis, t0);
    QCOMPARE(conflict.code(), ErrorCode::UniqueConstraintFailed);
    ravis.state = ChatroomState::Deactivated; // an inactive one may sit beside it
    CHECK_OK(saveChatroom(db(), ravis, t0));
    ravis.remotePhoneId = QStringLiteral("phone-2");
    ravis.state = ChatroomState::Active; // and another WABA phone is free
    CHECK_OK(saveChatroom(db(), ravis, t0));
}

void TestServerRepositories::chatroomLookupsByPhoneAndContact()
{
    Chatroom onOne = makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1});
    Chatroom onTwo = makeChatroom(QStringLiteral("r-2"), kSharedPhone, QStringLiteral("phone-2"), {2, 2});
    onTwo.contactId = kRavi;
    Chatroom old = makeChatroom(QStringLiteral("r-3"), kSharedPhone, QStringLiteral("phone-1"), {3, 3});
    old.state = ChatroomState::Expired;
    old.createdAt = t0.addSecs(-100);
    saveRooms({onOne, onTwo, old});

    auto active = activeChatroomsOfPhone(db(), kAcme, kSharedPhone);
    CHECK_OK(active);
    QCOMPARE(idsOf(*active), (QStringList{QStringLiteral("r-1"), QStringLiteral("r-2")}));
    auto none = activeChatroomsOfPhone(db(), kGlobex, kSharedPhone);
    CHECK_OK(none);
    QVERIFY(none->isEmpty());

    auto on = activeChatroomOn(db(), kSharedPhone, QStringLiteral("phone-2"));
    CHECK_OK(on);
    QVERIFY(on->has_value());
    COMPARE_CHATROOM(**on, onTwo);
    auto free = activeChatroomOn(db(), QStringLiteral("+14155550100"), QStringLiteral("phone-2"));
    CHECK_OK(free);
    QVERIFY(!free->has_value());

    auto ashas = chatroomsOfContact(db(), kAcme, kAsha);
    CHECK_OK(ashas);
    QCOMPARE(idsOf(*ashas), (QStringList{QStringLiteral("r-1"), QStringLiteral("r-3")}));
}

void TestServerRepositories::chatroomPagesFollowTheSortKey_data()
{
    QTest::addColumn<View>("view");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<int>("limit");
    QTest::newRow("the All view in pages of one") << View::All << QString() << 1;
    QTest::newRow("the All view in pages of four, ties on bumped_at split across pages")
        << View::All << QString() << 4;
    QTest::newRow("the All view in one page of at most 500") << View::All << QString() << 500;
    QTest::newRow("the All view asked for more than 500 is clamped") << View::All << QString() << 100000;
    QTest::newRow("Ana's Mine view in pages of two") << View::Mine << kAna << 2;
    QTest::newRow("Ben's Mine view in pages of three") << View::Mine << kBen << 3;
    QTest::newRow("a Mine view with no chatroom is one empty page") << View::Mine << kSup << 5;
    QTest::newRow("the Awaiting handover view in pages of three") << View::AwaitingHandover << QString() << 3;
}

void TestServerRepositories::chatroomPagesFollowTheSortKey()
{
    QFETCH(View, view);
    QFETCH(QString, userId);
    QFETCH(int, limit);

    // Thirteen rows: bumped_at repeats in runs of three so bump_seq decides, and r-11/r-12 share a whole
    // sort key so the id decides.
    QList<Chatroom> rooms;
    for (int i = 0; i < 13; ++i) {
        const qint64 at = t0.toMSecsSinceEpoch() + (i / 3) * 1000;
        const qint64 seq = i >= 11 ? 100 : i + 1;
        Chatroom room = makeChatroom(QStringLiteral("r-%1").arg(i, 2, 10, QLatin1Char('0')),
                                     QStringLiteral("+9199999910%1").arg(i, 2, 10, QLatin1Char('0')),
                                     QStringLiteral("phone-1"), {at, seq});
        if (i % 2 == 0)
            room.participants.append(Participant{kAna, t0, {}, 0});
        if (i % 3 == 1)
            room.participants.append(Participant{kBen, t0, {}, 0});
        if (i % 4 == 0)
            room.pendingHandover = PendingHandover{{}, kSales, t0};
        rooms << room;
    }
    saveRooms(rooms);
    // Another org's chatroom with the newest key never shows.
    Chatroom foreign = makeChatroom(QStringLiteral("r-foreign"), kSharedPhone, QStringLiteral("phone-9"),
                                    {t0.addDays(1).toMSecsSinceEpoch(), 1});
    foreign.orgId = kGlobex;
    foreign.contactId = kXavier;
    foreign.participants = {Participant{kXena, t0, {}, 0}};
    foreign.pendingHandover = PendingHandover{{}, {}, t0};
    saveRooms({foreign});

    QList<Chatroom> expected;
    for (const Chatroom &room : std::as_const(rooms)) {
        if (chatroomInView(room, view, userId))
            expected << room;
    }
    std::sort(expected.begin(), expected.end(), [](const Chatroom &a, const Chatroom &b) {
        if (a.sortKey != b.sortKey)
            return a.sortKey > b.sortKey;
        return a.id < b.id;
    });

    QStringList seen;
    QString cursor;
    int pages = 0;
    do {
        auto page = listChatrooms(db(), ChatroomPageRequest{kAcme, view, userId, limit, cursor});
        CHECK_OK(page);
        QVERIFY(page->chatrooms.size() <= qMin(limit, kMaxChatroomPage));
        for (const Chatroom &room : std::as_const(page->chatrooms)) {
            const auto original = std::find_if(rooms.cbegin(), rooms.cend(),
                                               [&](const Chatroom &r) { return r.id == room.id; });
            QVERIFY(original != rooms.cend());
            COMPARE_CHATROOM(room, *original);
        }
        seen << idsOf(page->chatrooms);
        cursor = page->nextCursor;
        QVERIFY(++pages <= 14);
    } while (!cursor.isEmpty());
    QCOMPARE(seen, idsOf(expected));
}

void TestServerRepositories::aRowBumpedBetweenPagesIsNotRepeated()
{
    QList<Chatroom> rooms;
    for (int i = 0; i < 6; ++i) {
        rooms << makeChatroom(QStringLiteral("r-%1").arg(i), QStringLiteral("+91999999200%1").arg(i),
                              QStringLiteral("phone-1"), {t0.toMSecsSinceEpoch() + i, i + 1});
    }
    saveRooms(rooms);
    auto first = listChatrooms(db(), ChatroomPageRequest{kAcme, View::All, {}, 2, {}});
    CHECK_OK(first);
    QCOMPARE(idsOf(first->chatrooms), (QStringList{QStringLiteral("r-5"), QStringLiteral("r-4")}));
    rooms[1].sortKey = SortKey{t0.toMSecsSinceEpoch() + 100, 7}; // r-1 bumped to the top meanwhile
    saveRooms({rooms[1]});
    auto rest = listChatrooms(db(), ChatroomPageRequest{kAcme, View::All, {}, 10, first->nextCursor});
    CHECK_OK(rest);
    QCOMPARE(idsOf(rest->chatrooms),
             (QStringList{QStringLiteral("r-3"), QStringLiteral("r-2"), QStringLiteral("r-0")}));
    QVERIFY(rest->nextCursor.isEmpty());
}

void TestServerRepositories::malformedCursorIsBadRequest_data()
{
    QTest::addColumn<QString>("cursor");
    QTest::newRow("a cursor without our prefix is refused") << QStringLiteral("abc");
    QTest::newRow("a cursor that is not base64 is refused") << QStringLiteral("c1.***");
    QTest::newRow("a cursor without its three parts is refused")
        << QStringLiteral("c1.") +
               QString::fromLatin1(QByteArray("12:34").toBase64(QByteArray::Base64UrlEncoding));
    QTest::newRow("a cursor with a non-numeric time is refused")
        << QStringLiteral("c1.") +
               QString::fromLatin1(QByteArray("x:34:r-1").toBase64(QByteArray::Base64UrlEncoding));
}

void TestServerRepositories::malformedCursorIsBadRequest()
{
    QFETCH(QString, cursor);
    auto page = listChatrooms(db(), ChatroomPageRequest{kAcme, View::All, {}, 10, cursor});
    QCOMPARE(page.code(), ErrorCode::BadRequest);
    QCOMPARE(page.error().fields, QStringList{QStringLiteral("cursor")});
    const ChatroomCursor original{SortKey{1767258000123, 42}, QStringLiteral("r:with:colons")};
    auto decoded = decodeChatroomCursor(encodeChatroomCursor(original));
    CHECK_OK(decoded);
    QCOMPARE(*decoded, original);
}

void TestServerRepositories::lifecycleScanFindsDueChatrooms()
{
    CHECK_OK(updateOrgSettings(db(), kAcme, OrgSettings{std::nullopt, 2, 10}));
    const QDateTime now = t0.addDays(5);
    Chatroom quiet = makeChatroom(QStringLiteral("r-quiet"), QStringLiteral("+15550000001"),
                                  QStringLiteral("phone-1"), {1, 1});
    quiet.lastCustomerMessageAt = t0.addDays(2); // quiet for 3 days: deactivates
    Chatroom talking = makeChatroom(QStringLiteral("r-talking"), QStringLiteral("+15550000002"),
                                    QStringLiteral("phone-1"), {2, 2});
    talking.lastCustomerMessageAt = t0.addDays(4); // wrote yesterday
    Chatroom old = makeChatroom(QStringLiteral("r-old"), QStringLiteral("+15550000003"),
                                QStringLiteral("phone-1"), {3, 3});
    old.state = ChatroomState::Deactivated;
    old.createdAt = t0.addDays(-6); // 11 days old: expires
    Chatroom deactivated = makeChatroom(QStringLiteral("r-resting"), QStringLiteral("+15550000004"),
                                        QStringLiteral("phone-1"), {4, 4});
    deactivated.state = ChatroomState::Deactivated; // already deactivated, not old enough to expire
    Chatroom expired = makeChatroom(QStringLiteral("r-expired"), QStringLiteral("+15550000005"),
                                    QStringLiteral("phone-1"), {5, 5});
    expired.state = ChatroomState::Expired;
    expired.createdAt = t0.addDays(-60);
    saveRooms({quiet, talking, old, deactivated, expired});

    auto batch = chatroomsDueForLifecycle(db(), now, {}, 1);
    CHECK_OK(batch);
    QCOMPARE(idsOf(*batch), QStringList{QStringLiteral("r-old")});
    auto next = chatroomsDueForLifecycle(db(), now, batch->last().id, 10);
    CHECK_OK(next);
    QCOMPARE(idsOf(*next), QStringList{QStringLiteral("r-quiet")});
}

void TestServerRepositories::messagesRoundTripAndUpdate()
{
    saveRooms({makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1})});
    Message stm;
    stm.id = QStringLiteral("m-stm");
    stm.chatroomId = QStringLiteral("r-1");
    stm.direction = Direction::Out;
    stm.kind = MessageKind::Template;
    stm.sender = Sender{SenderType::Agent, kAna};
    stm.text = QStringLiteral("Hi Asha, order A-17 ships today.");
    stm.sentTemplate = SentTemplate{
        QStringLiteral("rt-order"),
        QStringLiteral("order_update"),
        QStringLiteral("en"),
        {TemplateParamValue{QStringLiteral("order_id"), QStringLiteral("A-17")},
         TemplateParamValue{QStringLiteral("empty"), QString()}},
        {SentButton{0, ButtonType::QuickReply, QStringLiteral("Yes"), {}, QStringLiteral("p0")},
         SentButton{1, ButtonType::Url, QStringLiteral("Track"), QStringLiteral("https://t"), {}}}};
    stm.relayResponse = true;
    stm.bump = false;
    stm.bumpResponse = false;
    stm.createdAt = t0.addMSecs(5);
    CHECK_OK(insertMessage(db(), stm, t0));

    Message tap = makeMessage(QStringLiteral("m-tap"), QStringLiteral("r-1"), t0.addSecs(1));
    tap.kind = MessageKind::ButtonReply;
    tap.button = ButtonReply{0, QStringLiteral("Yes"), QStringLiteral("p0")};
    tap.inReplyTo = stm.id;
    tap.waMessageId = QStringLiteral("wamid.tap");
    CHECK_OK(insertMessage(db(), tap, t0));

    auto loaded = messageById(db(), kAcme, stm.id);
    CHECK_OK(loaded);
    COMPARE_MESSAGE(*loaded, stm);
    auto byWa = messageByWaId(db(), QStringLiteral("wamid.tap"));
    CHECK_OK(byWa);
    QVERIFY(byWa->has_value());
    COMPARE_MESSAGE(**byWa, tap);

    stm.status = DeliveryStatus::Failed;
    stm.error = QStringLiteral("131047: re-engagement message");
    stm.waMessageId = QStringLiteral("wamid.stm");
    CHECK_OK(updateMessage(db(), stm, t0.addSecs(2)));
    auto updated = messageByWaId(db(), QStringLiteral("wamid.stm"));
    CHECK_OK(updated);
    QVERIFY(updated->has_value());
    COMPARE_MESSAGE(**updated, stm);

    Message ghost = stm;
    ghost.id = QStringLiteral("m-ghost");
    QCOMPARE(updateMessage(db(), ghost, t0).code(), ErrorCode::NotFound);
    Message reused = makeMessage(QStringLiteral("m-other"), QStringLiteral("r-1"), t0);
    reused.waMessageId = QStringLiteral("wamid.tap");
    QCOMPARE(insertMessage(db(), reused, t0).code(), ErrorCode::UniqueConstraintFailed);
    auto anyOrg = findMessage(db(), tap.id);
    CHECK_OK(anyOrg);
    QVERIFY(anyOrg->has_value());
    COMPARE_MESSAGE(**anyOrg, tap);
    auto missing = findMessage(db(), QStringLiteral("m-none"));
    CHECK_OK(missing);
    QVERIFY(!missing->has_value());
    auto unknown = messageByWaId(db(), QStringLiteral("wamid.none"));
    CHECK_OK(unknown);
    QVERIFY(!unknown->has_value());
}

void TestServerRepositories::messagePagesEndNewestLast_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("pages of one message") << 1;
    QTest::newRow("pages of three messages, ties on created_at kept in insertion order") << 3;
    QTest::newRow("one page of exactly all seven messages") << 7;
    QTest::newRow("one page of at most two hundred messages") << 200;
}

void TestServerRepositories::messagePagesEndNewestLast()
{
    QFETCH(int, limit);
    saveRooms({makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1}),
               makeChatroom(QStringLiteral("r-2"), kSharedPhone, QStringLiteral("phone-2"), {2, 2})});
    const QList<int> offsets{0, 0, 1, 2, 2, 2, 3};
    QStringList all;
    for (int i = 0; i < offsets.size(); ++i) {
        const QString id = QStringLiteral("m-%1").arg(i);
        CHECK_OK(insertMessage(db(), makeMessage(id, QStringLiteral("r-1"), t0.addSecs(offsets.at(i))), t0));
        CHECK_OK(insertMessage(
            db(),
            makeMessage(id + QStringLiteral("-other"), QStringLiteral("r-2"), t0.addSecs(offsets.at(i))),
            t0));
        all << id;
    }

    QStringList collected;
    MessageId before;
    for (int guard = 0; guard < 10; ++guard) {
        auto page = messagePage(db(), kAcme, QStringLiteral("r-1"), before, limit);
        CHECK_OK(page);
        if (page->isEmpty())
            break;
        QVERIFY(page->size() <= limit);
        collected = idsOf(*page) + collected;
        before = page->first().id;
    }
    QCOMPARE(collected, all);

    auto notInRoom = messagePage(db(), kAcme, QStringLiteral("r-1"), QStringLiteral("m-1-other"), limit);
    QCOMPARE(notInRoom.code(), ErrorCode::NotFound);
}

void TestServerRepositories::eventLogAppendsReadsAndTrims()
{
    const Chatroom room =
        makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1});
    auto next = nextEventSeq(db(), kAcme);
    CHECK_OK(next);
    QCOMPARE(*next, 1);

    QList<Event> events;
    for (int i = 0; i < 5; ++i) {
        Event event;
        event.seq = i + 1;
        event.kind = i == 0 ? EventKind::ChatroomCreated : EventKind::MessageCreated;
        event.at = t0.addSecs(i * 60);
        event.chatroom = room;
        if (i > 0)
            event.message = makeMessage(QStringLiteral("m-%1").arg(i), room.id, event.at);
        events << event;
    }
    CHECK_OK(appendEvents(db(), kAcme, events.mid(0, 2)));
    CHECK_OK(appendEvents(db(), kAcme, events.mid(2)));
    Event presence;
    presence.seq = 1;
    presence.kind = EventKind::PresenceUpdated;
    presence.at = t0;
    presence.userId = kXena;
    presence.online = true;
    CHECK_OK(appendEvents(db(), kGlobex, {presence})); // each org counts on its own

    auto head = headSeq(db(), kAcme);
    CHECK_OK(head);
    QCOMPARE(*head, 5);
    auto since = eventsSince(db(), kAcme, 1, 3);
    CHECK_OK(since);
    QCOMPARE(since->size(), 3);
    for (int i = 0; i < 3; ++i) {
        const StoredEvent &stored = since->at(i);
        const Event &original = events.at(i + 1);
        QCOMPARE(stored.seq, original.seq);
        QCOMPARE(stored.kind, original.kind);
        QCOMPARE(stored.chatroomId, room.id);
        QCOMPARE(stored.createdAt, original.at);
        QCOMPARE(stored.payload, encodeEvent(original));
        auto decoded = decodeStoredEvent(stored);
        CHECK_OK(decoded);
        QCOMPARE(decoded->seq, original.seq);
        QCOMPARE(decoded->message->id, original.message->id);
    }
    auto globex = eventsSince(db(), kGlobex, 0, 10);
    CHECK_OK(globex);
    QCOMPARE(globex->size(), 1);
    QVERIFY(globex->first().chatroomId.isEmpty());

    auto first = firstRetainedSeq(db(), kAcme);
    CHECK_OK(first);
    QCOMPARE(*first, 1);
    auto trimmed = trimEventsOlderThan(db(), t0.addSecs(120)); // seq 1, 2 of Acme and Globex's presence
    CHECK_OK(trimmed);
    QCOMPARE(*trimmed, 3);
    first = firstRetainedSeq(db(), kAcme);
    CHECK_OK(first);
    QCOMPARE(*first, 3);
    auto byseq = trimEventsBefore(db(), kAcme, 5);
    CHECK_OK(byseq);
    QCOMPARE(*byseq, 2);
    auto emptied = firstRetainedSeq(db(), kGlobex);
    CHECK_OK(emptied);
    QCOMPARE(*emptied, 2); // the log is empty: the next seq, the counter survived the trim
    next = nextEventSeq(db(), kAcme);
    CHECK_OK(next);
    QCOMPARE(*next, 6);
}

void TestServerRepositories::eventLogRefusesASeqThatDoesNotFollow()
{
    Event event;
    event.kind = EventKind::ChatroomUpdated;
    event.at = t0;
    event.chatroom = makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1});
    event.seq = 2;
    QCOMPARE(appendEvents(db(), kAcme, {event}).code(), ErrorCode::Internal); // the counter is at 0
    event.seq = 1;
    CHECK_OK(appendEvents(db(), kAcme, {event}));
    QCOMPARE(appendEvents(db(), kAcme, {event}).code(), ErrorCode::Internal); // seq 1 again
    Event gap = event;
    gap.seq = 4; // 3 is missing
    event.seq = 2;
    QCOMPARE(appendEvents(db(), kAcme, {event, gap}).code(), ErrorCode::Internal);
    auto head = headSeq(db(), kAcme);
    CHECK_OK(head);
    QCOMPARE(*head, 1);
}

void TestServerRepositories::deliveriesAreDueRetriedAndRedelivered()
{
    const QByteArray body = R"({"type":"template.button_reply"})";
    auto queued = enqueueDelivery(db(), kAcme, QStringLiteral("template.button_reply"), body, t0);
    CHECK_OK(queued);
    QVERIFY(queued->webhookId.startsWith(QStringLiteral("msg_")));
    auto other = enqueueDelivery(db(), kGlobex, QStringLiteral("template.button_reply"), body, t0.addSecs(1));
    CHECK_OK(other);
    QVERIFY(other->webhookId != queued->webhookId);

    auto early = dueDeliveries(db(), t0.addMSecs(-1), 10);
    CHECK_OK(early);
    QVERIFY(early->isEmpty());
    auto due = dueDeliveries(db(), t0, 10);
    CHECK_OK(due);
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().payload, body);
    QCOMPARE(due->first().webhookId, queued->webhookId);

    CHECK_OK(recordDeliveryAttempt(db(), queued->id,
                                   DeliveryAttempt{503, QStringLiteral("Service Unavailable"),
                                                   DeliveryState::Pending, t0.addSecs(5), t0}));
    auto retried = dueDeliveries(db(), t0.addSecs(4), 10);
    CHECK_OK(retried);
    QCOMPARE(retried->size(), 1); // only Globex's
    auto later = deliveryById(db(), kAcme, queued->id);
    CHECK_OK(later);
    QCOMPARE(later->attempts, 1);
    QCOMPARE(later->lastStatusCode, std::optional<int>(503));
    QCOMPARE(later->nextAttemptAt, t0.addSecs(5));

    CHECK_OK(recordDeliveryAttempt(
        db(), queued->id,
        DeliveryAttempt{410, QStringLiteral("Gone"), DeliveryState::Failed, {}, t0.addSecs(5)}));
    auto failed = listDeliveries(db(), kAcme, DeliveryState::Failed, 10);
    CHECK_OK(failed);
    QCOMPARE(failed->size(), 1);
    QVERIFY(!failed->first().nextAttemptAt.isValid());
    auto pendingCount = pendingDeliveryCount(db());
    CHECK_OK(pendingCount);
    QCOMPARE(*pendingCount, 1);

    QCOMPARE(redeliver(db(), kGlobex, queued->id, t0).code(), ErrorCode::NotFound);
    CHECK_OK(redeliver(db(), kAcme, queued->id, t0.addSecs(60)));
    auto again = dueDeliveries(db(), t0.addSecs(60), 10);
    CHECK_OK(again);
    QCOMPARE(again->size(), 2);
    CHECK_OK(recordDeliveryAttempt(db(), queued->id,
                                   DeliveryAttempt{200, {}, DeliveryState::Delivered, {}, t0.addSecs(61)}));
    auto delivered = listDeliveries(db(), kAcme, DeliveryState::Delivered, 10);
    CHECK_OK(delivered);
    QCOMPARE(delivered->size(), 1);
    QCOMPARE(delivered->first().attempts, 3);
    auto everything = listDeliveries(db(), kAcme, std::nullopt, 10);
    CHECK_OK(everything);
    QCOMPARE(everything->size(), 1);
    QCOMPARE(recordDeliveryAttempt(db(), QStringLiteral("nope"),
                                   DeliveryAttempt{200, {}, DeliveryState::Delivered, {}, t0})
                 .code(),
             ErrorCode::NotFound);
}

void TestServerRepositories::outboundQueueAndInboundDeduplication()
{
    saveRooms({makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1})});
    Message out = makeMessage(QStringLiteral("m-out"), QStringLiteral("r-1"), t0);
    out.direction = Direction::Out;
    CHECK_OK(insertMessage(db(), out, t0));
    CHECK_OK(enqueueOutbound(db(), out.id, t0));
    QCOMPARE(enqueueOutbound(db(), out.id, t0).code(), ErrorCode::UniqueConstraintFailed);
    auto due = dueOutbound(db(), t0, 10);
    CHECK_OK(due);
    QCOMPARE(*due, (QList<OutboundSend>{OutboundSend{out.id, 0, t0, {}, t0}}));
    CHECK_OK(recordOutboundFailure(db(), out.id, QStringLiteral("timeout"), t0.addSecs(30)));
    auto notYet = dueOutbound(db(), t0.addSecs(29), 10);
    CHECK_OK(notYet);
    QVERIFY(notYet->isEmpty());
    auto retry = dueOutbound(db(), t0.addSecs(30), 10);
    CHECK_OK(retry);
    QCOMPARE(retry->first().attempts, 1);
    QCOMPARE(retry->first().lastError, QStringLiteral("timeout"));
    CHECK_OK(removeOutbound(db(), out.id));
    auto depth = outboundQueueDepth(db());
    CHECK_OK(depth);
    QCOMPARE(*depth, 0);

    auto firstTime = markInboundSeen(db(), QStringLiteral("wamid.1"), QStringLiteral("phone-1"), t0);
    CHECK_OK(firstTime);
    QVERIFY(*firstTime);
    auto retryFromMeta =
        markInboundSeen(db(), QStringLiteral("wamid.1"), QStringLiteral("phone-1"), t0.addSecs(3));
    CHECK_OK(retryFromMeta);
    QVERIFY(!*retryFromMeta);
    auto purged = purgeInboundSeen(db(), t0.addSecs(1));
    CHECK_OK(purged);
    QCOMPARE(*purged, 1);
}

void TestServerRepositories::idempotencyRecordsAreFoundSavedAndPurged()
{
    const QByteArray token = sha(QStringLiteral("hok_key"));
    auto none = findIdempotencyRecord(db(), token, QStringLiteral("key-1"));
    CHECK_OK(none);
    QVERIFY(!none->has_value());

    IdempotencyRecord record{token, QStringLiteral("key-1"), sha(QStringLiteral("{}")), false, 0, {}, t0, {}};
    CHECK_OK(saveIdempotencyRecord(db(), record));
    auto running = findIdempotencyRecord(db(), token, QStringLiteral("key-1"));
    CHECK_OK(running);
    QCOMPARE(running->value(), record);

    record.done = true;
    record.responseStatus = 201;
    record.responseBody = R"({"id":"m-1"})";
    record.completedAt = t0.addSecs(1);
    CHECK_OK(saveIdempotencyRecord(db(), record));
    auto done = findIdempotencyRecord(db(), token, QStringLiteral("key-1"));
    CHECK_OK(done);
    QCOMPARE(done->value(), record);

    IdempotencyRecord fresh = record;
    fresh.key = QStringLiteral("key-2");
    fresh.createdAt = t0.addSecs(23 * 3600);
    CHECK_OK(saveIdempotencyRecord(db(), fresh));
    auto purged = purgeIdempotencyRecords(db(), t0.addSecs(24 * 3600 + 1));
    CHECK_OK(purged);
    QCOMPARE(*purged, 1);
    auto kept = findIdempotencyRecord(db(), token, QStringLiteral("key-2"));
    CHECK_OK(kept);
    QVERIFY(kept->has_value());
}

void TestServerRepositories::statementsArePreparedOncePerConnection()
{
    saveRooms({makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {1, 1})});
    CHECK_OK(chatroomById(db(), kAcme, QStringLiteral("r-1")));
    const qsizetype warm = cachedStatementCount(db());
    QVERIFY(warm > 0);
    for (int i = 0; i < 50; ++i) {
        CHECK_OK(chatroomById(db(), kAcme, QStringLiteral("r-1")));
        CHECK_OK(saveChatroom(
            db(), makeChatroom(QStringLiteral("r-1"), kSharedPhone, QStringLiteral("phone-1"), {i, i}), t0));
    }
    QCOMPARE(cachedStatementCount(db()), warm);
    // The same SQL asked for while its statement is stepping gets a statement of its own.
    const QString orgIds = QStringLiteral("SELECT id FROM orgs ORDER BY id");
    auto outer = run(db(), orgIds);
    CHECK_OK(outer);
    QVERIFY(outer->next());
    QCOMPARE(outer->value(0).toString(), kAcme);
    {
        auto inner = run(db(), orgIds);
        CHECK_OK(inner);
        QStringList all;
        while (inner->next())
            all << inner->value(0).toString();
        QCOMPARE(all, (QStringList{kAcme, kGlobex}));
    }
    QVERIFY(outer->next());
    QCOMPARE(outer->value(0).toString(), kGlobex);
    QVERIFY(!outer->next());
    CHECK_OK(outer->checkRead());
    // A second connection to the same file has its own statements, and sees the committed rows.
    auto reader = Database::open(optionsFor(m_server->path()), serverSchema());
    QVERIFY(reader.ok());
    QCOMPARE(cachedStatementCount(reader->connection()), 0);
    auto seen = chatroomById(reader->connection(), kAcme, QStringLiteral("r-1"));
    CHECK_OK(seen);
    QCOMPARE(seen->sortKey.bumpSeq, 49);
    // Closing a connection with cached statements is clean (the driver owns them).
    reader->close();
}

QTEST_GUILESS_MAIN(TestServerRepositories)
#include "tst_serverrepositories.moc"
