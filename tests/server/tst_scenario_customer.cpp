#include "tests/support/scenario.h"

#include <QtTest>

using namespace handover;
using namespace handover::testing;

// The customer's side through the simulator, against the real server: the seed's bot-first chatrooms handed
// over by a free-flow reply (R9, R8) or a tap on a non-relayed template (R6), not by a tap on a relayed one
// (R5), taps that bump or stay silent (R7), and silent STMs that do not reorder.
class TestScenarioCustomer : public QObject
{
    Q_OBJECT

public:
    using Scene = void (TestScenarioCustomer::*)();

private Q_SLOTS:
    void initTestCase();
    void streamWelcomes();
    void r5_data();
    void r5() { run(); }
    void r6_data();
    void r6() { run(); }
    void r7_data();
    void r7();
    void r8_data();
    void r8() { run(); }
    void r9_data();
    void r9() { run(); }

private:
    void run();

    // R5
    void relayedTapIsNoHandover();
    void relayedTapWithoutWebhook();
    // R6
    void tapHandsOver();
    void tapOnParticipantRoomIsStored();
    // R8
    void handoverBumpsSilentTap();
    void handoverToGroupMember();
    void noPendingNothingMore();
    void secondTriggerNothingMore();
    void silentStmsThenReply();
    void emptyGroupKeepsWaiting();
    // R9
    void freeFlowHandsOver();
    void freeFlowAlwaysBumps();
    void freeFlowAfterSilentStms();
    void freeFlowRefreshesWindow();
    void freeFlowNotRelayed();

    QString awaitingRoom(const QJsonObject &extra = {});
    QString roomOf(const ScenarioUser &user)
    {
        return s.newChatroom(QJsonObject{{QStringLiteral("user_id"), user.id}});
    }
    // Checks the handover of `room` to `agent` with the note `reason` (R8), from stream index `from` on.
    void verifyHandover(const QString &room, const ScenarioUser &agent, const QString &note,
                        const QString &reason, qsizetype from);
    QJsonObject lastOfKind(const QString &room, const QString &kind);

    Scenario s;
    bool m_streamsUp = false;
    QByteArray m_streamError;
};

Q_DECLARE_METATYPE(TestScenarioCustomer::Scene)

namespace {

void addScene(const char *name, TestScenarioCustomer::Scene scene)
{
    QTest::newRow(name) << scene;
}

StmOptions relayOptions(bool relay, std::optional<bool> bumpResponse = {})
{
    StmOptions options;
    options.relayResponse = relay;
    options.bumpResponse = bumpResponse;
    return options;
}

} // namespace

void TestScenarioCustomer::initTestCase()
{
    QVERIFY2(s.start(), s.why());
    m_streamsUp = s.openStreams();
    m_streamError = s.why();
}

void TestScenarioCustomer::streamWelcomes()
{
    QVERIFY2(m_streamsUp, m_streamError.constData());
}

void TestScenarioCustomer::run()
{
    QFETCH(Scene, scene);
    (this->*scene)();
}

QString TestScenarioCustomer::awaitingRoom(const QJsonObject &extra)
{
    QJsonObject body{{QStringLiteral("user_id"), s.alice.id}, {QStringLiteral("assign_on_handover"), true}};
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        body.insert(it.key(), it.value());
    if (body.contains(QLatin1String("group_id")))
        body.remove(QStringLiteral("user_id"));
    return s.newChatroom(body);
}

QJsonObject TestScenarioCustomer::lastOfKind(const QString &room, const QString &kind)
{
    QJsonObject found;
    for (const QJsonValue &m : s.messages(room)) {
        if (field(m.toObject(), "kind") == kind)
            found = m.toObject();
    }
    return found;
}

void TestScenarioCustomer::verifyHandover(const QString &room, const ScenarioUser &agent, const QString &note,
                                          const QString &reason, qsizetype from)
{
    const QJsonObject after = s.chatroom(room, agent.token);
    QCOMPARE(participantsOf(after), QStringList{agent.id});
    QCOMPARE(after.value(QLatin1String("pending_handover")).type(), QJsonValue::Null);
    QCOMPARE(after.value(QLatin1String("unread_count")).toInt(), 1);
    QCOMPARE(s.listOrder(QStringLiteral("mine"), agent.token).value(0), room);
    QVERIFY(!s.listOrder(QStringLiteral("awaiting_handover")).contains(room));

    // The timeline has the system note with the reason; the list still shows what the customer said.
    const QJsonObject system = lastOfKind(room, QStringLiteral("system"));
    QCOMPARE(field(system, "text"), note);
    QCOMPARE(field(objectField(system, "sender"), "type"), QStringLiteral("system"));
    QCOMPARE(field(objectField(system, "sender"), "user_id"), agent.id);
    QCOMPARE(field(objectField(after, "last_message"), "direction"), QStringLiteral("in"));

    const auto assigned = s.stream(agent).waitForEvent(
        [&](const Event &e) { return e.kind == EventKind::ChatroomAssigned && e.chatroom.id == room; }, 10000,
        from);
    QVERIFY2(assigned, "the agent's stream never got chatroom.assigned");
    QCOMPARE(assigned->userId, agent.id);
    QCOMPARE(assigned->reason, reason);
    QVERIFY(assigned->bumped);
    QVERIFY(eventNotifies(*assigned, agent.id));
    QCOMPARE(bumpSeqOf(after), assigned->seq);
}

// ---- R5

void TestScenarioCustomer::r5_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R5: a tap on a relay-enabled template is stored and is not a handover trigger",
             &TestScenarioCustomer::relayedTapIsNoHandover);
    addScene("R5: with no webhook configured a relayed tap sends nothing and nothing fails",
             &TestScenarioCustomer::relayedTapWithoutWebhook);
}

void TestScenarioCustomer::relayedTapIsNoHandover()
{
    const QString room = awaitingRoom();
    QVERIFY2(!room.isEmpty(), s.why());
    const qsizetype aliceFrom = s.mark(s.alice);
    const QJsonObject survey = s.sendTemplate(room, relayOptions(true));
    QVERIFY2(!survey.isEmpty(), s.why());
    QVERIFY2(s.customerTaps(survey, 1), s.why());

    const QJsonObject tap = lastOfKind(room, QStringLiteral("button_reply"));
    QVERIFY2(!tap.isEmpty(), "the tap was not stored");
    QCOMPARE(field(tap, "direction"), QStringLiteral("in"));
    QCOMPARE(field(objectField(tap, "sender"), "type"), QStringLiteral("customer"));
    QCOMPARE(field(tap, "in_reply_to"), field(survey, "id"));
    QCOMPARE(tap.value(QLatin1String("relay_response")).toBool(), true);
    const QJsonObject button = objectField(tap, "button");
    QCOMPARE(button.value(QLatin1String("index")).toInt(), 1);
    QCOMPARE(field(button, "text"), QStringLiteral("No"));

    // Still waiting for its agent: no participant, the pending handover unchanged, no note.
    const QJsonObject after = s.chatroom(room);
    QVERIFY(participantsOf(after).isEmpty());
    QCOMPARE(field(objectField(after, "pending_handover"), "user_id"), s.alice.id);
    QVERIFY(lastOfKind(room, QStringLiteral("system")).isEmpty());
    QVERIFY(!s.listOrder(QStringLiteral("mine"), s.alice.token).contains(room));
    QVERIFY2(s.syncStreams(), s.why());
    QVERIFY(s.stream(s.alice).eventsOf(room, aliceFrom).isEmpty());

    // A free-flow message afterwards still hands it over (R9): the pending handover was kept.
    const qsizetype from = s.mark(s.alice);
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Actually, can someone call me?")), s.why());
    verifyHandover(room, s.alice, QStringLiteral("free_flow"), QStringLiteral("handover:free_flow"), from);
}

void TestScenarioCustomer::relayedTapWithoutWebhook()
{
    QCOMPARE(s.api().get(QStringLiteral("/v1/orgs/%1/webhook").arg(s.orgId())).status, 404);
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject survey = s.sendTemplate(room, relayOptions(true));
    QVERIFY2(!survey.isEmpty(), s.why());
    QVERIFY2(s.customerTaps(survey, 0), s.why()); // the server answered Meta 200
    QVERIFY(!lastOfKind(room, QStringLiteral("button_reply")).isEmpty());
    const HttpResult deliveries =
        s.api().get(QStringLiteral("/v1/orgs/%1/webhook/deliveries").arg(s.orgId()));
    QCOMPARE(deliveries.status, 200);
    QCOMPARE(deliveries.array(QStringLiteral("deliveries")).size(), 0);
}

// ---- R6

void TestScenarioCustomer::r6_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R6: a bot-first chatroom is handed over by a tap on a template sent without relay_response",
             &TestScenarioCustomer::tapHandsOver);
    addScene("R6: a tap on a non-relayed template is stored, nothing is relayed",
             &TestScenarioCustomer::tapOnParticipantRoomIsStored);
}

void TestScenarioCustomer::tapHandsOver()
{
    const QString room = awaitingRoom();
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject offer = s.sendTemplate(room); // relay_response false by default
    QVERIFY2(!offer.isEmpty(), s.why());
    QCOMPARE(offer.value(QLatin1String("relay_response")).toBool(), false);
    QVERIFY2(!awaitingRoom().isEmpty(), s.why()); // another one above it
    const qsizetype from = s.mark(s.alice);
    QVERIFY2(s.customerTaps(offer, 0), s.why());
    const QJsonObject tap = lastOfKind(room, QStringLiteral("button_reply"));
    QCOMPARE(field(tap, "in_reply_to"), field(offer, "id"));
    QCOMPARE(tap.value(QLatin1String("relay_response")).toBool(), false);
    verifyHandover(room, s.alice, QStringLiteral("button:Yes"), QStringLiteral("handover:button"), from);
}

void TestScenarioCustomer::tapOnParticipantRoomIsStored()
{
    QCOMPARE(s.api()
                 .get(QStringLiteral("/v1/orgs/%1/webhook/deliveries").arg(s.orgId()))
                 .array(QStringLiteral("deliveries"))
                 .size(),
             0);
    const QString room = roomOf(s.bob);
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject offer = s.sendTemplate(room);
    QVERIFY2(!offer.isEmpty(), s.why());
    QVERIFY2(s.customerTaps(offer, 1), s.why());
    const QJsonObject tap = lastOfKind(room, QStringLiteral("button_reply"));
    QCOMPARE(field(objectField(tap, "button"), "text"), QStringLiteral("No"));
    QCOMPARE(objectField(tap, "button").value(QLatin1String("index")).toInt(), 1);
    QCOMPARE(participantsOf(s.chatroom(room)), QStringList{s.bob.id});
    QVERIFY(lastOfKind(room, QStringLiteral("system")).isEmpty()); // no pending handover: nothing more (R8)
}

// ---- R7

void TestScenarioCustomer::r7_data()
{
    QTest::addColumn<bool>("relay");
    QTest::addColumn<QJsonValue>("bumpResponse"); // undefined: left out
    QTest::addColumn<bool>("bumps");
    QTest::newRow("R7: a tap bumps when bump_response is left to its default (true)")
        << false << QJsonValue(QJsonValue::Undefined) << true;
    QTest::newRow("R7: a tap bumps when bump_response is true") << false << QJsonValue(true) << true;
    QTest::newRow("R7: a tap with bump_response false does not bump, count as unread or notify")
        << false << QJsonValue(false) << false;
    QTest::newRow("R7: a tap on a relayed template bumps when bump_response is true")
        << true << QJsonValue(true) << true;
    QTest::newRow("R7: a tap on a relayed template with bump_response false does not bump")
        << true << QJsonValue(false) << false;
}

void TestScenarioCustomer::r7()
{
    QFETCH(bool, relay);
    QFETCH(QJsonValue, bumpResponse);
    QFETCH(bool, bumps);
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    StmOptions options = relayOptions(relay);
    if (bumpResponse.isBool())
        options.bumpResponse = bumpResponse.toBool();
    const QJsonObject offer = s.sendTemplate(room, options);
    QVERIFY2(!offer.isEmpty(), s.why());
    QCOMPARE(offer.value(QLatin1String("bump_response")).toBool(), bumps);
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why()); // another one above it
    const QJsonObject before = s.chatroom(room, s.alice.token);
    const QStringList mineBefore = s.listOrder(QStringLiteral("mine"), s.alice.token);
    const QStringList allBefore = s.listOrder(QStringLiteral("all"), s.supervisor.token);
    const qsizetype from = s.mark(s.alice);

    QVERIFY2(s.customerTaps(offer, 0), s.why());
    const QJsonObject tap = lastOfKind(room, QStringLiteral("button_reply"));
    QVERIFY2(!tap.isEmpty(), "the tap was not stored");
    const QJsonObject after = s.chatroom(room, s.alice.token);
    QCOMPARE(field(objectField(after, "last_message"), "id"), field(tap, "id"));
    const auto created = s.stream(s.alice).waitForEvent(
        [&](const Event &e) {
            return e.kind == EventKind::MessageCreated && e.message && e.message->id == field(tap, "id");
        },
        10000, from);
    QVERIFY2(created, "alice's stream never got the tap");
    if (bumps) {
        QVERIFY(bumpSeqOf(after) > bumpSeqOf(before));
        QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token).value(0), room);
        QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token).value(0), room);
        QCOMPARE(after.value(QLatin1String("unread_count")).toInt(),
                 before.value(QLatin1String("unread_count")).toInt() + 1);
        QVERIFY(created->bumped);
        QVERIFY(eventNotifies(*created, s.alice.id));
    } else {
        QCOMPARE(bumpSeqOf(after), bumpSeqOf(before));
        QCOMPARE(field(after, "bumped_at"), field(before, "bumped_at"));
        QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token), mineBefore);
        QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token), allBefore);
        QCOMPARE(after.value(QLatin1String("unread_count")).toInt(),
                 before.value(QLatin1String("unread_count")).toInt());
        QCOMPARE(objectField(after, "last_message").value(QLatin1String("silent")).toBool(), true);
        QVERIFY(!created->bumped);
        QVERIFY(!eventNotifies(*created, s.alice.id));
    }
    QCOMPARE(participantsOf(after), QStringList{s.alice.id});
    QVERIFY2(s.stream(s.alice).violations().isEmpty(),
             qPrintable(s.stream(s.alice).violations().join(u'\n')));
}

// ---- R8

void TestScenarioCustomer::r8_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R8: a handover bumps the chatroom to the top of the agent's list even when the tap had "
             "bump_response false",
             &TestScenarioCustomer::handoverBumpsSilentTap);
    addScene("R8: with a group pending, a member of the group becomes the participant",
             &TestScenarioCustomer::handoverToGroupMember);
    addScene("R8: with no pending handover a trigger adds no participant and no note",
             &TestScenarioCustomer::noPendingNothingMore);
    addScene("R8: after the handover, further triggers add no participant and no note",
             &TestScenarioCustomer::secondTriggerNothingMore);
    addScene("R8: silent STMs into a bot-first chatroom do not reorder; the customer's reply hands it over",
             &TestScenarioCustomer::silentStmsThenReply);
    addScene(
        "R8: a pending group with no members keeps the chatroom waiting; the customer's message is stored",
        &TestScenarioCustomer::emptyGroupKeepsWaiting);
}

void TestScenarioCustomer::handoverBumpsSilentTap()
{
    const QString room = awaitingRoom();
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject offer = s.sendTemplate(room, relayOptions(false, false));
    QVERIFY2(!offer.isEmpty(), s.why());
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why());
    const qint64 before = bumpSeqOf(s.chatroom(room));
    const qsizetype from = s.mark(s.alice);
    QVERIFY2(s.customerTaps(offer, 1), s.why());
    QVERIFY(bumpSeqOf(s.chatroom(room)) > before);
    verifyHandover(room, s.alice, QStringLiteral("button:No"), QStringLiteral("handover:button"), from);
    // The tap itself stayed silent; the chatroom moved because it is new to alice.
    QCOMPARE(objectField(lastOfKind(room, QStringLiteral("button_reply")), "button")
                 .value(QLatin1String("index"))
                 .toInt(),
             1);
}

void TestScenarioCustomer::handoverToGroupMember()
{
    const QString room = awaitingRoom(QJsonObject{{QStringLiteral("group_id"), s.groupId}});
    QVERIFY2(!room.isEmpty(), s.why());
    QCOMPARE(field(objectField(s.chatroom(room), "pending_handover"), "group_id"), s.groupId);
    const qsizetype bobFrom = s.mark(s.bob);
    const qsizetype carolFrom = s.mark(s.carol);
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello?")), s.why());
    const QStringList participants = participantsOf(s.chatroom(room));
    QCOMPARE(participants.size(), 1);
    QVERIFY2(participants.first() == s.bob.id || participants.first() == s.carol.id,
             "not a member of the group");
    const bool toBob = participants.first() == s.bob.id;
    verifyHandover(room, toBob ? s.bob : s.carol, QStringLiteral("free_flow"),
                   QStringLiteral("handover:free_flow"), toBob ? bobFrom : carolFrom);
}

void TestScenarioCustomer::noPendingNothingMore()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const qsizetype from = s.mark(s.alice);
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    QCOMPARE(participantsOf(s.chatroom(room)), QStringList{s.alice.id});
    QVERIFY(lastOfKind(room, QStringLiteral("system")).isEmpty());
    QVERIFY2(s.syncStreams(), s.why());
    for (const Event &e : s.stream(s.alice).eventsOf(room, from))
        QVERIFY(e.kind != EventKind::ChatroomAssigned);
}

void TestScenarioCustomer::secondTriggerNothingMore()
{
    const QString room = awaitingRoom();
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject offer = s.sendTemplate(room);
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("First")), s.why());
    const qsizetype from = s.mark(s.alice);
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Second")), s.why());
    QVERIFY2(s.customerTaps(offer, 0), s.why());
    QCOMPARE(participantsOf(s.chatroom(room)), QStringList{s.alice.id});
    int notes = 0;
    for (const QJsonValue &m : s.messages(room))
        notes += field(m.toObject(), "kind") == QLatin1String("system") ? 1 : 0;
    QCOMPARE(notes, 1);
    QVERIFY2(s.syncStreams(), s.why());
    for (const Event &e : s.stream(s.alice).eventsOf(room, from))
        QVERIFY(e.kind != EventKind::ChatroomAssigned);
}

void TestScenarioCustomer::silentStmsThenReply()
{
    // The seed: automation sends silently while the bot holds two chatrooms; nothing moves until a customer
    // answers.
    const QString first = awaitingRoom();
    const QString second = awaitingRoom();
    QVERIFY2(!first.isEmpty() && !second.isEmpty(), s.why());
    const QStringList awaitingBefore = s.listOrder(QStringLiteral("awaiting_handover"), s.supervisor.token);
    const QStringList allBefore = s.listOrder(QStringLiteral("all"), s.supervisor.token);
    const QStringList mineBefore = s.listOrder(QStringLiteral("mine"), s.alice.token);
    QCOMPARE(awaitingBefore.value(0), second);
    StmOptions silent;
    silent.bump = false;
    silent.bumpResponse = false;
    QJsonObject lastToFirst;
    for (int i = 0; i < 3; ++i) {
        lastToFirst = s.sendTemplate(first, silent);
        QVERIFY2(!lastToFirst.isEmpty(), s.why());
        QVERIFY2(!s.sendTemplate(second, silent).isEmpty(), s.why());
    }
    QCOMPARE(s.listOrder(QStringLiteral("awaiting_handover"), s.supervisor.token), awaitingBefore);
    QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token), allBefore);
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token), mineBefore);
    QCOMPARE(field(objectField(s.chatroom(first), "last_message"), "id"), field(lastToFirst, "id"));

    // The customer answers: a trigger, and the handover bumps it for alice (R8); the other one stays put.
    const qsizetype from = s.mark(s.alice);
    QVERIFY2(s.customerWrites(s.phoneOf(first), QStringLiteral("Yes please")), s.why());
    verifyHandover(first, s.alice, QStringLiteral("free_flow"), QStringLiteral("handover:free_flow"), from);
    QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token).value(0), first);
    QCOMPARE(s.listOrder(QStringLiteral("awaiting_handover"), s.supervisor.token).value(0), second);
    QVERIFY2(s.stream(s.supervisor).violations().isEmpty(),
             qPrintable(s.stream(s.supervisor).violations().join(u'\n')));
}

void TestScenarioCustomer::emptyGroupKeepsWaiting()
{
    const QString empty = s.createGroup(QStringLiteral("Night shift"), {});
    QVERIFY2(!empty.isEmpty(), s.why());
    const HttpResult created =
        s.createChatroomRaw(s.newContact(), QJsonObject{{QStringLiteral("group_id"), empty},
                                                        {QStringLiteral("assign_on_handover"), true}});
    QCOMPARE(created.status, 201);
    const QString room = field(created.json(), "id");
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello?")), s.why());
    const QJsonObject after = s.chatroom(room);
    QVERIFY(participantsOf(after).isEmpty());
    QCOMPARE(field(objectField(after, "pending_handover"), "group_id"), empty);
    QCOMPARE(field(lastOfKind(room, QStringLiteral("text")), "text"), QStringLiteral("Hello?"));
    QCOMPARE(s.listOrder(QStringLiteral("awaiting_handover"), s.supervisor.token).value(0), room);
}

// ---- R9

void TestScenarioCustomer::r9_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R9: a bot-first chatroom with assign_on_handover is handed over by a free-flow reply",
             &TestScenarioCustomer::freeFlowHandsOver);
    addScene("R9: a free-flow message always bumps, counts as unread and notifies the participant",
             &TestScenarioCustomer::freeFlowAlwaysBumps);
    addScene("R9: a free-flow message bumps a chatroom whose STMs were silent",
             &TestScenarioCustomer::freeFlowAfterSilentStms);
    addScene("R9: a free-flow message refreshes the 24h window",
             &TestScenarioCustomer::freeFlowRefreshesWindow);
    addScene("R9: a free-flow reply to a relay-enabled template is never relayed",
             &TestScenarioCustomer::freeFlowNotRelayed);
}

void TestScenarioCustomer::freeFlowHandsOver()
{
    const QString room = awaitingRoom();
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(!s.sendTemplate(room).isEmpty(), s.why()); // the bot speaks first
    QVERIFY2(!awaitingRoom().isEmpty(), s.why());
    const qsizetype from = s.mark(s.alice);
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("I'd like to talk to a person")), s.why());
    const QJsonObject text = lastOfKind(room, QStringLiteral("text"));
    QCOMPARE(field(text, "text"), QStringLiteral("I'd like to talk to a person"));
    QCOMPARE(field(text, "direction"), QStringLiteral("in"));
    QCOMPARE(field(objectField(text, "sender"), "type"), QStringLiteral("customer"));
    QCOMPARE(field(objectField(s.chatroom(room), "last_message"), "id"), field(text, "id"));
    verifyHandover(room, s.alice, QStringLiteral("free_flow"), QStringLiteral("handover:free_flow"), from);
}

void TestScenarioCustomer::freeFlowAlwaysBumps()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why());
    const QJsonObject before = s.chatroom(room, s.alice.token);
    const qsizetype from = s.mark(s.alice);
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello?")), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Anyone?")), s.why());
    const QJsonObject after = s.chatroom(room, s.alice.token);
    QVERIFY(bumpSeqOf(after) > bumpSeqOf(before));
    QCOMPARE(after.value(QLatin1String("unread_count")).toInt(), 2);
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token).value(0), room);
    QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token).value(0), room);
    const auto created = s.stream(s.alice).waitForEvent(
        [&](const Event &e) {
            return e.kind == EventKind::MessageCreated && e.chatroom.id == room && e.message &&
                   e.message->text == QLatin1String("Anyone?");
        },
        10000, from);
    QVERIFY2(created, "alice's stream never got the message");
    QVERIFY(created->bumped);
    QVERIFY(eventNotifies(*created, s.alice.id));
}

void TestScenarioCustomer::freeFlowAfterSilentStms()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    StmOptions silent;
    silent.bump = false;
    silent.bumpResponse = false;
    QVERIFY2(!s.sendTemplate(room, silent).isEmpty(), s.why());
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why());
    QVERIFY2(!s.sendTemplate(room, silent).isEmpty(), s.why());
    QVERIFY(s.listOrder(QStringLiteral("mine"), s.alice.token).value(0) != room);
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Thanks for the updates")), s.why());
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token).value(0), room);
}

void TestScenarioCustomer::freeFlowRefreshesWindow()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("One")), s.why());
    const QJsonObject first = s.chatroom(room);
    QTRY_VERIFY_WITH_TIMEOUT(
        QDateTime::currentDateTimeUtc() >
            QDateTime::fromString(field(first, "last_customer_message_at"), Qt::ISODateWithMs),
        1000);
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Two")), s.why());
    const QJsonObject second = s.chatroom(room);
    const QDateTime last =
        QDateTime::fromString(field(second, "last_customer_message_at"), Qt::ISODateWithMs);
    QVERIFY(last > QDateTime::fromString(field(first, "last_customer_message_at"), Qt::ISODateWithMs));
    QCOMPARE(QDateTime::fromString(field(second, "window_expires_at"), Qt::ISODateWithMs),
             last.addSecs(24 * 3600));
}

void TestScenarioCustomer::freeFlowNotRelayed()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(!s.sendTemplate(room, relayOptions(true)).isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Yes")), s.why()); // typed, not tapped
    const QJsonObject text = lastOfKind(room, QStringLiteral("text"));
    QCOMPARE(field(text, "kind"), QStringLiteral("text"));
    QCOMPARE(text.value(QLatin1String("relay_response")).toBool(), false);
    QCOMPARE(text.value(QLatin1String("in_reply_to")).type(), QJsonValue::Null);
    QVERIFY(lastOfKind(room, QStringLiteral("button_reply")).isEmpty());
}

QTEST_GUILESS_MAIN(TestScenarioCustomer)
#include "tst_scenario_customer.moc"
