#include "tests/support/scenario.h"

#include <QtTest>

using namespace handover;
using namespace handover::testing;

// Sending into chatrooms against the real server and simulator: STMs that bump (R4) or stay silent (R4s),
// template parameters and sendability (R17), sending on behalf of a participant (R18), the 24h window (R19)
// and agents chatting while automation sends (R10).
class TestScenarioTemplates : public QObject
{
    Q_OBJECT

public:
    using Scene = void (TestScenarioTemplates::*)();

private Q_SLOTS:
    void initTestCase();
    void streamWelcomes();
    void r4_data();
    void r4() { run(); }
    void r4s_data();
    void r4s() { run(); }
    void r17Refused_data();
    void r17Refused();
    void r17_data();
    void r17() { run(); }
    void r18_data();
    void r18() { run(); }
    void r19_data();
    void r19() { run(); }
    void r10_data();
    void r10() { run(); }

private:
    void run();

    // R4
    void stmBumps() { stmBumpsWith(false); }
    void stmBumpsQueryFlag() { stmBumpsWith(true); }
    void stmBumpsWith(bool inQuery);
    void stmStoredAndDelivered();
    void stmIntoAwaiting();
    void conflictingFlags();
    void badFlagValue();
    // R4s
    void silentBody() { silentWith(false); }
    void silentQuery() { silentWith(true); }
    void silentWith(bool inQuery);
    void silentIntoAwaiting();
    // R17
    void autoFillOverrides();
    void agentAutoFill();
    void hiddenTemplate();
    void templateCheckedBeforeState();
    // R18
    void viaParticipant();
    void viaParticipantFallsBack();
    void botByDefault();
    // R19
    void closedBeforeCustomerWrote();
    void templatesWhileClosed();
    void customerOpensWindow();
    void tapRefreshesWindow();
    void windowCloses();
    // R10
    void agentTextBumps();
    void nonParticipantRefused();
    void asParticipant();
    void chattingWhileAutomationSends();

    QString roomOf(const ScenarioUser &user)
    {
        return s.newChatroom(QJsonObject{{QStringLiteral("user_id"), user.id}});
    }
    QString awaitingRoom()
    {
        return s.newChatroom(QJsonObject{{QStringLiteral("user_id"), s.alice.id},
                                         {QStringLiteral("assign_on_handover"), true}});
    }
    QJsonObject simulatorCopy(const QString &phone, const QString &waMessageId);

    Scenario s;
    bool m_streamsUp = false;
    QByteArray m_streamError;
};

Q_DECLARE_METATYPE(TestScenarioTemplates::Scene)

namespace {

void addScene(const char *name, TestScenarioTemplates::Scene scene)
{
    QTest::newRow(name) << scene;
}

} // namespace

void TestScenarioTemplates::initTestCase()
{
    QVERIFY2(s.start(), s.why());
    m_streamsUp = s.openStreams();
    m_streamError = s.why();
}

void TestScenarioTemplates::streamWelcomes()
{
    QVERIFY2(m_streamsUp, m_streamError.constData());
}

void TestScenarioTemplates::run()
{
    QFETCH(Scene, scene);
    (this->*scene)();
}

QJsonObject TestScenarioTemplates::simulatorCopy(const QString &phone, const QString &waMessageId)
{
    for (const QJsonValue &m : s.simulatorMessages(phone)) {
        if (field(m.toObject(), "wa_message_id") == waMessageId)
            return m.toObject();
    }
    return {};
}

// ---- R4

void TestScenarioTemplates::r4_data()
{
    QTest::addColumn<Scene>("scene");
    addScene(
        "R4: an STM bumps the chatroom to the top of its participant's list and of All, and notifies them",
        &TestScenarioTemplates::stmBumps);
    addScene("R4: bump=true in the query bumps the same way", &TestScenarioTemplates::stmBumpsQueryFlag);
    addScene("R4: the STM is stored as the bot's message and delivered to WhatsApp with its parameters and "
             "buttons",
             &TestScenarioTemplates::stmStoredAndDelivered);
    addScene(
        "R4: an STM into a chatroom awaiting handover bumps it in Awaiting handover and in no agent's list",
        &TestScenarioTemplates::stmIntoAwaiting);
    addScene("R4: a flag given in the query and the body with different values is 400 BAD_REQUEST",
             &TestScenarioTemplates::conflictingFlags);
    addScene("R4: a flag value other than true, false, 1 or 0 in the query is 400 BAD_REQUEST",
             &TestScenarioTemplates::badFlagValue);
}

void TestScenarioTemplates::stmBumpsWith(bool inQuery)
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why()); // above it now
    QVERIFY(s.listOrder(QStringLiteral("mine"), s.alice.token).value(0) != room);
    const qint64 before = bumpSeqOf(s.chatroom(room));
    const qsizetype from = s.mark(s.alice);

    StmOptions options;
    if (inQuery) {
        options.bump = true;
        options.flagsInQuery = true;
    }
    const QJsonObject message = s.sendTemplate(room, options);
    QVERIFY2(!message.isEmpty(), s.why());
    QCOMPARE(message.value(QLatin1String("bump")).toBool(), true);
    const QJsonObject after = s.chatroom(room);
    QVERIFY(bumpSeqOf(after) > before);
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token).value(0), room);
    QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token).value(0), room);
    const QJsonObject last = objectField(after, "last_message");
    QCOMPARE(field(last, "id"), field(message, "id"));
    QCOMPARE(last.value(QLatin1String("silent")).toBool(), false);

    const auto created = s.stream(s.alice).waitForEvent(
        [&](const Event &e) {
            return e.kind == EventKind::MessageCreated && e.message && e.message->id == field(message, "id");
        },
        10000, from);
    QVERIFY2(created, "alice's stream never got the message");
    QVERIFY(created->bumped);
    QVERIFY(eventNotifies(*created, s.alice.id));
    QCOMPARE(created->seq, bumpSeqOf(after));
}

void TestScenarioTemplates::stmStoredAndDelivered()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject message = s.sendTemplate(room);
    QVERIFY2(!message.isEmpty(), s.why());
    QCOMPARE(field(message, "kind"), QStringLiteral("template"));
    QCOMPARE(field(message, "direction"), QStringLiteral("out"));
    QCOMPARE(field(objectField(message, "sender"), "type"), QStringLiteral("bot"));
    QCOMPARE(message.value(QLatin1String("relay_response")).toBool(), false);
    QCOMPARE(message.value(QLatin1String("bump_response")).toBool(), true);
    QCOMPARE(field(message, "text"), QStringLiteral("Hi Asha, order A-1 is ready."));
    const QJsonObject sentTemplate = objectField(message, "template");
    QCOMPARE(field(sentTemplate, "remote_template_id"), Scenario::kButtonsTemplate);
    QCOMPARE(field(sentTemplate, "name"), QStringLiteral("order_ready"));
    const QJsonArray buttons = sentTemplate.value(QLatin1String("buttons")).toArray();
    QCOMPARE(buttons.size(), 2);
    QCOMPARE(field(buttons.at(0).toObject(), "text"), QStringLiteral("Yes"));
    QCOMPARE(field(buttons.at(1).toObject(), "text"), QStringLiteral("No"));

    const QJsonObject sent = s.waitUntilSent(room, field(message, "id"));
    QVERIFY2(!sent.isEmpty(), s.why());
    QCOMPARE(field(sent, "status"), QStringLiteral("sent"));
    const QJsonObject copy = simulatorCopy(s.phoneOf(room), field(sent, "wa_message_id"));
    QVERIFY2(!copy.isEmpty(), "the simulator has no such message");
    QCOMPARE(field(copy, "type"), QStringLiteral("template"));
    QCOMPARE(field(copy, "phone_number_id"), Scenario::kPhoneA);
    const QJsonObject wire = objectField(copy, "template");
    QCOMPARE(field(wire, "name"), QStringLiteral("order_ready"));
    QCOMPARE(wire.value(QLatin1String("parameters")).toArray(),
             (QJsonArray{QStringLiteral("Asha"), QStringLiteral("A-1")}));
    const QJsonArray wireButtons = copy.value(QLatin1String("buttons")).toArray();
    QCOMPARE(wireButtons.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(field(wireButtons.at(i).toObject(), "sub_type"), QStringLiteral("quick_reply"));
        QCOMPARE(field(wireButtons.at(i).toObject(), "payload"), field(buttons.at(i).toObject(), "payload"));
    }
}

void TestScenarioTemplates::stmIntoAwaiting()
{
    const QString room = awaitingRoom();
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(!awaitingRoom().isEmpty(), s.why());
    const QStringList aliceBefore = s.listOrder(QStringLiteral("mine"), s.alice.token);
    const qsizetype aliceFrom = s.mark(s.alice);
    const QJsonObject message = s.sendTemplate(room);
    QVERIFY2(!message.isEmpty(), s.why());
    QCOMPARE(s.listOrder(QStringLiteral("awaiting_handover"), s.supervisor.token).value(0), room);
    QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token).value(0), room);
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token), aliceBefore);
    QVERIFY(participantsOf(s.chatroom(room)).isEmpty());
    QVERIFY2(s.syncStreams(), s.why());
    QVERIFY(s.stream(s.alice).eventsOf(room, aliceFrom).isEmpty());
}

void TestScenarioTemplates::conflictingFlags()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const HttpResult refused = s.api().post(
        QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages?bump=false").arg(s.orgId(), room),
        QJsonObject{{QStringLiteral("remote_template_id"), Scenario::kPlainTemplate},
                    {QStringLiteral("bump"), true}});
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorCode(), 4000001);
    QCOMPARE(s.messages(room).size(), 0);
    // The same value in both places is fine.
    const HttpResult agreed = s.api().post(
        QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages?bump=false").arg(s.orgId(), room),
        QJsonObject{{QStringLiteral("remote_template_id"), Scenario::kPlainTemplate},
                    {QStringLiteral("bump"), false}});
    QCOMPARE(agreed.status, 201);
    QCOMPARE(agreed.json().value(QLatin1String("bump")).toBool(), false);
}

void TestScenarioTemplates::badFlagValue()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const HttpResult refused =
        s.api().post(QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages?relay_response=maybe")
                         .arg(s.orgId(), room),
                     QJsonObject{{QStringLiteral("remote_template_id"), Scenario::kPlainTemplate}});
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorCode(), 4000001);
    const HttpResult numeric =
        s.api().post(QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages?bump=0").arg(s.orgId(), room),
                     QJsonObject{{QStringLiteral("remote_template_id"), Scenario::kPlainTemplate}});
    QCOMPARE(numeric.status, 201);
    QCOMPARE(numeric.json().value(QLatin1String("bump")).toBool(), false);
}

// ---- R4s

void TestScenarioTemplates::r4s_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R4s: a silent template does not reorder the list, and is stored and delivered",
             &TestScenarioTemplates::silentBody);
    addScene("R4s: bump=false in the query is silent too", &TestScenarioTemplates::silentQuery);
    addScene("R4s: a silent template into a chatroom awaiting handover does not reorder Awaiting handover",
             &TestScenarioTemplates::silentIntoAwaiting);
}

void TestScenarioTemplates::silentWith(bool inQuery)
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    // The customer wrote, so alice has one unread message; then another chatroom goes above this one.
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Any news?")), s.why());
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why());
    const QJsonObject before = s.chatroom(room, s.alice.token);
    QCOMPARE(before.value(QLatin1String("unread_count")).toInt(), 1);
    const QStringList mineBefore = s.listOrder(QStringLiteral("mine"), s.alice.token);
    const QStringList allBefore = s.listOrder(QStringLiteral("all"), s.supervisor.token);
    const qsizetype from = s.mark(s.alice);

    StmOptions options;
    options.bump = false;
    options.flagsInQuery = inQuery;
    const QJsonObject message = s.sendTemplate(room, options);
    QVERIFY2(!message.isEmpty(), s.why());
    QCOMPARE(message.value(QLatin1String("bump")).toBool(), false);

    const QJsonObject after = s.chatroom(room, s.alice.token);
    QCOMPARE(bumpSeqOf(after), bumpSeqOf(before));
    QCOMPARE(field(after, "bumped_at"), field(before, "bumped_at"));
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token), mineBefore);
    QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token), allBefore);
    QCOMPARE(after.value(QLatin1String("unread_count")).toInt(), 1);
    const QJsonObject last = objectField(after, "last_message");
    QCOMPARE(field(last, "id"), field(message, "id"));
    QCOMPARE(last.value(QLatin1String("silent")).toBool(), true);

    // Stored and delivered all the same.
    const QJsonObject sent = s.waitUntilSent(room, field(message, "id"));
    QVERIFY2(!sent.isEmpty(), s.why());
    QVERIFY(!simulatorCopy(s.phoneOf(room), field(sent, "wa_message_id")).isEmpty());

    // The console gets the message but nothing moves and nothing notifies.
    const auto created = s.stream(s.alice).waitForEvent(
        [&](const Event &e) {
            return e.kind == EventKind::MessageCreated && e.message && e.message->id == field(message, "id");
        },
        10000, from);
    QVERIFY2(created, "alice's stream never got the message");
    QVERIFY(!created->bumped);
    QVERIFY(!eventNotifies(*created, s.alice.id));
    QVERIFY2(s.syncStreams(), s.why());
    const QList<Event> &events = s.stream(s.alice).events();
    for (qsizetype i = from; i < events.size(); ++i)
        QVERIFY2(!eventNotifies(events.at(i), s.alice.id), qPrintable(eventKindName(events.at(i).kind)));
    QVERIFY2(s.stream(s.alice).violations().isEmpty(),
             qPrintable(s.stream(s.alice).violations().join(u'\n')));
}

void TestScenarioTemplates::silentIntoAwaiting()
{
    const QString room = awaitingRoom();
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(!awaitingRoom().isEmpty(), s.why());
    const QStringList awaitingBefore = s.listOrder(QStringLiteral("awaiting_handover"), s.supervisor.token);
    QVERIFY(awaitingBefore.value(0) != room);
    StmOptions options;
    options.bump = false;
    for (int i = 0; i < 3; ++i)
        QVERIFY2(!s.sendTemplate(room, options).isEmpty(), s.why());
    QCOMPARE(s.listOrder(QStringLiteral("awaiting_handover"), s.supervisor.token), awaitingBefore);
}

// ---- R17

void TestScenarioTemplates::r17Refused_data()
{
    QTest::addColumn<QString>("templateId");
    QTest::addColumn<QJsonArray>("params");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errorCode");

    const auto order = [](const QString &value) {
        return QJsonObject{{QStringLiteral("tag"), QStringLiteral("order")},
                           {QStringLiteral("value"), value}};
    };
    QTest::newRow("R17: a missing USER_FILL parameter is 422 TEMPLATE_PARAMS_INVALID")
        << Scenario::kButtonsTemplate << QJsonArray() << 422 << 4220003;
    QTest::newRow("R17: a blank USER_FILL value counts as missing")
        << Scenario::kButtonsTemplate << QJsonArray{order(QStringLiteral("   "))} << 422 << 4220003;
    QTest::newRow("R17: an unknown tag is 422 TEMPLATE_PARAMS_INVALID")
        << Scenario::kButtonsTemplate
        << QJsonArray{order(QStringLiteral("7")),
                      QJsonObject{{QStringLiteral("tag"), QStringLiteral("coupon")},
                                  {QStringLiteral("value"), QStringLiteral("X")}}}
        << 422 << 4220003;
    QTest::newRow("R17: a template that is not APPROVED cannot be sent (422 TEMPLATE_NOT_SENDABLE)")
        << Scenario::kPendingTemplate << QJsonArray() << 422 << 4220002;
    QTest::newRow("R17: a template that is not enabled cannot be sent (422 TEMPLATE_NOT_SENDABLE)")
        << Scenario::kDisabledTemplate << QJsonArray() << 422 << 4220002;
    QTest::newRow("R17: an unknown template is 404")
        << QStringLiteral("tpl-nowhere") << QJsonArray() << 404 << 4040001;
}

void TestScenarioTemplates::r17Refused()
{
    QFETCH(QString, templateId);
    QFETCH(QJsonArray, params);
    QFETCH(int, status);
    QFETCH(int, errorCode);
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject before = s.chatroom(room);
    StmOptions options;
    options.templateId = templateId;
    options.params = params;
    const HttpResult refused = s.sendTemplateRaw(room, options);
    QCOMPARE(refused.status, status);
    QCOMPARE(refused.errorCode(), errorCode);
    QCOMPARE(s.messages(room).size(), 0);
    QCOMPARE(s.chatroom(room), before);
}

void TestScenarioTemplates::r17_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R17: AUTO_FILL is computed by the server and overrides what the caller sent",
             &TestScenarioTemplates::autoFillOverrides);
    addScene("R17: agent.first_name fills from the chatroom's participant for a bot send",
             &TestScenarioTemplates::agentAutoFill);
    addScene("R17: a template with visible false is not in a member's picker but can be sent through the API",
             &TestScenarioTemplates::hiddenTemplate);
    addScene("R17: an unsendable template into a deactivated chatroom is 422 TEMPLATE_NOT_SENDABLE first",
             &TestScenarioTemplates::templateCheckedBeforeState);
}

void TestScenarioTemplates::autoFillOverrides()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    StmOptions options;
    options.params = QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("order")},
                                            {QStringLiteral("value"), QStringLiteral("7")}},
                                QJsonObject{{QStringLiteral("tag"), QStringLiteral("name")},
                                            {QStringLiteral("value"), QStringLiteral("Mallory")}}};
    const QJsonObject message = s.sendTemplate(room, options);
    QVERIFY2(!message.isEmpty(), s.why());
    QCOMPARE(field(message, "text"), QStringLiteral("Hi Asha, order 7 is ready."));
    QHash<QString, QString> values;
    for (const QJsonValue &p : objectField(message, "template").value(QLatin1String("params")).toArray())
        values.insert(field(p.toObject(), "tag"), field(p.toObject(), "value"));
    QCOMPARE(values.value(QStringLiteral("name")), QStringLiteral("Asha"));
    QCOMPARE(values.value(QStringLiteral("order")), QStringLiteral("7"));
    const QJsonObject sent = s.waitUntilSent(room, field(message, "id"));
    QVERIFY2(!sent.isEmpty(), s.why());
    const QJsonObject copy = simulatorCopy(s.phoneOf(room), field(sent, "wa_message_id"));
    QCOMPARE(objectField(copy, "template").value(QLatin1String("parameters")).toArray(),
             (QJsonArray{QStringLiteral("Asha"), QStringLiteral("7")}));
}

void TestScenarioTemplates::agentAutoFill()
{
    const QString room = roomOf(s.bob);
    QVERIFY2(!room.isEmpty(), s.why());
    StmOptions options;
    options.templateId = Scenario::kAgentTemplate;
    const QJsonObject message = s.sendTemplate(room, options);
    QVERIFY2(!message.isEmpty(), s.why());
    QCOMPARE(field(objectField(message, "sender"), "type"), QStringLiteral("bot"));
    QCOMPARE(field(message, "text"), QStringLiteral("Bob will call you about your visit."));
}

void TestScenarioTemplates::hiddenTemplate()
{
    const auto ids = [&](const HttpResult &result) {
        QStringList found;
        for (const QJsonValue &t : result.array(QStringLiteral("templates")))
            found.append(field(t.toObject(), "remote_template_id"));
        return found;
    };
    const HttpResult forMember = s.as(s.alice).get(QStringLiteral("/v1/orgs/%1/templates").arg(s.orgId()));
    QCOMPARE(forMember.status, 200);
    QVERIFY(ids(forMember).contains(Scenario::kButtonsTemplate));
    QVERIFY(!ids(forMember).contains(Scenario::kHiddenTemplate));
    const HttpResult forMemberAll =
        s.as(s.alice).get(QStringLiteral("/v1/orgs/%1/templates?visible_only=false").arg(s.orgId()));
    QCOMPARE(forMemberAll.status, 200);
    QVERIFY(!ids(forMemberAll).contains(Scenario::kHiddenTemplate));
    const HttpResult forAutomation = s.api().get(QStringLiteral("/v1/orgs/%1/templates").arg(s.orgId()));
    QCOMPARE(forAutomation.status, 200);
    QVERIFY(ids(forAutomation).contains(Scenario::kHiddenTemplate));

    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    StmOptions options;
    options.templateId = Scenario::kHiddenTemplate;
    QVERIFY2(!s.sendTemplate(room, options).isEmpty(), s.why());
}

void TestScenarioTemplates::templateCheckedBeforeState()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QCOMPARE(s.as(s.supervisor)
                 .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/deactivate").arg(s.orgId(), room), {})
                 .status,
             200);
    StmOptions options;
    options.templateId = Scenario::kDisabledTemplate;
    const HttpResult refused = s.sendTemplateRaw(room, options);
    QCOMPARE(refused.status, 422);
    QCOMPARE(refused.errorCode(), 4220002);
    // A sendable one with missing parameters: the state is checked before the parameters.
    StmOptions missing;
    missing.params = QJsonArray();
    const HttpResult inactive = s.sendTemplateRaw(room, missing);
    QCOMPARE(inactive.status, 409);
    QCOMPARE(inactive.errorCode(), 4090002);
}

// ---- R18

void TestScenarioTemplates::r18_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R18: send_via_participant sends on behalf of the participant agent",
             &TestScenarioTemplates::viaParticipant);
    addScene("R18: with no participant send_via_participant falls back to the bot",
             &TestScenarioTemplates::viaParticipantFallsBack);
    addScene("R18: without send_via_participant automation sends as the bot, participant or not",
             &TestScenarioTemplates::botByDefault);
}

void TestScenarioTemplates::viaParticipant()
{
    const QString room = roomOf(s.carol);
    QVERIFY2(!room.isEmpty(), s.why());
    const qsizetype from = s.mark(s.carol);
    StmOptions options;
    options.templateId = Scenario::kAgentTemplate;
    options.sendViaParticipant = true;
    const QJsonObject message = s.sendTemplate(room, options);
    QVERIFY2(!message.isEmpty(), s.why());
    const QJsonObject sender = objectField(message, "sender");
    QCOMPARE(field(sender, "type"), QStringLiteral("agent"));
    QCOMPARE(field(sender, "user_id"), s.carol.id);
    QCOMPARE(field(message, "text"), QStringLiteral("Carol will call you about your visit."));
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.carol.token).value(0), room);
    // It went out in carol's name: her own console does not notify her of it.
    const auto created = s.stream(s.carol).waitForEvent(
        [&](const Event &e) {
            return e.kind == EventKind::MessageCreated && e.message && e.message->id == field(message, "id");
        },
        10000, from);
    QVERIFY2(created, "carol's stream never got the message");
    QVERIFY(created->bumped);
    QVERIFY(!eventNotifies(*created, s.carol.id));
}

void TestScenarioTemplates::viaParticipantFallsBack()
{
    const QString room = awaitingRoom();
    QVERIFY2(!room.isEmpty(), s.why());
    StmOptions options;
    options.sendViaParticipant = true;
    const QJsonObject message = s.sendTemplate(room, options);
    QVERIFY2(!message.isEmpty(), s.why());
    QCOMPARE(field(objectField(message, "sender"), "type"), QStringLiteral("bot"));
    QCOMPARE(objectField(message, "sender").value(QLatin1String("user_id")).type(), QJsonValue::Null);
}

void TestScenarioTemplates::botByDefault()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    for (const std::optional<bool> &flag : {std::optional<bool>(), std::optional<bool>(false)}) {
        StmOptions options;
        options.sendViaParticipant = flag;
        const QJsonObject message = s.sendTemplate(room, options);
        QVERIFY2(!message.isEmpty(), s.why());
        QCOMPARE(field(objectField(message, "sender"), "type"), QStringLiteral("bot"));
    }
}

// ---- R19

void TestScenarioTemplates::r19_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R19: before the customer ever wrote, a free-flow send is refused with SESSION_WINDOW_CLOSED",
             &TestScenarioTemplates::closedBeforeCustomerWrote);
    addScene("R19: templates can be sent while the window is closed",
             &TestScenarioTemplates::templatesWhileClosed);
    addScene("R19: a customer message opens the window for 24 hours and free-flow text can be sent",
             &TestScenarioTemplates::customerOpensWindow);
    addScene("R19: a tap on a template button refreshes the window",
             &TestScenarioTemplates::tapRefreshesWindow);
    addScene(
        "R19: 24 hours after the customer's last message a free-flow send is refused, templates still go",
        &TestScenarioTemplates::windowCloses);
}

void TestScenarioTemplates::closedBeforeCustomerWrote()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const QJsonObject before = s.chatroom(room);
    QCOMPARE(before.value(QLatin1String("window_expires_at")).type(), QJsonValue::Null);
    QCOMPARE(before.value(QLatin1String("last_customer_message_at")).type(), QJsonValue::Null);
    const HttpResult refused = s.sendText(room, s.alice, QStringLiteral("Hello!"));
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), 4090003);
    QCOMPARE(refused.string(QStringLiteral("error_message")), QStringLiteral("SESSION_WINDOW_CLOSED"));
    QCOMPARE(s.messages(room).size(), 0);
    QCOMPARE(s.chatroom(room), before);
}

void TestScenarioTemplates::templatesWhileClosed()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(!s.sendTemplate(room).isEmpty(), s.why());
    StmOptions plain;
    plain.templateId = Scenario::kPlainTemplate;
    plain.token = s.alice.token; // from the console too
    const QJsonObject fromConsole = s.sendTemplate(room, plain);
    QVERIFY2(!fromConsole.isEmpty(), s.why());
    QCOMPARE(field(objectField(fromConsole, "sender"), "user_id"), s.alice.id);
}

void TestScenarioTemplates::customerOpensWindow()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hi, I need help")), s.why());
    const QJsonObject open = s.chatroom(room);
    const QDateTime last = QDateTime::fromString(field(open, "last_customer_message_at"), Qt::ISODateWithMs);
    const QDateTime expires = QDateTime::fromString(field(open, "window_expires_at"), Qt::ISODateWithMs);
    QVERIFY(last.isValid());
    QCOMPARE(expires, last.addSecs(24 * 3600));
    const HttpResult sent = s.sendText(room, s.alice, QStringLiteral("Sure, how can I help?"));
    QCOMPARE(sent.status, 201);
}

void TestScenarioTemplates::tapRefreshesWindow()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    const QString firstExpiry = field(s.chatroom(room), "window_expires_at");
    const QJsonObject message = s.sendTemplate(room);
    QVERIFY2(!message.isEmpty(), s.why());
    QVERIFY2(s.customerTaps(message, 0), s.why());
    const QJsonObject after = s.chatroom(room);
    const QDateTime last = QDateTime::fromString(field(after, "last_customer_message_at"), Qt::ISODateWithMs);
    const QDateTime expires = QDateTime::fromString(field(after, "window_expires_at"), Qt::ISODateWithMs);
    QCOMPARE(expires, last.addSecs(24 * 3600));
    QVERIFY(expires > QDateTime::fromString(firstExpiry, Qt::ISODateWithMs));
}

void TestScenarioTemplates::windowCloses()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    QCOMPARE(s.sendText(room, s.alice, QStringLiteral("Hi!")).status, 201);
    QVERIFY2(s.ageChatroom(room, 1.01), s.why()); // the customer wrote a day and a quarter hour ago
    const QJsonObject aged = s.chatroom(room);
    QVERIFY(QDateTime::fromString(field(aged, "window_expires_at"), Qt::ISODateWithMs) <
            QDateTime::currentDateTimeUtc());
    const HttpResult refused = s.sendText(room, s.alice, QStringLiteral("Are you still there?"));
    QCOMPARE(refused.status, 409);
    QCOMPARE(refused.errorCode(), 4090003);
    QVERIFY2(!s.sendTemplate(room).isEmpty(), s.why());
    // The customer writes again: the window opens again.
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Yes")), s.why());
    QCOMPARE(s.sendText(room, s.alice, QStringLiteral("Great")).status, 201);
}

// ---- R10

void TestScenarioTemplates::r10_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R10: a participant's free-flow message bumps the chatroom and goes to WhatsApp",
             &TestScenarioTemplates::agentTextBumps);
    addScene("R10: a member who is not a participant may not send free-flow text (403)",
             &TestScenarioTemplates::nonParticipantRefused);
    addScene("R10: an admin or supervisor writes only as a participant, with as_user_id",
             &TestScenarioTemplates::asParticipant);
    addScene(
        "R10: an agent chats while automation sends STMs, and relays of relay-enabled templates continue",
        &TestScenarioTemplates::chattingWhileAutomationSends);
}

void TestScenarioTemplates::agentTextBumps()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    const QString phone = s.phoneOf(room);
    QVERIFY2(s.customerWrites(phone, QStringLiteral("Where is my parcel?")), s.why());
    QVERIFY2(!roomOf(s.alice).isEmpty(), s.why());
    QCOMPARE(s.chatroom(room, s.alice.token).value(QLatin1String("unread_count")).toInt(), 1);
    const qint64 before = bumpSeqOf(s.chatroom(room));
    const qsizetype from = s.mark(s.alice);

    const HttpResult sent = s.sendText(room, s.alice, QStringLiteral("It left the warehouse today."));
    QCOMPARE(sent.status, 201);
    const QJsonObject message = sent.json();
    QCOMPARE(field(message, "kind"), QStringLiteral("text"));
    QCOMPARE(field(message, "direction"), QStringLiteral("out"));
    QCOMPARE(field(objectField(message, "sender"), "type"), QStringLiteral("agent"));
    QCOMPARE(field(objectField(message, "sender"), "user_id"), s.alice.id);
    const QJsonObject after = s.chatroom(room, s.alice.token);
    QVERIFY(bumpSeqOf(after) > before);
    QCOMPARE(after.value(QLatin1String("unread_count")).toInt(), 0); // writing is reading
    QCOMPARE(s.listOrder(QStringLiteral("mine"), s.alice.token).value(0), room);
    QCOMPARE(s.listOrder(QStringLiteral("all"), s.supervisor.token).value(0), room);

    const QJsonObject delivered = s.waitUntilSent(room, field(message, "id"));
    QVERIFY2(!delivered.isEmpty(), s.why());
    const QJsonObject copy = simulatorCopy(phone, field(delivered, "wa_message_id"));
    QCOMPARE(field(copy, "type"), QStringLiteral("text"));
    QCOMPARE(field(copy, "text"), QStringLiteral("It left the warehouse today."));

    const auto created = s.stream(s.alice).waitForEvent(
        [&](const Event &e) {
            return e.kind == EventKind::MessageCreated && e.message && e.message->id == field(message, "id");
        },
        10000, from);
    QVERIFY2(created, "alice's stream never got her message");
    QVERIFY(created->bumped);
    QVERIFY(!eventNotifies(*created, s.alice.id)); // her own message
}

void TestScenarioTemplates::nonParticipantRefused()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    const HttpResult refused = s.sendText(room, s.bob, QStringLiteral("I am not in this chatroom"));
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.errorCode(), 4030001);
    QCOMPARE(s.messages(room).size(), 1);
}

void TestScenarioTemplates::asParticipant()
{
    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hello")), s.why());
    const QString path = QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages").arg(s.orgId(), room);
    const HttpResult asAlice =
        s.as(s.supervisor)
            .post(path, QJsonObject{{QStringLiteral("text"), QStringLiteral("Alice here")},
                                    {QStringLiteral("as_user_id"), s.alice.id}});
    QCOMPARE(asAlice.status, 201);
    QCOMPARE(field(objectField(asAlice.json(), "sender"), "user_id"), s.alice.id);
    const HttpResult viaKey =
        s.api().post(path, QJsonObject{{QStringLiteral("text"), QStringLiteral("Alice again")},
                                       {QStringLiteral("as_user_id"), s.alice.id}});
    QCOMPARE(viaKey.status, 201);
    QCOMPARE(field(objectField(viaKey.json(), "sender"), "user_id"), s.alice.id);
    const HttpResult asBob = s.as(s.supervisor)
                                 .post(path, QJsonObject{{QStringLiteral("text"), QStringLiteral("Bob here")},
                                                         {QStringLiteral("as_user_id"), s.bob.id}});
    QCOMPARE(asBob.status, 403);
    // Without as_user_id there is no one to write as: a missing field (API.md, "A S only with as_user_id").
    const HttpResult asSelf =
        s.as(s.supervisor).post(path, QJsonObject{{QStringLiteral("text"), QStringLiteral("Sue here")}});
    QCOMPARE(asSelf.status, 400);
    QCOMPARE(asSelf.errorCode(), 4000002);
    QCOMPARE(s.messages(room).size(), 3);
}

void TestScenarioTemplates::chattingWhileAutomationSends()
{
    // A webhook nobody answers: the relay is queued (and retried) whatever the receiver does.
    const HttpResult hook =
        s.api().put(QStringLiteral("/v1/orgs/%1/webhook").arg(s.orgId()),
                    QJsonObject{{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/hooks")}});
    QCOMPARE(hook.status, 200);
    const auto deliveries = [&] {
        int replies = 0;
        for (const QJsonValue &d : s.api()
                                       .get(QStringLiteral("/v1/orgs/%1/webhook/deliveries").arg(s.orgId()))
                                       .array(QStringLiteral("deliveries"))) {
            if (field(d.toObject(), "event_type") == QLatin1String("template.button_reply"))
                ++replies;
        }
        return replies;
    };
    const int deliveriesBefore = deliveries();

    const QString room = roomOf(s.alice);
    QVERIFY2(!room.isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Hi, I want to change my order")), s.why());
    StmOptions relayed;
    relayed.relayResponse = true;
    const QJsonObject survey = s.sendTemplate(room, relayed);
    QVERIFY2(!survey.isEmpty(), s.why());
    QCOMPARE(survey.value(QLatin1String("relay_response")).toBool(), true);
    QCOMPARE(s.sendText(room, s.alice, QStringLiteral("I can help with that.")).status, 201);
    StmOptions silent;
    silent.templateId = Scenario::kPlainTemplate;
    silent.bump = false;
    QVERIFY2(!s.sendTemplate(room, silent).isEmpty(), s.why());
    QCOMPARE(s.sendText(room, s.alice, QStringLiteral("Please answer the question above.")).status, 201);
    QVERIFY2(s.customerTaps(survey, 0), s.why());
    QCOMPARE(s.sendText(room, s.alice, QStringLiteral("Thanks!")).status, 201);

    QStringList timeline;
    for (const QJsonValue &m : s.messages(room)) {
        const QJsonObject message = m.toObject();
        timeline.append(field(message, "kind") + QLatin1Char('/') +
                        field(objectField(message, "sender"), "type"));
    }
    QCOMPARE(timeline, (QStringList{QStringLiteral("text/customer"), QStringLiteral("template/bot"),
                                    QStringLiteral("text/agent"), QStringLiteral("template/bot"),
                                    QStringLiteral("text/agent"), QStringLiteral("button_reply/customer"),
                                    QStringLiteral("text/agent")}));
    const QJsonObject tap = s.messages(room).at(5).toObject();
    QCOMPARE(field(tap, "in_reply_to"), field(survey, "id"));
    QCOMPARE(participantsOf(s.chatroom(room)), QStringList{s.alice.id});

    // The tap was relayed.
    QCOMPARE(deliveries(), deliveriesBefore + 1);
    QCOMPARE(s.api().del(QStringLiteral("/v1/orgs/%1/webhook").arg(s.orgId())).status, 204);
}

QTEST_GUILESS_MAIN(TestScenarioTemplates)
#include "tst_scenario_templates.moc"
