// R1, R2, R3, R13, R13b, R16, and R21 when a chatroom is created for a group.
#include "core/rules/contactnames.h"
#include "tests/support/ruleworld.h"

#include <QTest>

using namespace handover;
using namespace handover::test;

namespace {

// Older chatrooms of Bo, one in each MEMBER's list, so a new chatroom has something to be bumped above.
void seedOlderChatrooms(RuleWorld &world)
{
    const QList<std::pair<UserId, QString>> seeds = {{kAna, kPhone100}, {kBen, kPhone200}, {kCid, kPhone300}};
    for (const auto &[userId, phone] : seeds) {
        CreateChatroomRequest req = world.request(kBo, userId);
        req.remotePhoneId = phone;
        world.keep(world.decide([&](RuleContext &rules) {
            return createChatroom(req, world.creationContext(req.contact), world.directory, rules);
        }));
        world.clock.advanceSecs(60);
    }
    world.directory.clearLoads();
}

// At most one active chatroom per (customer phone, WABA phone), always (R13).
bool onePerPhonePair(const RuleWorld &world, const QStringList &chatroomIds)
{
    QSet<QString> seen;
    for (const ChatroomId &id : chatroomIds) {
        const Chatroom &room = world.chatroom(id);
        if (!room.isActive())
            continue;
        const QString pair = room.phoneNumber + QLatin1Char('|') + room.remotePhoneId;
        if (seen.contains(pair))
            return false;
        seen.insert(pair);
    }
    return true;
}

} // namespace

class TestRulesCreation : public QObject
{
    Q_OBJECT

private slots:
    void createForAnAgent_data();
    void createForAnAgent();
    void requestDefaults_data();
    void requestDefaults();
    void createRefused_data();
    void createRefused();
    void existingChatroom_data();
    void existingChatroom();
    void phonePlacement_data();
    void phonePlacement();
    void phoneOrder_data();
    void phoneOrder();
    void inboundFirstContact_data();
    void inboundFirstContact();
    void derivedDisplayName_data();
    void derivedDisplayName();
    void displayNameAtCreation_data();
    void displayNameAtCreation();
    void contactUpdate_data();
    void contactUpdate();
};

void TestRulesCreation::createForAnAgent_data()
{
    QTest::addColumn<UserId>("userId");
    QTest::addColumn<GroupId>("groupId");
    QTest::addColumn<bool>("assignOnHandover");
    QTest::addColumn<QList<MemberLoad>>("loads");
    QTest::addColumn<QStringList>("participants");
    QTest::addColumn<UserId>("pendingUser");
    QTest::addColumn<GroupId>("pendingGroup");
    QTest::addColumn<QStringList>("events");

    const QDateTime at7 = QDateTime(QDate(2025, 12, 31), QTime(7, 0), Qt::UTC);
    const QDateTime at8 = at7.addSecs(3600);
    const QStringList createdOnly = {QStringLiteral("chatroom.created +bump")};
    const auto assignedTo = [](const UserId &userId) {
        return QStringList{QStringLiteral("chatroom.created +bump"),
                           QStringLiteral("chatroom.assigned @%1 (created) +bump").arg(userId)};
    };

    QTest::newRow(
        "R1: a chatroom created for a user makes them its only participant, at the top of their list")
        << kAna << GroupId() << false << QList<MemberLoad>() << QStringList{kAna} << UserId() << GroupId()
        << assignedTo(kAna);
    QTest::newRow("R1: user_id wins when both user_id and group_id are given")
        << kDee << kSales << false << QList<MemberLoad>() << QStringList{kDee} << UserId() << GroupId()
        << assignedTo(kDee);
    QTest::newRow("R21: a chatroom created for a group goes to the member with the fewest active chatrooms")
        << UserId() << kSales << false << QList<MemberLoad>{{kAna, 3, at7}, {kBen, 1, at8}, {kCid, 2, {}}}
        << QStringList{kBen} << UserId() << GroupId() << assignedTo(kBen);
    QTest::newRow("R21: creating for a group breaks a tie on load by the least recent assignment")
        << UserId() << kSales << false
        << QList<MemberLoad>{{kAna, 1, at8}, {kBen, 1, at8.addSecs(60)}, {kCid, 1, at7}} << QStringList{kCid}
        << UserId() << GroupId() << assignedTo(kCid);
    QTest::newRow("R21: creating for a group puts a member never assigned before one assigned long ago")
        << UserId() << kSales << false
        << QList<MemberLoad>{{kAna, 1, at7.addYears(-3)}, {kBen, 1, {}}, {kCid, 1, at7}} << QStringList{kBen}
        << UserId() << GroupId() << assignedTo(kBen);
    QTest::newRow("R21: creating for a group breaks a full tie by the lowest user id")
        << UserId() << kSales << false << QList<MemberLoad>{{kAna, 2, at7}, {kBen, 1, at8}, {kCid, 1, at8}}
        << QStringList{kBen} << UserId() << GroupId() << assignedTo(kBen);
    QTest::newRow("R21: a group of one always gets its only member")
        << UserId() << kSupport << false << QList<MemberLoad>{{kDee, 40, at8}} << QStringList{kDee}
        << UserId() << GroupId() << assignedTo(kDee);
    QTest::newRow("R2: assign_on_handover with a user adds no participant and keeps the user pending")
        << kAna << GroupId() << true << QList<MemberLoad>() << QStringList() << kAna << GroupId()
        << createdOnly;
    QTest::newRow("R2: assign_on_handover with a group keeps the group pending and picks no member yet")
        << UserId() << kSales << true << QList<MemberLoad>() << QStringList() << UserId() << kSales
        << createdOnly;
    QTest::newRow("R2: assign_on_handover with both a user and a group keeps the user pending")
        << kBen << kSales << true << QList<MemberLoad>() << QStringList() << kBen << GroupId() << createdOnly;
    QTest::newRow("R2: assign_on_handover accepts a group that has no members yet (checked at handover)")
        << UserId() << kEmptyGroup << true << QList<MemberLoad>() << QStringList() << UserId() << kEmptyGroup
        << createdOnly;
}

void TestRulesCreation::createForAnAgent()
{
    QFETCH(UserId, userId);
    QFETCH(GroupId, groupId);
    QFETCH(bool, assignOnHandover);
    QFETCH(QList<MemberLoad>, loads);
    QFETCH(QStringList, participants);
    QFETCH(UserId, pendingUser);
    QFETCH(GroupId, pendingGroup);
    QFETCH(QStringList, events);

    RuleWorld world;
    seedOlderChatrooms(world);
    for (const MemberLoad &load : loads)
        world.directory.setLoad(load.userId, load.activeChatrooms, load.lastAssignedAt);
    const QStringList awaitingBefore = world.list(View::AwaitingHandover, kSupervisor);
    const qint64 firstSeq = world.nextSeq;

    const auto result = world.create(world.request(kAsha, userId, groupId, assignOnHandover));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().description));
    const Outcome &out = *result;
    const Chatroom &room = out.chatroom;

    QVERIFY(out.created);
    QCOMPARE(traces(out.events), events);
    QCOMPARE(seqs(out.events), seqRange(firstSeq, events.size()));
    QCOMPARE(room.participantIds(), participants);
    QCOMPARE(out.assignedUsers, participants);
    QCOMPARE(room.pendingHandover.has_value(), assignOnHandover);
    if (room.pendingHandover) {
        QCOMPARE(room.pendingHandover->userId, pendingUser);
        QCOMPARE(room.pendingHandover->groupId, pendingGroup);
        QCOMPARE(room.pendingHandover->requestedAt, world.clock.now());
    }
    QVERIFY(room.isActive());
    QCOMPARE(room.contactId, kAsha);
    QCOMPARE(room.phoneNumber, kSharedPhone);
    QCOMPARE(room.createdAt, world.clock.now());
    for (const Participant &p : room.participants) {
        QCOMPARE(p.joinedAt, world.clock.now());
        QCOMPARE(p.unreadCount, 0);
    }
    // The last bump gives the sort key: the newest of the org.
    QCOMPARE(room.sortKey, (SortKey{world.clock.nowMs(), out.events.last().seq}));
    QCOMPARE(out.events.last().chatroom, room);

    // R1: new to the agent, so at the top of their list and they are told; R2: in nobody's list, told nobody,
    // and at the top of Awaiting handover for supervisors.
    for (const UserId &member : {kAna, kBen, kCid, kDee}) {
        const QStringList mine = world.list(View::Mine, member);
        if (participants.contains(member))
            QCOMPARE(mine.value(0), room.id);
        else
            QVERIFY2(!mine.contains(room.id), qPrintable(member));
    }
    QCOMPARE(notifiedUsers(out.events, everyone()), participants);
    QStringList expectedReceivers = {kAdmin, kSupervisor};
    expectedReceivers += participants;
    QCOMPARE(receivingUsers(out.events, everyone()), expectedReceivers);
    if (assignOnHandover) {
        QCOMPARE(world.list(View::AwaitingHandover, kSupervisor), QStringList{room.id} + awaitingBefore);
    } else {
        QCOMPARE(world.list(View::AwaitingHandover, kSupervisor), awaitingBefore);
    }
    QCOMPARE(world.list(View::All, kSupervisor).value(0), room.id);

    // What a MEMBER's console builds from the events it receives agrees.
    for (const UserId &member : {kAna, kBen, kCid, kDee}) {
        EventFedList console(View::Mine, member, Role::Member);
        console.apply(world.log());
        QCOMPARE(console.ids(), world.list(View::Mine, member));
    }
}

void TestRulesCreation::requestDefaults_data()
{
    QTest::addColumn<bool>("actual");
    QTest::addColumn<bool>("expected");

    const CreateChatroomRequest request;
    QTest::newRow("R1: assign_on_handover defaults to false") << request.assignOnHandover << false;
    QTest::newRow("R13: fail_if_chatroom_exists_on_other_wabaphone defaults to true")
        << request.failIfChatroomExistsOnOtherWabaPhone << true;
    QTest::newRow("R13: no remote_phone_id by default, so the org's first phone is used")
        << request.remotePhoneId.isEmpty() << true;
}

void TestRulesCreation::requestDefaults()
{
    QFETCH(bool, actual);
    QFETCH(bool, expected);
    QCOMPARE(actual, expected);
}

void TestRulesCreation::createRefused_data()
{
    QTest::addColumn<UserId>("userId");
    QTest::addColumn<GroupId>("groupId");
    QTest::addColumn<bool>("assignOnHandover");
    QTest::addColumn<QString>("remoteWabaId");
    QTest::addColumn<QString>("remotePhoneId");
    QTest::addColumn<bool>("orgHasPhones");
    QTest::addColumn<int>("errorCode");

    const int notFound = int(ErrorCode::NotFound);
    const int invalid = int(ErrorCode::ValidationFailed);
    QTest::newRow("R1: a user_id that does not exist is refused with NOT_FOUND")
        << QStringLiteral("u-nobody") << GroupId() << false << QString() << QString() << true << notFound;
    QTest::newRow("R1: a user of another org is refused with NOT_FOUND")
        << kAlien << GroupId() << false << QString() << QString() << true << notFound;
    QTest::newRow("R1: a create with neither user_id nor group_id is refused with VALIDATION_FAILED")
        << UserId() << GroupId() << false << QString() << QString() << true << invalid;
    QTest::newRow("R1: a group_id that does not exist is refused with NOT_FOUND")
        << UserId() << QStringLiteral("g-nothing") << false << QString() << QString() << true << notFound;
    QTest::newRow("R21: a group of another org is refused with NOT_FOUND")
        << UserId() << kAlienGroup << false << QString() << QString() << true << notFound;
    QTest::newRow("R21: a group without members cannot give the chatroom an agent")
        << UserId() << kEmptyGroup << false << QString() << QString() << true << invalid;
    QTest::newRow("R2: assign_on_handover with an unknown group is refused with NOT_FOUND")
        << UserId() << QStringLiteral("g-nothing") << true << QString() << QString() << true << notFound;
    QTest::newRow("R2: assign_on_handover with a group of another org is refused with NOT_FOUND")
        << UserId() << kAlienGroup << true << QString() << QString() << true << notFound;
    QTest::newRow("R2: assign_on_handover with a user of another org is refused with NOT_FOUND")
        << kAlien << GroupId() << true << QString() << QString() << true << notFound;
    QTest::newRow("R2: assign_on_handover without user or group is refused with VALIDATION_FAILED")
        << UserId() << GroupId() << true << QString() << QString() << true << invalid;
    QTest::newRow("R13: a remote_phone_id the org does not have is refused with NOT_FOUND")
        << kAna << GroupId() << false << QString() << QStringLiteral("999") << true << notFound;
    QTest::newRow("R13: a remote_waba_id that does not hold the requested phone is refused with NOT_FOUND")
        << kAna << GroupId() << false << QStringLiteral("waba-1") << kPhone300 << true << notFound;
    QTest::newRow("R13: an org without WABA phones cannot create a chatroom")
        << kAna << GroupId() << false << QString() << QString() << false << invalid;
}

void TestRulesCreation::createRefused()
{
    QFETCH(UserId, userId);
    QFETCH(GroupId, groupId);
    QFETCH(bool, assignOnHandover);
    QFETCH(QString, remoteWabaId);
    QFETCH(QString, remotePhoneId);
    QFETCH(bool, orgHasPhones);
    QFETCH(int, errorCode);

    RuleWorld world;
    if (!orgHasPhones)
        world.phones.clear();
    CreateChatroomRequest req = world.request(kAsha, userId, groupId, assignOnHandover);
    req.remoteWabaId = remoteWabaId;
    req.remotePhoneId = remotePhoneId;
    const auto result = world.create(req);

    QVERIFY(!result.ok());
    QCOMPARE(errorMessage(result.code()), errorMessage(ErrorCode(errorCode)));
    QVERIFY(!result.error().fields.isEmpty());
    QCOMPARE(world.nextSeq, 1); // nothing recorded
    QVERIFY(world.log().isEmpty());
    QCOMPARE(world.ids.newId(), QStringLiteral("id-1")); // not even an id taken
}

void TestRulesCreation::existingChatroom_data()
{
    QTest::addColumn<UserId>("firstUser");
    QTest::addColumn<bool>("firstOnHandover");
    QTest::addColumn<UserId>("againUser");
    QTest::addColumn<GroupId>("againGroup");
    QTest::addColumn<bool>("againOnHandover");
    QTest::addColumn<QString>("againDisplayName");

    QTest::newRow("R3: create on an existing chatroom changes nothing and returns created=false")
        << kAna << false << kAna << GroupId() << false << QString();
    QTest::newRow("R3: create for another agent on an existing chatroom adds no participant")
        << kAna << false << kBen << GroupId() << false << QString();
    QTest::newRow("R3: create for a group on an existing chatroom picks nobody")
        << kAna << false << UserId() << kSales << false << QString();
    QTest::newRow("R3: create with assign_on_handover on an existing chatroom sets no pending handover")
        << kAna << false << kBen << GroupId() << true << QString();
    QTest::newRow("R3: create on an existing chatroom awaiting handover keeps its pending handover")
        << kAna << true << kBen << GroupId() << false << QString();
    QTest::newRow("R3: create with another display_name on an existing chatroom keeps its name")
        << kAna << false << kAna << GroupId() << false << QStringLiteral("VIP Asha");
    QTest::newRow("R3: create with an unknown user on an existing chatroom still returns it unchanged")
        << kAna << false << QStringLiteral("u-nobody") << GroupId() << false << QString();
}

void TestRulesCreation::existingChatroom()
{
    QFETCH(UserId, firstUser);
    QFETCH(bool, firstOnHandover);
    QFETCH(UserId, againUser);
    QFETCH(GroupId, againGroup);
    QFETCH(bool, againOnHandover);
    QFETCH(QString, againDisplayName);

    RuleWorld world;
    const ChatroomId existingId = world.open(kAsha, firstUser, {}, firstOnHandover);
    QVERIFY(!existingId.isEmpty());
    world.clock.advanceSecs(60);
    seedOlderChatrooms(world); // newer chatrooms now sit above the existing one
    world.clock.advanceSecs(60);
    const Chatroom existing = world.chatroom(existingId);
    const qint64 seqBefore = world.nextSeq;
    QHash<UserId, QStringList> minesBefore;
    for (const UserId &userId : everyone())
        minesBefore.insert(userId, world.list(View::Mine, userId));
    const QStringList allBefore = world.list(View::All, kSupervisor);
    const QStringList awaitingBefore = world.list(View::AwaitingHandover, kSupervisor);

    CreateChatroomRequest again = world.request(kAsha, againUser, againGroup, againOnHandover);
    again.displayName = againDisplayName;
    again.failIfChatroomExistsOnOtherWabaPhone = false;
    const auto result = world.create(again);

    QVERIFY(result.ok());
    QVERIFY(!result->created);
    QVERIFY(!result->changed());
    QVERIFY(result->events.isEmpty());
    QVERIFY(result->assignedUsers.isEmpty());
    QCOMPARE(result->chatroom, existing);
    QCOMPARE(world.nextSeq, seqBefore);
    for (const UserId &userId : everyone())
        QCOMPARE(world.list(View::Mine, userId), minesBefore.value(userId));
    QCOMPARE(world.list(View::All, kSupervisor), allBefore);
    QCOMPARE(world.list(View::AwaitingHandover, kSupervisor), awaitingBefore);
}

void TestRulesCreation::phonePlacement_data()
{
    // Existing chatrooms of the shared phone as "<contact>@<remote_phone_id>[:deactivated|:expired]".
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QString>("requestedPhone");
    QTest::addColumn<bool>("failIfTaken");
    QTest::addColumn<int>("errorCode"); // 0: accepted
    QTest::addColumn<QString>("placedOn");
    QTest::addColumn<bool>("created");

    const int conflict = int(ErrorCode::UniqueConstraintFailed);
    QTest::newRow("R13: without a requested phone the chatroom goes on the lowest remote_phone_id")
        << QStringList() << QString() << true << 0 << kPhone100 << true;
    QTest::newRow("R13: a requested WABA phone that is free is used")
        << QStringList() << kPhone300 << true << 0 << kPhone300 << true;
    QTest::newRow("R13: with fail flag true another contact's active chatroom on the phone gives 409")
        << QStringList{QStringLiteral("c-ravi@100")} << kPhone100 << true << conflict << QString() << false;
    QTest::newRow(
        "R13: with fail flag false the chatroom goes on the free phone with the lowest remote_phone_id")
        << QStringList{QStringLiteral("c-ravi@200")} << kPhone200 << false << 0 << kPhone100 << true;
    QTest::newRow("R13: with fail flag false phones taken by any contact of the number are skipped")
        << QStringList{QStringLiteral("c-ravi@100"), QStringLiteral("c-mia@200")} << kPhone100 << false << 0
        << kPhone300 << true;
    QTest::newRow("R13: with fail flag false and every WABA phone taken the answer is 409")
        << QStringList{QStringLiteral("c-ravi@100"), QStringLiteral("c-mia@200"),
                       QStringLiteral("c-ravi@300")}
        << kPhone100 << false << conflict << QString() << false;
    QTest::newRow(
        "R13: another contact's chatroom on a different WABA phone does not block the requested one")
        << QStringList{QStringLiteral("c-ravi@100")} << kPhone200 << true << 0 << kPhone200 << true;
    QTest::newRow("R13: a deactivated chatroom of another contact does not block the phone")
        << QStringList{QStringLiteral("c-ravi@100:deactivated")} << kPhone100 << true << 0 << kPhone100
        << true;
    QTest::newRow("R13: an expired chatroom of another contact does not block the phone")
        << QStringList{QStringLiteral("c-ravi@100:expired")} << kPhone100 << true << 0 << kPhone100 << true;
    QTest::newRow("R3: the contact's own active chatroom on the requested phone is returned, not a 409")
        << QStringList{QStringLiteral("c-asha@100")} << kPhone100 << true << 0 << kPhone100 << false;
    QTest::newRow("R3: the contact's own chatroom wins over the fail flag false fallback")
        << QStringList{QStringLiteral("c-asha@100")} << kPhone100 << false << 0 << kPhone100 << false;
    QTest::newRow("R3: a deactivated chatroom of the contact does not count, a new one is created")
        << QStringList{QStringLiteral("c-asha@100:deactivated")} << kPhone100 << true << 0 << kPhone100
        << true;
    QTest::newRow("R3: an expired chatroom of the contact does not count, a new one is created")
        << QStringList{QStringLiteral("c-asha@100:expired")} << kPhone100 << true << 0 << kPhone100 << true;
    // RULES.md ties R3 to the requested phone only: the contact's own chatroom on another phone is skipped
    // like any taken phone, so the fallback opens a second chatroom of the contact on the next free phone.
    QTest::newRow("R13: the fallback skips a phone that holds the contact's own chatroom too")
        << QStringList{QStringLiteral("c-ravi@100"), QStringLiteral("c-asha@200")} << kPhone100 << false << 0
        << kPhone300 << true;
}

void TestRulesCreation::phonePlacement()
{
    QFETCH(QStringList, existing);
    QFETCH(QString, requestedPhone);
    QFETCH(bool, failIfTaken);
    QFETCH(int, errorCode);
    QFETCH(QString, placedOn);
    QFETCH(bool, created);

    RuleWorld world;
    QStringList chatroomIds;
    for (const QString &spec : existing) {
        const QStringList parts = spec.split(QLatin1Char(':'));
        const QStringList where = parts.first().split(QLatin1Char('@'));
        CreateChatroomRequest req = world.request(where.at(0), kAna);
        req.remotePhoneId = where.at(1);
        const auto made = world.create(req);
        QVERIFY2(made.ok() && made->created, qPrintable(spec));
        if (parts.size() > 1)
            world.editChatroom(made->chatroom.id).state = *chatroomStateFromName(parts.at(1));
        chatroomIds.append(made->chatroom.id);
        world.clock.advanceSecs(60);
    }
    const qint64 seqBefore = world.nextSeq;

    CreateChatroomRequest req = world.request(kAsha, kBen);
    req.remotePhoneId = requestedPhone;
    req.failIfChatroomExistsOnOtherWabaPhone = failIfTaken;
    const auto result = world.create(req);

    if (errorCode != 0) {
        QVERIFY(!result.ok());
        QCOMPARE(errorMessage(result.code()), errorMessage(ErrorCode(errorCode)));
        QCOMPARE(httpStatus(result.code()), 409);
        QCOMPARE(world.nextSeq, seqBefore);
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().description));
    QCOMPARE(result->created, created);
    QCOMPARE(result->chatroom.remotePhoneId, placedOn);
    const auto phone = std::find_if(world.phones.cbegin(), world.phones.cend(),
                                    [&](const WabaPhone &p) { return p.remotePhoneId == placedOn; });
    QCOMPARE(result->chatroom.remoteWabaId, phone->remoteWabaId);
    QCOMPARE(result->chatroom.contactId, kAsha);
    if (created)
        chatroomIds.append(result->chatroom.id);
    else
        QCOMPARE(world.nextSeq, seqBefore);
    QVERIFY(onePerPhonePair(world, chatroomIds));
}

void TestRulesCreation::phoneOrder_data()
{
    QTest::addColumn<QStringList>("remotePhoneIds");
    QTest::addColumn<QStringList>("order");

    QTest::newRow("R13: WABA phones are tried from the lowest remote_phone_id")
        << QStringList{QStringLiteral("200"), QStringLiteral("100"), QStringLiteral("300")}
        << QStringList{QStringLiteral("100"), QStringLiteral("200"), QStringLiteral("300")};
    QTest::newRow("R13: remote_phone_ids are compared as numbers, so 99 comes before 100")
        << QStringList{QStringLiteral("100"), QStringLiteral("99"), QStringLiteral("1000")}
        << QStringList{QStringLiteral("99"), QStringLiteral("100"), QStringLiteral("1000")};
    QTest::newRow("R13: Meta's long phone ids are ordered by value whatever their length")
        << QStringList{QStringLiteral("106540352242922"), QStringLiteral("106540352242921"),
                       QStringLiteral("98765432101234")}
        << QStringList{QStringLiteral("98765432101234"), QStringLiteral("106540352242921"),
                       QStringLiteral("106540352242922")};
    QTest::newRow("R13: an org with one WABA phone has that one only")
        << QStringList{QStringLiteral("5")} << QStringList{QStringLiteral("5")};
}

void TestRulesCreation::phoneOrder()
{
    QFETCH(QStringList, remotePhoneIds);
    QFETCH(QStringList, order);

    QList<WabaPhone> phones;
    for (const QString &id : remotePhoneIds)
        phones.append(WabaPhone{QStringLiteral("wp-") + id, kOrg, QStringLiteral("waba-1"), id, {}});
    QStringList actual;
    for (const WabaPhone &phone : phonesInAssignmentOrder(phones))
        actual.append(phone.remotePhoneId);
    QCOMPARE(actual, order);

    // ...and that is where a create without a requested phone goes.
    RuleWorld world;
    world.phones = phones;
    const auto result = world.create(world.request(kAsha, kAna));
    QVERIFY(result.ok());
    QCOMPARE(result->chatroom.remotePhoneId, order.first());
}

void TestRulesCreation::inboundFirstContact_data()
{
    QTest::addColumn<GroupId>("inboundGroup"); // empty: the org setting is unset
    QTest::addColumn<QString>("profileName");
    QTest::addColumn<QString>("firstName");
    QTest::addColumn<QString>("lastName");
    QTest::addColumn<QString>("displayName");

    const QString phone = QStringLiteral("+447700900123");
    QTest::newRow("R13b: a first message opens a chatroom waiting for the org's inbound group")
        << kSupport << QStringLiteral("Lee Park") << QStringLiteral("Lee") << QStringLiteral("Park")
        << phone + QStringLiteral(" Lee Park");
    QTest::newRow("R13b: without an inbound group the chatroom waits in Awaiting handover for a supervisor")
        << GroupId() << QStringLiteral("Lee Park") << QStringLiteral("Lee") << QStringLiteral("Park")
        << phone + QStringLiteral(" Lee Park");
    QTest::newRow("R16: an inbound contact's display name is its crm_id (the phone) then the profile name")
        << kSales << QStringLiteral("  Maria  da   Silva ") << QStringLiteral("Maria")
        << QStringLiteral("da Silva") << phone + QStringLiteral(" Maria da Silva");
    QTest::newRow("R16: an inbound contact without a profile name is named by its phone alone")
        << kSales << QString() << QString() << QString() << phone;
    QTest::newRow("R16: a one-word profile name is the inbound contact's first name")
        << kSales << QStringLiteral("Lee") << QStringLiteral("Lee") << QString()
        << phone + QStringLiteral(" Lee");
}

void TestRulesCreation::inboundFirstContact()
{
    QFETCH(GroupId, inboundGroup);
    QFETCH(QString, profileName);
    QFETCH(QString, firstName);
    QFETCH(QString, lastName);
    QFETCH(QString, displayName);

    RuleWorld world;
    if (!inboundGroup.isEmpty())
        world.settings.inboundGroupId = inboundGroup;
    const QString phone = QStringLiteral("+447700900123");
    const WabaPhone wabaPhone = world.phones.at(0);

    RuleContext rules(world.clock, world.ids, world.nextSeq);
    const Contact contact = makeInboundContact(kOrg, phone, profileName, rules);
    QVERIFY(contact.isInbound);
    QVERIFY(!contact.id.isEmpty());
    QCOMPARE(contact.orgId, kOrg);
    QCOMPARE(contact.crmId, phone);
    QCOMPARE(contact.phoneNumber, phone);
    QCOMPARE(contact.firstName, firstName);
    QCOMPARE(contact.lastName, lastName);
    QCOMPARE(contact.createDate, world.clock.now());

    const Outcome out = openInboundChatroom(contact, wabaPhone, world.settings, rules);
    world.keep(out);
    QVERIFY(out.created);
    QCOMPARE(traces(out.events), QStringList{QStringLiteral("chatroom.created +bump")});
    QCOMPARE(seqs(out.events), seqRange(1, 1));
    const Chatroom &room = out.chatroom;
    QCOMPARE(room.contactId, contact.id);
    QCOMPARE(room.displayName, displayName);
    QVERIFY(room.displayNameDerived);
    QCOMPARE(room.remotePhoneId, wabaPhone.remotePhoneId);
    QCOMPARE(room.remoteWabaId, wabaPhone.remoteWabaId);
    QVERIFY(room.participants.isEmpty());
    QVERIFY(room.pendingHandover.has_value());
    QCOMPARE(room.pendingHandover->groupId, inboundGroup);
    QVERIFY(room.pendingHandover->userId.isEmpty());
    QVERIFY(!room.lastCustomerMessageAt.isValid()); // the message itself is applied next, as R9

    QCOMPARE(world.list(View::AwaitingHandover, kSupervisor), QStringList{room.id});
    for (const UserId &member : {kAna, kBen, kCid, kDee})
        QVERIFY(world.list(View::Mine, member).isEmpty());
    QCOMPARE(receivingUsers(out.events, everyone()), (QStringList{kAdmin, kSupervisor}));
    QVERIFY(notifiedUsers(out.events, everyone()).isEmpty());
}

void TestRulesCreation::derivedDisplayName_data()
{
    QTest::addColumn<QString>("crmId");
    QTest::addColumn<QString>("firstName");
    QTest::addColumn<QString>("lastName");
    QTest::addColumn<QString>("displayName");

    QTest::newRow("R16: crm_id, first name and last name are joined by single spaces")
        << QStringLiteral("CRM-1") << QStringLiteral("Asha") << QStringLiteral("Rao")
        << QStringLiteral("CRM-1 Asha Rao");
    QTest::newRow("R16: an empty first name is skipped")
        << QStringLiteral("CRM-1") << QString() << QStringLiteral("Rao") << QStringLiteral("CRM-1 Rao");
    QTest::newRow("R16: an empty last name is skipped")
        << QStringLiteral("CRM-1") << QStringLiteral("Asha") << QString() << QStringLiteral("CRM-1 Asha");
    QTest::newRow("R16: a contact with only a crm_id is named by it")
        << QStringLiteral("CRM-1") << QString() << QString() << QStringLiteral("CRM-1");
    QTest::newRow("R16: blank parts are skipped and runs of spaces become one")
        << QStringLiteral(" CRM-1 ") << QStringLiteral("   ") << QStringLiteral("de  la Cruz")
        << QStringLiteral("CRM-1 de la Cruz");
    QTest::newRow("R16: a contact with nothing to show has an empty derived name")
        << QString() << QString() << QString() << QString();
}

void TestRulesCreation::derivedDisplayName()
{
    QFETCH(QString, crmId);
    QFETCH(QString, firstName);
    QFETCH(QString, lastName);
    QFETCH(QString, displayName);

    Contact contact;
    contact.crmId = crmId;
    contact.firstName = firstName;
    contact.lastName = lastName;
    QCOMPARE(handover::derivedDisplayName(contact), displayName);
}

void TestRulesCreation::displayNameAtCreation_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<bool>("derived");

    QTest::newRow("R16: the display_name given at creation is used as it is")
        << QStringLiteral("VIP Asha") << QStringLiteral("VIP Asha") << false;
    QTest::newRow("R16: without a display_name the name is derived from the contact")
        << QString() << QStringLiteral("CRM-1 Asha Rao") << true;
    QTest::newRow("R16: a blank display_name counts as none and the name is derived")
        << QStringLiteral("   ") << QStringLiteral("CRM-1 Asha Rao") << true;
    QTest::newRow("R16: a given display_name loses its outer spaces")
        << QStringLiteral("  VIP Asha ") << QStringLiteral("VIP Asha") << false;
}

void TestRulesCreation::displayNameAtCreation()
{
    QFETCH(QString, given);
    QFETCH(QString, displayName);
    QFETCH(bool, derived);

    RuleWorld world;
    CreateChatroomRequest req = world.request(kAsha, kAna);
    req.displayName = given;
    const auto result = world.create(req);
    QVERIFY(result.ok());
    QCOMPARE(result->chatroom.displayName, displayName);
    QCOMPARE(result->chatroom.displayNameDerived, derived);
}

void TestRulesCreation::contactUpdate_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("newFirstName");
    QTest::addColumn<QString>("newLastName");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QStringList>("events");

    const QStringList updated = {QStringLiteral("chatroom.updated")};
    QTest::newRow("R16: updating the contact re-derives a derived name, with no bump")
        << QString() << QStringLiteral("Asha") << QStringLiteral("Menon")
        << QStringLiteral("CRM-1 Asha Menon") << updated;
    QTest::newRow("R16: clearing a name part re-derives the name without it")
        << QString() << QString() << QStringLiteral("Rao") << QStringLiteral("CRM-1 Rao") << updated;
    QTest::newRow("R16: a display_name given at creation survives contact updates")
        << QStringLiteral("VIP Asha") << QStringLiteral("Asha") << QStringLiteral("Menon")
        << QStringLiteral("VIP Asha") << QStringList();
    QTest::newRow("R16: an update that leaves the derived name as it was records nothing")
        << QString() << QStringLiteral("Asha") << QStringLiteral("Rao") << QStringLiteral("CRM-1 Asha Rao")
        << QStringList();
}

void TestRulesCreation::contactUpdate()
{
    QFETCH(QString, given);
    QFETCH(QString, newFirstName);
    QFETCH(QString, newLastName);
    QFETCH(QString, displayName);
    QFETCH(QStringList, events);

    RuleWorld world;
    CreateChatroomRequest req = world.request(kAsha, kAna);
    req.displayName = given;
    const auto made = world.create(req);
    QVERIFY(made.ok());
    world.clock.advanceSecs(60);
    const ChatroomId newer = world.open(kBo, kAna);
    world.clock.advanceSecs(60);
    const QStringList before = world.list(View::Mine, kAna);
    QCOMPARE(before, (QStringList{newer, made->chatroom.id}));

    Contact contact = world.contacts.value(kAsha);
    contact.firstName = newFirstName;
    contact.lastName = newLastName;
    const Chatroom room = world.chatroom(made->chatroom.id);
    const qint64 firstSeq = world.nextSeq;
    const Outcome out =
        world.decide([&](RuleContext &rules) { return applyContactUpdate(room, contact, rules); });
    world.keep(out);

    QCOMPARE(out.chatroom.displayName, displayName);
    QCOMPARE(traces(out.events), events);
    QCOMPARE(seqs(out.events), seqRange(firstSeq, events.size()));
    QCOMPARE(out.chatroom.sortKey, room.sortKey);
    QCOMPARE(world.list(View::Mine, kAna), before);
    QVERIFY(notifiedUsers(out.events, everyone()).isEmpty());
}

QTEST_GUILESS_MAIN(TestRulesCreation)
#include "tst_rules_creation.moc"
