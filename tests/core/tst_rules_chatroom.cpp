// R11, R12, R14, R15, R20, R21, and the views, visibility and notifications of RULES.md.
#include "core/rules/contactnames.h"
#include "core/rules/handover.h"
#include "core/rules/lifecycle.h"
#include "tests/support/ruleworld.h"

#include <QTest>
#include <memory>
#include <vector>

using namespace handover;
using namespace handover::test;

namespace {

constexpr qint64 kDay = 24 * 3600;

// Three chatrooms in Ana's list, oldest first: Asha on 100, Bo on 100, Bo on 200. Each customer has written.
QStringList threeForAna(RuleWorld &world)
{
    QStringList ids;
    const QList<std::pair<ContactId, QString>> rooms = {
        {kAsha, kPhone100}, {kBo, kPhone100}, {kBo, kPhone200}};
    for (const auto &[contactId, phone] : rooms) {
        CreateChatroomRequest req = world.request(contactId, kAna);
        req.remotePhoneId = phone;
        const auto made = world.create(req);
        if (!made)
            qFatal("setup: chatroom refused");
        world.clock.advanceSecs(60);
        world.customerText(made->chatroom.id, QStringLiteral("hello"));
        world.clock.advanceSecs(60);
        ids.prepend(made->chatroom.id);
    }
    return ids; // newest first, as the list shows them
}

} // namespace

class TestRulesChatroom : public QObject
{
    Q_OBJECT

private slots:
    void reassign_data();
    void reassign();
    void reassignRefused_data();
    void reassignRefused();
    void lifecycleByDays_data();
    void lifecycleByDays();
    void activateAndDeactivate_data();
    void activateAndDeactivate();
    void deliveryStatusOrder_data();
    void deliveryStatusOrder();
    void deliveryStatus_data();
    void deliveryStatus();
    void channelAccepted_data();
    void channelAccepted();
    void markRead_data();
    void markRead();
    void pickGroupMember_data();
    void pickGroupMember();
    void groupTakesTurns_data();
    void groupTakesTurns();
    void deactivatedUsersGetNoNewChatrooms_data();
    void deactivatedUsersGetNoNewChatrooms();
    void bumpsMoveToTop_data();
    void bumpsMoveToTop();
    void nonBumpingEventsKeepOrder_data();
    void nonBumpingEventsKeepOrder();
    void sameOrderOnEveryClient_data();
    void sameOrderOnEveryClient();
    void views_data();
    void views();
    void eventsForUsers_data();
    void eventsForUsers();
};

void TestRulesChatroom::reassign_data()
{
    // "ana,cid": participants; "pending:<user or group>": waiting for a handover.
    QTest::addColumn<QString>("initial");
    QTest::addColumn<UserId>("toUser");
    QTest::addColumn<GroupId>("toGroup");
    QTest::addColumn<QStringList>("participants");
    QTest::addColumn<QStringList>("events");

    const auto assigned = [](const UserId &userId) {
        return QStringList{QStringLiteral("chatroom.assigned @%1 (reassigned) +bump").arg(userId),
                           QStringLiteral("message.created system:reassigned")};
    };
    const auto unassigned = [](const UserId &userId) {
        return QStringLiteral("chatroom.unassigned @%1 (reassigned)").arg(userId);
    };

    QTest::newRow("R11: reassigning makes the new agent the only participant and bumps it for them")
        << QStringLiteral("ana") << kBen << GroupId() << QStringList{kBen}
        << QStringList{unassigned(kAna)} + assigned(kBen);
    QTest::newRow("R11: every previous participant gets chatroom.unassigned and loses the chatroom")
        << QStringLiteral("ana,cid") << kBen << GroupId() << QStringList{kBen}
        << QStringList{unassigned(kAna), unassigned(kCid)} + assigned(kBen);
    QTest::newRow("R11: reassign discards a pending handover")
        << QStringLiteral("pending:u-ben") << kDee << GroupId() << QStringList{kDee} << assigned(kDee);
    QTest::newRow("R11: reassign discards a pending group handover")
        << QStringLiteral("pending:g-sales") << kDee << GroupId() << QStringList{kDee} << assigned(kDee);
    QTest::newRow("R11: reassigning to the pending user assigns them at once and clears the pending handover")
        << QStringLiteral("pending:u-ben") << kBen << GroupId() << QStringList{kBen} << assigned(kBen);
    QTest::newRow("R11: reassign to the current sole participant changes nothing")
        << QStringLiteral("ana") << kAna << GroupId() << QStringList{kAna} << QStringList();
    QTest::newRow("R11: reassign to one of several participants removes the others without a bump")
        << QStringLiteral("ana,ben") << kAna << GroupId() << QStringList{kAna}
        << QStringList{unassigned(kBen)};
    QTest::newRow("R11: reassign to a group gives the chatroom to the member R21 picks")
        << QStringLiteral("ana") << UserId() << kSales << QStringList{kCid}
        << QStringList{unassigned(kAna)} + assigned(kCid);
    QTest::newRow("R11: reassign to a group whose pick is already the sole participant changes nothing")
        << QStringLiteral("cid") << UserId() << kSales << QStringList{kCid} << QStringList();
    QTest::newRow("R11: reassign with both user and group goes to the user")
        << QStringLiteral("ana") << kDee << kSales << QStringList{kDee}
        << QStringList{unassigned(kAna)} + assigned(kDee);
}

void TestRulesChatroom::reassign()
{
    QFETCH(QString, initial);
    QFETCH(UserId, toUser);
    QFETCH(GroupId, toGroup);
    QFETCH(QStringList, participants);
    QFETCH(QStringList, events);

    RuleWorld world;
    ChatroomId id;
    QStringList previous;
    if (initial.startsWith(QLatin1String("pending:"))) {
        const QString who = initial.mid(8);
        id = who.startsWith(QLatin1String("u-")) ? world.open(kAsha, who, {}, true)
                                                 : world.open(kAsha, {}, who, true);
    } else {
        previous = QStringList(initial.split(QLatin1Char(',')));
        for (QString &userId : previous)
            userId.prepend(QStringLiteral("u-"));
        id = world.open(kAsha, previous.first());
        for (qsizetype i = 1; i < previous.size(); ++i)
            world.editChatroom(id).participants.append(Participant{previous.at(i), world.clock.now(), {}, 0});
    }
    QVERIFY(!id.isEmpty());
    world.clock.advanceSecs(60);
    if (previous.isEmpty())
        QVERIFY(!world.sendStm(id).id.isEmpty()); // automation wrote; the customer has not answered
    else
        world.customerText(id, QStringLiteral("hello")); // the previous participants have it unread
    world.clock.advanceSecs(60);
    const ChatroomId newer = world.open(kBo, kDee); // Dee's list already has a chatroom
    world.clock.advanceSecs(60);
    world.directory.clearLoads();
    world.directory.setLoad(kAna, 3, {});
    world.directory.setLoad(kBen, 3, {});
    world.directory.setLoad(kCid, 1, {});
    const Chatroom before = world.chatroom(id);
    const QStringList allBefore = world.list(View::All, kSupervisor);
    const QStringList members = {kAna, kBen, kCid, kDee};
    std::vector<EventFedList> consoles; // one per member, fed everything so far
    for (const UserId &member : members) {
        consoles.emplace_back(View::Mine, member, Role::Member);
        consoles.back().apply(world.log());
    }
    const qint64 firstSeq = world.nextSeq;

    const auto result = world.reassign(id, toUser, toGroup);
    QVERIFY(result.ok());
    const Outcome &out = *result;
    const Chatroom &room = out.chatroom;

    QCOMPARE(traces(out.events), events);
    QCOMPARE(seqs(out.events), seqRange(firstSeq, events.size()));
    QCOMPARE(room.participantIds(), participants);
    if (events.isEmpty()) {
        QCOMPARE(room, before); // nothing at all changed
        QVERIFY(out.assignedUsers.isEmpty());
        QCOMPARE(world.list(View::All, kSupervisor), allBefore);
        return;
    }
    QVERIFY(!room.pendingHandover.has_value()); // discarded, whatever it was
    QVERIFY(!world.list(View::AwaitingHandover, kSupervisor).contains(id));

    const UserId target = participants.first();
    const bool isNewToTarget = !before.hasParticipant(target);
    QCOMPARE(out.assignedUsers, isNewToTarget ? QStringList{target} : QStringList());
    if (isNewToTarget) {
        // Bumped for the new agent: top of their list, above Dee's newer chatroom; they are told.
        QCOMPARE(room.sortKey, (SortKey{world.clock.nowMs(), out.events.at(events.size() - 2).seq}));
        QCOMPARE(world.list(View::Mine, target).value(0), id);
        QCOMPARE(world.list(View::All, kSupervisor).value(0), id);
        QCOMPARE(notifiedUsers(out.events, everyone()), QStringList{target});
        QCOMPARE(room.participants.first().joinedAt, world.clock.now());
        QCOMPARE(room.participants.first().unreadCount, 0);
    } else {
        QCOMPARE(room.sortKey, before.sortKey);
        QCOMPARE(world.list(View::All, kSupervisor), allBefore);
        QVERIFY(notifiedUsers(out.events, everyone()).isEmpty());
    }
    if (target == kDee)
        QCOMPARE(world.list(View::Mine, kDee), (QStringList{id, newer}));

    // The previous participants lose it from Mine; their consoles hear of it by chatroom.unassigned.
    for (qsizetype i = 0; i < members.size(); ++i) {
        const UserId &member = members.at(i);
        consoles.at(i).apply(out.events);
        QCOMPARE(consoles.at(i).ids(), world.list(View::Mine, member));
        const bool lost = before.hasParticipant(member) && !room.hasParticipant(member);
        if (lost) {
            QVERIFY(!world.list(View::Mine, member).contains(id));
            QVERIFY(receivingUsers(out.events, {member}) == QStringList{member});
        }
    }
}

void TestRulesChatroom::reassignRefused_data()
{
    QTest::addColumn<UserId>("toUser");
    QTest::addColumn<GroupId>("toGroup");
    QTest::addColumn<int>("errorCode");

    QTest::newRow("R11: reassign to an unknown user is refused with NOT_FOUND")
        << QStringLiteral("u-nobody") << GroupId() << int(ErrorCode::NotFound);
    QTest::newRow("R11: reassign to a user of another org is refused with NOT_FOUND")
        << kAlien << GroupId() << int(ErrorCode::NotFound);
    QTest::newRow("R11: reassign to a group of another org is refused with NOT_FOUND")
        << UserId() << kAlienGroup << int(ErrorCode::NotFound);
    QTest::newRow("R11: reassign to a group without members is refused with VALIDATION_FAILED")
        << UserId() << kEmptyGroup << int(ErrorCode::ValidationFailed);
    QTest::newRow("R11: reassign without user or group is refused with VALIDATION_FAILED")
        << UserId() << GroupId() << int(ErrorCode::ValidationFailed);
}

void TestRulesChatroom::reassignRefused()
{
    QFETCH(UserId, toUser);
    QFETCH(GroupId, toGroup);
    QFETCH(int, errorCode);

    RuleWorld world;
    const ChatroomId id = world.open(kAsha, kBen, {}, true);
    const Chatroom before = world.chatroom(id);
    const qint64 seqBefore = world.nextSeq;
    const auto result = world.reassign(id, toUser, toGroup);
    QVERIFY(!result.ok());
    QCOMPARE(errorMessage(result.code()), errorMessage(ErrorCode(errorCode)));
    QCOMPARE(world.nextSeq, seqBefore);
    QCOMPARE(world.chatroom(id), before); // the pending handover is kept when nothing was reassigned
}

void TestRulesChatroom::lifecycleByDays_data()
{
    QTest::addColumn<int>("deactivateAfterDays");
    QTest::addColumn<int>("expireAfterDays");
    QTest::addColumn<int>("customerWroteOnDay"); // -1: never
    QTest::addColumn<QString>("startState");
    QTest::addColumn<int>("day"); // days since creation when the lifecycle runs
    QTest::addColumn<QString>("state");

    const QString active = QStringLiteral("active");
    const QString deactivated = QStringLiteral("deactivated");
    const QString expired = QStringLiteral("expired");
    QTest::newRow(
        "R12: a chatroom stays active for deactivate_after_days after creation when the customer never wrote")
        << 30 << 90 << -1 << active << 29 << active;
    QTest::newRow(
        "R12: a chatroom is deactivated deactivate_after_days after creation when the customer never wrote")
        << 30 << 90 << -1 << active << 30 << deactivated;
    QTest::newRow("R12: deactivation counts from the last customer message")
        << 30 << 90 << 10 << active << 39 << active;
    QTest::newRow("R12: a chatroom is deactivated deactivate_after_days after the last customer message")
        << 30 << 90 << 10 << active << 40 << deactivated;
    QTest::newRow("R12: a chatroom expires expire_after_days after creation, however recent the customer")
        << 30 << 90 << 89 << active << 90 << expired;
    QTest::newRow("R12: a chatroom does not expire a day before expire_after_days")
        << 30 << 90 << 88 << active << 89 << active;
    QTest::newRow("R12: a deactivated chatroom expires too")
        << 30 << 90 << -1 << deactivated << 90 << expired;
    QTest::newRow("R12: expiry wins over deactivation when both are due")
        << 30 << 90 << -1 << active << 120 << expired;
    QTest::newRow("R12: a deactivated chatroom is not deactivated again")
        << 30 << 90 << -1 << deactivated << 50 << deactivated;
    QTest::newRow("R12: an expired chatroom stays expired") << 30 << 90 << -1 << expired << 400 << expired;
    QTest::newRow("R12: deactivate_after_days 0 turns timed deactivation off")
        << 0 << 90 << -1 << active << 60 << active;
    QTest::newRow("R12: expire_after_days 0 turns expiry off") << 0 << 0 << -1 << active << 1000 << active;
    QTest::newRow("R12: org settings of a few days apply as well")
        << 2 << 5 << 1 << active << 3 << deactivated;
}

void TestRulesChatroom::lifecycleByDays()
{
    QFETCH(int, deactivateAfterDays);
    QFETCH(int, expireAfterDays);
    QFETCH(int, customerWroteOnDay);
    QFETCH(QString, startState);
    QFETCH(int, day);
    QFETCH(QString, state);

    RuleWorld world;
    world.settings.deactivateAfterDays = deactivateAfterDays;
    world.settings.expireAfterDays = expireAfterDays;
    const QDateTime created = world.clock.now();
    const ChatroomId id = world.open(kAsha, kAna);
    Chatroom &setup = world.editChatroom(id);
    setup.state = *chatroomStateFromName(startState);
    if (customerWroteOnDay >= 0)
        setup.lastCustomerMessageAt = created.addDays(customerWroteOnDay);
    setup.participants.first().unreadCount = 3;
    const Chatroom before = world.chatroom(id);
    world.clock.set(created.addDays(day));
    const qint64 firstSeq = world.nextSeq;

    const Outcome out =
        world.decide([&](RuleContext &rules) { return applyLifecycle(before, world.settings, rules); });
    world.keep(out);

    QCOMPARE(chatroomStateName(out.chatroom.state), state);
    const QStringList events =
        state == startState ? QStringList() : QStringList{QStringLiteral("chatroom.updated")};
    QCOMPARE(traces(out.events), events);
    QCOMPARE(seqs(out.events), seqRange(firstSeq, events.size()));
    QCOMPARE(out.chatroom.sortKey, before.sortKey); // none of these bump
    QVERIFY(notifiedUsers(out.events, everyone()).isEmpty());

    if (state == QLatin1String("active"))
        return;
    // Inactive: every send is refused with CHATROOM_INACTIVE; the chatroom stays readable.
    world.editChatroom(id).lastCustomerMessageAt = world.clock.now().addSecs(-60);
    const auto stm = world.sendTemplate(id, world.stm(kOrderUpdate));
    QVERIFY(!stm.ok());
    QCOMPARE(errorMessage(stm.code()), QStringLiteral("CHATROOM_INACTIVE"));
    const auto text = world.agentText(id, kAna, QStringLiteral("still there?"));
    QVERIFY(!text.ok());
    QCOMPARE(errorMessage(text.code()), QStringLiteral("CHATROOM_INACTIVE"));
    const auto read = world.read(id, kAna);
    QVERIFY(read.ok());
    QCOMPARE(read->chatroom.participant(kAna)->unreadCount, 0);
}

void TestRulesChatroom::activateAndDeactivate_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("startState");
    QTest::addColumn<bool>(
        "otherActiveOnPair");           // another chatroom of the same customer phone on the same WABA phone
    QTest::addColumn<int>("errorCode"); // 0: accepted
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("changed");

    const QString activate = QStringLiteral("activate");
    const QString deactivate = QStringLiteral("deactivate");
    const QString active = QStringLiteral("active");
    const QString deactivated = QStringLiteral("deactivated");
    const QString expired = QStringLiteral("expired");
    const int inactive = int(ErrorCode::ChatroomInactive);
    QTest::newRow("R12: deactivating an active chatroom records chatroom.updated without a bump")
        << deactivate << active << false << 0 << deactivated << true;
    QTest::newRow("R12: deactivating a deactivated chatroom changes nothing")
        << deactivate << deactivated << false << 0 << deactivated << false;
    QTest::newRow("R12: deactivating an expired chatroom keeps it expired")
        << deactivate << expired << false << 0 << expired << false;
    QTest::newRow("R12: a deactivated chatroom is activated when no other is active on its phone pair")
        << activate << deactivated << false << 0 << active << true;
    QTest::newRow("R12: activate is refused while another active chatroom exists on the same phones")
        << activate << deactivated << true << inactive << deactivated << false;
    QTest::newRow("R12: expired cannot be activated")
        << activate << expired << false << inactive << expired << false;
    QTest::newRow("R12: expired cannot be activated, whatever else is active")
        << activate << expired << true << inactive << expired << false;
    QTest::newRow("R12: activating an active chatroom changes nothing")
        << activate << active << false << 0 << active << false;
}

void TestRulesChatroom::activateAndDeactivate()
{
    QFETCH(QString, command);
    QFETCH(QString, startState);
    QFETCH(bool, otherActiveOnPair);
    QFETCH(int, errorCode);
    QFETCH(QString, state);
    QFETCH(bool, changed);

    RuleWorld world;
    const ChatroomId id = world.open(kAsha, kAna);
    world.editChatroom(id).state = *chatroomStateFromName(startState);
    world.clock.advanceSecs(60);
    if (otherActiveOnPair) {
        // Only possible because the first one is not active: Ravi now holds the shared phone on 100 (R13).
        QVERIFY(!world.open(kRavi, kBen).isEmpty());
        world.clock.advanceSecs(60);
    }
    bool otherActive = false;
    const Chatroom before = world.chatroom(id);
    for (const Chatroom &room : world.creationContext(world.contacts.value(kAsha)).activeChatroomsOfPhone)
        otherActive = otherActive || (room.id != id && room.remotePhoneId == before.remotePhoneId);
    QCOMPARE(otherActive, otherActiveOnPair);
    const QStringList allBefore = world.list(View::All, kSupervisor);
    const qint64 firstSeq = world.nextSeq;

    const auto result = world.decide([&](RuleContext &rules) {
        return command == QLatin1String("activate") ? activateChatroom(before, otherActive, rules)
                                                    : deactivateChatroom(before, rules);
    });
    world.keep(result);

    if (errorCode != 0) {
        QVERIFY(!result.ok());
        QCOMPARE(errorMessage(result.code()), errorMessage(ErrorCode(errorCode)));
        QCOMPARE(world.nextSeq, firstSeq);
        return;
    }
    QVERIFY(result.ok());
    QCOMPARE(chatroomStateName(result->chatroom.state), state);
    QCOMPARE(traces(result->events),
             changed ? QStringList{QStringLiteral("chatroom.updated")} : QStringList());
    QCOMPARE(seqs(result->events), seqRange(firstSeq, changed ? 1 : 0));
    QCOMPARE(result->chatroom.sortKey, before.sortKey);
    QCOMPARE(world.list(View::All, kSupervisor), allBefore);
    // Sends follow the state (R12).
    const auto stm = world.sendTemplate(id, world.stm(kHello));
    QCOMPARE(stm.ok(), state == QLatin1String("active"));
}

void TestRulesChatroom::deliveryStatusOrder_data()
{
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("next");
    QTest::addColumn<bool>("advances");

    const auto row = [](const char *name, const char *current, const char *next, bool advances) {
        QTest::newRow(name) << QString::fromLatin1(current) << QString::fromLatin1(next) << advances;
    };
    row("R14: sent follows queued", "queued", "sent", true);
    row("R14: delivered follows sent", "sent", "delivered", true);
    row("R14: read follows delivered", "delivered", "read", true);
    row("R14: read may come without delivered", "sent", "read", true);
    row("R14: delivered may come before the channel's sent", "queued", "delivered", true);
    row("R14: a late delivered never overwrites read", "read", "delivered", false);
    row("R14: a late sent never overwrites delivered", "delivered", "sent", false);
    row("R14: a late sent never overwrites read", "read", "sent", false);
    row("R14: the same status again is no change", "delivered", "delivered", false);
    row("R14: nothing goes back to queued", "sent", "queued", false);
    row("R14: failed may follow queued", "queued", "failed", true);
    row("R14: failed may follow sent", "sent", "failed", true);
    row("R14: failed may follow delivered", "delivered", "failed", true);
    row("R14: failed never overwrites read", "read", "failed", false);
    row("R14: nothing follows failed, not even read", "failed", "read", false);
    row("R14: nothing follows failed, not even delivered", "failed", "delivered", false);
    row("R14: failed does not repeat", "failed", "failed", false);
}

void TestRulesChatroom::deliveryStatusOrder()
{
    QFETCH(QString, current);
    QFETCH(QString, next);
    QFETCH(bool, advances);
    QCOMPARE(deliveryStatusAdvances(*deliveryStatusFromName(current), *deliveryStatusFromName(next)),
             advances);
}

void TestRulesChatroom::deliveryStatus_data()
{
    // Statuses from WhatsApp in arrival order; "failed:<reason>" carries the reason.
    QTest::addColumn<QStringList>("arrivals");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("updates"); // message.updated events recorded
    QTest::addColumn<QString>("error");

    QTest::newRow("R14: statuses advance sent, delivered, read")
        << QStringList{QStringLiteral("sent"), QStringLiteral("delivered"), QStringLiteral("read")}
        << QStringLiteral("read") << 3 << QString();
    QTest::newRow("R14: a late delivered never overwrites read")
        << QStringList{QStringLiteral("sent"), QStringLiteral("read"), QStringLiteral("delivered")}
        << QStringLiteral("read") << 2 << QString();
    QTest::newRow("R14: a late sent after delivered changes nothing")
        << QStringList{QStringLiteral("delivered"), QStringLiteral("sent")} << QStringLiteral("delivered")
        << 1 << QString();
    QTest::newRow("R14: a failed status keeps its reason for the agent")
        << QStringList{QStringLiteral("sent"), QStringLiteral("failed:131047 re-engagement window closed")}
        << QStringLiteral("failed") << 2 << QStringLiteral("131047 re-engagement window closed");
    QTest::newRow("R14: a failed status without a reason shows unknown")
        << QStringList{QStringLiteral("failed")} << QStringLiteral("failed") << 1
        << QStringLiteral("unknown");
    QTest::newRow("R14: nothing follows a failed status")
        << QStringList{QStringLiteral("failed:bad number"), QStringLiteral("delivered"),
                       QStringLiteral("read")}
        << QStringLiteral("failed") << 1 << QStringLiteral("bad number");
    QTest::newRow("R14: a failed status after read is ignored")
        << QStringList{QStringLiteral("read"), QStringLiteral("failed:late")} << QStringLiteral("read") << 1
        << QString();
}

void TestRulesChatroom::deliveryStatus()
{
    QFETCH(QStringList, arrivals);
    QFETCH(QString, status);
    QFETCH(int, updates);
    QFETCH(QString, error);

    RuleWorld world;
    const QStringList order = threeForAna(world);
    const ChatroomId id = order.at(1);
    const Message sent = world.sendStm(id, false); // silent: the list stays as it was
    QVERIFY(!sent.id.isEmpty());
    const Chatroom before = world.chatroom(id);
    const qint64 firstSeq = world.nextSeq;

    QList<Event> events;
    for (const QString &arrival : arrivals) {
        world.clock.advanceSecs(5);
        const qsizetype colon = arrival.indexOf(QLatin1Char(':'));
        const QString name = colon < 0 ? arrival : arrival.left(colon);
        const QString reason = colon < 0 ? QString() : arrival.mid(colon + 1);
        events += world.deliveryStatus(sent.id, *deliveryStatusFromName(name), reason).events;
    }

    const Message &now = world.message(sent.id);
    QCOMPARE(deliveryStatusName(now.status), status);
    QCOMPARE(now.error, error);
    QCOMPARE(events.size(), updates);
    QCOMPARE(seqs(events), seqRange(firstSeq, updates));
    for (const Event &event : events) {
        QCOMPARE(trace(event), QStringLiteral("message.updated template"));
        QCOMPARE(event.message->id, sent.id);
    }
    // No bump, no notification, no unread change, no row moves.
    QCOMPARE(world.chatroom(id), before);
    QCOMPARE(world.list(View::Mine, kAna), order);
    QVERIFY(notifiedUsers(events, everyone()).isEmpty());
}

void TestRulesChatroom::channelAccepted_data()
{
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("changed");

    QTest::newRow("R14: the channel accepting a queued message makes it sent, with WhatsApp's id")
        << QStringLiteral("queued") << QStringLiteral("sent") << true;
    QTest::newRow("R14: a delivered status that came first is kept when the channel's answer arrives")
        << QStringLiteral("delivered") << QStringLiteral("delivered") << true;
    QTest::newRow("R14: a message already sent with that id records nothing")
        << QStringLiteral("sent") << QStringLiteral("sent") << false;
}

void TestRulesChatroom::channelAccepted()
{
    QFETCH(QString, current);
    QFETCH(QString, status);
    QFETCH(bool, changed);

    RuleWorld world;
    const ChatroomId id = world.open(kAsha, kAna);
    Message message = world.sendStm(id);
    message.status = *deliveryStatusFromName(current);
    if (!changed)
        message.waMessageId = QStringLiteral("wamid.1");
    const Chatroom before = world.chatroom(id);
    const Outcome out = world.decide([&](RuleContext &rules) {
        return applyChannelAccepted(before, message, QStringLiteral("wamid.1"), rules);
    });
    QCOMPARE(traces(out.events),
             changed ? QStringList{QStringLiteral("message.updated template")} : QStringList());
    QCOMPARE(out.chatroom, before);
    if (changed) {
        QCOMPARE(out.messages.first().waMessageId, QStringLiteral("wamid.1"));
        QCOMPARE(deliveryStatusName(out.messages.first().status), status);
    }
}

void TestRulesChatroom::markRead_data()
{
    QTest::addColumn<UserId>("reader");
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("upToLast"); // with up_to_message_id of the newest message
    QTest::addColumn<int>("unreadBefore");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<bool>("changed");

    const QString active = QStringLiteral("active");
    QTest::newRow("R15: reading moves the read marker and sets unread_count to 0 without a bump")
        << kAna << active << true << 2 << 0 << true;
    QTest::newRow("R15: reading without a message id still sets unread_count to 0")
        << kAna << active << false << 2 << 0 << true;
    QTest::newRow("R15: reading with nothing unread moves only the read marker")
        << kAna << active << true << 0 << 0 << true;
    QTest::newRow("R15: reading again with nothing new records nothing")
        << kAna << active << false << 0 << 0 << false;
    QTest::newRow("R15: one participant reading leaves the other participant's unread count alone")
        << kBen << active << true << 2 << 0 << true;
    QTest::newRow("R15: only a participant can read a chatroom")
        << kDee << active << true << 2 << int(ErrorCode::Forbidden) << false;
    QTest::newRow("R12: a deactivated chatroom stays readable")
        << kAna << QStringLiteral("deactivated") << true << 2 << 0 << true;
    QTest::newRow("R12: an expired chatroom stays readable")
        << kAna << QStringLiteral("expired") << true << 2 << 0 << true;
}

void TestRulesChatroom::markRead()
{
    QFETCH(UserId, reader);
    QFETCH(QString, state);
    QFETCH(bool, upToLast);
    QFETCH(int, unreadBefore);
    QFETCH(int, errorCode);
    QFETCH(bool, changed);

    RuleWorld world;
    const QStringList order = threeForAna(world);
    const ChatroomId id = order.at(1);
    Chatroom &setup = world.editChatroom(id);
    setup.participants.append(Participant{kBen, world.clock.now(), {}, 5});
    setup.participants.first().unreadCount = unreadBefore;
    if (reader == kBen)
        setup.participants.last().unreadCount = unreadBefore;
    else
        setup.participants.first().readUpTo = upToLast || unreadBefore ? MessageId() : setup.lastMessage->id;
    setup.state = *chatroomStateFromName(state);
    const Chatroom before = world.chatroom(id);
    const QStringList benBefore = world.list(View::Mine, kBen);
    const qint64 firstSeq = world.nextSeq;

    const MessageId upTo = upToLast ? before.lastMessage->id : MessageId();
    const auto result = world.read(id, reader, upTo);

    if (errorCode != 0) {
        QVERIFY(!result.ok());
        QCOMPARE(errorMessage(result.code()), errorMessage(ErrorCode(errorCode)));
        QCOMPARE(world.chatroom(id), before);
        return;
    }
    QVERIFY(result.ok());
    const Chatroom &room = result->chatroom;
    QCOMPARE(traces(result->events),
             changed ? QStringList{QStringLiteral("chatroom.updated @") + reader} : QStringList());
    QCOMPARE(seqs(result->events), seqRange(firstSeq, changed ? 1 : 0));
    QCOMPARE(room.participant(reader)->unreadCount, 0);
    if (upToLast)
        QCOMPARE(room.participant(reader)->readUpTo, before.lastMessage->id);
    for (const Participant &p : room.participants) {
        if (p.userId != reader)
            QCOMPARE(p, *before.participant(p.userId));
    }
    // Nothing an agent does to their own view bumps.
    QCOMPARE(room.sortKey, before.sortKey);
    QCOMPARE(world.list(View::Mine, kAna), order);
    QCOMPARE(world.list(View::Mine, kBen), benBefore);
    QVERIFY(notifiedUsers(result->events, everyone()).isEmpty());
}

void TestRulesChatroom::pickGroupMember_data()
{
    QTest::addColumn<QList<MemberLoad>>("members");
    QTest::addColumn<UserId>("picked"); // empty: nobody

    const QDateTime t = QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);
    QTest::newRow("R21: the member with the fewest active chatrooms is picked")
        << QList<MemberLoad>{{kAna, 4, {}}, {kBen, 2, {}}, {kCid, 3, {}}} << kBen;
    QTest::newRow("R21: fewer chatrooms outweigh a more recent assignment")
        << QList<MemberLoad>{{kAna, 2, t}, {kBen, 1, t.addSecs(3600)}} << kBen;
    QTest::newRow("R21: a tie on load goes to the member assigned least recently")
        << QList<MemberLoad>{{kAna, 1, t.addSecs(60)}, {kBen, 1, t.addSecs(120)}, {kCid, 1, t}} << kCid;
    QTest::newRow("R21: a member never assigned counts as assigned least recently")
        << QList<MemberLoad>{{kAna, 1, t.addYears(-5)}, {kBen, 1, {}}} << kBen;
    QTest::newRow("R21: a tie on load and last assignment goes to the lowest user id")
        << QList<MemberLoad>{{kCid, 1, t}, {kBen, 1, t}, {kDee, 1, t}} << kBen;
    QTest::newRow("R21: members never assigned with equal load go by the lowest user id")
        << QList<MemberLoad>{{kDee, 0, {}}, {kCid, 0, {}}} << kCid;
    QTest::newRow("R21: the order members are listed in does not matter")
        << QList<MemberLoad>{{kCid, 0, {}}, {kAna, 0, {}}, {kBen, 0, {}}} << kAna;
    QTest::newRow("R21: a group of one gets its member whatever the load")
        << QList<MemberLoad>{{kDee, 99, t}} << kDee;
    QTest::newRow("R21: an empty group has nobody to pick") << QList<MemberLoad>() << UserId();
}

void TestRulesChatroom::pickGroupMember()
{
    QFETCH(QList<MemberLoad>, members);
    QFETCH(UserId, picked);
    const std::optional<UserId> actual = handover::pickGroupMember(members);
    QCOMPARE(actual.value_or(UserId()), picked);
    QCOMPARE(actual.has_value(), !picked.isEmpty());
}

void TestRulesChatroom::groupTakesTurns_data()
{
    QTest::addColumn<int>("anaStartsWith"); // active chatrooms Ana already has, never assigned
    QTest::addColumn<QStringList>("picks");

    QTest::newRow("R21: chatrooms created one after another for a group go round its members")
        << 0 << QStringList{kAna, kBen, kCid, kAna, kBen, kCid};
    QTest::newRow("R21: a member with more chatrooms waits until the others catch up")
        << 2 << QStringList{kBen, kCid, kBen, kCid, kAna, kBen};
}

void TestRulesChatroom::groupTakesTurns()
{
    QFETCH(int, anaStartsWith);
    QFETCH(QStringList, picks);

    RuleWorld world;
    world.directory.setLoad(kAna, anaStartsWith);
    QStringList actual;
    for (const ContactId &contactId : {kAsha, kBo}) {
        for (const QString &phone : {kPhone100, kPhone200, kPhone300}) {
            CreateChatroomRequest req = world.request(contactId, {}, kSales);
            req.remotePhoneId = phone;
            const auto made = world.create(req);
            QVERIFY(made.ok());
            actual += made->chatroom.participantIds();
            world.clock.advanceSecs(60);
        }
    }
    QCOMPARE(actual, picks);
}

void TestRulesChatroom::deactivatedUsersGetNoNewChatrooms_data()
{
    QTest::addColumn<QString>(
        "how"); // create, reassign (from Dee), or handover (pending, then the customer writes)
    QTest::addColumn<UserId>("toUser");
    QTest::addColumn<GroupId>("toGroup");
    QTest::addColumn<QStringList>("deactivated");
    QTest::addColumn<QStringList>("participants"); // afterwards
    QTest::addColumn<int>("errorCode");            // 0: accepted

    const int refused = int(ErrorCode::ValidationFailed);
    QTest::newRow("R1: a chatroom is not created for a deactivated user")
        << QStringLiteral("create") << kBen << GroupId() << QStringList{kBen} << QStringList() << refused;
    QTest::newRow("R21: creating for a group skips its deactivated members")
        << QStringLiteral("create") << UserId() << kSales << QStringList{kAna} << QStringList{kBen} << 0;
    QTest::newRow("R11: reassigning to a deactivated user is refused and changes nothing")
        << QStringLiteral("reassign") << kBen << GroupId() << QStringList{kBen} << QStringList{kDee}
        << refused;
    QTest::newRow("R21: reassigning to a group never picks a deactivated member")
        << QStringLiteral("reassign") << UserId() << kSales << QStringList{kAna, kBen} << QStringList{kCid}
        << 0;
    QTest::newRow("R21: a group whose members are all deactivated has nobody to pick")
        << QStringLiteral("reassign") << UserId() << kSupport << QStringList{kDee} << QStringList{kDee}
        << refused;
    QTest::newRow("R8: a handover pending for a user deactivated since waits for a supervisor")
        << QStringLiteral("handover") << kBen << GroupId() << QStringList{kBen} << QStringList() << 0;
    QTest::newRow("R8: a handover to a group goes to a member who is still active")
        << QStringLiteral("handover") << UserId() << kSales << QStringList{kAna} << QStringList{kBen} << 0;
}

void TestRulesChatroom::deactivatedUsersGetNoNewChatrooms()
{
    QFETCH(QString, how);
    QFETCH(UserId, toUser);
    QFETCH(GroupId, toGroup);
    QFETCH(QStringList, deactivated);
    QFETCH(QStringList, participants);
    QFETCH(int, errorCode);

    RuleWorld world;
    const auto deactivate = [&] {
        for (const UserId &userId : deactivated) {
            User user = *world.directory.user(userId);
            user.active = false;
            world.directory.addUser(user);
        }
    };
    ChatroomId id;
    int code = 0;
    if (how == QLatin1String("create")) {
        deactivate();
        const auto made = world.create(world.request(kAsha, toUser, toGroup));
        code = made ? 0 : int(made.code());
        id = made ? made->chatroom.id : ChatroomId();
    } else if (how == QLatin1String("reassign")) {
        id = world.open(kAsha, kDee);
        QVERIFY(!id.isEmpty());
        deactivate();
        const auto moved = world.reassign(id, toUser, toGroup);
        code = moved ? 0 : int(moved.code());
    } else {
        id = world.open(kAsha, toUser, toGroup, true);
        QVERIFY(!id.isEmpty());
        deactivate();
        world.customerText(id, QStringLiteral("hello?"));
        // Nobody to hand over to: it stays in Awaiting handover.
        QCOMPARE(world.chatroom(id).pendingHandover.has_value(), participants.isEmpty());
    }
    QCOMPARE(code, errorCode);
    QCOMPARE(id.isEmpty() ? QStringList() : world.chatroom(id).participantIds(), participants);
}

void TestRulesChatroom::bumpsMoveToTop_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<UserId>("listOwner"); // whose Mine shows it on top afterwards

    QTest::newRow("R20: an STM with bump true moves the bottom row to the top (R4)")
        << QStringLiteral("stm") << kAna;
    QTest::newRow("R20: a customer's free-flow message moves the bottom row to the top (R9)")
        << QStringLiteral("text") << kAna;
    QTest::newRow("R20: a tap with bump_response true moves the bottom row to the top (R7)")
        << QStringLiteral("tap") << kAna;
    QTest::newRow("R20: an agent's free-flow message moves the bottom row to the top (R10)")
        << QStringLiteral("agent") << kAna;
    QTest::newRow("R20: a reassignment moves the row to the top for the new agent (R11)")
        << QStringLiteral("reassign") << kBen;
}

void TestRulesChatroom::bumpsMoveToTop()
{
    QFETCH(QString, action);
    QFETCH(UserId, listOwner);

    RuleWorld world;
    const QStringList order = threeForAna(world);
    const ChatroomId bottom = order.last();
    const Message sent = world.sendStm(bottom, false);
    world.clock.advanceSecs(60);
    if (listOwner != kAna) {
        CreateChatroomRequest req = world.request(kRavi, listOwner);
        req.remotePhoneId = kPhone200; // Asha holds the shared phone on 100
        QVERIFY(world.create(req).ok());
    }
    world.clock.advanceSecs(60);
    const QStringList ownerBefore = world.list(View::Mine, listOwner);
    const SortKey newest = world.chatroom(world.list(View::All, kSupervisor).first()).sortKey;

    Outcome out;
    if (action == QLatin1String("stm"))
        out = *world.sendTemplate(bottom, world.stm(kHello));
    else if (action == QLatin1String("text"))
        out = world.customerText(bottom, QStringLiteral("again"));
    else if (action == QLatin1String("tap"))
        out = world.tap(bottom, sent.id, 0);
    else if (action == QLatin1String("agent"))
        out = *world.agentText(bottom, kAna, QStringLiteral("on it"));
    else
        out = *world.reassign(bottom, listOwner);

    const auto bump =
        std::find_if(out.events.crbegin(), out.events.crend(), [](const Event &e) { return e.bumped; });
    QVERIFY(bump != out.events.crend());
    QCOMPARE(out.chatroom.sortKey, (SortKey{world.clock.nowMs(), bump->seq}));
    QVERIFY(out.chatroom.sortKey > newest);
    QStringList expected = ownerBefore;
    expected.removeAll(bottom);
    expected.prepend(bottom);
    QCOMPARE(world.list(View::Mine, listOwner), expected);
    QCOMPARE(world.list(View::All, kSupervisor).first(), bottom);
}

void TestRulesChatroom::nonBumpingEventsKeepOrder_data()
{
    QTest::addColumn<QString>("action");

    QTest::newRow("R20: a silent STM never moves a row (R4s)") << QStringLiteral("silent-stm");
    QTest::newRow("R20: a tap with bump_response false never moves a row (R7)")
        << QStringLiteral("silent-tap");
    QTest::newRow("R20: a relayed silent tap never moves a row (R5)") << QStringLiteral("relayed-silent-tap");
    QTest::newRow("R20: a delivery status never moves a row (R14)") << QStringLiteral("status");
    QTest::newRow("R20: reading never moves a row (R15)") << QStringLiteral("read");
    QTest::newRow("R20: deactivation never moves a row (R12)") << QStringLiteral("deactivate");
    QTest::newRow("R20: timed expiry never moves a row (R12)") << QStringLiteral("expire");
    QTest::newRow("R20: a contact rename never moves a row (R16)") << QStringLiteral("rename");
    QTest::newRow("R20: create on an existing chatroom never moves a row (R3)")
        << QStringLiteral("create-again");
    QTest::newRow("R20: reassigning to the sole participant never moves a row (R11)")
        << QStringLiteral("reassign-same");
    QTest::newRow("R20: reassigning to a participant who keeps it never moves a row (R11)")
        << QStringLiteral("reassign-keep");
}

void TestRulesChatroom::nonBumpingEventsKeepOrder()
{
    QFETCH(QString, action);

    RuleWorld world;
    const QStringList order = threeForAna(world);
    const ChatroomId middle = order.at(1);
    const Message sent = world.sendStm(middle, false, action.startsWith(QLatin1String("relayed")), false);
    if (action == QLatin1String("reassign-keep"))
        world.editChatroom(middle).participants.append(Participant{kBen, world.clock.now(), {}, 0});
    world.clock.advanceSecs(60);
    const Chatroom before = world.chatroom(middle);
    const QStringList allBefore = world.list(View::All, kSupervisor);
    const QStringList benBefore = world.list(View::Mine, kBen);
    EventFedList console(View::Mine, kAna, Role::Member);
    console.apply(world.log());
    QCOMPARE(console.ids(), order);
    const qsizetype logBefore = world.log().size();

    if (action == QLatin1String("silent-stm")) {
        QVERIFY(world.sendTemplate(middle, world.stm(kHello, false)).ok());
    } else if (action.endsWith(QLatin1String("silent-tap"))) {
        world.tap(middle, sent.id, 1);
    } else if (action == QLatin1String("status")) {
        world.deliveryStatus(sent.id, DeliveryStatus::Delivered);
        world.deliveryStatus(sent.id, DeliveryStatus::Read);
    } else if (action == QLatin1String("read")) {
        QVERIFY(world.read(middle, kAna, before.lastMessage->id).ok());
    } else if (action == QLatin1String("deactivate")) {
        world.keep(world.decide([&](RuleContext &rules) { return deactivateChatroom(before, rules); }));
    } else if (action == QLatin1String("expire")) {
        world.clock.advanceSecs(world.settings.expireAfterDays * kDay);
        world.keep(
            world.decide([&](RuleContext &rules) { return applyLifecycle(before, world.settings, rules); }));
    } else if (action == QLatin1String("rename")) {
        Contact renamed = world.contacts.value(before.contactId);
        renamed.lastName = QStringLiteral("Renamed");
        world.keep(
            world.decide([&](RuleContext &rules) { return applyContactUpdate(before, renamed, rules); }));
    } else if (action == QLatin1String("create-again")) {
        CreateChatroomRequest req = world.request(before.contactId, kCid);
        req.remotePhoneId = before.remotePhoneId;
        QVERIFY(world.create(req).ok());
    } else {
        QVERIFY(world.reassign(middle, kAna).ok());
    }

    const QList<Event> events = world.log().mid(logBefore);
    const bool recordsNothing =
        action == QLatin1String("reassign-same") || action == QLatin1String("create-again");
    QCOMPARE(events.isEmpty(), recordsNothing);
    for (const Event &event : events) {
        QVERIFY2(!event.bumped, qPrintable(trace(event)));
        QCOMPARE(event.chatroom.sortKey, before.sortKey);
    }
    QCOMPARE(world.chatroom(middle).sortKey, before.sortKey);
    QCOMPARE(world.list(View::Mine, kAna), order);
    QCOMPARE(world.list(View::All, kSupervisor), allBefore);
    if (action != QLatin1String("reassign-keep"))
        QCOMPARE(world.list(View::Mine, kBen), benBefore);
    console.apply(events);
    QCOMPARE(console.ids(), order);
    QVERIFY(notifiedUsers(events, everyone()).isEmpty());
}

void TestRulesChatroom::sameOrderOnEveryClient_data()
{
    QTest::addColumn<qint64>("msBetweenSteps");

    QTest::newRow("R20: two lists built from the same events show the same order") << qint64(1500);
    QTest::newRow("R20: bumps in the same millisecond are ordered by bump_seq, the same on every list")
        << qint64(0);
}

void TestRulesChatroom::sameOrderOnEveryClient()
{
    QFETCH(qint64, msBetweenSteps);

    RuleWorld world;
    EventFedList early(View::All, kSupervisor, Role::Supervisor);
    EventFedList earlyAna(View::Mine, kAna, Role::Member);
    std::unique_ptr<EventFedList> late;
    std::unique_ptr<EventFedList> lateAna;
    qsizetype fed = 0;
    const auto step = [&] {
        const QList<Event> fresh = world.log().mid(fed);
        fed = world.log().size();
        early.apply(fresh);
        earlyAna.apply(fresh);
        if (late) {
            late->apply(fresh);
            lateAna->apply(fresh);
        }
        world.clock.advanceMs(msBetweenSteps);
    };

    QStringList ids;
    for (const ContactId &contactId : {kAsha, kBo}) {
        for (const QString &phone : {kPhone100, kPhone200, kPhone300}) {
            CreateChatroomRequest req = world.request(contactId, contactId == kAsha ? kAna : kBen);
            req.remotePhoneId = phone;
            ids.append(world.create(req)->chatroom.id);
            step();
        }
    }
    world.customerText(ids.at(0), QStringLiteral("one"));
    step();
    const Message silent = world.sendStm(ids.at(4), false, false, false);
    step();
    world.customerText(ids.at(3), QStringLiteral("two"));
    step();

    // A console that connects now loads a snapshot and then gets the events after it.
    late = std::make_unique<EventFedList>(View::All, kSupervisor, Role::Supervisor);
    lateAna = std::make_unique<EventFedList>(View::Mine, kAna, Role::Member);
    for (const ChatroomId &id : ids) {
        late->seed(id, world.chatroom(id).sortKey);
        if (world.chatroom(id).hasParticipant(kAna))
            lateAna->seed(id, world.chatroom(id).sortKey);
    }

    world.tap(ids.at(4), silent.id, 0); // silent
    step();
    QVERIFY(world.reassign(ids.at(5), kAna).ok());
    step();
    QVERIFY(world.agentText(ids.at(0), kAna, QStringLiteral("hi")).ok());
    step();
    world.deliveryStatus(silent.id, DeliveryStatus::Read);
    step();
    QVERIFY(world.sendTemplate(ids.at(2), world.stm(kHello)).ok());
    step();
    QVERIFY(world.read(ids.at(3), kBen).ok());
    step();

    const QStringList serverOrder = world.list(View::All, kSupervisor);
    QCOMPARE(early.ids(), serverOrder);
    QCOMPARE(late->ids(), serverOrder);
    QCOMPARE(earlyAna.ids(), world.list(View::Mine, kAna));
    QCOMPARE(lateAna->ids(), world.list(View::Mine, kAna));
    QCOMPARE(serverOrder, (QStringList{ids.at(2), ids.at(0), ids.at(5), ids.at(3), ids.at(4), ids.at(1)}));

    // The order is total: no two chatrooms share a sort key, even within one millisecond.
    QSet<qint64> bumpSeqs;
    for (const ChatroomId &id : ids)
        bumpSeqs.insert(world.chatroom(id).sortKey.bumpSeq);
    QCOMPARE(bumpSeqs.size(), ids.size());
    if (msBetweenSteps == 0) {
        for (const ChatroomId &id : ids)
            QCOMPARE(world.chatroom(id).sortKey.bumpedAtMs, world.clock.nowMs());
    }
}

void TestRulesChatroom::views_data()
{
    QTest::addColumn<QStringList>("participants");
    QTest::addColumn<bool>("pending");
    QTest::addColumn<UserId>("userId");
    QTest::addColumn<bool>("inMine");
    QTest::addColumn<bool>("inAwaiting");
    QTest::addColumn<bool>("visible"); // chatroomVisibleTo with the user's role

    QTest::newRow("Views: Mine holds the chatrooms the user participates in")
        << QStringList{kAna} << false << kAna << true << false << true;
    QTest::newRow("Views: Mine holds a chatroom for each of its participants")
        << QStringList{kAna, kBen} << false << kBen << true << false << true;
    QTest::newRow("Views: a MEMBER who is not a participant neither has it in Mine nor sees it")
        << QStringList{kAna} << false << kBen << false << false << false;
    QTest::newRow("Views: a supervisor sees every chatroom but has in Mine only their own")
        << QStringList{kAna} << false << kSupervisor << false << false << true;
    QTest::newRow("Views: Awaiting handover holds chatrooms with a pending handover (R2)")
        << QStringList() << true << kSupervisor << false << true << true;
    QTest::newRow(
        "Views: a chatroom awaiting handover is in no MEMBER's Mine, not even the pending one's (R2)")
        << QStringList() << true << kBen << false << true << false;
    QTest::newRow("Views: an ADMIN sees a chatroom awaiting handover")
        << QStringList() << true << kAdmin << false << true << true;
}

void TestRulesChatroom::views()
{
    QFETCH(QStringList, participants);
    QFETCH(bool, pending);
    QFETCH(UserId, userId);
    QFETCH(bool, inMine);
    QFETCH(bool, inAwaiting);
    QFETCH(bool, visible);

    Chatroom room;
    room.id = QStringLiteral("room-1");
    room.orgId = kOrg;
    for (const UserId &p : participants)
        room.participants.append(Participant{p, {}, {}, 0});
    if (pending)
        room.pendingHandover = PendingHandover{kBen, {}, {}};
    QCOMPARE(chatroomInView(room, View::Mine, userId), inMine);
    QCOMPARE(chatroomInView(room, View::AwaitingHandover, userId), inAwaiting);
    QVERIFY(chatroomInView(room, View::All, userId)); // All: every chatroom of the org
    QCOMPARE(chatroomVisibleTo(room, userId, fixtureRole(userId)), visible);
    QCOMPARE(roleSeesAllChatrooms(fixtureRole(userId)), userId == kAdmin || userId == kSupervisor);
}

void TestRulesChatroom::eventsForUsers_data()
{
    QTest::addColumn<QString>("event"); // a named event of the scenario in eventsForUsers()
    QTest::addColumn<UserId>("userId");
    QTest::addColumn<bool>("receives");
    QTest::addColumn<bool>("notifies");

    const auto row = [](const char *name, const char *event, const UserId &userId, bool receives,
                        bool notifies) {
        QTest::newRow(name) << QString::fromLatin1(event) << userId << receives << notifies;
    };
    row("Notifications: the chatroom.assigned of a creation notifies the agent (R1)", "r1.assigned", kAna,
        true, true);
    row("Notifications: chatroom.created itself reaches no MEMBER (R1)", "r1.created", kAna, false, false);
    row("Notifications: a bumping STM notifies the participant (R4)", "stm.bump", kAna, true, true);
    row("Notifications: a silent STM never notifies (R4s)", "stm.silent", kAna, true, false);
    row("Notifications: a tap with bump_response false never notifies (R7)", "tap.silent", kAna, true, false);
    row("Notifications: a customer's free-flow message notifies the participant (R9)", "text", kAna, true,
        true);
    row("Notifications: an agent is not notified of their own message (R10)", "ana.text", kAna, true, false);
    row("Notifications: a delivery status never notifies (R14)", "status", kAna, true, false);
    row("Notifications: reading never notifies (R15)", "read", kAna, true, false);
    row("Notifications: losing a chatroom is received but does not notify (R11)", "unassigned.ana", kAna,
        true, false);
    row("Notifications: a reassignment notifies the new agent (R11)", "assigned.ben", kBen, true, true);
    row("Notifications: a system note never notifies (R11)", "note.reassigned", kBen, true, false);
    row("Notifications: after a reassignment the new agent is notified of customer messages", "text.after",
        kBen, true, true);
    row("Notifications: a handover notifies the agent who gets the chatroom (R8)", "handover.assigned", kCid,
        true, true);
    row("Notifications: a supervisor receives every event but is notified of none outside Mine", "text",
        kSupervisor, true, false);
    row("Notifications: an ADMIN receives every event but is notified of none outside Mine", "text.after",
        kAdmin, true, false);
    row("Visibility: a MEMBER never receives events of a chatroom they do not participate in", "text", kBen,
        false, false);
    row("Visibility: a MEMBER receives nothing more of a chatroom once it was taken from them (R11)",
        "text.after", kAna, false, false);
    row("Visibility: a MEMBER does not receive another MEMBER's chatroom.unassigned", "unassigned.ana", kCid,
        false, false);
    row("Visibility: the message that triggers a handover reaches the new agent only through "
        "chatroom.assigned (R8)",
        "handover.trigger", kCid, false, false);
    row("Visibility: a chatroom awaiting handover reaches no MEMBER, not even the pending one (R2)",
        "pending.created", kCid, false, false);
    row("Visibility: a supervisor receives a chatroom awaiting handover (R2)", "pending.created", kSupervisor,
        true, false);
    row("Visibility: a MEMBER receives their own presence", "presence.ana", kAna, true, false);
    row("Visibility: a MEMBER does not receive another user's presence", "presence.ana", kBen, false, false);
    row("Visibility: a supervisor receives every presence", "presence.ana", kSupervisor, true, false);
}

void TestRulesChatroom::eventsForUsers()
{
    QFETCH(QString, event);
    QFETCH(UserId, userId);
    QFETCH(bool, receives);
    QFETCH(bool, notifies);

    // A chatroom of Asha created for Ana, worked on, then reassigned to Ben; and one of Bo waiting for Cid.
    RuleWorld world;
    QHash<QString, Event> named;
    const auto name = [&](const Outcome &out, const QStringList &names) {
        QCOMPARE(out.events.size(), names.size());
        for (qsizetype i = 0; i < names.size(); ++i)
            named.insert(names.at(i), out.events.at(i));
    };
    const auto made = world.create(world.request(kAsha, kAna));
    QVERIFY(made.ok());
    const ChatroomId id = made->chatroom.id;
    name(*made, {QStringLiteral("r1.created"), QStringLiteral("r1.assigned")});
    name(*world.sendTemplate(id, world.stm(kHello)), {QStringLiteral("stm.bump")});
    const auto silent = world.sendTemplate(id, world.stm(kOrderUpdate, false, false, false));
    name(*silent, {QStringLiteral("stm.silent")});
    name(world.tap(id, silent->messages.first().id, 0), {QStringLiteral("tap.silent")});
    name(world.customerText(id, QStringLiteral("hi")), {QStringLiteral("text")});
    const auto anaText = world.agentText(id, kAna, QStringLiteral("hello"));
    name(*anaText, {QStringLiteral("ana.text")});
    name(world.deliveryStatus(anaText->messages.first().id, DeliveryStatus::Delivered),
         {QStringLiteral("status")});
    world.customerText(id, QStringLiteral("thanks"));
    name(*world.read(id, kAna), {QStringLiteral("read")});
    name(*world.reassign(id, kBen), {QStringLiteral("unassigned.ana"), QStringLiteral("assigned.ben"),
                                     QStringLiteral("note.reassigned")});
    name(world.customerText(id, QStringLiteral("still there?")), {QStringLiteral("text.after")});
    const auto waiting = world.create(world.request(kBo, kCid, {}, true));
    QVERIFY(waiting.ok());
    name(*waiting, {QStringLiteral("pending.created")});
    name(world.customerText(waiting->chatroom.id, QStringLiteral("hello?")),
         {QStringLiteral("handover.trigger"), QStringLiteral("handover.assigned"),
          QStringLiteral("handover.note")});
    Event presence;
    presence.kind = EventKind::PresenceUpdated;
    presence.userId = kAna;
    presence.online = true;
    named.insert(QStringLiteral("presence.ana"), presence);

    QVERIFY(named.contains(event));
    const Event &e = named.value(event);
    QCOMPARE(eventVisibleTo(e, userId, fixtureRole(userId)), receives);
    QCOMPARE(eventNotifies(e, userId), notifies);
    // Silent events never notify anyone.
    if (!e.bumped && e.kind != EventKind::ChatroomAssigned)
        QVERIFY(notifiedUsers({e}, everyone()).isEmpty());
}

QTEST_GUILESS_MAIN(TestRulesChatroom)
#include "tst_rules_chatroom.moc"
