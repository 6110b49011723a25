#include "core/json/apicodec.h"
#include "tests/support/scenario.h"

#include <QtTest>

using namespace handover;
using namespace handover::testing;

// What happens to a chatroom after it exists, against the real server: reassignment (R11), deactivation,
// activation and expiry (R12), delivery statuses (R14), reading (R15), one order for every client (R20) and
// picking a member of a group (R21).
class TestScenarioChatroom : public QObject
{
    Q_OBJECT

public:
    using Scene = void (TestScenarioChatroom::*)();

private Q_SLOTS:
    void membersReadTheirColleaguesNamesNotTheirWorkload();
    void initTestCase();
    void streamWelcomes();
    void r11_data();
    void r11() { run(); }
    void r12_data();
    void r12() { run(); }
    void r14_data();
    void r14();
    void r15_data();
    void r15() { run(); }
    void r20_data();
    void r20() { run(); }
    void r21_data();
    void r21() { run(); }

private:
    void run();

    // R11
    void reassignGivesToNewAgent();
    void reassignDiscardsPending();
    void reassignToSoleParticipant();
    void reassignRoles();
    // R12
    void deactivatedRefusesSends();
    void activateWhenFree();
    void activateRefusedWhenAnotherActive();
    void customerAfterDeactivation();
    void lifecycleByDays();
    // R15
    void readZeroesUnread();
    void openingNeverBumps();
    void onlyParticipantsRead();
    // R20
    void clientsAgreeOnOrder();
    void pagesKeepTheOrder();
    // R21
    void groupPickOrder();
    void groupPickAtHandoverTime();
    void reassignToGroupPicks();
    void emptyGroup();

    QString roomOf(const ScenarioUser &user)
    {
        return s.newChatroom(QJsonObject{{QStringLiteral("user_id"), user.id}});
    }
    HttpResult command(const QString &room, const QString &verb, const QJsonObject &body = {},
                       const QString &token = {});
    int activeChatrooms(const QString &userId);

    Scenario s;
    bool m_streamsUp = false;
    QByteArray m_streamError;
    QStringList m_pickers; // R21: three fresh members, ids in ascending order
    QString m_pickGroup;
};

Q_DECLARE_METATYPE(TestScenarioChatroom::Scene)

namespace {

void addScene(const char *name, TestScenarioChatroom::Scene scene)
{
    QTest::newRow(name) << scene;
}

// "key: console value / server value" for each top-level field that differs.
QString jsonDifference(const QJsonObject &console, const QJsonObject &server)
{
    QStringList lines;
    for (const QString &key : server.keys()) {
        if (console.value(key) != server.value(key)) {
            const auto text = [](const QJsonValue &v) {
                return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
            };
            lines.append(key + QStringLiteral(": console ") + text(console.value(key)) +
                         QStringLiteral(" server ") + text(server.value(key)));
        }
    }
    return field(server, "id") + QLatin1Char(' ') + lines.join(QStringLiteral("; "));
}

std::function<bool(const Event &)> kindOf(EventKind kind, const QString &room)
{
    return [kind, room](const Event &e) { return e.kind == kind && e.chatroom.id == room; };
}

} // namespace

void TestScenarioChatroom::initTestCase()
{
    QVERIFY2(s.start(), s.why());
    m_streamsUp = s.openStreams();
    m_streamError = s.why();
}

void TestScenarioChatroom::streamWelcomes()
{
    QVERIFY2(m_streamsUp, m_streamError.constData());
}

void TestScenarioChatroom::run()
{
    QFETCH(Scene, scene);
    (this->*scene)();
}

HttpResult TestScenarioChatroom::command(const QString &room, const QString &verb, const QJsonObject &body,
                                         const QString &token)
{
    return s.as(token.isEmpty() ? s.supervisor.token : token)
        .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/%3").arg(s.orgId(), room, verb), body);
}

int TestScenarioChatroom::activeChatrooms(const QString &userId)
{
    for (const QJsonValue &u : s.as(s.supervisor)
                                   .get(QStringLiteral("/v1/org/%1/users").arg(s.orgId()))
                                   .array(QStringLiteral("users"))) {
        if (field(u.toObject(), "user_id") == userId)
            return u.toObject().value(QLatin1String("active_chatrooms")).toInt(-1);
    }
    return -1;
}

// Every agent may know who their colleagues are (the conversation names who took over, in every language);
// presence and workload are for those who assign work.
void TestScenarioChatroom::membersReadTheirColleaguesNamesNotTheirWorkload()
{
    const QJsonArray asMember =
        s.as(s.alice).get(QStringLiteral("/v1/org/%1/users").arg(s.orgId())).array(QStringLiteral("users"));
    QVERIFY(!asMember.isEmpty());
    bool sawBob = false;
    for (const QJsonValue &u : asMember) {
        const QJsonObject user = u.toObject();
        sawBob = sawBob || field(user, "user_id") == s.bob.id;
        QVERIFY2(!user.contains(QLatin1String("online")) && !user.contains(QLatin1String("active_chatrooms")),
                 "a MEMBER was told a colleague's presence or workload");
    }
    QVERIFY(sawBob);
    QCOMPARE(activeChatrooms(s.bob.id) >= 0, true); // a supervisor still sees the workload
}

// ---- R11

void TestScenarioChatroom::r11_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R11: reassigning gives the chatroom to exactly the new agent; the previous one gets "
             "chatroom.unassigned",
             &TestScenarioChatroom::reassignGivesToNewAgent);
    addScene("R11: reassigning discards a pending handover; the customer's reply then hands over nothing",
             &TestScenarioChatroom::reassignDiscardsPending);
    addScene("R11: reassigning to the current sole participant changes nothing",
             &TestScenarioChatroom::reassignToSoleParticipant);
    addScene("R11: automation and supervisors may reassign, members may not (403)",
             &TestScenarioChatroom::reassignRoles);
}

void TestScenarioChatroom::reassignGivesToNewAgent()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    QVERIFY2(!roomOf(s.bob).isEmpty(), s.why()); // bob has something newer
    const qsizetype aliceFrom = s.mark(s.alice);
    const qsizetype bobFrom = s.mark(s.bob);

    const HttpResult reassigned =
        command(room, QStringLiteral("reassign"), QJsonObject{{QStringLiteral("user_id"), s.bob.id}});
    QCOMPARE(reassigned.status, 200);
    QCOMPARE(participantsOf(reassigned.json()), QStringList{s.bob.id});
    QCOMPARE(reassigned.json().value(QLatin1String("pending_handover")).type(), QJsonValue::Null);

    // Bob: new to him, so at the top of his list, told and notified, nothing unread yet.
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.bob.token).value(0), room);
    QCOMPARE(s.chatroom(room, s.bob.token).value(QLatin1String("unread_count")).toInt(), 0);
    const auto assigned =
        s.stream(s.bob).waitForEvent(kindOf(EventKind::ChatroomAssigned, room), 10000, bobFrom);
    QVERIFY2(assigned, "bob's stream never got chatroom.assigned");
    QCOMPARE(assigned->reason, QStringLiteral("reassigned"));
    QCOMPARE(assigned->userId, s.bob.id);
    QVERIFY(assigned->bumped);
    QVERIFY(eventNotifies(*assigned, s.bob.id));
    QVERIFY(s.stream(s.bob).chatrooms().contains(room));

    // Alice: loses it.
    const auto unassigned =
        s.stream(s.alice).waitForEvent(kindOf(EventKind::ChatroomUnassigned, room), 10000, aliceFrom);
    QVERIFY2(unassigned, "alice's stream never got chatroom.unassigned");
    QCOMPARE(unassigned->userId, s.alice.id);
    QCOMPARE(unassigned->reason, QStringLiteral("reassigned"));
    QVERIFY(!s.stream(s.alice).chatrooms().contains(room));
    QVERIFY(!s.listOrder(QStringLiteral("mine"), s.alice.token).contains(room));
    QCOMPARE(s.as(s.alice).get(QStringLiteral("/v1/orgs/%1/chatrooms/%2").arg(s.orgId(), room)).status, 403);
    QCOMPARE(s.sendText(room, s.alice, QStringLiteral("still here?")).status, 403);
    QCOMPARE(s.sendText(room, s.bob, QStringLiteral("Bob here, I'll take it from now.")).status, 201);

    QJsonObject note;
    for (const QJsonValue &m : s.messages(room)) {
        if (field(m.toObject(), "kind") == QLatin1String("system"))
            note = m.toObject();
    }
    QCOMPARE(field(note, "text"), QStringLiteral("reassigned"));
    QCOMPARE(field(objectField(note, "sender"), "user_id"), s.bob.id);
    // Nothing of the chatroom after the unassignment reaches alice.
    QVERIFY2(s.syncStreams(), s.why());
    const QList<Event> later = s.stream(s.alice).eventsOf(room, aliceFrom);
    QCOMPARE(later.size(), 1);
}

void TestScenarioChatroom::reassignDiscardsPending()
{
    const QString room = s.newChatroom(
        QJsonObject{{QStringLiteral("user_id"), s.alice.id}, {QStringLiteral("assign_on_handover"), true}});
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject offer = s.sendTemplate(room);
    QVERIFY2(!offer.isEmpty(), s.why());
    const qsizetype aliceFrom = s.mark(s.alice);
    const HttpResult reassigned =
        command(room, QStringLiteral("reassign"), QJsonObject{{QStringLiteral("user_id"), s.bob.id}});
    QCOMPARE(reassigned.status, 200);
    QCOMPARE(participantsOf(reassigned.json()), QStringList{s.bob.id});
    QCOMPARE(reassigned.json().value(QLatin1String("pending_handover")).type(), QJsonValue::Null);
    QVERIFY(!s.listOrder(QStringLiteral("awaiting_handover")).contains(room));
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.bob.token).value(0), room);

    // The customer answers later: no handover to alice any more.
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hi, yes I am interested")), s.why());
    QVERIFY2(s.customerTaps(offer, 0), s.why());
    QCOMPARE(participantsOf(s.chatroom(room)), QStringList{s.bob.id});
    QStringList notes;
    for (const QJsonValue &m : s.messages(room)) {
        if (field(m.toObject(), "kind") == QLatin1String("system"))
            notes.append(field(m.toObject(), "text"));
    }
    QCOMPARE(notes, QStringList{QStringLiteral("reassigned")});
    QVERIFY2(s.syncStreams(), s.why());
    QVERIFY(s.stream(s.alice).eventsOf(room, aliceFrom).isEmpty());
    QVERIFY(!s.listOrder(QStringLiteral("mine"), s.alice.token).contains(room));
}

void TestScenarioChatroom::reassignToSoleParticipant()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why());
    const QJsonObject before = s.chatroom(room);
    const QStringList mineBefore = s.listOrder(QStringLiteral("mine"), s.alice.token);
    const qsizetype aliceFrom = s.mark(s.alice);
    const qsizetype supervisorFrom = s.mark(s.supervisor);
    const HttpResult same =
        command(room, QStringLiteral("reassign"), QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    QCOMPARE(same.status, 200);
    QCOMPARE(participantsOf(same.json()), QStringList{s.alice.id});
    QCOMPARE(s.chatroom(room), before);
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token), mineBefore);
    QCOMPARE(s.messages(room).size(), 0);
    QVERIFY2(s.syncStreams(), s.why());
    QVERIFY(s.stream(s.alice).eventsOf(room, aliceFrom).isEmpty());
    QVERIFY(s.stream(s.supervisor).eventsOf(room, supervisorFrom).isEmpty());
}

void TestScenarioChatroom::reassignRoles()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const HttpResult byMember = command(room, QStringLiteral("reassign"),
                                        QJsonObject{{QStringLiteral("user_id"), s.bob.id}}, s.alice.token);
    QCOMPARE(byMember.status, 403);
    QCOMPARE(byMember.errorCode(), 4030001);
    QCOMPARE(participantsOf(s.chatroom(room)), QStringList{s.alice.id});
    const HttpResult byKey =
        s.api().post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/reassign").arg(s.orgId(), room),
                     QJsonObject{{QStringLiteral("user_id"), s.carol.id}});
    QCOMPARE(byKey.status, 200);
    QCOMPARE(participantsOf(byKey.json()), QStringList{s.carol.id});
}

// ---- R12

void TestScenarioChatroom::r12_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R12: a deactivated chatroom refuses every send with CHATROOM_INACTIVE and stays readable",
             &TestScenarioChatroom::deactivatedRefusesSends);
    addScene("R12: activate works while no other active chatroom exists for the phone pair",
             &TestScenarioChatroom::activateWhenFree);
    addScene(
        "R12: activate is refused while another chatroom of the customer phone is active on the WABA phone",
        &TestScenarioChatroom::activateRefusedWhenAnotherActive);
    addScene(
        "R12: after deactivation a customer message opens a new chatroom; a tap on an old template hands "
        "nothing over",
        &TestScenarioChatroom::customerAfterDeactivation);
    addScene(
        "R12: deactivate_after_days and expire_after_days act by themselves; expired chatrooms cannot be "
        "activated",
        &TestScenarioChatroom::lifecycleByDays);
}

void TestScenarioChatroom::deactivatedRefusesSends()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why()); // the window is open
    const qsizetype from = s.mark(s.alice);
    const qint64 bumpBefore = bumpSeqOf(s.chatroom(room));
    const HttpResult off = command(room, QStringLiteral("deactivate"));
    QCOMPARE(off.status, 200);
    QCOMPARE(field(off.json(), "state"), QStringLiteral("deactivated"));
    QCOMPARE(bumpSeqOf(off.json()), bumpBefore);

    const HttpResult stm = s.sendTemplateRaw(room);
    QCOMPARE(stm.status, 409);
    QCOMPARE(stm.errorCode(), 4090002);
    QCOMPARE(stm.string(QStringLiteral("error_message")), QStringLiteral("CHATROOM_INACTIVE"));
    const HttpResult text = s.sendText(room, s.alice, QStringLiteral("Hello?"));
    QCOMPARE(text.status, 409);
    QCOMPARE(text.errorCode(), 4090002);
    StmOptions fromConsole;
    fromConsole.token = s.alice.token;
    QCOMPARE(s.sendTemplateRaw(room, fromConsole).errorCode(), 4090002);

    // Inactive comes before the 24h window: a chatroom the customer never wrote to says CHATROOM_INACTIVE
    // too.
    const QString silentRoom = roomOf(s.alice);
    QVERIFY2(!silentRoom.isEmpty(), s.why());
    QCOMPARE(command(silentRoom, QStringLiteral("deactivate")).status, 200);
    QCOMPARE(s.sendText(silentRoom, s.alice, QStringLiteral("Hello?")).errorCode(), 4090002);

    // Readable, by the participant too.
    QCOMPARE(field(s.chatroom(room, s.alice.token), "state"), QStringLiteral("deactivated"));
    QCOMPARE(s.messages(room, s.alice.token).size(), 1);
    QVERIFY(s.listOrder(QStringLiteral("mine"), s.alice.token).contains(room));
    const auto updated = s.stream(s.alice).waitForEvent(
        [&](const Event &e) {
            return e.chatroom.id == room && e.chatroom.state == ChatroomState::Deactivated;
        },
        10000, from);
    QVERIFY2(updated, "alice's stream never heard of the deactivation");
    QCOMPARE(updated->kind, EventKind::ChatroomUpdated);
    QVERIFY(!updated->bumped);
}

void TestScenarioChatroom::activateWhenFree()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    QCOMPARE(command(room, QStringLiteral("deactivate")).status, 200);
    const HttpResult on = command(room, QStringLiteral("activate"));
    QCOMPARE(on.status, 200);
    QCOMPARE(field(on.json(), "state"), QStringLiteral("active"));
    QVERIFY2(!s.sendTemplate(room).isEmpty(), s.why());
    QCOMPARE(s.sendText(room, s.alice, QStringLiteral("Back again")).status, 201);
    // Activating an active chatroom changes nothing.
    const QJsonObject before = s.chatroom(room);
    QCOMPARE(command(room, QStringLiteral("activate")).status, 200);
    QCOMPARE(s.chatroom(room), before);
}

void TestScenarioChatroom::activateRefusedWhenAnotherActive()
{
    const QString contactId = s.newContact();
    const QString first = s.createChatroom(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    QVERIFY2(!first.isEmpty(), s.why());
    QCOMPARE(command(first, QStringLiteral("deactivate")).status, 200);
    const QString second = s.createChatroom(contactId, QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    QVERIFY2(!second.isEmpty(), s.why());
    QVERIFY(second != first);
    const HttpResult refused = command(first, QStringLiteral("activate"));
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), 4090002);
    QCOMPARE(field(s.chatroom(first), "state"), QStringLiteral("deactivated"));
    // Once the other one is deactivated, the first may come back.
    QCOMPARE(command(second, QStringLiteral("deactivate")).status, 200);
    QCOMPARE(field(command(first, QStringLiteral("activate")).json(), "state"), QStringLiteral("active"));
}

void TestScenarioChatroom::customerAfterDeactivation()
{
    const QString room = s.newChatroom(
        QJsonObject{{QStringLiteral("user_id"), s.alice.id}, {QStringLiteral("assign_on_handover"), true}});
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject offer = s.sendTemplate(room);
    QVERIFY2(!offer.isEmpty(), s.why());
    QVERIFY2(!s.waitUntilSent(room, field(offer, "id")).isEmpty(), s.why());
    QCOMPARE(command(room, QStringLiteral("deactivate")).status, 200);
    const QString phone = s.phoneOf(room);

    // A tap on the old template is stored in the old chatroom, which stays as it was otherwise.
    QVERIFY2(s.customerTaps(offer, 0), s.why());
    const QJsonObject old = s.chatroom(room);
    QCOMPARE(field(old, "state"), QStringLiteral("deactivated"));
    QVERIFY(participantsOf(old).isEmpty());
    QCOMPARE(field(objectField(old, "pending_handover"), "user_id"), s.alice.id);
    QCOMPARE(s.messages(room).size(), 2);

    // Free flow goes to a new chatroom of the same contact (R13b).
    QVERIFY2(s.customerWrites(phone, QStringLiteral("Hello again")), s.why());
    const QString fresh = s.activeChatroomOf(phone);
    QVERIFY2(!fresh.isEmpty(), s.why());
    QVERIFY(fresh != room);
    QCOMPARE(field(s.chatroom(fresh), "contact_id"), field(old, "contact_id"));
    QCOMPARE(s.messages(room).size(), 2);
}

void TestScenarioChatroom::lifecycleByDays()
{
    QVERIFY2(s.putSettings(QJsonObject{{QStringLiteral("deactivate_after_days"), 2},
                                       {QStringLiteral("expire_after_days"), 5}}),
             s.why());
    const QString quiet = roomOf(s.alice);      // the customer wrote 2.1 days ago
    const QString neverWrote = roomOf(s.alice); // created 2.1 days ago, no customer message
    const QString recent = roomOf(s.alice);     // the customer wrote 1.5 days ago
    const QString old = roomOf(s.alice);        // created 5.1 days ago
    const QString oldDeactivated = roomOf(s.alice);
    for (const QString &room : {quiet, neverWrote, recent, old, oldDeactivated})
        QVERIFY2(!room.isEmpty(), s.why());
    for (const QString &room : {quiet, recent, old})
        QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    QCOMPARE(command(oldDeactivated, QStringLiteral("deactivate")).status, 200);
    QVERIFY2(s.ageChatroom(quiet, 2.1), s.why());
    QVERIFY2(s.ageChatroom(neverWrote, 2.1), s.why());
    QVERIFY2(s.ageChatroom(recent, 1.5), s.why());
    QVERIFY2(s.ageChatroom(old, 5.1), s.why());
    QVERIFY2(s.ageChatroom(oldDeactivated, 5.1), s.why());

    // The server checks on start (and every minute after).
    const qsizetype from = s.mark(s.alice);
    QVERIFY2(s.restartServe(), s.why());
    QVERIFY2(s.reconnectStreams(), s.why()); // consoles resume from their last seq
    const auto stateOf = [&](const QString &room) { return field(s.chatroom(room), "state"); };
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(oldDeactivated), QStringLiteral("expired"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(quiet), QStringLiteral("deactivated"), 10000);
    QCOMPARE(stateOf(neverWrote), QStringLiteral("deactivated"));
    QCOMPARE(stateOf(recent), QStringLiteral("active"));
    QCOMPARE(stateOf(old), QStringLiteral("expired"));
    QVERIFY2(s.putSettings(QJsonObject{}), s.why());

    // Expired: readable, no sends, no activation; deactivating leaves it expired.
    QCOMPARE(s.sendTemplateRaw(old).errorCode(), 4090002);
    const HttpResult activate = command(old, QStringLiteral("activate"));
    QCOMPARE(activate.status, 409);
    QCOMPARE(activate.errorCode(), 4090002);
    const HttpResult deactivate = command(old, QStringLiteral("deactivate"));
    QCOMPARE(deactivate.status, 200);
    QCOMPARE(field(deactivate.json(), "state"), QStringLiteral("expired"));
    QCOMPARE(s.messages(old, s.alice.token).size(), 1);
    // A chatroom deactivated by time can be activated again.
    QCOMPARE(field(command(quiet, QStringLiteral("activate")).json(), "state"), QStringLiteral("active"));

    // The consoles that resumed after the restart heard of every change.
    for (const auto &[room, state] :
         {std::pair{quiet, ChatroomState::Deactivated}, std::pair{old, ChatroomState::Expired}}) {
        const QString id = room;
        const ChatroomState expected = state;
        QVERIFY(s.stream(s.alice).waitForEvent(
            [&](const Event &e) { return e.chatroom.id == id && e.chatroom.state == expected; }, 10000,
            from));
    }
    QVERIFY2(s.stream(s.alice).violations().isEmpty(),
             qPrintable(s.stream(s.alice).violations().join(u'\n')));
}

// ---- R14

void TestScenarioChatroom::r14_data()
{
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("updates"); // message.updated events the statuses cause

    QTest::newRow("R14: statuses advance sent, delivered, read")
        << QStringList{QStringLiteral("delivered"), QStringLiteral("read")} << QStringLiteral("read") << 2;
    QTest::newRow("R14: a late delivered never overwrites read")
        << QStringList{QStringLiteral("read"), QStringLiteral("delivered")} << QStringLiteral("read") << 1;
    QTest::newRow("R14: a late sent never overwrites delivered")
        << QStringList{QStringLiteral("delivered"), QStringLiteral("sent")} << QStringLiteral("delivered")
        << 1;
    QTest::newRow("R14: failed after delivered shows failed with its reason")
        << QStringList{QStringLiteral("delivered"), QStringLiteral("failed")} << QStringLiteral("failed")
        << 2;
    QTest::newRow("R14: nothing follows failed")
        << QStringList{QStringLiteral("failed"), QStringLiteral("delivered"), QStringLiteral("read")}
        << QStringLiteral("failed") << 1;
    QTest::newRow("R14: failed never overwrites read")
        << QStringList{QStringLiteral("read"), QStringLiteral("failed")} << QStringLiteral("read") << 1;
}

void TestScenarioChatroom::r14()
{
    QFETCH(QStringList, statuses);
    QFETCH(QString, expected);
    QFETCH(int, updates);
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject message = s.sendTemplate(room);
    QVERIFY2(!message.isEmpty(), s.why());
    const QJsonObject sent = s.waitUntilSent(room, field(message, "id"));
    QVERIFY2(!sent.isEmpty(), s.why());
    QCOMPARE(field(sent, "status"), QStringLiteral("sent"));
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why());
    const QJsonObject before = s.chatroom(room, s.alice.token);
    const QStringList mineBefore = s.listOrder(QStringLiteral("mine"), s.alice.token);
    const qsizetype from = s.mark(s.alice);

    for (const QString &status : std::as_const(statuses)) {
        const QJsonValue error =
            status == QLatin1String("failed")
                ? QJsonValue(QJsonObject{{QStringLiteral("code"), 131026},
                                         {QStringLiteral("title"), QStringLiteral("Message undeliverable")}})
                : QJsonValue();
        QVERIFY2(s.reportStatus(field(sent, "wa_message_id"), status, error), s.why());
    }
    const QJsonObject after = s.message(room, field(message, "id"));
    QCOMPARE(field(after, "status"), expected);
    if (expected == QLatin1String("failed")) {
        QVERIFY2(field(after, "error").contains(QLatin1String("131026")), qPrintable(field(after, "error")));
        QVERIFY2(field(after, "error").contains(QLatin1String("undeliverable")),
                 qPrintable(field(after, "error")));
    } else {
        QCOMPARE(after.value(QLatin1String("error")).type(), QJsonValue::Null);
    }
    // No bump, no unread, no reorder.
    const QJsonObject roomAfter = s.chatroom(room, s.alice.token);
    QCOMPARE(bumpSeqOf(roomAfter), bumpSeqOf(before));
    QCOMPARE(roomAfter.value(QLatin1String("unread_count")).toInt(),
             before.value(QLatin1String("unread_count")).toInt());
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token), mineBefore);

    // The agent's console gets each real change once, with the reason of a failure, and nothing for the rest.
    QVERIFY2(s.syncStreams(), s.why());
    QList<Event> changes;
    for (const Event &e : s.stream(s.alice).eventsOf(room, from)) {
        QCOMPARE(e.kind, EventKind::MessageUpdated);
        QVERIFY(!e.bumped);
        QVERIFY(!eventNotifies(e, s.alice.id));
        changes.append(e);
    }
    QCOMPARE(changes.size(), updates);
    QVERIFY(changes.last().message);
    QCOMPARE(deliveryStatusName(changes.last().message->status), expected);
    if (expected == QLatin1String("failed"))
        QVERIFY(!changes.last().message->error.isEmpty());
}

// ---- R15

void TestScenarioChatroom::r15_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R15: reading moves the read marker and zeroes unread_count, without a bump",
             &TestScenarioChatroom::readZeroesUnread);
    addScene("R15: opening a chatroom, its messages or a list never bumps",
             &TestScenarioChatroom::openingNeverBumps);
    addScene("R15: only a participant has a read marker: others are refused (403)",
             &TestScenarioChatroom::onlyParticipantsRead);
}

void TestScenarioChatroom::readZeroesUnread()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("One")), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Two")), s.why());
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why());
    const QJsonObject before = s.chatroom(room, s.alice.token);
    QCOMPARE(before.value(QLatin1String("unread_count")).toInt(), 2);
    const QStringList mineBefore = s.listOrder(QStringLiteral("mine"), s.alice.token);
    const QString lastId = field(s.messages(room).last().toObject(), "id");
    const qsizetype from = s.mark(s.alice);

    const HttpResult read = command(room, QStringLiteral("read"),
                                    QJsonObject{{QStringLiteral("up_to_message_id"), lastId}}, s.alice.token);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json(), (QJsonObject{{QStringLiteral("unread_count"), 0}}));
    const QJsonObject after = s.chatroom(room, s.alice.token);
    QCOMPARE(after.value(QLatin1String("unread_count")).toInt(), 0);
    const QJsonArray details = after.value(QLatin1String("participant_details")).toArray();
    QCOMPARE(details.size(), 1);
    QCOMPARE(field(details.at(0).toObject(), "read_up_to"), lastId);
    QCOMPARE(bumpSeqOf(after), bumpSeqOf(before));
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token), mineBefore);

    const auto updated =
        s.stream(s.alice).waitForEvent(kindOf(EventKind::ChatroomUpdated, room), 10000, from);
    QVERIFY2(updated, "alice's stream never heard of the read");
    QVERIFY(!updated->bumped);
    QVERIFY(!eventNotifies(*updated, s.alice.id));
    QCOMPARE(updated->chatroom.participant(s.alice.id)->unreadCount, 0);

    // The next customer message counts from the marker.
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Three")), s.why());
    QCOMPARE(s.chatroom(room, s.alice.token).value(QLatin1String("unread_count")).toInt(), 1);
}

void TestScenarioChatroom::openingNeverBumps()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why());
    const QJsonObject before = s.chatroom(room, s.alice.token);
    const QStringList mineBefore = s.listOrder(QStringLiteral("mine"), s.alice.token);
    const qsizetype from = s.mark(s.alice);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(s.chatroom(room, s.alice.token), before);
        QCOMPARE(s.messages(room, s.alice.token).size(), 1);
        QCOMPARE(s.as(s.alice)
                     .get(QStringLiteral("/v1/orgs/%1/chatrooms?view=mine&limit=1").arg(s.orgId()))
                     .status,
                 200);
    }
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token), mineBefore);
    QVERIFY2(s.syncStreams(), s.why());
    QVERIFY(s.stream(s.alice).eventsOf(room, from).isEmpty());
}

void TestScenarioChatroom::onlyParticipantsRead()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    QCOMPARE(command(room, QStringLiteral("read"), {}, s.bob.token).status, 403);
    QCOMPARE(s.chatroom(room, s.alice.token).value(QLatin1String("unread_count")).toInt(), 1);
}

// ---- R20

void TestScenarioChatroom::r20_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R20: two stream clients given the same events show the same order, the server's order",
             &TestScenarioChatroom::clientsAgreeOnOrder);
    addScene("R20: paging through a view with next_cursor gives the same order as one page",
             &TestScenarioChatroom::pagesKeepTheOrder);
}

void TestScenarioChatroom::clientsAgreeOnOrder()
{
    // A supervisor's and an admin's console, both from the start of the org's log.
    std::unique_ptr<StreamClient> first = s.openStream(s.supervisor);
    std::unique_ptr<StreamClient> second = s.openStream(s.admin);
    QVERIFY2(first && second, s.why());

    // A mix of what moves rows and what must not.
    const QString a = roomOf(s.alice);
    const QString b = roomOf(s.bob);
    const QString c = s.newChatroom(
        QJsonObject{{QStringLiteral("user_id"), s.carol.id}, {QStringLiteral("assign_on_handover"), true}});
    QVERIFY2(!a.isEmpty() && !b.isEmpty() && !c.isEmpty(), s.why());
    StmOptions silent;
    silent.bump = false;
    silent.bumpResponse = false;
    const QJsonObject quietOffer = s.sendTemplate(a, silent);
    QVERIFY2(!quietOffer.isEmpty(), s.why());
    QVERIFY2(!s.sendTemplate(b).isEmpty(), s.why());
    QVERIFY2(!s.sendTemplate(c, silent).isEmpty(), s.why());
    QVERIFY2(s.customerTaps(quietOffer, 1), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(c), QStringLiteral("Hi")), s.why()); // hands c to carol
    QVERIFY2(s.customerWrites(s.phoneOf(a), QStringLiteral("Hello")), s.why());
    QCOMPARE(
        command(b, QStringLiteral("reassign"), QJsonObject{{QStringLiteral("user_id"), s.alice.id}}).status,
        200);
    QCOMPARE(command(a, QStringLiteral("read"), {}, s.alice.token).status, 200);
    const QJsonObject sentToB = s.waitUntilSent(b, field(s.messages(b).first().toObject(), "id"));
    QVERIFY2(!sentToB.isEmpty(), s.why());
    QVERIFY2(s.reportStatus(field(sentToB, "wa_message_id"), QStringLiteral("read")), s.why());
    QVERIFY2(!s.sendTemplate(b, silent).isEmpty(), s.why());

    const qint64 head = s.sync(*first, s.supervisor);
    QVERIFY2(head > 0 && second->waitForSeq(head), s.why());
    // A console that comes later and replays everything agrees too.
    std::unique_ptr<StreamClient> late = s.openStream(s.supervisor);
    QVERIFY2(late, s.why());
    QVERIFY(first->waitForSeq(late->lastSeq()) && second->waitForSeq(late->lastSeq()));

    const QStringList server = s.listOrder(QStringLiteral("all"), s.supervisor.token);
    QCOMPARE(first->orderedIds(), server);
    QCOMPARE(second->orderedIds(), server);
    QCOMPARE(late->orderedIds(), server);
    for (const StreamClient *client :
         {first.get(), second.get(), late.get(), &s.stream(s.supervisor), &s.stream(s.alice)})
        QVERIFY2(client->violations().isEmpty(), qPrintable(client->violations().join(u'\n')));
    QCOMPARE(s.stream(s.alice).orderedIds(), s.listOrder(QStringLiteral("mine"), s.alice.token));

    // Not only the order: each chatroom is what the server has (but the ones the tests aged behind its back).
    for (const QJsonValue &row : s.listRows(QStringLiteral("all"), s.supervisor.token)) {
        const Result<Chatroom> decoded = chatroomFromJson(row.toObject());
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().description));
        if (s.agedChatrooms().contains(decoded->id))
            continue;
        for (const StreamClient *client : {first.get(), late.get()}) {
            const Chatroom mine = client->chatrooms().value(decoded->id);
            QVERIFY2(mine == *decoded,
                     qPrintable(jsonDifference(chatroomToJson(mine, {}), chatroomToJson(*decoded, {}))));
        }
    }
}

void TestScenarioChatroom::pagesKeepTheOrder()
{
    for (const auto &[view, token] : {std::pair{QStringLiteral("all"), s.supervisor.token},
                                      std::pair{QStringLiteral("mine"), s.alice.token},
                                      std::pair{QStringLiteral("awaiting_handover"), s.supervisor.token}}) {
        const QStringList whole = s.listOrder(view, token);
        QStringList paged;
        QString cursor;
        for (int page = 0; page < 1000; ++page) {
            QString path = QStringLiteral("/v1/orgs/%1/chatrooms?view=%2&limit=7").arg(s.orgId(), view);
            if (!cursor.isEmpty())
                path += QStringLiteral("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
            const HttpResult result = s.as(token).get(path);
            QCOMPARE(result.status, 200);
            const QJsonArray rows = result.array(QStringLiteral("chatrooms"));
            QVERIFY(rows.size() <= 7);
            for (const QJsonValue &row : rows)
                paged.append(field(row.toObject(), "id"));
            cursor = result.json().value(QLatin1String("next_cursor")).toString();
            if (cursor.isEmpty())
                break;
        }
        QCOMPARE(paged, whole);
    }
}

// ---- R21

void TestScenarioChatroom::r21_data()
{
    QTest::addColumn<Scene>("scene");
    addScene(
        "R21: the member with the fewest active chatrooms is picked, ties go to the least recently assigned, "
        "then the lowest user id",
        &TestScenarioChatroom::groupPickOrder);
    addScene("R21: with assign_on_handover the member is picked when the handover happens, by the load then",
             &TestScenarioChatroom::groupPickAtHandoverTime);
    addScene("R21: reassigning to a group picks a member the same way",
             &TestScenarioChatroom::reassignToGroupPicks);
    addScene("R21: a group with no members cannot be picked from (create, reassign): 400 VALIDATION_FAILED",
             &TestScenarioChatroom::emptyGroup);
}

void TestScenarioChatroom::groupPickOrder()
{
    m_pickers = s.createUsers({QStringLiteral("Pia"), QStringLiteral("Quinn"), QStringLiteral("Ravi")});
    QCOMPARE(m_pickers.size(), 3);
    m_pickers.sort();
    m_pickGroup =
        s.createGroup(QStringLiteral("Pickers"), {m_pickers.at(2), m_pickers.at(0), m_pickers.at(1)});
    QVERIFY2(!m_pickGroup.isEmpty(), s.why());
    const QString &low = m_pickers.at(0);
    const QString &mid = m_pickers.at(1);
    const QString &high = m_pickers.at(2);
    const auto createPicks = [&]() -> QString {
        const QString room = s.newChatroom(QJsonObject{{QStringLiteral("group_id"), m_pickGroup}});
        const QStringList participants = participantsOf(s.chatroom(room));
        return participants.size() == 1 ? participants.first() : QString();
    };
    // Nobody has anything and nobody was ever assigned: the lowest id, then the next, then the last.
    QCOMPARE(createPicks(), low);
    QCOMPARE(createPicks(), mid);
    QCOMPARE(createPicks(), high);
    // All have one: the least recently assigned.
    QCOMPARE(createPicks(), low);
    QCOMPARE(activeChatrooms(low), 2);
    QCOMPARE(activeChatrooms(mid), 1);
    // mid's chatroom is deactivated: mid has the fewest active ones.
    QString midRoom;
    for (const QJsonValue &row : s.listRows(QStringLiteral("all"))) {
        if (participantsOf(row.toObject()) == QStringList{mid})
            midRoom = field(row.toObject(), "id");
    }
    QCOMPARE(command(midRoom, QStringLiteral("deactivate")).status, 200);
    QCOMPARE(activeChatrooms(mid), 0);
    QCOMPARE(createPicks(), mid);
    // mid and high have one each; high was assigned longer ago.
    QCOMPARE(createPicks(), high);
    QCOMPARE(activeChatrooms(low), 2);
    QCOMPARE(activeChatrooms(mid), 1);
    QCOMPARE(activeChatrooms(high), 2);
}

void TestScenarioChatroom::groupPickAtHandoverTime()
{
    QVERIFY2(m_pickers.size() == 3, "needs the previous row");
    const QString &low = m_pickers.at(0);
    const QString &mid = m_pickers.at(1);
    // Loads now: low 2, mid 1, high 2; a pick now would be mid.
    const QString room = s.newChatroom(
        QJsonObject{{QStringLiteral("group_id"), m_pickGroup}, {QStringLiteral("assign_on_handover"), true}});
    QVERIFY2(!room.isEmpty(), s.why());
    QCOMPARE(field(objectField(s.chatroom(room), "pending_handover"), "group_id"), m_pickGroup);
    // mid gets another chatroom directly: all have 2, mid was assigned last, low longest ago.
    QVERIFY2(!s.newChatroom(QJsonObject{{QStringLiteral("user_id"), mid}}).isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    QCOMPARE(participantsOf(s.chatroom(room)), QStringList{low});
}

void TestScenarioChatroom::reassignToGroupPicks()
{
    QVERIFY2(m_pickers.size() == 3, "needs the previous rows");
    // Loads now: low 3, mid 2, high 2; mid was assigned after high.
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const HttpResult reassigned =
        command(room, QStringLiteral("reassign"), QJsonObject{{QStringLiteral("group_id"), m_pickGroup}});
    QCOMPARE(reassigned.status, 200);
    QCOMPARE(participantsOf(reassigned.json()), QStringList{m_pickers.at(2)});
}

void TestScenarioChatroom::emptyGroup()
{
    const QString empty = s.createGroup(QStringLiteral("Nobody"), {});
    QVERIFY2(!empty.isEmpty(), s.why());
    const HttpResult refused =
        s.createChatroomRaw(s.newContact(), QJsonObject{{QStringLiteral("group_id"), empty}});
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorCode(), 4000002);
    QVERIFY(refused.json()
                .value(QLatin1String("payload"))
                .toObject()
                .value(QLatin1String("fields"))
                .toArray()
                .contains(QStringLiteral("group_id")));
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const HttpResult reassign =
        command(room, QStringLiteral("reassign"), QJsonObject{{QStringLiteral("group_id"), empty}});
    QCOMPARE(reassign.status, 400);
    QCOMPARE(reassign.errorCode(), 4000002);
    QCOMPARE(participantsOf(s.chatroom(room)), QStringList{s.alice.id});
}

QTEST_GUILESS_MAIN(TestScenarioChatroom)
#include "tst_scenario_chatroom.moc"
