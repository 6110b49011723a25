#include "tests/support/scenario.h"

#include <QtTest>

using namespace handover;
using namespace handover::testing;

// Creating chatrooms through the automation API against the real server: who participates (R1, R2), what
// creating again returns (R3), which WABA phone a chatroom goes on (R13), the first message of an unknown
// customer (R13b) and the chatroom's name (R16).
class TestScenarioCreation : public QObject
{
    Q_OBJECT

public:
    using Scene = void (TestScenarioCreation::*)();

private Q_SLOTS:
    void initTestCase();
    void streamWelcomes();
    void r1_data();
    void r1() { run(); }
    void r2_data();
    void r2() { run(); }
    void r3_data();
    void r3() { run(); }
    void r13_data();
    void r13() { run(); }
    void r13b_data();
    void r13b() { run(); }
    void r16Names_data();
    void r16Names();
    void r16Update_data();
    void r16Update() { run(); }

private:
    void run();
    void addScene(const char *name, Scene scene);

    // R1
    void createdWithUser() { createdWithAgent(false, false); }
    void createdWithGroup() { createdWithAgent(true, false); }
    void createdWithExplicitFalse() { createdWithAgent(false, true); }
    void createdWithAgent(bool byGroup, bool explicitFlag);
    // R2
    void deferredToUser() { deferred(false); }
    void deferredToGroup() { deferred(true); }
    void deferred(bool toGroup);
    void deferOnlyAtCreation();
    // R3
    void againWithAnotherUser() { createAgain(false, QJsonObject{{QStringLiteral("user_id"), s.bob.id}}); }
    void againWithHandoverFlag()
    {
        createAgain(false, QJsonObject{{QStringLiteral("user_id"), s.bob.id},
                                       {QStringLiteral("assign_on_handover"), true}});
    }
    void againKeepsPendingUser() { createAgain(true, QJsonObject{{QStringLiteral("user_id"), s.bob.id}}); }
    void againKeepsPendingGroup()
    {
        createAgain(true, QJsonObject{{QStringLiteral("group_id"), s.groupId},
                                      {QStringLiteral("assign_on_handover"), true}});
    }
    void createAgain(bool pendingFirst, const QJsonObject &second);
    void deactivatedIsNotReused();
    void otherPhoneIsNotLookedAt();
    // R13
    void defaultPhoneIsLowest();
    void otherContactConflicts();
    void nextFreePhone();
    void everyPhoneTaken();
    void firstFreeInOrder();
    void ownChatroomCountsAsTaken();
    void oneActivePerPhonePair();
    // R13b
    void inboundHandsOverToGroup();
    void inboundWithoutGroupWaits();
    void inboundKnownContact();
    void inboundOnOtherPhone();
    // R16
    void updateRederives();
    void updateKeepsGiven();
    void updateNewCrmId();
    void updateClearsPart();

    QJsonObject createdWith(const QString &contactId, const QJsonObject &body, int status);
    const ScenarioUser &userById(const QString &id) const;

    Scenario s;
    bool m_streamsUp = false;
    QByteArray m_streamError;
};

Q_DECLARE_METATYPE(TestScenarioCreation::Scene)

void TestScenarioCreation::initTestCase()
{
    QVERIFY2(s.start(), s.why());
    // Rows check the consoles' side through these streams; if they cannot open, streamWelcomes() says why and
    // every row still checks the HTTP side up to its first stream assertion.
    m_streamsUp = s.openStreams();
    m_streamError = s.why();
}

void TestScenarioCreation::streamWelcomes()
{
    QVERIFY2(m_streamsUp, m_streamError.constData());
}

void TestScenarioCreation::addScene(const char *name, Scene scene)
{
    QTest::newRow(name) << scene;
}

void TestScenarioCreation::run()
{
    QFETCH(Scene, scene);
    (this->*scene)();
}

const ScenarioUser &TestScenarioCreation::userById(const QString &id) const
{
    for (const ScenarioUser *user : {&s.alice, &s.bob, &s.carol, &s.supervisor}) {
        if (user->id == id)
            return *user;
    }
    return s.admin;
}

QJsonObject TestScenarioCreation::createdWith(const QString &contactId, const QJsonObject &body, int status)
{
    const HttpResult result = s.createChatroomRaw(contactId, body);
    if (result.status != status) {
        qWarning("create answered %d, expected %d: %s", result.status, status, result.body.constData());
        return {};
    }
    return result.json();
}

// ---- R1

void TestScenarioCreation::r1_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R1: created with a user, the user is a participant, at the top of their list, and notified",
             &TestScenarioCreation::createdWithUser);
    addScene("R1: created with a group, the picked member is a participant, at the top of their list, and "
             "notified",
             &TestScenarioCreation::createdWithGroup);
    addScene("R1: assign_on_handover false given explicitly is the same as the default",
             &TestScenarioCreation::createdWithExplicitFalse);
}

void TestScenarioCreation::createdWithAgent(bool byGroup, bool explicitFlag)
{
    // Give the agents an older chatroom first, so "at the top" means the new one moved above something.
    QVERIFY2(!s.newChatroom(QJsonObject{{QStringLiteral("user_id"), s.alice.id}}).isEmpty(), s.why());
    QVERIFY2(!s.newChatroom(QJsonObject{{QStringLiteral("group_id"), s.groupId}}).isEmpty(), s.why());
    QHash<QString, qsizetype> from;
    for (const ScenarioUser *user : {&s.alice, &s.bob, &s.carol, &s.supervisor})
        from.insert(user->id, s.mark(*user));

    QJsonObject body = byGroup ? QJsonObject{{QStringLiteral("group_id"), s.groupId}}
                               : QJsonObject{{QStringLiteral("user_id"), s.alice.id}};
    if (explicitFlag)
        body.insert(QStringLiteral("assign_on_handover"), false);
    const QString contactId = s.newContact();
    const QJsonObject room = createdWith(contactId, body, 201);
    QVERIFY(!room.isEmpty());
    const QString id = field(room, "id");
    QCOMPARE(room.value(QLatin1String("pending_handover")).type(), QJsonValue::Null);
    const QStringList participants = participantsOf(room);
    QCOMPARE(participants.size(), 1);
    if (byGroup)
        QVERIFY2(participants.first() == s.bob.id || participants.first() == s.carol.id,
                 "not a member of the group");
    else
        QCOMPARE(participants.first(), s.alice.id);
    const ScenarioUser &agent = userById(participants.first());

    QCOMPARE(s.listOrder(QStringLiteral("mine"), agent.token).value(0), id);
    QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token).value(0), id);
    QCOMPARE(s.chatroom(id, agent.token).value(QLatin1String("unread_count")).toInt(), 0);

    // The agent's console is told: the chatroom is assigned to them, it bumps, and it notifies.
    const auto assigned = s.stream(agent).waitForEvent(
        [&](const Event &e) { return e.kind == EventKind::ChatroomAssigned && e.chatroom.id == id; }, 10000,
        from.value(agent.id));
    QVERIFY2(assigned, "the agent's stream never got chatroom.assigned");
    QCOMPARE(assigned->userId, agent.id);
    QCOMPARE(assigned->reason, QStringLiteral("created"));
    QVERIFY(assigned->bumped);
    QVERIFY(eventNotifies(*assigned, agent.id));
    QCOMPARE(bumpSeqOf(s.chatroom(id)), assigned->seq);

    // The other members hear nothing of it.
    QVERIFY2(s.syncStreams(), s.why());
    for (const ScenarioUser *other : {&s.alice, &s.bob, &s.carol}) {
        if (other->id != agent.id)
            QVERIFY2(s.stream(*other).eventsOf(id, from.value(other->id)).isEmpty(),
                     qPrintable(other->email));
    }
}

// ---- R2

void TestScenarioCreation::r2_data()
{
    QTest::addColumn<Scene>("scene");
    addScene(
        "R2: assign_on_handover with a user: no participant, pending for the user, in nobody's list, top of "
        "Awaiting handover",
        &TestScenarioCreation::deferredToUser);
    addScene("R2: assign_on_handover with a group: no participant, pending for the group, in nobody's list, "
             "top of "
             "Awaiting handover",
             &TestScenarioCreation::deferredToGroup);
    addScene(
        "R2: participation can only be deferred at creation: a later create with assign_on_handover changes "
        "nothing",
        &TestScenarioCreation::deferOnlyAtCreation);
}

void TestScenarioCreation::deferred(bool toGroup)
{
    QHash<QString, QStringList> mineBefore;
    QHash<QString, qsizetype> from;
    for (const ScenarioUser *user : {&s.alice, &s.bob, &s.carol}) {
        mineBefore.insert(user->id, s.listOrder(QStringLiteral("mine"), user->token));
        from.insert(user->id, s.mark(*user));
    }
    const qsizetype supervisorFrom = s.mark(s.supervisor);

    const QJsonObject body = toGroup ? QJsonObject{{QStringLiteral("group_id"), s.groupId},
                                                   {QStringLiteral("assign_on_handover"), true}}
                                     : QJsonObject{{QStringLiteral("user_id"), s.alice.id},
                                                   {QStringLiteral("assign_on_handover"), true}};
    const QJsonObject room = createdWith(s.newContact(), body, 201);
    QVERIFY(!room.isEmpty());
    const QString id = field(room, "id");
    QVERIFY(participantsOf(room).isEmpty());
    const QJsonObject pending = objectField(room, "pending_handover");
    QVERIFY2(!pending.isEmpty(), "no pending_handover");
    if (toGroup) {
        QCOMPARE(pending.value(QLatin1String("group_id")).toString(), s.groupId);
        QCOMPARE(pending.value(QLatin1String("user_id")).type(), QJsonValue::Null);
    } else {
        QCOMPARE(pending.value(QLatin1String("user_id")).toString(), s.alice.id);
        QCOMPARE(pending.value(QLatin1String("group_id")).type(), QJsonValue::Null);
    }
    QVERIFY(!field(pending, "requested_at").isEmpty());

    // Supervisors see it at the top of Awaiting handover (and of All).
    QCOMPARE(s.listOrder(QStringLiteral("awaiting_handover"), s.supervisor.token).value(0), id);
    QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token).value(0), id);
    QVERIFY(
        s.stream(s.supervisor)
            .waitForEvent(
                [&](const Event &e) { return e.kind == EventKind::ChatroomCreated && e.chatroom.id == id; },
                10000, supervisorFrom));

    // No agent's list has it or moved; no agent heard of it or was notified.
    QVERIFY2(s.syncStreams(), s.why());
    for (const ScenarioUser *user : {&s.alice, &s.bob, &s.carol}) {
        QCOMPARE(s.listOrder(QStringLiteral("mine"), user->token), mineBefore.value(user->id));
        QVERIFY2(s.stream(*user).eventsOf(id, from.value(user->id)).isEmpty(), qPrintable(user->email));
        const QList<Event> &events = s.stream(*user).events();
        for (qsizetype i = from.value(user->id); i < events.size(); ++i)
            QVERIFY2(!eventNotifies(events.at(i), user->id), qPrintable(user->email));
    }
    // A member cannot open it either.
    const HttpResult opened =
        s.as(s.alice).get(QStringLiteral("/v1/orgs/%1/chatrooms/%2").arg(s.orgId(), id));
    QCOMPARE(opened.status, 403);
}

void TestScenarioCreation::deferOnlyAtCreation()
{
    const QString contactId = s.newContact();
    const QJsonObject first =
        createdWith(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}}, 201);
    QVERIFY(!first.isEmpty());
    const QJsonObject again = createdWith(
        contactId,
        QJsonObject{{QStringLiteral("user_id"), s.alice.id}, {QStringLiteral("assign_on_handover"), true}},
        200);
    QVERIFY(!again.isEmpty());
    QCOMPARE(field(again, "id"), field(first, "id"));
    QCOMPARE(participantsOf(again), QStringList{s.alice.id});
    QCOMPARE(again.value(QLatin1String("pending_handover")).type(), QJsonValue::Null);
    QCOMPARE(participantsOf(s.chatroom(field(first, "id"))), QStringList{s.alice.id});
}

// ---- R3

void TestScenarioCreation::r3_data()
{
    QTest::addColumn<Scene>("scene");
    addScene(
        "R3: create again for the same contact and phone returns the chatroom unchanged (200), not bob's",
        &TestScenarioCreation::againWithAnotherUser);
    addScene("R3: create again with assign_on_handover returns it unchanged: the participant stays",
             &TestScenarioCreation::againWithHandoverFlag);
    addScene("R3: create again without assign_on_handover leaves the pending handover as it was",
             &TestScenarioCreation::againKeepsPendingUser);
    addScene("R3: create again with a group leaves the pending handover as it was",
             &TestScenarioCreation::againKeepsPendingGroup);
    addScene("R3: a deactivated chatroom is not returned: create opens a new one (201)",
             &TestScenarioCreation::deactivatedIsNotReused);
    addScene("R3: only the requested WABA phone counts: create on the other phone opens a chatroom there",
             &TestScenarioCreation::otherPhoneIsNotLookedAt);
}

void TestScenarioCreation::createAgain(bool pendingFirst, const QJsonObject &second)
{
    const QString contactId = s.newContact();
    QJsonObject firstBody{{QStringLiteral("user_id"), s.alice.id}};
    if (pendingFirst)
        firstBody.insert(QStringLiteral("assign_on_handover"), true);
    const QJsonObject first = createdWith(contactId, firstBody, 201);
    QVERIFY(!first.isEmpty());
    const QString id = field(first, "id");
    // Another chatroom above it in every list, so a bump would show.
    QVERIFY2(!s.newChatroom(firstBody).isEmpty(), s.why());

    const QJsonObject before = s.chatroom(id);
    const QStringList aliceBefore = s.listOrder(QStringLiteral("mine"), s.alice.token);
    const QStringList bobBefore = s.listOrder(QStringLiteral("mine"), s.bob.token);
    const QStringList awaitingBefore = s.listOrder(QStringLiteral("awaiting_handover"));
    const QStringList allBefore = s.listOrder(QStringLiteral("all"));
    QHash<QString, qsizetype> from;
    for (const ScenarioUser *user : {&s.alice, &s.bob, &s.carol, &s.supervisor})
        from.insert(user->id, s.mark(*user));

    const QJsonObject again = createdWith(contactId, second, 200);
    QVERIFY(!again.isEmpty());
    QCOMPARE(field(again, "id"), id);
    QCOMPARE(again, before);
    QCOMPARE(s.chatroom(id), before);
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token), aliceBefore);
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.bob.token), bobBefore);
    QCOMPARE(s.listOrder(QStringLiteral("awaiting_handover")), awaitingBefore);
    QCOMPARE(s.listOrder(QStringLiteral("all")), allBefore);
    // Nothing happened to it: no event anywhere.
    QVERIFY2(s.syncStreams(), s.why());
    for (const ScenarioUser *user : {&s.alice, &s.bob, &s.carol, &s.supervisor})
        QVERIFY2(s.stream(*user).eventsOf(id, from.value(user->id)).isEmpty(), qPrintable(user->email));
}

void TestScenarioCreation::deactivatedIsNotReused()
{
    const QString contactId = s.newContact();
    const QJsonObject first =
        createdWith(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}}, 201);
    QVERIFY(!first.isEmpty());
    const HttpResult off =
        s.as(s.supervisor)
            .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/deactivate").arg(s.orgId(), field(first, "id")),
                  {});
    QCOMPARE(off.status, 200);
    const QJsonObject second =
        createdWith(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}}, 201);
    QVERIFY(!second.isEmpty());
    QVERIFY(field(second, "id") != field(first, "id"));
    QCOMPARE(field(second, "state"), QStringLiteral("active"));
    QCOMPARE(field(s.chatroom(field(first, "id")), "state"), QStringLiteral("deactivated"));
}

void TestScenarioCreation::otherPhoneIsNotLookedAt()
{
    const QString contactId = s.newContact();
    const QJsonObject onA = createdWith(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}}, 201);
    QVERIFY(!onA.isEmpty());
    QCOMPARE(field(onA, "remote_phone_id"), Scenario::kPhoneA);
    const QJsonObject onB = createdWith(contactId,
                                        QJsonObject{{QStringLiteral("user_id"), s.alice.id},
                                                    {QStringLiteral("remote_phone_id"), Scenario::kPhoneB}},
                                        201);
    QVERIFY(!onB.isEmpty());
    QVERIFY(field(onB, "id") != field(onA, "id"));
    QCOMPARE(field(onB, "remote_phone_id"), Scenario::kPhoneB);
    QCOMPARE(field(onB, "remote_waba_id"), Scenario::kWabaB);
    const QJsonObject againOnB =
        createdWith(contactId,
                    QJsonObject{{QStringLiteral("user_id"), s.alice.id},
                                {QStringLiteral("remote_phone_id"), Scenario::kPhoneB}},
                    200);
    QCOMPARE(field(againOnB, "id"), field(onB, "id"));
    QCOMPARE(field(s.chatroom(field(onA, "id")), "state"), QStringLiteral("active"));
}

// ---- R13

void TestScenarioCreation::r13_data()
{
    QTest::addColumn<Scene>("scene");
    addScene(
        "R13: without a WABA phone the chatroom goes on the org's first, the lowest remote_phone_id by value",
        &TestScenarioCreation::defaultPhoneIsLowest);
    addScene(
        "R13: another contact's active chatroom of the phone on the requested WABA phone is 409 by default",
        &TestScenarioCreation::otherContactConflicts);
    addScene(
        "R13: with fail_if_chatroom_exists_on_other_wabaphone false the chatroom goes on the next free phone",
        &TestScenarioCreation::nextFreePhone);
    addScene("R13: with the flag false and every WABA phone taken it is 409",
             &TestScenarioCreation::everyPhoneTaken);
    addScene("R13: with the flag false the first free phone in remote_phone_id order is used",
             &TestScenarioCreation::firstFreeInOrder);
    addScene("R13: with the flag false a phone holding the contact's own chatroom counts as taken",
             &TestScenarioCreation::ownChatroomCountsAsTaken);
    addScene("R13: at most one active chatroom per customer phone and WABA phone, always",
             &TestScenarioCreation::oneActivePerPhonePair);
}

void TestScenarioCreation::defaultPhoneIsLowest()
{
    const QJsonObject room =
        createdWith(s.newContact(), QJsonObject{{QStringLiteral("user_id"), s.alice.id}}, 201);
    QVERIFY(!room.isEmpty());
    QCOMPARE(field(room, "remote_phone_id"), Scenario::kPhoneA);
    QCOMPARE(field(room, "remote_waba_id"), Scenario::kWabaA);
}

void TestScenarioCreation::otherContactConflicts()
{
    const QString phone = s.newPhone();
    const QString first = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QString second = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    QVERIFY(!createdWith(first, QJsonObject{{QStringLiteral("user_id"), s.alice.id}}, 201).isEmpty());
    for (const QJsonObject &body :
         {QJsonObject{{QStringLiteral("user_id"), s.bob.id}},
          QJsonObject{{QStringLiteral("user_id"), s.bob.id},
                      {QStringLiteral("fail_if_chatroom_exists_on_other_wabaphone"), true}},
          QJsonObject{{QStringLiteral("user_id"), s.bob.id},
                      {QStringLiteral("remote_phone_id"), Scenario::kPhoneA}}}) {
        const HttpResult refused = s.createChatroomRaw(second, body);
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.errorCode(), 4090001);
        QCOMPARE(refused.string(QStringLiteral("error_message")), QStringLiteral("UQ_CONSTRAINT_FAILED"));
    }
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.bob.token).contains(s.activeChatroomOf(phone)), false);
}

void TestScenarioCreation::nextFreePhone()
{
    const QString phone = s.newPhone();
    const QString first = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QString second = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QJsonObject onA = createdWith(first, QJsonObject{{QStringLiteral("user_id"), s.alice.id}}, 201);
    QCOMPARE(field(onA, "remote_phone_id"), Scenario::kPhoneA);
    const QJsonObject onB =
        createdWith(second,
                    QJsonObject{{QStringLiteral("user_id"), s.bob.id},
                                {QStringLiteral("fail_if_chatroom_exists_on_other_wabaphone"), false}},
                    201);
    QVERIFY(!onB.isEmpty());
    QCOMPARE(field(onB, "remote_phone_id"), Scenario::kPhoneB);
    QCOMPARE(field(onB, "contact_id"), second);
    QCOMPARE(participantsOf(onB), QStringList{s.bob.id});
    QCOMPARE(field(s.chatroom(field(onA, "id")), "state"), QStringLiteral("active"));
}

void TestScenarioCreation::everyPhoneTaken()
{
    const QString phone = s.newPhone();
    const QString first = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QString second = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QString third = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QJsonObject flagFalse{{QStringLiteral("user_id"), s.alice.id},
                                {QStringLiteral("fail_if_chatroom_exists_on_other_wabaphone"), false}};
    QCOMPARE(field(createdWith(first, flagFalse, 201), "remote_phone_id"), Scenario::kPhoneA);
    QCOMPARE(field(createdWith(second, flagFalse, 201), "remote_phone_id"), Scenario::kPhoneB);
    const HttpResult refused = s.createChatroomRaw(third, flagFalse);
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), 4090001);
}

void TestScenarioCreation::firstFreeInOrder()
{
    const QString phone = s.newPhone();
    const QString first = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QString second = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QJsonObject onB = createdWith(first,
                                        QJsonObject{{QStringLiteral("user_id"), s.alice.id},
                                                    {QStringLiteral("remote_phone_id"), Scenario::kPhoneB}},
                                        201);
    QCOMPARE(field(onB, "remote_phone_id"), Scenario::kPhoneB);
    // B is asked for and taken; A, first in order, is free.
    const QJsonObject onA =
        createdWith(second,
                    QJsonObject{{QStringLiteral("user_id"), s.alice.id},
                                {QStringLiteral("remote_phone_id"), Scenario::kPhoneB},
                                {QStringLiteral("fail_if_chatroom_exists_on_other_wabaphone"), false}},
                    201);
    QVERIFY(!onA.isEmpty());
    QCOMPARE(field(onA, "remote_phone_id"), Scenario::kPhoneA);
}

void TestScenarioCreation::ownChatroomCountsAsTaken()
{
    const QString phone = s.newPhone();
    const QString first = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QString second = s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone}});
    const QJsonObject flagFalse{{QStringLiteral("user_id"), s.alice.id},
                                {QStringLiteral("fail_if_chatroom_exists_on_other_wabaphone"), false}};
    QCOMPARE(field(createdWith(first, flagFalse, 201), "remote_phone_id"), Scenario::kPhoneA);
    QCOMPARE(field(createdWith(second, flagFalse, 201), "remote_phone_id"), Scenario::kPhoneB);
    QJsonObject onB = flagFalse;
    onB.insert(QStringLiteral("remote_phone_id"), Scenario::kPhoneB);
    const HttpResult refused = s.createChatroomRaw(first, onB);
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), 4090001);
}

void TestScenarioCreation::oneActivePerPhonePair()
{
    QSet<QString> seen;
    for (const QJsonValue &value : s.listRows(QStringLiteral("all"))) {
        const QJsonObject row = value.toObject();
        if (field(row, "state") != QLatin1String("active"))
            continue;
        const QString pair = field(row, "phone_number") + QLatin1Char('@') + field(row, "remote_phone_id");
        QVERIFY2(!seen.contains(pair), qPrintable(QStringLiteral("two active chatrooms for ") + pair));
        seen.insert(pair);
    }
    QVERIFY(seen.size() > 10);
}

// ---- R13b

void TestScenarioCreation::r13b_data()
{
    QTest::addColumn<Scene>("scene");
    addScene(
        "R13b: a first message from an unknown phone creates an inbound contact and a chatroom handed over "
        "at once to the inbound group",
        &TestScenarioCreation::inboundHandsOverToGroup);
    addScene("R13b: without an inbound group the chatroom waits in Awaiting handover and messages do not "
             "hand it over",
             &TestScenarioCreation::inboundWithoutGroupWaits);
    addScene(
        "R13b: a message from a known contact's phone with no active chatroom opens one for that contact",
        &TestScenarioCreation::inboundKnownContact);
    addScene("R13b: a message to the other WABA phone opens a chatroom there and leaves the first one alone",
             &TestScenarioCreation::inboundOnOtherPhone);
}

void TestScenarioCreation::inboundHandsOverToGroup()
{
    QVERIFY2(s.putSettings(QJsonObject{{QStringLiteral("inbound_group_id"), s.groupId}}), s.why());
    const qsizetype bobFrom = s.mark(s.bob);
    const qsizetype carolFrom = s.mark(s.carol);
    const QString phone = s.newPhone();
    QVERIFY2(s.customerWrites(phone, QStringLiteral("Hello, is anyone there?"), Scenario::kPhoneA,
                              QStringLiteral("Meera  Devi Nair")),
             s.why());

    const QString id = s.activeChatroomOf(phone);
    QVERIFY2(!id.isEmpty(), s.why());
    const QJsonObject room = s.chatroom(id);
    const QJsonObject contact = s.contact(field(room, "contact_id"));
    QCOMPARE(contact.value(QLatin1String("is_inbound")).toBool(), true);
    QCOMPARE(field(contact, "crm_id"), phone);
    QCOMPARE(field(contact, "phone_number"), phone);
    QCOMPARE(field(contact, "first_name"), QStringLiteral("Meera"));
    QCOMPARE(field(contact, "last_name"), QStringLiteral("Devi Nair"));
    QCOMPARE(field(contact, "source"), QStringLiteral("whatsapp"));
    QCOMPARE(field(room, "display_name"), phone + QStringLiteral(" Meera Devi Nair")); // R16

    // Handed over at once: the message is a trigger and the group is set.
    QCOMPARE(room.value(QLatin1String("pending_handover")).type(), QJsonValue::Null);
    const QStringList participants = participantsOf(room);
    QCOMPARE(participants.size(), 1);
    QVERIFY2(participants.first() == s.bob.id || participants.first() == s.carol.id,
             "not a member of the group");
    const ScenarioUser &agent = participants.first() == s.bob.id ? s.bob : s.carol;
    QVERIFY(!field(room, "window_expires_at").isEmpty());

    const QJsonArray messages = s.messages(id);
    QCOMPARE(messages.size(), 2);
    const QJsonObject text = messages.at(0).toObject();
    QCOMPARE(field(text, "kind"), QStringLiteral("text"));
    QCOMPARE(field(text, "direction"), QStringLiteral("in"));
    QCOMPARE(field(objectField(text, "sender"), "type"), QStringLiteral("customer"));
    QCOMPARE(field(text, "text"), QStringLiteral("Hello, is anyone there?"));
    const QJsonObject note = messages.at(1).toObject();
    QCOMPARE(field(note, "kind"), QStringLiteral("system"));
    QCOMPARE(field(note, "text"), QStringLiteral("free_flow"));
    QCOMPARE(field(objectField(note, "sender"), "user_id"), agent.id);

    QCOMPARE(s.listOrder(QStringLiteral("mine"), agent.token).value(0), id);
    QCOMPARE(s.chatroom(id, agent.token).value(QLatin1String("unread_count")).toInt(), 1);
    const auto assigned = s.stream(agent).waitForEvent(
        [&](const Event &e) { return e.kind == EventKind::ChatroomAssigned && e.chatroom.id == id; }, 10000,
        agent.id == s.bob.id ? bobFrom : carolFrom);
    QVERIFY2(assigned, "the agent's stream never got chatroom.assigned");
    QCOMPARE(assigned->reason, QStringLiteral("handover:free_flow"));
    QVERIFY(eventNotifies(*assigned, agent.id));
}

void TestScenarioCreation::inboundWithoutGroupWaits()
{
    QVERIFY2(s.putSettings(QJsonObject{}), s.why());
    const QString phone = s.newPhone();
    QVERIFY2(s.customerWrites(phone, QStringLiteral("Hi")), s.why());
    const QString id = s.activeChatroomOf(phone);
    QVERIFY2(!id.isEmpty(), s.why());
    QJsonObject room = s.chatroom(id);
    QVERIFY(participantsOf(room).isEmpty());
    const QJsonObject pending = objectField(room, "pending_handover");
    QVERIFY2(!pending.isEmpty(), "no pending_handover");
    QCOMPARE(pending.value(QLatin1String("user_id")).type(), QJsonValue::Null);
    QCOMPARE(pending.value(QLatin1String("group_id")).type(), QJsonValue::Null);
    QCOMPARE(s.listOrder(QStringLiteral("awaiting_handover"), s.supervisor.token).value(0), id);

    // Another message bumps it but hands nothing over.
    QVERIFY2(s.customerWrites(phone, QStringLiteral("Hello?")), s.why());
    room = s.chatroom(id);
    QVERIFY(participantsOf(room).isEmpty());
    QVERIFY(!objectField(room, "pending_handover").isEmpty());
    QCOMPARE(s.messages(id).size(), 2);

    // A supervisor gives it to someone (R11).
    const HttpResult reassigned =
        s.as(s.supervisor)
            .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/reassign").arg(s.orgId(), id),
                  QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    QCOMPARE(reassigned.status, 200);
    QCOMPARE(participantsOf(reassigned.json()), QStringList{s.alice.id});
    QCOMPARE(reassigned.json().value(QLatin1String("pending_handover")).type(), QJsonValue::Null);
    QVERIFY(!s.listOrder(QStringLiteral("awaiting_handover")).contains(id));
}

void TestScenarioCreation::inboundKnownContact()
{
    QVERIFY2(s.putSettings(QJsonObject{{QStringLiteral("inbound_group_id"), s.groupId}}), s.why());
    const QString phone = s.newPhone();
    const QString contactId =
        s.newContact(QJsonObject{{QStringLiteral("phone_number"), phone},
                                 {QStringLiteral("crm_id"), QStringLiteral("KNOWN-1")},
                                 {QStringLiteral("first_name"), QStringLiteral("Ravi")},
                                 {QStringLiteral("last_name"), QStringLiteral("Kumar")}});
    QVERIFY2(s.customerWrites(phone, QStringLiteral("I have a question"), Scenario::kPhoneA,
                              QStringLiteral("Someone Else")),
             s.why());
    const QString id = s.activeChatroomOf(phone);
    QVERIFY2(!id.isEmpty(), s.why());
    const QJsonObject room = s.chatroom(id);
    QCOMPARE(field(room, "contact_id"), contactId);
    QCOMPARE(field(room, "display_name"), QStringLiteral("KNOWN-1 Ravi Kumar"));
    const QJsonObject contact = s.contact(contactId);
    QCOMPARE(contact.value(QLatin1String("is_inbound")).toBool(), false);
    QCOMPARE(field(contact, "first_name"), QStringLiteral("Ravi"));
    QCOMPARE(participantsOf(room).size(), 1);
}

void TestScenarioCreation::inboundOnOtherPhone()
{
    const QString contactId = s.newContact();
    const QString onA = s.createChatroom(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    QVERIFY2(!onA.isEmpty(), s.why());
    const QJsonObject before = s.chatroom(onA);
    const QString phone = field(before, "phone_number");
    QVERIFY2(s.customerWrites(phone, QStringLiteral("Writing to your other number"), Scenario::kPhoneB),
             s.why());
    const QString onB = s.activeChatroomOf(phone, Scenario::kPhoneB);
    QVERIFY2(!onB.isEmpty(), s.why());
    QVERIFY(onB != onA);
    QCOMPARE(field(s.chatroom(onB), "contact_id"), contactId);
    QCOMPARE(s.chatroom(onA), before);
    QCOMPARE(s.messages(onA).size(), 0);
}

// ---- R16

void TestScenarioCreation::r16Names_data()
{
    QTest::addColumn<QString>("firstName");
    QTest::addColumn<QString>("lastName");
    QTest::addColumn<QJsonValue>("displayName");
    QTest::addColumn<QString>("expected"); // {crm} stands for the contact's crm_id

    QTest::newRow("R16: the display_name given at creation is used")
        << QStringLiteral("Asha") << QStringLiteral("Rao") << QJsonValue(QStringLiteral("VIP: order 1042"))
        << QStringLiteral("VIP: order 1042");
    QTest::newRow("R16: otherwise crm_id, first and last name joined by single spaces")
        << QStringLiteral("Asha") << QStringLiteral("Rao") << QJsonValue()
        << QStringLiteral("{crm} Asha Rao");
    QTest::newRow("R16: an empty last name is skipped")
        << QStringLiteral("Asha") << QString() << QJsonValue() << QStringLiteral("{crm} Asha");
    QTest::newRow("R16: an empty first name is skipped")
        << QString() << QStringLiteral("Rao") << QJsonValue() << QStringLiteral("{crm} Rao");
    QTest::newRow("R16: with no names the name is the crm_id")
        << QString() << QString() << QJsonValue() << QStringLiteral("{crm}");
    QTest::newRow("R16: repeated white space inside a name part is cleaned")
        << QStringLiteral("Mary   Ann") << QStringLiteral("  de   Souza ") << QJsonValue()
        << QStringLiteral("{crm} Mary Ann de Souza");
    QTest::newRow("R16: an empty display_name counts as not given")
        << QStringLiteral("Asha") << QStringLiteral("Rao") << QJsonValue(QString())
        << QStringLiteral("{crm} Asha Rao");
}

void TestScenarioCreation::r16Names()
{
    QFETCH(QString, firstName);
    QFETCH(QString, lastName);
    QFETCH(QJsonValue, displayName);
    QFETCH(QString, expected);
    static int row = 0;
    const QString crm = QStringLiteral("N-%1").arg(++row);
    const QString contactId = s.newContact(QJsonObject{{QStringLiteral("crm_id"), crm},
                                                       {QStringLiteral("first_name"), firstName},
                                                       {QStringLiteral("last_name"), lastName}});
    QVERIFY2(!contactId.isEmpty(), s.why());
    QJsonObject body{{QStringLiteral("user_id"), s.alice.id}};
    if (!displayName.isUndefined() && !displayName.isNull())
        body.insert(QStringLiteral("display_name"), displayName);
    const QJsonObject room = createdWith(contactId, body, 201);
    QVERIFY(!room.isEmpty());
    expected.replace(QStringLiteral("{crm}"), crm);
    QCOMPARE(field(room, "display_name"), expected);
    QCOMPARE(field(s.chatroom(field(room, "id")), "display_name"), expected);
}

void TestScenarioCreation::r16Update_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R16: updating the contact re-derives a derived chatroom name, and consoles get it",
             &TestScenarioCreation::updateRederives);
    addScene("R16: updating the contact keeps a display_name given at creation",
             &TestScenarioCreation::updateKeepsGiven);
    addScene("R16: a changed crm_id is part of the re-derived name", &TestScenarioCreation::updateNewCrmId);
    addScene("R16: a name part cleared in the contact drops out of the re-derived name",
             &TestScenarioCreation::updateClearsPart);
}

void TestScenarioCreation::updateRederives()
{
    const QString contactId = s.newContact(QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("U-1")}});
    const QString id = s.createChatroom(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    QVERIFY2(!id.isEmpty(), s.why());
    QCOMPARE(field(s.chatroom(id), "display_name"), QStringLiteral("U-1 Asha Rao"));
    // The contact's chatroom on the other WABA phone follows too.
    const QString other =
        s.createChatroom(contactId, QJsonObject{{QStringLiteral("user_id"), s.bob.id},
                                                {QStringLiteral("remote_phone_id"), Scenario::kPhoneB}});
    QVERIFY2(!other.isEmpty(), s.why());
    const qsizetype aliceFrom = s.mark(s.alice);
    const qsizetype supervisorFrom = s.mark(s.supervisor);
    const HttpResult updated =
        s.api().put(QStringLiteral("/v1/orgs/%1/contact/%2").arg(s.orgId(), contactId),
                    QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("U-1")},
                                {QStringLiteral("first_name"), QStringLiteral("Asha")},
                                {QStringLiteral("last_name"), QStringLiteral("Iyer")}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(field(updated.json(), "last_name"), QStringLiteral("Iyer"));
    QCOMPARE(field(s.chatroom(id), "display_name"), QStringLiteral("U-1 Asha Iyer"));
    QCOMPARE(field(s.chatroom(other), "display_name"), QStringLiteral("U-1 Asha Iyer"));
    for (const auto &[user, from] :
         {std::pair{&s.alice, aliceFrom}, std::pair{&s.supervisor, supervisorFrom}}) {
        const auto renamed = s.stream(*user).waitForEvent(
            [&](const Event &e) {
                return e.chatroom.id == id && e.chatroom.displayName == QLatin1String("U-1 Asha Iyer");
            },
            10000, from);
        QVERIFY2(renamed, qPrintable(user->email + QStringLiteral(" never heard of the new name")));
        QCOMPARE(renamed->kind, EventKind::ChatroomUpdated);
    }
    QVERIFY(s.stream(s.supervisor)
                .waitForEvent(
                    [&](const Event &e) {
                        return e.chatroom.id == other &&
                               e.chatroom.displayName == QLatin1String("U-1 Asha Iyer");
                    },
                    10000, supervisorFrom));
    QVERIFY2(s.stream(s.supervisor).violations().isEmpty(),
             qPrintable(s.stream(s.supervisor).violations().join(u'\n')));
}

void TestScenarioCreation::updateKeepsGiven()
{
    const QString contactId = s.newContact(QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("U-2")}});
    const QString id = s.createChatroom(
        contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id},
                               {QStringLiteral("display_name"), QStringLiteral("Key account")}});
    QVERIFY2(!id.isEmpty(), s.why());
    const HttpResult updated =
        s.api().put(QStringLiteral("/v1/orgs/%1/contact/%2").arg(s.orgId(), contactId),
                    QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("U-2b")},
                                {QStringLiteral("first_name"), QStringLiteral("Zed")}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(field(s.chatroom(id), "display_name"), QStringLiteral("Key account"));
}

void TestScenarioCreation::updateNewCrmId()
{
    const QString contactId = s.newContact(QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("U-3")}});
    const QString id = s.createChatroom(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    QVERIFY2(!id.isEmpty(), s.why());
    const HttpResult updated =
        s.api().put(QStringLiteral("/v1/orgs/%1/contact/%2").arg(s.orgId(), contactId),
                    QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("U-3-NEW")}});
    QCOMPARE(updated.status, 200);
    // Names left out keep their values.
    QCOMPARE(field(s.chatroom(id), "display_name"), QStringLiteral("U-3-NEW Asha Rao"));
}

void TestScenarioCreation::updateClearsPart()
{
    const QString contactId = s.newContact(QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("U-4")}});
    const QString id = s.createChatroom(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    QVERIFY2(!id.isEmpty(), s.why());
    const HttpResult updated = s.api().put(QStringLiteral("/v1/orgs/%1/contact/%2").arg(s.orgId(), contactId),
                                           QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("U-4")},
                                                       {QStringLiteral("first_name"), QString()}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(field(s.chatroom(id), "display_name"), QStringLiteral("U-4 Rao"));
}

QTEST_GUILESS_MAIN(TestScenarioCreation)
#include "tst_scenario_creation.moc"
