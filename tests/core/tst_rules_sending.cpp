// R4, R4s, R10, R12 (sends refused), R17, R18, R19.
#include "tests/support/ruleworld.h"

#include <QTest>

using namespace handover;
using namespace handover::test;

namespace {

constexpr qint64 kHour = 3600;

// A chatroom of Asha whose participants are `participants`, in the order they joined (an empty list: it waits
// for a handover to Ana). Each participant then gets a newer chatroom of Bo, so Asha's is not at the top of
// any list, and an unread count of 2.
ChatroomId ashaWith(RuleWorld &world, const QStringList &participants)
{
    const ChatroomId id = world.open(kAsha, participants.value(0, kAna), {}, participants.isEmpty());
    Chatroom &room = world.editChatroom(id);
    for (qsizetype i = 1; i < participants.size(); ++i) {
        world.clock.advanceSecs(1);
        room.participants.append(Participant{participants.at(i), world.clock.now(), {}, 0});
    }
    for (Participant &p : room.participants)
        p.unreadCount = 2;
    const QList<std::pair<UserId, QString>> newer = {{kAna, kPhone100}, {kBen, kPhone200}, {kCid, kPhone300}};
    for (const auto &[userId, phone] : newer) {
        world.clock.advanceSecs(60);
        CreateChatroomRequest req = world.request(kBo, userId);
        req.remotePhoneId = phone;
        if (!world.create(req))
            qFatal("setup: Bo's chatroom was refused");
    }
    world.clock.advanceSecs(60);
    return id;
}

QHash<UserId, int> unreadCounts(const Chatroom &room)
{
    QHash<UserId, int> counts;
    for (const Participant &p : room.participants)
        counts.insert(p.userId, p.unreadCount);
    return counts;
}

QList<TemplateParamValue> parseValues(const QStringList &pairs)
{
    QList<TemplateParamValue> values;
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        values.append(TemplateParamValue{pair.left(eq), pair.mid(eq + 1)});
    }
    return values;
}

QStringList formatValues(const QList<TemplateParamValue> &values)
{
    QStringList pairs;
    for (const TemplateParamValue &v : values)
        pairs.append(v.tag + QLatin1Char('=') + v.value);
    return pairs;
}

} // namespace

class TestRulesSending : public QObject
{
    Q_OBJECT

private slots:
    void templateSend_data();
    void templateSend();
    void stmDefaults_data();
    void stmDefaults();
    void templateRefused_data();
    void templateRefused();
    void templateParams_data();
    void templateParams();
    void autoFillSources_data();
    void autoFillSources();
    void buttonsGoOutAsTemplates_data();
    void buttonsGoOutAsTemplates();
    void agentText_data();
    void agentText();
    void window_data();
    void window();
    void agentsChatWhileAutomationRuns_data();
    void agentsChatWhileAutomationRuns();
};

void TestRulesSending::templateSend_data()
{
    QTest::addColumn<bool>("bump");
    QTest::addColumn<bool>("sendViaParticipant");
    QTest::addColumn<QStringList>("participants"); // in join order; empty: awaiting handover
    QTest::addColumn<UserId>("actingUser");
    QTest::addColumn<QString>("senderType");
    QTest::addColumn<UserId>("senderUser");
    QTest::addColumn<QString>("agentName"); // what AUTO_FILL agent.first_name became
    QTest::addColumn<QStringList>("notified");

    const QString bot = QStringLiteral("bot");
    const QString agent = QStringLiteral("agent");
    QTest::newRow("R4: an STM with bump true is stored, bumps the chatroom and notifies its participant")
        << true << false << QStringList{kAna} << UserId() << bot << UserId() << QStringLiteral("Ana")
        << QStringList{kAna};
    QTest::newRow("R4: an STM bumps the chatroom for every participant and notifies them all")
        << true << false << QStringList{kAna, kBen} << UserId() << bot << UserId() << QStringLiteral("Ana")
        << QStringList{kAna, kBen};
    QTest::newRow(
        "R4: an STM into a chatroom awaiting handover bumps it in Awaiting handover and notifies nobody")
        << true << false << QStringList() << UserId() << bot << UserId() << QString() << QStringList();
    QTest::newRow(
        "R4s: an STM with bump false updates last_message but not the sort key, unread or notifications")
        << false << false << QStringList{kAna, kBen} << UserId() << bot << UserId() << QStringLiteral("Ana")
        << QStringList();
    QTest::newRow("R4s: a silent STM into a chatroom awaiting handover moves no list")
        << false << false << QStringList() << UserId() << bot << UserId() << QString() << QStringList();
    QTest::newRow("R18: send_via_participant sends on behalf of the participant who joined first")
        << true << true << QStringList{kBen, kAna} << UserId() << agent << kBen << QStringLiteral("Ben")
        << QStringList{kAna};
    QTest::newRow("R18: send_via_participant with no participant falls back to the bot")
        << true << true << QStringList() << UserId() << bot << UserId() << QString() << QStringList();
    QTest::newRow("R18: without send_via_participant the bot sends even when the chatroom has participants")
        << true << false << QStringList{kBen, kAna} << UserId() << bot << UserId() << QStringLiteral("Ben")
        << QStringList{kBen, kAna};
    QTest::newRow("R4s: a silent STM sent via a participant is still silent")
        << false << true << QStringList{kAna} << UserId() << agent << kAna << QStringLiteral("Ana")
        << QStringList();
    QTest::newRow("R18: an agent sending from the console is the sender, and is not notified of it")
        << true << false << QStringList{kAna, kBen} << kBen << agent << kBen << QStringLiteral("Ben")
        << QStringList{kAna};
    QTest::newRow("R18: a console user who is not a participant does not become the sender")
        << true << false << QStringList{kAna} << kDee << bot << UserId() << QStringLiteral("Ana")
        << QStringList{kAna};
}

void TestRulesSending::templateSend()
{
    QFETCH(bool, bump);
    QFETCH(bool, sendViaParticipant);
    QFETCH(QStringList, participants);
    QFETCH(UserId, actingUser);
    QFETCH(QString, senderType);
    QFETCH(UserId, senderUser);
    QFETCH(QString, agentName);
    QFETCH(QStringList, notified);

    RuleWorld world;
    const ChatroomId id = ashaWith(world, participants);
    const Chatroom before = world.chatroom(id);
    QHash<UserId, QStringList> minesBefore;
    for (const UserId &userId : everyone())
        minesBefore.insert(userId, world.list(View::Mine, userId));
    const QStringList awaitingBefore = world.list(View::AwaitingHandover, kSupervisor);
    const QStringList allBefore = world.list(View::All, kSupervisor);
    QVERIFY(allBefore.first() != id);
    const qint64 firstSeq = world.nextSeq;

    TemplateSendRequest req = world.stm(kOrderUpdate, bump);
    req.sendViaParticipant = sendViaParticipant;
    req.actingUserId = actingUser;
    const auto result = world.sendTemplate(id, req);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().description));
    const Outcome &out = *result;
    const Chatroom &room = out.chatroom;

    // The message, stored as sent.
    QCOMPARE(out.messages.size(), 1);
    const Message &message = out.messages.first();
    QCOMPARE(message.kind, MessageKind::Template);
    QCOMPARE(message.direction, Direction::Out);
    QCOMPARE(message.chatroomId, id);
    QCOMPARE(senderTypeName(message.sender.type), senderType);
    QCOMPARE(message.sender.userId, senderUser);
    QCOMPARE(message.text, QStringLiteral("Hi Asha, order A-17 ships today. %1 can help.").arg(agentName));
    QCOMPARE(message.bump, bump);
    QCOMPARE(deliveryStatusName(message.status), QStringLiteral("queued"));
    QVERIFY(message.sentTemplate.has_value());
    QCOMPARE(message.sentTemplate->remoteTemplateId, QStringLiteral("rt-order"));
    QCOMPARE(message.createdAt, world.clock.now());

    // One message.created event, bumped unless silent.
    const QString expectedTrace =
        QStringLiteral("message.created template") + (bump ? QStringLiteral(" +bump") : QString());
    QCOMPARE(traces(out.events), QStringList{expectedTrace});
    QCOMPARE(seqs(out.events), seqRange(firstSeq, 1));
    QCOMPARE(out.events.first().message, std::optional<Message>(message));
    QCOMPARE(out.events.first().chatroom, room);

    // last_message always follows, silent or not; the sort key only with a bump; unread never changes.
    QVERIFY(room.lastMessage.has_value());
    QCOMPARE(room.lastMessage->id, message.id);
    QCOMPARE(room.lastMessage->silent, !bump);
    QCOMPARE(room.lastMessage->direction, Direction::Out);
    QCOMPARE(room.lastMessage->preview, messagePreview(message));
    if (bump)
        QCOMPARE(room.sortKey, (SortKey{world.clock.nowMs(), firstSeq}));
    else
        QCOMPARE(room.sortKey, before.sortKey);
    QCOMPARE(unreadCounts(room), unreadCounts(before));
    QCOMPARE(room.participants, before.participants);
    QCOMPARE(room.pendingHandover, before.pendingHandover);

    // Lists: a bump puts it on top of every list it is in; a silent send moves no row.
    for (const UserId &userId : everyone()) {
        const QStringList mine = world.list(View::Mine, userId);
        if (bump && participants.contains(userId))
            QCOMPARE(mine.value(0), id);
        else
            QCOMPARE(mine, minesBefore.value(userId));
    }
    if (bump) {
        QCOMPARE(world.list(View::All, kSupervisor).value(0), id);
    } else {
        QCOMPARE(world.list(View::All, kSupervisor), allBefore);
        QCOMPARE(world.list(View::AwaitingHandover, kSupervisor), awaitingBefore);
    }
    if (participants.isEmpty())
        QCOMPARE(world.list(View::AwaitingHandover, kSupervisor).value(0),
                 bump ? id : awaitingBefore.value(0));

    QCOMPARE(sortedIds(notifiedUsers(out.events, everyone())), sortedIds(notified));
    QCOMPARE(sortedIds(receivingUsers(out.events, everyone())),
             sortedIds(QStringList{kAdmin, kSupervisor} + participants));
}

void TestRulesSending::stmDefaults_data()
{
    QTest::addColumn<bool>("actual");
    QTest::addColumn<bool>("expected");

    const TemplateSendRequest request;
    QTest::newRow("R4: bump defaults to true") << request.bump << true;
    QTest::newRow("R6: relay_response defaults to false") << request.relayResponse << false;
    QTest::newRow("R7: bump_response defaults to true") << request.bumpResponse << true;
    QTest::newRow("R18: send_via_participant defaults to false") << request.sendViaParticipant << false;
}

void TestRulesSending::stmDefaults()
{
    QFETCH(bool, actual);
    QFETCH(bool, expected);
    QCOMPARE(actual, expected);
}

void TestRulesSending::templateRefused_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("visible");
    QTest::addColumn<QStringList>("params");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("errorCode"); // 0: sent

    const QStringList orderId = {QStringLiteral("order_id=A-17")};
    const QString approved = QStringLiteral("APPROVED");
    const QString active = QStringLiteral("active");
    const int notSendable = int(ErrorCode::TemplateNotSendable);
    const int paramsInvalid = int(ErrorCode::TemplateParamsInvalid);
    const int inactive = int(ErrorCode::ChatroomInactive);
    QTest::newRow("R17: an APPROVED and enabled template can be sent")
        << approved << true << true << orderId << active << 0;
    QTest::newRow("R17: a template hidden from agents' pickers (visible false) can still be sent by the API")
        << approved << true << false << orderId << active << 0;
    QTest::newRow("R17: a PENDING template is refused with TEMPLATE_NOT_SENDABLE")
        << QStringLiteral("PENDING") << true << true << orderId << active << notSendable;
    QTest::newRow("R17: a REJECTED template is refused with TEMPLATE_NOT_SENDABLE")
        << QStringLiteral("REJECTED") << true << true << orderId << active << notSendable;
    QTest::newRow("R17: a PAUSED template is refused with TEMPLATE_NOT_SENDABLE")
        << QStringLiteral("PAUSED") << true << true << orderId << active << notSendable;
    QTest::newRow("R17: a DISABLED template is refused with TEMPLATE_NOT_SENDABLE")
        << QStringLiteral("DISABLED") << true << true << orderId << active << notSendable;
    QTest::newRow("R17: an APPROVED template that is not enabled is refused with TEMPLATE_NOT_SENDABLE")
        << approved << false << true << orderId << active << notSendable;
    QTest::newRow("R17: a send missing a USER_FILL parameter is refused with TEMPLATE_PARAMS_INVALID")
        << approved << true << true << QStringList() << active << paramsInvalid;
    QTest::newRow("R17: a send with an unknown tag is refused with TEMPLATE_PARAMS_INVALID")
        << approved << true << true << (orderId + QStringList{QStringLiteral("coupon=X")}) << active
        << paramsInvalid;
    QTest::newRow("R12: an STM into a deactivated chatroom is refused with CHATROOM_INACTIVE")
        << approved << true << true << orderId << QStringLiteral("deactivated") << inactive;
    QTest::newRow("R12: an STM into an expired chatroom is refused with CHATROOM_INACTIVE")
        << approved << true << true << orderId << QStringLiteral("expired") << inactive;
}

void TestRulesSending::templateRefused()
{
    QFETCH(QString, status);
    QFETCH(bool, enabled);
    QFETCH(bool, visible);
    QFETCH(QStringList, params);
    QFETCH(QString, state);
    QFETCH(int, errorCode);

    RuleWorld world;
    const ChatroomId id = world.open(kAsha, kAna);
    world.editChatroom(id).state = *chatroomStateFromName(state);
    const Chatroom before = world.chatroom(id);
    const qint64 seqBefore = world.nextSeq;

    TemplateSendRequest req = world.stm(kOrderUpdate);
    req.messageTemplate.status = *templateStatusFromName(status);
    req.messageTemplate.enabled = enabled;
    req.messageTemplate.visible = visible;
    req.params = parseValues(params);
    const auto result = world.sendTemplate(id, req);

    if (errorCode == 0) {
        QVERIFY(result.ok());
        QCOMPARE(result->messages.size(), 1);
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(errorMessage(result.code()), errorMessage(ErrorCode(errorCode)));
    QCOMPARE(httpStatus(result.code()), errorCode / 10000);
    QCOMPARE(world.nextSeq, seqBefore);
    QCOMPARE(world.chatroom(id), before); // an inactive chatroom stays as it was, readable
}

void TestRulesSending::templateParams_data()
{
    QTest::addColumn<QStringList>("given");
    QTest::addColumn<UserId>("agent"); // empty: no agent
    QTest::addColumn<QStringList>("resolved");
    QTest::addColumn<QStringList>("badFields"); // non-empty: TEMPLATE_PARAMS_INVALID naming these

    QTest::newRow(
        "R17: USER_FILL values come from the caller, AUTO_FILL values from the contact and the agent")
        << QStringList{QStringLiteral("order_id=A-17")} << kAna
        << QStringList{QStringLiteral("first_name=Asha"), QStringLiteral("order_id=A-17"),
                       QStringLiteral("agent_name=Ana")}
        << QStringList();
    QTest::newRow("R17: AUTO_FILL overrides the values the caller sent for it")
        << QStringList{QStringLiteral("agent_name=Zed"), QStringLiteral("order_id=A-17"),
                       QStringLiteral("first_name=Bob")}
        << kBen
        << QStringList{QStringLiteral("first_name=Asha"), QStringLiteral("order_id=A-17"),
                       QStringLiteral("agent_name=Ben")}
        << QStringList();
    QTest::newRow("R17: agent AUTO_FILL values are empty when there is no agent")
        << QStringList{QStringLiteral("order_id=A-17")} << UserId()
        << QStringList{QStringLiteral("first_name=Asha"), QStringLiteral("order_id=A-17"),
                       QStringLiteral("agent_name=")}
        << QStringList();
    QTest::newRow("R17: a missing USER_FILL parameter is refused with TEMPLATE_PARAMS_INVALID")
        << QStringList() << kAna << QStringList() << QStringList{QStringLiteral("order_id")};
    QTest::newRow("R17: a blank USER_FILL value counts as missing")
        << QStringList{QStringLiteral("order_id=   ")} << kAna << QStringList()
        << QStringList{QStringLiteral("order_id")};
    QTest::newRow("R17: an unknown tag is refused with TEMPLATE_PARAMS_INVALID naming it")
        << QStringList{QStringLiteral("order_id=A-17"), QStringLiteral("coupon=X")} << kAna << QStringList()
        << QStringList{QStringLiteral("coupon")};
    QTest::newRow("R17: sending only an AUTO_FILL value does not stand in for a missing USER_FILL one")
        << QStringList{QStringLiteral("first_name=Asha")} << kAna << QStringList()
        << QStringList{QStringLiteral("order_id")};
}

void TestRulesSending::templateParams()
{
    QFETCH(QStringList, given);
    QFETCH(UserId, agent);
    QFETCH(QStringList, resolved);
    QFETCH(QStringList, badFields);

    const RuleWorld world;
    const std::optional<User> agentUser = agent.isEmpty() ? std::nullopt : world.directory.user(agent);
    const auto result = resolveTemplateParams(world.templates.value(kOrderUpdate), parseValues(given),
                                              world.contacts.value(kAsha), agentUser);
    if (badFields.isEmpty()) {
        QVERIFY(result.ok());
        QCOMPARE(formatValues(*result), resolved);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(errorMessage(result.code()), QStringLiteral("TEMPLATE_PARAMS_INVALID"));
        QCOMPARE(httpStatus(result.code()), 422);
        QCOMPARE(result.error().fields, badFields);
    }
}

void TestRulesSending::autoFillSources_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("value");

    QTest::newRow("R17: AUTO_FILL contact.first_name")
        << QStringLiteral("contact.first_name") << QStringLiteral("Asha");
    QTest::newRow("R17: AUTO_FILL contact.last_name")
        << QStringLiteral("contact.last_name") << QStringLiteral("Rao");
    QTest::newRow("R17: AUTO_FILL contact.crm_id")
        << QStringLiteral("contact.crm_id") << QStringLiteral("CRM-1");
    QTest::newRow("R17: AUTO_FILL contact.phone_number")
        << QStringLiteral("contact.phone_number") << kSharedPhone;
    QTest::newRow("R17: AUTO_FILL contact.display_name is the derived name (R16)")
        << QStringLiteral("contact.display_name") << QStringLiteral("CRM-1 Asha Rao");
    QTest::newRow("R17: AUTO_FILL agent.first_name")
        << QStringLiteral("agent.first_name") << QStringLiteral("Ana");
    QTest::newRow("R17: AUTO_FILL agent.last_name")
        << QStringLiteral("agent.last_name") << QStringLiteral("Alves");
    QTest::newRow("R17: AUTO_FILL agent.email")
        << QStringLiteral("agent.email") << QStringLiteral("u-ana@example.com");
    QTest::newRow("R17: an AUTO_FILL source the server does not know fills an empty value")
        << QStringLiteral("weather.today") << QString();
}

void TestRulesSending::autoFillSources()
{
    QFETCH(QString, source);
    QFETCH(QString, value);

    const RuleWorld world;
    MessageTemplate tmpl = world.templates.value(kHello);
    tmpl.params = {TemplateParam{QStringLiteral("x"), ParamType::AutoFill, source}};
    const auto result =
        resolveTemplateParams(tmpl, {}, world.contacts.value(kAsha), world.directory.user(kAna));
    QVERIFY(result.ok());
    QCOMPARE(formatValues(*result), QStringList{QStringLiteral("x=") + value});
}

void TestRulesSending::buttonsGoOutAsTemplates_data()
{
    QTest::addColumn<qint64>("customerWroteSecsAgo"); // -1: never

    QTest::newRow("R19: a template with buttons can be sent before the customer ever wrote") << qint64(-1);
    QTest::newRow("R19: a template with buttons can be sent inside the 24h window") << qint64(kHour);
    QTest::newRow("R19: a template with buttons can be sent after the window closed") << qint64(25 * kHour);
}

void TestRulesSending::buttonsGoOutAsTemplates()
{
    QFETCH(qint64, customerWroteSecsAgo);

    RuleWorld world;
    const ChatroomId id = world.open(kAsha, kAna);
    if (customerWroteSecsAgo >= 0)
        world.editChatroom(id).lastCustomerMessageAt = world.clock.now().addSecs(-customerWroteSecsAgo);
    const auto result = world.sendTemplate(id, world.stm(kOrderUpdate));
    QVERIFY(result.ok());

    const Message &message = result->messages.first();
    QCOMPARE(message.kind, MessageKind::Template);
    QVERIFY(message.sentTemplate.has_value());
    const QList<SentButton> &buttons = message.sentTemplate->buttons;
    QCOMPARE(buttons.size(), 3);
    for (int i = 0; i < buttons.size(); ++i) {
        QCOMPARE(buttons.at(i).index, i);
        if (buttons.at(i).type == ButtonType::Url) {
            QVERIFY(buttons.at(i).payload.isEmpty());
            QCOMPARE(buttons.at(i).url, QStringLiteral("https://t.example/1"));
            continue;
        }
        // A tap's payload finds this message and button again (R5, R6).
        MessageId found;
        int index = -1;
        QVERIFY(parseQuickReplyPayload(buttons.at(i).payload, &found, &index));
        QCOMPARE(found, message.id);
        QCOMPARE(index, i);
    }
    QCOMPARE(buttons.at(0).text, QStringLiteral("Yes"));
    QCOMPARE(buttons.at(1).text, QStringLiteral("No"));
}

void TestRulesSending::agentText_data()
{
    QTest::addColumn<UserId>("sender");
    QTest::addColumn<QString>("state");
    QTest::addColumn<qint64>("customerWroteSecsAgo"); // -1: never
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("errorCode"); // 0: sent

    const QString active = QStringLiteral("active");
    const QString hi = QStringLiteral("Hello Asha, how can I help?");
    const int closed = int(ErrorCode::SessionWindowClosed);
    const int inactive = int(ErrorCode::ChatroomInactive);
    QTest::newRow("R10: a participant's free-flow text inside the window is sent and bumps the chatroom")
        << kAna << active << qint64(kHour) << hi << 0;
    QTest::newRow("R10: every participant may send, not only the first")
        << kBen << active << qint64(kHour) << hi << 0;
    QTest::newRow("R19: the window is still open one second before 24h have passed")
        << kAna << active << qint64(24 * kHour - 1) << hi << 0;
    QTest::newRow("R19: a free-flow send exactly 24h after the customer's last message is refused")
        << kAna << active << qint64(24 * kHour) << hi << closed;
    QTest::newRow("R19: a free-flow send three days after the customer's last message is refused")
        << kAna << active << qint64(72 * kHour) << hi << closed;
    QTest::newRow(
        "R19: a free-flow send before the customer ever wrote is refused with SESSION_WINDOW_CLOSED")
        << kAna << active << qint64(-1) << hi << closed;
    QTest::newRow("R12: a free-flow send into a deactivated chatroom is refused even inside the window")
        << kAna << QStringLiteral("deactivated") << qint64(kHour) << hi << inactive;
    QTest::newRow("R12: a free-flow send into an expired chatroom is refused with CHATROOM_INACTIVE")
        << kAna << QStringLiteral("expired") << qint64(kHour) << hi << inactive;
    QTest::newRow("R10: an agent who is not a participant cannot send free-flow text")
        << kDee << active << qint64(kHour) << hi << int(ErrorCode::Forbidden);
    QTest::newRow("R10: an empty text is refused with VALIDATION_FAILED")
        << kAna << active << qint64(kHour) << QStringLiteral("   ") << int(ErrorCode::ValidationFailed);
    QTest::newRow("R10: a text of 4096 characters is sent")
        << kAna << active << qint64(kHour) << QString(4096, QLatin1Char('a')) << 0;
    QTest::newRow("R10: a text over 4096 characters is refused with VALIDATION_FAILED")
        << kAna << active << qint64(kHour) << QString(4097, QLatin1Char('a'))
        << int(ErrorCode::ValidationFailed);
}

void TestRulesSending::agentText()
{
    QFETCH(UserId, sender);
    QFETCH(QString, state);
    QFETCH(qint64, customerWroteSecsAgo);
    QFETCH(QString, text);
    QFETCH(int, errorCode);

    RuleWorld world;
    const ChatroomId id = ashaWith(world, {kAna, kBen});
    Chatroom &setup = world.editChatroom(id);
    setup.state = *chatroomStateFromName(state);
    if (customerWroteSecsAgo >= 0)
        setup.lastCustomerMessageAt = world.clock.now().addSecs(-customerWroteSecsAgo);
    const Chatroom before = world.chatroom(id);
    const QStringList anaBefore = world.list(View::Mine, kAna);
    const qint64 firstSeq = world.nextSeq;

    const auto result = world.agentText(id, sender, text);

    if (errorCode != 0) {
        QVERIFY(!result.ok());
        QCOMPARE(errorMessage(result.code()), errorMessage(ErrorCode(errorCode)));
        QCOMPARE(world.nextSeq, firstSeq);
        QCOMPARE(world.chatroom(id), before);
        QCOMPARE(world.list(View::Mine, kAna), anaBefore);
        return;
    }
    QVERIFY(result.ok());
    const Outcome &out = *result;
    QCOMPARE(out.messages.size(), 1);
    const Message &message = out.messages.first();
    QCOMPARE(message.kind, MessageKind::Text);
    QCOMPARE(message.direction, Direction::Out);
    QCOMPARE(message.sender.type, SenderType::Agent);
    QCOMPARE(message.sender.userId, sender);
    QCOMPARE(message.text, text);
    QCOMPARE(traces(out.events), QStringList{QStringLiteral("message.created text +bump")});
    QCOMPARE(seqs(out.events), seqRange(firstSeq, 1));
    QCOMPARE(out.chatroom.sortKey, (SortKey{world.clock.nowMs(), firstSeq}));
    QCOMPARE(out.chatroom.lastMessage->id, message.id);
    QVERIFY(!out.chatroom.lastMessage->silent);
    // An agent's own message neither opens nor extends the window.
    QCOMPARE(out.chatroom.lastCustomerMessageAt, before.lastCustomerMessageAt);

    // Sending reads the chatroom for the sender; the other participant's unread count is untouched.
    for (const Participant &p : out.chatroom.participants) {
        if (p.userId == sender) {
            QCOMPARE(p.unreadCount, 0);
            QCOMPARE(p.readUpTo, message.id);
        } else {
            QCOMPARE(p.unreadCount, before.participant(p.userId)->unreadCount);
        }
    }
    for (const UserId &userId : {kAna, kBen})
        QCOMPARE(world.list(View::Mine, userId).value(0), id);
    QStringList others = {kAna, kBen};
    others.removeAll(sender);
    QCOMPARE(notifiedUsers(out.events, everyone()), others);
}

void TestRulesSending::window_data()
{
    // Steps: "customer" (free-flow text), "tap" (on the last template), "stm", "wait <n>h" or "wait <n>s",
    // "send ok" / "send closed" (an agent's free-flow text and whether it goes through).
    QTest::addColumn<QStringList>("steps");

    QTest::newRow("R19: a customer message reopens a window that had closed")
        << QStringList{QStringLiteral("customer"), QStringLiteral("wait 25h"), QStringLiteral("send closed"),
                       QStringLiteral("customer"), QStringLiteral("send ok")};
    QTest::newRow("R19: the window runs 24h from the newest customer message, not the first")
        << QStringList{QStringLiteral("customer"),   QStringLiteral("wait 20h"), QStringLiteral("customer"),
                       QStringLiteral("wait 10h"),   QStringLiteral("send ok"),  QStringLiteral("wait 14h"),
                       QStringLiteral("send closed")};
    QTest::newRow("R19: an agent's own messages do not extend the window")
        << QStringList{QStringLiteral("customer"),   QStringLiteral("wait 23h"), QStringLiteral("send ok"),
                       QStringLiteral("wait 3599s"), QStringLiteral("send ok"),  QStringLiteral("wait 1s"),
                       QStringLiteral("send closed")};
    QTest::newRow("R19: templates sent by automation do not open the window")
        << QStringList{QStringLiteral("stm"), QStringLiteral("send closed"), QStringLiteral("stm"),
                       QStringLiteral("send closed")};
    QTest::newRow("R19: a tap on a template button is a customer message and opens the window")
        << QStringList{QStringLiteral("stm"),      QStringLiteral("send closed"),
                       QStringLiteral("tap"),      QStringLiteral("send ok"),
                       QStringLiteral("wait 24h"), QStringLiteral("send closed")};
}

void TestRulesSending::window()
{
    QFETCH(QStringList, steps);

    RuleWorld world;
    const ChatroomId id = world.open(kAsha, kAna);
    QVERIFY(!world.chatroom(id).windowExpiresAt().isValid());
    MessageId lastTemplate;
    QDateTime lastCustomer;
    for (const QString &step : steps) {
        const QStringList words = step.split(QLatin1Char(' '));
        if (words.at(0) == QLatin1String("customer")) {
            world.customerText(id, QStringLiteral("hi"));
            lastCustomer = world.clock.now();
        } else if (words.at(0) == QLatin1String("tap")) {
            world.tap(id, lastTemplate, 0);
            lastCustomer = world.clock.now();
        } else if (words.at(0) == QLatin1String("stm")) {
            lastTemplate = world.sendStm(id).id;
            QVERIFY2(!lastTemplate.isEmpty(), qPrintable(step));
        } else if (words.at(0) == QLatin1String("wait")) {
            const QString amount = words.at(1);
            const qint64 n = amount.chopped(1).toLongLong();
            world.clock.advanceSecs(amount.endsWith(QLatin1Char('h')) ? n * kHour : n);
        } else {
            const auto sent = world.agentText(id, kAna, QStringLiteral("reply"));
            const bool shouldPass = words.at(1) == QLatin1String("ok");
            QVERIFY2(sent.ok() == shouldPass,
                     qPrintable(step + QStringLiteral(" at ") + world.clock.now().toString(Qt::ISODate)));
            if (!sent.ok())
                QCOMPARE(errorMessage(sent.code()), QStringLiteral("SESSION_WINDOW_CLOSED"));
            QCOMPARE(world.chatroom(id).windowOpen(world.clock.now()), shouldPass);
        }
        // window_expires_at is always the newest customer message plus 24h (null before one).
        const Chatroom &room = world.chatroom(id);
        QCOMPARE(room.lastCustomerMessageAt, lastCustomer);
        QCOMPARE(room.windowExpiresAt(),
                 lastCustomer.isValid() ? lastCustomer.addSecs(24 * kHour) : QDateTime());
    }
}

void TestRulesSending::agentsChatWhileAutomationRuns_data()
{
    QTest::addColumn<bool>("silentAutomation");

    QTest::newRow("R10: an agent chats between STMs and taps on a relay-enabled template are still relayed")
        << false;
    QTest::newRow(
        "R10: an agent chats between silent STMs and taps on a relay-enabled template are still relayed")
        << true;
}

void TestRulesSending::agentsChatWhileAutomationRuns()
{
    QFETCH(bool, silentAutomation);

    RuleWorld world;
    const ChatroomId id = world.open(kAsha, kAna);
    const Message relayed = world.sendStm(id, !silentAutomation, true, !silentAutomation);
    world.clock.advanceSecs(60);
    world.customerText(id, QStringLiteral("Is it on time?"));
    world.clock.advanceSecs(60);
    QVERIFY(world.agentText(id, kAna, QStringLiteral("Yes, it ships today.")).ok());
    world.clock.advanceSecs(60);
    QVERIFY(!world.sendStm(id, !silentAutomation).id.isEmpty());
    world.clock.advanceSecs(60);
    QVERIFY(world.agentText(id, kAna, QStringLiteral("Anything else?")).ok());
    world.clock.advanceSecs(60);

    const Outcome tap = world.tap(id, relayed.id, 1);
    QCOMPARE(tap.relays.size(), 1);
    QCOMPARE(tap.relays.first().templateMessageId, relayed.id);
    QCOMPARE(tap.relays.first().button.text, QStringLiteral("No"));
    QCOMPARE(world.chatroom(id).participantIds(), QStringList{kAna});
}

QTEST_GUILESS_MAIN(TestRulesSending)
#include "tst_rules_sending.moc"
