// R5, R6, R7, R8, R9, and R13b followed by R9.
#include "tests/support/ruleworld.h"

#include <QRegularExpression>
#include <QTest>

using namespace handover;
using namespace handover::test;

namespace {

// How the chatroom of Asha waits before the customer acts.
enum class Pending
{
    None,       // created for Ana: she is the participant
    User,       // assign_on_handover for Ben
    Group,      // assign_on_handover for Sales (Cid has the fewest chatrooms)
    EmptyGroup, // assign_on_handover for a group without members
    GoneUser,   // assign_on_handover for a user who no longer exists
    Nobody,     // R13b without an inbound group: waits for a supervisor
};

// Asha's chatroom waiting as `pending`, then a newer chatroom of Bo in each MEMBER's list, so Asha's is at
// the top of no list when the customer acts. Loads are set so a pick from Sales gives Cid.
ChatroomId ashaWaiting(RuleWorld &world, Pending pending)
{
    ChatroomId id;
    switch (pending) {
    case Pending::None:
        id = world.open(kAsha, kAna);
        break;
    case Pending::User:
        id = world.open(kAsha, kBen, {}, true);
        break;
    case Pending::Group:
        id = world.open(kAsha, {}, kSales, true);
        break;
    case Pending::EmptyGroup:
        id = world.open(kAsha, {}, kEmptyGroup, true);
        break;
    case Pending::GoneUser:
        id = world.open(kAsha, kBen, {}, true);
        world.editChatroom(id).pendingHandover->userId = QStringLiteral("u-gone");
        break;
    case Pending::Nobody:
        id = world.open(kAsha, {}, kSales, true);
        world.editChatroom(id).pendingHandover->groupId.clear();
        break;
    }
    const QList<std::pair<UserId, QString>> newer = {{kAna, kPhone100}, {kBen, kPhone200}, {kCid, kPhone300}};
    for (const auto &[userId, phone] : newer) {
        world.clock.advanceSecs(60);
        CreateChatroomRequest req = world.request(kBo, userId);
        req.remotePhoneId = phone;
        if (!world.create(req))
            qFatal("setup: Bo's chatroom was refused");
    }
    world.directory.clearLoads();
    world.directory.setLoad(kAna, 2, world.clock.now());
    world.directory.setLoad(kBen, 2, world.clock.now());
    world.directory.setLoad(kCid, 1, world.clock.now());
    world.clock.advanceSecs(60);
    return id;
}

struct Lists
{
    QHash<UserId, QStringList> mine;
    QStringList awaiting;
    QStringList all;
    friend bool operator==(const Lists &, const Lists &) = default;
};

Lists listsOf(const RuleWorld &world)
{
    Lists lists;
    for (const UserId &userId : everyone())
        lists.mine.insert(userId, world.list(View::Mine, userId));
    lists.awaiting = world.list(View::AwaitingHandover, kSupervisor);
    lists.all = world.list(View::All, kSupervisor);
    return lists;
}

// The sort key the last bumping event gave, or `unchanged` when nothing bumped.
SortKey expectedKey(const QList<Event> &events, const SortKey &unchanged)
{
    SortKey key = unchanged;
    for (const Event &event : events) {
        if (event.bumped)
            key = SortKey{event.at.toMSecsSinceEpoch(), event.seq};
    }
    return key;
}

void expectWarningIfKeptPending(Pending pending)
{
    if (pending == Pending::EmptyGroup || pending == Pending::GoneUser)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("kept pending")));
}

} // namespace

Q_DECLARE_METATYPE(Pending)

class TestRulesCustomer : public QObject
{
    Q_OBJECT

private slots:
    void buttonTap_data();
    void buttonTap();
    void freeFlow_data();
    void freeFlow();
    void inboundFirstMessage_data();
    void inboundFirstMessage();
};

void TestRulesCustomer::buttonTap_data()
{
    QTest::addColumn<bool>("relayResponse");
    QTest::addColumn<bool>("bumpResponse");
    QTest::addColumn<Pending>("pending");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QStringList>("participants"); // after the tap
    QTest::addColumn<QStringList>("notified");

    const QString tapBump = QStringLiteral("message.created button_reply +bump");
    const QString tapSilent = QStringLiteral("message.created button_reply");
    const auto handover = [](const UserId &userId) {
        return QStringList{QStringLiteral("chatroom.assigned @%1 (handover:button) +bump").arg(userId),
                           QStringLiteral("message.created system:button:Yes")};
    };

    QTest::newRow("R5: a tap on a relayed template produces a RelayRequest and no handover")
        << true << true << Pending::User << QStringList{tapBump} << QStringList() << QStringList();
    QTest::newRow("R5: a relayed tap in a chatroom with a participant is relayed and bumps for them")
        << true << true << Pending::None << QStringList{tapBump} << QStringList{kAna} << QStringList{kAna};
    QTest::newRow("R5: a relayed tap with bump_response false is relayed and silent")
        << true << false << Pending::None << QStringList{tapSilent} << QStringList{kAna} << QStringList();
    QTest::newRow("R5: a relayed tap leaves a pending group handover waiting")
        << true << false << Pending::Group << QStringList{tapSilent} << QStringList() << QStringList();
    QTest::newRow(
        "R6: a tap on a non-relayed template hands over to the pending user with note button:<text>")
        << false << true << Pending::User << QStringList{tapBump} + handover(kBen) << QStringList{kBen}
        << QStringList{kBen};
    QTest::newRow("R6: a non-relayed tap hands a pending group over to the member R21 picks")
        << false << true << Pending::Group << QStringList{tapBump} + handover(kCid) << QStringList{kCid}
        << QStringList{kCid};
    QTest::newRow("R6: a non-relayed tap with no pending handover does nothing more")
        << false << true << Pending::None << QStringList{tapBump} << QStringList{kAna} << QStringList{kAna};
    QTest::newRow("R7: a tap with bump_response true bumps the chatroom")
        << false << true << Pending::None << QStringList{tapBump} << QStringList{kAna} << QStringList{kAna};
    QTest::newRow("R7: a tap with bump_response false does not reorder the list")
        << false << false << Pending::None << QStringList{tapSilent} << QStringList{kAna} << QStringList();
    QTest::newRow("R8: a tap with bump_response false that hands over still bumps for the new agent")
        << false << false << Pending::User << QStringList{tapSilent} + handover(kBen) << QStringList{kBen}
        << QStringList{kBen};
    QTest::newRow("R8: a silent tap handing a group over still bumps for the member picked")
        << false << false << Pending::Group << QStringList{tapSilent} + handover(kCid) << QStringList{kCid}
        << QStringList{kCid};
    QTest::newRow("R8: a tap while the pending group has no members keeps the chatroom waiting")
        << false << true << Pending::EmptyGroup << QStringList{tapBump} << QStringList() << QStringList();
}

void TestRulesCustomer::buttonTap()
{
    QFETCH(bool, relayResponse);
    QFETCH(bool, bumpResponse);
    QFETCH(Pending, pending);
    QFETCH(QStringList, events);
    QFETCH(QStringList, participants);
    QFETCH(QStringList, notified);

    RuleWorld world;
    const ChatroomId id = ashaWaiting(world, pending);
    world.clock.advanceSecs(-30); // the template went out before the newer chatrooms were made...
    const Message sent = world.sendStm(id, false, relayResponse, bumpResponse);
    QVERIFY(!sent.id.isEmpty());
    world.clock.advanceSecs(90); // ...and the customer taps a minute later
    const Chatroom before = world.chatroom(id);
    const Lists listsBefore = listsOf(world);
    QVERIFY(listsBefore.all.first() != id);
    const qint64 firstSeq = world.nextSeq;

    expectWarningIfKeptPending(pending);
    const Outcome out = world.tap(id, sent.id, 0);
    const Chatroom &room = out.chatroom;

    QCOMPARE(traces(out.events), events);
    QCOMPARE(seqs(out.events), seqRange(firstSeq, events.size()));
    QCOMPARE(out.events.last().chatroom, room);

    // The tap is stored as a customer message answering M.
    QVERIFY(!out.messages.isEmpty());
    const Message &tap = out.messages.first();
    QCOMPARE(tap.kind, MessageKind::ButtonReply);
    QCOMPARE(tap.direction, Direction::In);
    QCOMPARE(tap.sender.type, SenderType::Customer);
    QCOMPARE(tap.inReplyTo, sent.id);
    QVERIFY(tap.button.has_value());
    QCOMPARE(tap.button->index, 0);
    QCOMPARE(tap.button->text, QStringLiteral("Yes"));
    QCOMPARE(tap.button->payload, sent.sentTemplate->buttons.at(0).payload);
    QCOMPARE(tap.relayResponse, relayResponse);
    QCOMPARE(tap.bumpResponse, bumpResponse);
    QCOMPARE(room.lastMessage->id, tap.id); // the system note never takes last_message
    QCOMPARE(room.lastMessage->silent, !bumpResponse);
    QCOMPARE(room.lastCustomerMessageAt, world.clock.now());

    // R5: relayed with everything the webhook needs; R6: never relayed.
    if (relayResponse) {
        QCOMPARE(out.relays.size(), 1);
        const RelayRequest &relay = out.relays.first();
        QCOMPARE(relay.chatroomId, id);
        QCOMPARE(relay.contactId, kAsha);
        QCOMPARE(relay.templateMessageId, sent.id);
        QCOMPARE(relay.replyMessageId, tap.id);
        QCOMPARE(relay.remoteTemplateId, QStringLiteral("rt-order"));
        QCOMPARE(relay.templateName, kOrderUpdate);
        QCOMPARE(relay.button, *tap.button);
        QCOMPARE(relay.receivedAt, world.clock.now());
    } else {
        QVERIFY(out.relays.isEmpty());
    }

    // R8: the handover, or nothing more.
    QCOMPARE(room.participantIds(), participants);
    const bool handedOver = room.participantIds() != before.participantIds();
    QCOMPARE(room.pendingHandover.has_value(), before.pendingHandover.has_value() && !handedOver);
    QCOMPARE(out.assignedUsers, handedOver ? participants : QStringList());
    if (handedOver) {
        const Message &note = out.messages.last();
        QCOMPARE(note.kind, MessageKind::System);
        QCOMPARE(note.text, QStringLiteral("button:Yes"));
        QCOMPARE(note.sender.userId, participants.first());
        QCOMPARE(room.participants.first().unreadCount, 1);
        QCOMPARE(room.participants.first().joinedAt, world.clock.now());
    } else {
        for (const Participant &p : room.participants)
            QCOMPARE(p.unreadCount, before.participant(p.userId)->unreadCount + (bumpResponse ? 1 : 0));
    }

    // R7: the sort key moves only with a bump; without any, no list changes at all.
    QCOMPARE(room.sortKey, expectedKey(out.events, before.sortKey));
    const bool anyBump =
        std::any_of(out.events.cbegin(), out.events.cend(), [](const Event &e) { return e.bumped; });
    QCOMPARE(anyBump, bumpResponse || handedOver);
    if (anyBump) {
        QCOMPARE(world.list(View::All, kSupervisor).value(0), id);
        for (const UserId &userId : participants)
            QCOMPARE(world.list(View::Mine, userId).value(0), id);
    } else {
        QVERIFY(listsOf(world) == listsBefore);
    }
    QCOMPARE(sortedIds(notifiedUsers(out.events, everyone())), sortedIds(notified));
}

void TestRulesCustomer::freeFlow_data()
{
    QTest::addColumn<Pending>("pending");
    QTest::addColumn<bool>("afterRelayedTemplate");
    QTest::addColumn<int>("earlierMessages"); // free-flow messages the customer sent before this one
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QStringList>("participants"); // after the message

    const QStringList text = {QStringLiteral("message.created text +bump")};
    const auto handover = [](const UserId &userId) {
        return QStringList{QStringLiteral("message.created text +bump"),
                           QStringLiteral("chatroom.assigned @%1 (handover:free_flow) +bump").arg(userId),
                           QStringLiteral("message.created system:free_flow")};
    };

    QTest::newRow(
        "R9: a free-flow message always bumps the chatroom and counts as unread for its participants")
        << Pending::None << false << 0 << text << QStringList{kAna};
    QTest::newRow("R9: a free-flow message is never relayed, even right after a relay-enabled template")
        << Pending::None << true << 0 << text << QStringList{kAna};
    QTest::newRow("R8: free-flow hands over to the pending user with note free_flow")
        << Pending::User << false << 0 << handover(kBen) << QStringList{kBen};
    QTest::newRow("R8: free-flow hands a pending group over to the member R21 picks")
        << Pending::Group << false << 0 << handover(kCid) << QStringList{kCid};
    QTest::newRow("R8: free-flow after a relay-enabled template still hands over")
        << Pending::User << true << 0 << handover(kBen) << QStringList{kBen};
    QTest::newRow("R8: a second free-flow message after the handover does nothing more")
        << Pending::User << false << 1 << text << QStringList{kBen};
    QTest::newRow("R8: with no pending handover a free-flow message does nothing more")
        << Pending::None << false << 2 << text << QStringList{kAna};
    QTest::newRow("R8: a pending group without members keeps waiting, the message still bumps")
        << Pending::EmptyGroup << false << 0 << text << QStringList();
    QTest::newRow("R8: a pending user who no longer exists keeps the chatroom waiting")
        << Pending::GoneUser << false << 0 << text << QStringList();
    QTest::newRow("R9: a free-flow message bumps a chatroom waiting for a supervisor, which keeps waiting")
        << Pending::Nobody << false << 0 << text << QStringList();
}

void TestRulesCustomer::freeFlow()
{
    QFETCH(Pending, pending);
    QFETCH(bool, afterRelayedTemplate);
    QFETCH(int, earlierMessages);
    QFETCH(QStringList, events);
    QFETCH(QStringList, participants);

    RuleWorld world;
    const ChatroomId id = ashaWaiting(world, pending);
    if (afterRelayedTemplate)
        QVERIFY(!world.sendStm(id, false, true, true).id.isEmpty());
    for (int i = 0; i < earlierMessages; ++i) {
        expectWarningIfKeptPending(pending);
        world.customerText(id, QStringLiteral("earlier %1").arg(i));
        world.clock.advanceSecs(60);
    }
    const Chatroom before = world.chatroom(id);
    const qint64 firstSeq = world.nextSeq;

    expectWarningIfKeptPending(pending);
    const Outcome out = world.customerText(id, QStringLiteral("Where is my order?"));
    const Chatroom &room = out.chatroom;

    QCOMPARE(traces(out.events), events);
    QCOMPARE(seqs(out.events), seqRange(firstSeq, events.size()));
    QVERIFY(out.relays.isEmpty()); // R9: never relayed

    const Message &message = out.messages.first();
    QCOMPARE(message.kind, MessageKind::Text);
    QCOMPARE(message.direction, Direction::In);
    QCOMPARE(message.sender.type, SenderType::Customer);
    QCOMPARE(message.text, QStringLiteral("Where is my order?"));
    QCOMPARE(room.lastMessage->id, message.id);
    QVERIFY(!room.lastMessage->silent);
    QCOMPARE(room.lastCustomerMessageAt, world.clock.now()); // R19: the window is refreshed
    QVERIFY(room.windowOpen(world.clock.now()));

    // R9: always bumps, to the top of every list the chatroom is in.
    QCOMPARE(room.sortKey, expectedKey(out.events, before.sortKey));
    QVERIFY(room.sortKey != before.sortKey);
    QCOMPARE(world.list(View::All, kSupervisor).value(0), id);
    for (const UserId &userId : participants)
        QCOMPARE(world.list(View::Mine, userId).value(0), id);
    if (room.pendingHandover)
        QCOMPARE(world.list(View::AwaitingHandover, kSupervisor).value(0), id);
    else
        QVERIFY(!world.list(View::AwaitingHandover, kSupervisor).contains(id));

    // R8: the handover, or nothing more.
    QCOMPARE(room.participantIds(), participants);
    const bool handedOver = room.participantIds() != before.participantIds();
    QCOMPARE(room.pendingHandover.has_value(), before.pendingHandover.has_value() && !handedOver);
    if (handedOver) {
        QCOMPARE(out.messages.last().text, QStringLiteral("free_flow"));
        QCOMPARE(out.messages.last().kind, MessageKind::System);
        QCOMPARE(room.participants.first().unreadCount, 1);
    } else {
        for (const Participant &p : room.participants)
            QCOMPARE(p.unreadCount, before.participant(p.userId)->unreadCount + 1);
    }
    // Participants hear of it once: by the message, or by the handover that gives them the chatroom.
    QCOMPARE(notifiedUsers(out.events, everyone()), participants);
    for (const UserId &userId : participants) {
        const auto count = std::count_if(out.events.cbegin(), out.events.cend(),
                                         [&](const Event &e) { return eventNotifies(e, userId); });
        QCOMPARE(count, 1);
    }
}

void TestRulesCustomer::inboundFirstMessage_data()
{
    QTest::addColumn<GroupId>("inboundGroup"); // empty: unset
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QStringList>("participants");

    const auto handedTo = [](const UserId &userId) {
        return QStringList{QStringLiteral("chatroom.created +bump"),
                           QStringLiteral("message.created text +bump"),
                           QStringLiteral("chatroom.assigned @%1 (handover:free_flow) +bump").arg(userId),
                           QStringLiteral("message.created system:free_flow")};
    };
    QTest::newRow("R13b: an inbound first message hands over at once to the inbound group's member R21 picks")
        << kSales << handedTo(kCid) << QStringList{kCid};
    QTest::newRow("R13b: with a one-member inbound group the first message goes to that member")
        << kSupport << handedTo(kDee) << QStringList{kDee};
    QTest::newRow("R13b: without an inbound group the first message waits in Awaiting handover")
        << GroupId()
        << QStringList{QStringLiteral("chatroom.created +bump"), QStringLiteral("message.created text +bump")}
        << QStringList();
}

void TestRulesCustomer::inboundFirstMessage()
{
    QFETCH(GroupId, inboundGroup);
    QFETCH(QStringList, events);
    QFETCH(QStringList, participants);

    RuleWorld world;
    ashaWaiting(world, Pending::None); // other chatrooms already in the lists; Cid has the fewest
    if (!inboundGroup.isEmpty())
        world.settings.inboundGroupId = inboundGroup;
    const qint64 firstSeq = world.nextSeq;
    const QString phone = QStringLiteral("+447700900123");

    const Outcome out =
        world.inbound(phone, kPhone200, QStringLiteral("Lee Park"), QStringLiteral("Hi, prices?"));
    const Chatroom &room = out.chatroom;

    QVERIFY(out.created);
    QCOMPARE(traces(out.events), events);
    QCOMPARE(seqs(out.events), seqRange(firstSeq, events.size()));
    QVERIFY(out.relays.isEmpty());

    const Contact &contact = world.contacts.value(room.contactId);
    QVERIFY(contact.isInbound);
    QCOMPARE(contact.crmId, phone);
    QCOMPARE(room.phoneNumber, phone);
    QCOMPARE(room.remotePhoneId, kPhone200);
    QCOMPARE(room.displayName, phone + QStringLiteral(" Lee Park"));
    QCOMPARE(room.lastMessage->preview, QStringLiteral("Hi, prices?"));
    QVERIFY(room.windowOpen(world.clock.now()));

    QCOMPARE(room.participantIds(), participants);
    QCOMPARE(out.assignedUsers, participants);
    QCOMPARE(room.pendingHandover.has_value(), participants.isEmpty());
    QCOMPARE(world.list(View::All, kSupervisor).value(0), room.id);
    if (participants.isEmpty()) {
        QCOMPARE(world.list(View::AwaitingHandover, kSupervisor).value(0), room.id);
        QVERIFY(room.pendingHandover->groupId.isEmpty());
        QVERIFY(room.pendingHandover->userId.isEmpty());
    } else {
        QVERIFY(!world.list(View::AwaitingHandover, kSupervisor).contains(room.id));
        const UserId agent = participants.first();
        QCOMPARE(world.list(View::Mine, agent).value(0), room.id);
        QCOMPARE(room.participants.first().unreadCount, 1);
        // The agent can answer at once: the customer opened the window (R19).
        QVERIFY(world.agentText(room.id, agent, QStringLiteral("Hello Lee!")).ok());
    }
    QCOMPARE(notifiedUsers(out.events, everyone()), participants);
    for (const UserId &member : {kAna, kBen, kCid, kDee}) {
        EventFedList console(View::Mine, member, Role::Member);
        console.apply(world.log());
        QCOMPARE(console.ids(), world.list(View::Mine, member));
    }
}

QTEST_GUILESS_MAIN(TestRulesCustomer)
#include "tst_rules_customer.moc"
