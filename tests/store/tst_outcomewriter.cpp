#include "core/json/apicodec.h"
#include "core/json/syncframes.h"
#include "core/json/timestamps.h"
#include "core/rules/lifecycle.h"
#include "core/store/database.h"
#include "core/store/groupcommitwriter.h"
#include "core/store/schema.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/contacts.h"
#include "core/store/server/eventlog.h"
#include "core/store/server/messages.h"
#include "core/store/server/orgs.h"
#include "core/store/server/outcomewriter.h"
#include "core/store/server/statementcache.h"
#include "core/store/server/storedirectory.h"
#include "core/store/server/templates.h"
#include "core/store/server/users.h"
#include "core/store/server/wabaphones.h"
#include "core/store/server/webhookdeliveries.h"
#include "core/store/server/whatsappqueues.h"
#include "core/store/sql.h"
#include "storetestsupport.h"
#include "tests/support/ruleworld.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace handover;
using namespace handover::store;
using namespace handover::store::server;
using namespace handover::test;
using storetest::optionsFor;

namespace {

const WebhookTarget kHook{QStringLiteral("https://crm.example/hook"), QStringLiteral("whsec_c2VjcmV0")};

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

} // namespace



class TestOutcomeWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void relayTemplateTapRoundTrips_data();
    void relayTemplateTapRoundTrips();
    void seqCounterContinuesAcrossOutcomes();
    void aStaleSeqIsRefusedAndTheSavepointUndoesIt();
    void r3UnchangedOutcomeWritesNothing();
    void r21StoreDirectoryPicksFromTheDatabase();
    void r13bInboundFirstContactHandsOverToTheInboundGroup();
    void r14StatusUpdatesChangeTheStoredMessage();
    void writesAsAJobOfTheGroupCommitWriter();

private:
    QSqlDatabase &db() { return m_server->connection(); }
    void seedFromWorld();
    // Writes one decision the way the server does, at the world's clock.
    void write(const Outcome &outcome, const WebhookTarget *webhook = nullptr);
    // A RuleContext from the database's counter, as the server builds one.
    RuleContext serverContext();
    Chatroom stored(const ChatroomId &id);

    QTemporaryDir m_dir;
    std::optional<Database> m_server;
    std::optional<RuleWorld> m_world;
    int m_run = 0;
};

void TestOutcomeWriter::init()
{
    auto opened = Database::open(optionsFor(m_dir.filePath(QStringLiteral("server-%1.db").arg(++m_run))),
                                 serverSchema());
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().description));
    m_server.emplace(std::move(*opened));
    m_world.emplace();
    seedFromWorld();
}

void TestOutcomeWriter::cleanup()
{
    if (m_server)
        releaseStatements(m_server->connection());
    m_server.reset();
    m_world.reset();
}

void TestOutcomeWriter::seedFromWorld()
{
    RuleWorld &w = *m_world;
    const QDateTime now = w.clock.now();
    CHECK_OK(createOrg(db(), kOrg, QStringLiteral("Acme"), now));
    CHECK_OK(createOrg(db(), kOtherOrg, QStringLiteral("Other"), now));
    for (const UserId &id : everyone() + QStringList{kAlien}) {
        const auto user = w.directory.user(id);
        QVERIFY(user);
        CHECK_OK(insertUser(db(), *user, "argon2id-hash", now));
    }
    for (const GroupId &id : {kSales, kSupport, kEmptyGroup, kAlienGroup}) {
        const auto group = w.directory.group(id);
        QVERIFY(group);
        CHECK_OK(insertGroup(db(), *group, now));
    }
    for (const WabaPhone &phone : std::as_const(w.phones))
        CHECK_OK(insertWabaPhone(db(), phone, now));
    for (const Contact &contact : std::as_const(w.contacts))
        CHECK_OK(insertContact(db(), contact, now));
    for (const MessageTemplate &t : std::as_const(w.templates))
        CHECK_OK(insertTemplate(db(), t, now));
}

void TestOutcomeWriter::write(const Outcome &outcome, const WebhookTarget *webhook)
{
    CHECK_OK(writeOutcome(db(), outcome, webhook, m_world->clock.now()));
}

RuleContext TestOutcomeWriter::serverContext()
{
    auto next = nextEventSeq(db(), kOrg);
    return RuleContext(m_world->clock, m_world->ids, next ? *next : -1);
}

Chatroom TestOutcomeWriter::stored(const ChatroomId &id)
{
    auto room = chatroomById(db(), kOrg, id);
    return room ? *room : Chatroom();
}

void TestOutcomeWriter::relayTemplateTapRoundTrips_data()
{
    QTest::addColumn<bool>("withWebhook");
    QTest::newRow("R5: with a webhook configured the tap is relayed with API.md's body") << true;
    QTest::newRow("R22: without a webhook the tap is stored and nothing is relayed") << false;
}

void TestOutcomeWriter::relayTemplateTapRoundTrips()
{
    QFETCH(bool, withWebhook);
    RuleWorld &w = *m_world;

    auto created = w.create(w.request(kAsha, kAna));
    CHECK_OK(created);
    write(*created);
    const ChatroomId roomId = created->chatroom.id;

    w.clock.advanceSecs(60);
    auto sent = w.sendTemplate(roomId, w.stm(kOrderUpdate, true, true));
    CHECK_OK(sent);
    write(*sent);
    const Message templateMessage = sent->messages.first();

    w.clock.advanceSecs(60);
    const Outcome tapped = w.tap(roomId, templateMessage.id, 0);
    QCOMPARE(tapped.relays.size(), 1);
    write(tapped, withWebhook ? &kHook : nullptr);
    const Message tap = tapped.messages.first();

    // Reloaded, everything equals what the rules decided.
    COMPARE_CHATROOM(stored(roomId), w.chatroom(roomId));
    for (const MessageId &id : {templateMessage.id, tap.id}) {
        auto message = messageById(db(), kOrg, id);
        CHECK_OK(message);
        QCOMPARE(json(messageToJson(*message)), json(messageToJson(w.message(id))));
    }
    auto log = eventsSince(db(), kOrg, 0, 100);
    CHECK_OK(log);
    QCOMPARE(log->size(), w.log().size());
    for (qsizetype i = 0; i < log->size(); ++i) {
        QCOMPARE(log->at(i).seq, w.log().at(i).seq);
        QCOMPARE(log->at(i).payload, encodeEvent(w.log().at(i)));
    }
    auto head = headSeq(db(), kOrg);
    CHECK_OK(head);
    QCOMPARE(*head, w.nextSeq - 1);

    // Only the template goes out over WhatsApp: creation sends nothing and the tap came in.
    auto outbound = dueOutbound(db(), w.clock.now(), 10);
    CHECK_OK(outbound);
    QCOMPARE(outbound->size(), 1);
    QCOMPARE(outbound->first().messageId, templateMessage.id);

    auto deliveries = listDeliveries(db(), kOrg, std::nullopt, 10);
    CHECK_OK(deliveries);
    QCOMPARE(deliveries->size(), withWebhook ? 1 : 0);
    if (!withWebhook)
        return;
    const WebhookDelivery &delivery = deliveries->first();
    QCOMPARE(delivery.eventType, QStringLiteral("template.button_reply"));
    QCOMPARE(delivery.state, DeliveryState::Pending);
    QCOMPARE(delivery.nextAttemptAt, w.clock.now());
    QVERIFY(delivery.webhookId.startsWith(QStringLiteral("msg_")));

    const QJsonObject body = QJsonDocument::fromJson(delivery.payload).object();
    QCOMPARE(sortedKeys(body),
             (QStringList{QStringLiteral("data"), QStringLiteral("timestamp"), QStringLiteral("type")}));
    QCOMPARE(body.value(QLatin1String("type")).toString(), QStringLiteral("template.button_reply"));
    QCOMPARE(body.value(QLatin1String("timestamp")).toString(), formatTimestamp(w.clock.now()));
    const QJsonObject data = body.value(QLatin1String("data")).toObject();
    QCOMPARE(sortedKeys(data),
             (QStringList{QStringLiteral("button"), QStringLiteral("chatroom_id"), QStringLiteral("contact"),
                          QStringLiteral("message_id"), QStringLiteral("org_id"),
                          QStringLiteral("received_at"), QStringLiteral("remote_template_id"),
                          QStringLiteral("reply_message_id"), QStringLiteral("template_name")}));
    QCOMPARE(data.value(QLatin1String("org_id")).toString(), kOrg);
    QCOMPARE(data.value(QLatin1String("chatroom_id")).toString(), roomId);
    QCOMPARE(data.value(QLatin1String("message_id")).toString(), templateMessage.id);
    QCOMPARE(data.value(QLatin1String("reply_message_id")).toString(), tap.id);
    QCOMPARE(data.value(QLatin1String("remote_template_id")).toString(), QStringLiteral("rt-order"));
    QCOMPARE(data.value(QLatin1String("template_name")).toString(), kOrderUpdate);
    QCOMPARE(data.value(QLatin1String("received_at")).toString(), formatTimestamp(tap.createdAt));
    const QJsonObject contact = data.value(QLatin1String("contact")).toObject();
    QCOMPARE(contact, (QJsonObject{{QStringLiteral("id"), kAsha},
                                   {QStringLiteral("crm_id"), QStringLiteral("CRM-1")},
                                   {QStringLiteral("phone_number"), kSharedPhone}}));
    const SentButton &yes = templateMessage.sentTemplate->buttons.first();
    QCOMPARE(data.value(QLatin1String("button")).toObject(),
             (QJsonObject{{QStringLiteral("index"), 0},
                          {QStringLiteral("text"), QStringLiteral("Yes")},
                          {QStringLiteral("payload"), yes.payload}}));
}

void TestOutcomeWriter::seqCounterContinuesAcrossOutcomes()
{
    RuleWorld &w = *m_world;
    StoreDirectory directory(db());
    ChatroomId roomId;
    {
        RuleContext rules = serverContext();
        QCOMPARE(rules.nextSeq(), 1);
        auto phones = wabaPhonesOf(db(), kOrg);
        CHECK_OK(phones);
        auto active = activeChatroomsOfPhone(db(), kOrg, kBoPhone);
        CHECK_OK(active);
        auto created =
            createChatroom(w.request(kBo, kBen), CreateChatroomContext{*phones, *active}, directory, rules);
        CHECK_OK(created);
        write(*created);
        roomId = created->chatroom.id;
    }
    for (int i = 0; i < 3; ++i) {
        w.clock.advanceSecs(10);
        RuleContext rules = serverContext();
        const Outcome reply = receiveCustomerText(
            stored(roomId), CustomerText{QStringLiteral("hi %1").arg(i), {}}, directory, rules);
        write(reply);
    }
    QVERIFY(!directory.failure());

    auto log = eventsSince(db(), kOrg, 0, 100);
    CHECK_OK(log);
    QVERIFY(log->size() >= 5);
    for (qsizetype i = 0; i < log->size(); ++i)
        QCOMPARE(log->at(i).seq, i + 1);
    auto head = headSeq(db(), kOrg);
    CHECK_OK(head);
    QCOMPARE(*head, log->size());
    // The last bump took the last customer message's event seq (R20).
    const Chatroom room = stored(roomId);
    auto last = decodeStoredEvent(log->last());
    CHECK_OK(last);
    QCOMPARE(room.sortKey, last->chatroom.sortKey);
    QCOMPARE(room.participants.first().unreadCount, 3);
}

void TestOutcomeWriter::aStaleSeqIsRefusedAndTheSavepointUndoesIt()
{
    RuleWorld &w = *m_world;
    auto created = w.create(w.request(kAsha, kAna));
    CHECK_OK(created);
    write(*created);
    const ChatroomId roomId = created->chatroom.id;
    const Chatroom before = stored(roomId);

    // Decided from a counter another write has moved past: seq 1 again.
    RuleContext stale(w.clock, w.ids, 1);
    w.clock.advanceSecs(5);
    const Outcome late =
        receiveCustomerText(before, CustomerText{QStringLiteral("late"), {}}, w.directory, stale);
    CHECK_OK(execute(db(), QStringLiteral("SAVEPOINT job")));
    auto refused = writeOutcome(db(), late, nullptr, w.clock.now());
    QCOMPARE(refused.code(), ErrorCode::Internal);
    CHECK_OK(execute(db(), QStringLiteral("ROLLBACK TO job")));
    CHECK_OK(execute(db(), QStringLiteral("RELEASE job")));

    COMPARE_CHATROOM(stored(roomId), before);
    auto message = messageById(db(), kOrg, late.messages.first().id);
    QCOMPARE(message.code(), ErrorCode::NotFound);
    auto head = headSeq(db(), kOrg);
    CHECK_OK(head);
    QCOMPARE(*head, w.nextSeq - 1);
}

void TestOutcomeWriter::r3UnchangedOutcomeWritesNothing()
{
    RuleWorld &w = *m_world;
    auto created = w.create(w.request(kAsha, kAna));
    CHECK_OK(created);
    write(*created);
    auto again = w.create(w.request(kAsha, kAna));
    CHECK_OK(again);
    QVERIFY(!again->created);
    QVERIFY(!again->changed());
    w.clock.advanceSecs(60);
    write(*again);
    auto head = headSeq(db(), kOrg);
    CHECK_OK(head);
    QCOMPARE(*head, created->events.last().seq);
    COMPARE_CHATROOM(stored(created->chatroom.id), created->chatroom);
}

void TestOutcomeWriter::r21StoreDirectoryPicksFromTheDatabase()
{
    RuleWorld &w = *m_world;
    StoreDirectory directory(db());
    const auto createFor = [&](const ContactId &contactId) -> Outcome {
        RuleContext rules = serverContext();
        const Contact contact = w.contacts.value(contactId);
        auto phones = wabaPhonesOf(db(), kOrg);
        auto active = activeChatroomsOfPhone(db(), kOrg, contact.phoneNumber);
        if (!phones || !active)
            return {};
        auto created = createChatroom(w.request(contactId, {}, kSales),
                                      CreateChatroomContext{*phones, *active}, directory, rules);
        return created ? *created : Outcome();
    };
    const auto deactivate = [&](const ChatroomId &id) {
        RuleContext rules = serverContext();
        auto done = deactivateChatroom(stored(id), rules);
        if (done)
            write(*done);
    };

    // Nobody has a chatroom or was ever assigned: the lowest user id.
    const Outcome first = createFor(kAsha);
    QCOMPARE(first.chatroom.participantIds(), QList<UserId>{kAna});
    write(first);
    w.clock.advanceSecs(60);
    const Outcome second = createFor(kBo); // Ana has one now
    QCOMPARE(second.chatroom.participantIds(), QList<UserId>{kBen});
    write(second);
    w.clock.advanceSecs(60);
    deactivate(first.chatroom.id);
    deactivate(second.chatroom.id);

    auto loads = memberLoads(db(), {kAna, kBen, kCid});
    CHECK_OK(loads);
    QCOMPARE(loads->at(0).activeChatrooms, 0);
    QCOMPARE(loads->at(0).lastAssignedAt, first.events.first().at);
    QCOMPARE(loads->at(1).lastAssignedAt, second.events.first().at);
    QVERIFY(!loads->at(2).lastAssignedAt.isValid());

    w.clock.advanceSecs(60);
    const Outcome third = createFor(kAsha); // all idle: never assigned goes first
    QCOMPARE(third.chatroom.participantIds(), QList<UserId>{kCid});
    write(third);
    deactivate(third.chatroom.id);
    w.clock.advanceSecs(60);
    const Outcome fourth = createFor(kBo); // all idle and assigned: least recently
    QCOMPARE(fourth.chatroom.participantIds(), QList<UserId>{kAna});
    write(fourth);
    QVERIFY(!directory.failure());
    QVERIFY(directory.user(kAlien).has_value()); // the rules check the org themselves
    QVERIFY(!directory.user(QStringLiteral("u-none")).has_value());
}

void TestOutcomeWriter::r13bInboundFirstContactHandsOverToTheInboundGroup()
{
    RuleWorld &w = *m_world;
    CHECK_OK(updateOrgSettings(db(), kOrg, OrgSettings{kSupport, 30, 90}));
    StoreDirectory directory(db());
    const QString phone = QStringLiteral("+919999990042");

    auto wabaPhone = wabaPhoneByRemoteId(db(), kPhone100);
    CHECK_OK(wabaPhone);
    QVERIFY(wabaPhone->has_value());
    auto settings = orgSettings(db(), kOrg);
    CHECK_OK(settings);
    auto seen = markInboundSeen(db(), QStringLiteral("wamid.in1"), kPhone100, w.clock.now());
    CHECK_OK(seen);
    QVERIFY(*seen);

    RuleContext rules = serverContext();
    const Contact contact = makeInboundContact(kOrg, phone, QStringLiteral("Kiran"), rules);
    CHECK_OK(insertContact(db(), contact, w.clock.now()));
    Outcome opened = openInboundChatroom(contact, **wabaPhone, *settings, rules);
    opened.append(receiveCustomerText(opened.chatroom,
                                      CustomerText{QStringLiteral("Hello?"), QStringLiteral("wamid.in1")},
                                      directory, rules));
    write(opened);

    auto active = activeChatroomOn(db(), phone, kPhone100);
    CHECK_OK(active);
    QVERIFY(active->has_value());
    COMPARE_CHATROOM(**active, opened.chatroom);
    QCOMPARE((*active)->participantIds(), QList<UserId>{kDee});
    QVERIFY(!(*active)->pendingHandover);

    auto messages = messagePage(db(), kOrg, opened.chatroom.id, {}, 50);
    CHECK_OK(messages);
    QCOMPARE(messages->size(), opened.messages.size());
    for (qsizetype i = 0; i < messages->size(); ++i)
        QCOMPARE(json(messageToJson(messages->at(i))), json(messageToJson(opened.messages.at(i))));
    QCOMPARE(messages->last().kind, MessageKind::System);
    QCOMPARE(messages->last().sender.userId, kDee);
    auto byWa = messageByWaId(db(), QStringLiteral("wamid.in1"));
    CHECK_OK(byWa);
    QVERIFY(byWa->has_value());
    auto outbound = outboundQueueDepth(db());
    CHECK_OK(outbound);
    QCOMPARE(*outbound, 0); // a system note is never sent to WhatsApp
}

void TestOutcomeWriter::r14StatusUpdatesChangeTheStoredMessage()
{
    RuleWorld &w = *m_world;
    auto created = w.create(w.request(kAsha, kAna));
    CHECK_OK(created);
    write(*created);
    const ChatroomId roomId = created->chatroom.id;
    auto sent = w.sendTemplate(roomId, w.stm(kOrderUpdate));
    CHECK_OK(sent);
    write(*sent);
    const Message stm = sent->messages.first();

    w.clock.advanceSecs(1);
    Outcome accepted = w.decide([&](RuleContext &rules) {
        return applyChannelAccepted(w.chatroom(roomId), w.message(stm.id), QStringLiteral("wamid.out1"),
                                    rules);
    });
    w.keep(accepted);
    write(accepted);
    w.clock.advanceSecs(1);
    write(w.deliveryStatus(stm.id, DeliveryStatus::Read));
    w.clock.advanceSecs(1);
    const Outcome late = w.deliveryStatus(stm.id, DeliveryStatus::Delivered); // never backwards
    write(late);

    auto stored = messageByWaId(db(), QStringLiteral("wamid.out1"));
    CHECK_OK(stored);
    QVERIFY(stored->has_value());
    QCOMPARE((*stored)->status, DeliveryStatus::Read);
    QCOMPARE(json(messageToJson(**stored)), json(messageToJson(w.message(stm.id))));
    auto head = headSeq(db(), kOrg);
    CHECK_OK(head);
    QCOMPARE(*head, w.nextSeq - 1);
}

void TestOutcomeWriter::writesAsAJobOfTheGroupCommitWriter()
{
    RuleWorld &w = *m_world;
    auto created = w.create(w.request(kAsha, kAna));
    CHECK_OK(created);
    auto sent = w.sendTemplate(created->chatroom.id, w.stm(kOrderUpdate));
    CHECK_OK(sent);

    auto writer = GroupCommitWriter::start(optionsFor(m_server->path()), serverSchema());
    QVERIFY2(writer.ok(), writer.ok() ? "" : qPrintable(writer.error().description));
    const QDateTime now = w.clock.now();
    std::vector<std::future<Result<QVariant>>> pending;
    for (const Outcome &outcome : {*created, *sent}) {
        pending.push_back((*writer)->submit([outcome, now](QSqlDatabase &writeDb) -> Result<QVariant> {
            auto next = nextEventSeq(writeDb, outcome.chatroom.orgId);
            if (!next)
                return next.error();
            if (*next != outcome.events.first().seq)
                return Error::make(ErrorCode::Internal, QStringLiteral("decided from a stale seq"));
            if (auto written = writeOutcome(writeDb, outcome, nullptr, now); !written)
                return written.error();
            return QVariant(outcome.events.last().seq);
        }));
    }
    for (auto &future : pending)
        CHECK_OK(future.get());
    // Stopping closes the write connection with its cached statements still prepared.
    (*writer)->stop();
    writer->reset();

    COMPARE_CHATROOM(stored(created->chatroom.id), w.chatroom(created->chatroom.id));
    auto head = headSeq(db(), kOrg);
    CHECK_OK(head);
    QCOMPARE(*head, w.nextSeq - 1);
}

QTEST_GUILESS_MAIN(TestOutcomeWriter)
#include "tst_outcomewriter.moc"
