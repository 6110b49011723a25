#include "core/domain/contact.h"
#include "core/json/apicodec.h"
#include "core/json/jsonreader.h"
#include "core/json/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace handover;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(handover::Chatroom)
Q_DECLARE_METATYPE(handover::Message)
Q_DECLARE_METATYPE(handover::Error)
Q_DECLARE_METATYPE(handover::ErrorCode)
Q_DECLARE_METATYPE(std::optional<QString>)

// 0000-01-01T00:00:00.000Z in milliseconds since the epoch.
constexpr qint64 kYear0000Ms = -62167219200000;

namespace {

// 2026-01-01 in UTC at the given time of day.
QDateTime at(int hour, int minute, int second = 0, int ms = 0)
{
    return QDateTime(QDate(2026, 1, 1), QTime(hour, minute, second, ms), Qt::UTC);
}

QJsonObject object(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    Q_ASSERT(document.isObject());
    return document.object();
}

// Through text and back, the way the wire carries it.
QJsonObject throughText(const QJsonObject &o)
{
    return QJsonDocument::fromJson(QJsonDocument(o).toJson(QJsonDocument::Compact)).object();
}

Chatroom baseChatroom()
{
    Chatroom c;
    c.id = u"room-1"_s;
    c.orgId = u"org-1"_s;
    c.contactId = u"c-asha"_s;
    c.displayName = u"CRM-7 Asha Rao"_s;
    c.phoneNumber = u"+919999990001"_s;
    c.remoteWabaId = u"waba-1"_s;
    c.remotePhoneId = u"100"_s;
    c.sortKey = SortKey{at(9, 0).toMSecsSinceEpoch(), 1};
    c.createdAt = at(9, 0);
    return c;
}

Chatroom busyChatroom()
{
    Chatroom c = baseChatroom();
    c.participants = {Participant{u"u-ana"_s, at(9, 1, 2, 345), u"m-7"_s, 3},
                      Participant{u"u-ben"_s, at(9, 30), MessageId(), 0}};
    c.sortKey = SortKey{at(10, 15, 0, 123).toMSecsSinceEpoch(), 42};
    c.lastMessage = LastMessage{u"m-9"_s, u"Yes, please"_s, Direction::In, false, at(10, 15, 0, 123)};
    c.lastCustomerMessageAt = at(10, 15, 0, 123);
    return c;
}

Message message(const char16_t *id, MessageKind kind, Sender sender, const QString &text)
{
    Message m;
    m.id = QString::fromUtf16(id);
    m.chatroomId = u"room-1"_s;
    m.kind = kind;
    m.direction = sender.type == SenderType::Customer ? Direction::In : Direction::Out;
    m.sender = std::move(sender);
    m.text = text;
    m.createdAt = at(9, 5, 0, 7);
    return m;
}

Message templateMessage()
{
    Message m = message(u"m-1", MessageKind::Template, Sender{SenderType::Bot, {}}, u"Hi Asha, order 42."_s);
    const QString url = u"https://t.example/42"_s;
    m.sentTemplate = SentTemplate{u"tpl-remote-1"_s, u"order_update"_s, u"en"_s,
                                  {{u"first_name"_s, u"Asha"_s}, {u"order_id"_s, u"42"_s}},
                                  {{0, ButtonType::QuickReply, u"Yes"_s, QString(), u"ho1:m-1:0"_s},
                                   {1, ButtonType::Url, u"Track"_s, url, QString()}}};
    m.relayResponse = true;
    m.status = DeliveryStatus::Delivered;
    m.waMessageId = u"wamid.1"_s;
    return m;
}

// What a route does with a contact body: the reader under test, the way the server will use it.
Error readContactRequest(const QJsonObject &body)
{
    JsonReader r(body);
    (void)r.requiredString("crm_id", 128);
    const QString phone = r.requiredString("phone_number", 16);
    if (!phone.isEmpty() && !isE164(phone))
        r.fail(ErrorCode::ValidationFailed, "phone_number", u"phone_number must be E.164."_s);
    (void)r.optionalTimestampOrEpoch("opt_in_date");
    (void)r.optionalString("first_name", 128, {.forbid = "*"});
    (void)r.optionalString("last_name", 128, {.forbid = "*"});
    (void)r.optionalBool("is_inbound");
    if (const auto params = r.optionalObjectArray("template_params", 20)) {
        for (JsonReader p : *params) {
            (void)p.requiredString("tag", 64);
            (void)p.requiredString("value", 1024, {.allowEmpty = true});
        }
    }
    return r.ok() ? Error{} : r.error();
}

} // namespace

class TestApiCodec : public QObject
{
    Q_OBJECT

private slots:
    void chatroomRoundTrip_data();
    void chatroomRoundTrip();
    void chatroomFieldsFollowTheContract();
    void unreadCountIsTheViewers_data();
    void unreadCountIsTheViewers();
    void messageRoundTrip_data();
    void messageRoundTrip();
    void messageFieldsFollowTheContract();
    void otherObjectsFollowTheContract();
    void otherObjectsRoundTrip();
    void decodersNameTheBadField_data();
    void decodersNameTheBadField();
    void errorBody_data();
    void errorBody();
    void errorBodyWithUnknownCodeIsRefused();
    void readerNamesTheField_data();
    void readerNamesTheField();
    void readerReturnsCheckedValues();
    void readerChecksIntegers_data();
    void readerChecksIntegers();
    void bodyMustBeAJsonObject_data();
    void bodyMustBeAJsonObject();
    void queryBooleans_data();
    void queryBooleans();
    void timestampsAreWrittenInUtcWithMilliseconds_data();
    void timestampsAreWrittenInUtcWithMilliseconds();
    void timestampsAreParsed_data();
    void timestampsAreParsed();
    void timestampsReadBackAsWritten_data();
    void timestampsReadBackAsWritten();
    void optInDateAcceptsEpochSeconds_data();
    void optInDateAcceptsEpochSeconds();
};

// ---- chatroom

void TestApiCodec::chatroomRoundTrip_data()
{
    QTest::addColumn<Chatroom>("chatroom");

    QTest::newRow("a new chatroom with no participants, no messages and no pending handover")
        << baseChatroom();
    QTest::newRow("a chatroom with two participants, one with unread messages") << busyChatroom();

    Chatroom group = busyChatroom();
    group.pendingHandover = PendingHandover{UserId(), u"g-sales"_s, at(10, 16)};
    QTest::newRow("a chatroom awaiting a handover to a group") << group;

    Chatroom user = busyChatroom();
    user.pendingHandover = PendingHandover{u"u-cid"_s, u"g-sales"_s, at(10, 16, 30, 999)};
    user.lastMessage = LastMessage{u"m-10"_s, u"order_update"_s, Direction::Out, true, at(10, 17)};
    QTest::newRow("a chatroom awaiting a user, whose last message was silent") << user;

    Chatroom renamed = busyChatroom();
    renamed.state = ChatroomState::Deactivated;
    renamed.displayName = u"VIP"_s;
    renamed.displayNameDerived = false;
    QTest::newRow("a deactivated chatroom with a hand-written name") << renamed;

    Chatroom late = baseChatroom();
    late.state = ChatroomState::Expired;
    late.sortKey.bumpSeq = (qint64(1) << 53) + 1;
    QTest::newRow("an expired chatroom whose bump_seq does not fit a double") << late;
}

void TestApiCodec::chatroomRoundTrip()
{
    QFETCH(Chatroom, chatroom);

    for (const std::optional<UserId> &viewer : {std::optional<UserId>(), std::optional<UserId>(u"u-ana"_s)}) {
        const Result<Chatroom> decoded = chatroomFromJson(throughText(chatroomToJson(chatroom, viewer)));
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().description));
        QCOMPARE(decoded.value(), chatroom);
    }
}

void TestApiCodec::chatroomFieldsFollowTheContract()
{
    QCOMPARE(chatroomToJson(baseChatroom(), std::nullopt), object(R"({"id": "room-1", "org_id": "org-1",
        "contact_id": "c-asha", "display_name": "CRM-7 Asha Rao", "display_name_derived": true,
        "phone_number": "+919999990001", "remote_waba_id": "waba-1", "remote_phone_id": "100",
        "state": "active",
        "participants": [], "participant_details": [], "pending_handover": null,
        "bumped_at": "2026-01-01T09:00:00.000Z", "bump_seq": 1, "last_message": null,
        "last_customer_message_at": null, "window_expires_at": null,
        "created_at": "2026-01-01T09:00:00.000Z"})"));

    Chatroom busy = busyChatroom();
    busy.pendingHandover = PendingHandover{UserId(), u"g-sales"_s, at(10, 16, 0, 50)};
    QCOMPARE(chatroomToJson(busy, u"u-ana"_s), object(R"({"id": "room-1", "org_id": "org-1",
        "contact_id": "c-asha", "display_name": "CRM-7 Asha Rao", "display_name_derived": true,
        "phone_number": "+919999990001", "remote_waba_id": "waba-1", "remote_phone_id": "100",
        "state": "active",
        "participants": ["u-ana", "u-ben"],
        "participant_details": [
            {"user_id": "u-ana", "joined_at": "2026-01-01T09:01:02.345Z", "read_up_to": "m-7",
             "unread_count": 3},
            {"user_id": "u-ben", "joined_at": "2026-01-01T09:30:00.000Z", "read_up_to": null,
             "unread_count": 0}],
        "pending_handover": {"user_id": null, "group_id": "g-sales",
                             "requested_at": "2026-01-01T10:16:00.050Z"},
        "bumped_at": "2026-01-01T10:15:00.123Z", "bump_seq": 42,
        "last_message": {"id": "m-9", "preview": "Yes, please", "direction": "in", "silent": false,
                         "created_at": "2026-01-01T10:15:00.123Z", "kind": "text"},
        "last_customer_message_at": "2026-01-01T10:15:00.123Z",
        "window_expires_at": "2026-01-02T10:15:00.123Z",
        "unread_count": 3, "created_at": "2026-01-01T09:00:00.000Z"})"));
}

void TestApiCodec::unreadCountIsTheViewers_data()
{
    QTest::addColumn<std::optional<UserId>>("viewer");
    QTest::addColumn<int>("expected"); // -1: the field is left out

    QTest::newRow("a participant sees their own unread count") << std::optional<UserId>(u"u-ana"_s) << 3;
    QTest::newRow("another participant sees theirs") << std::optional<UserId>(u"u-ben"_s) << 0;
    QTest::newRow("a supervisor who does not participate sees 0") << std::optional<UserId>(u"u-sup"_s) << 0;
    QTest::newRow("with no viewer (an event frame) unread_count is left out")
        << std::optional<UserId>() << -1;
}

void TestApiCodec::unreadCountIsTheViewers()
{
    QFETCH(std::optional<UserId>, viewer);
    QFETCH(int, expected);

    const QJsonObject o = chatroomToJson(busyChatroom(), viewer);
    QCOMPARE(o.contains("unread_count"_L1), expected >= 0);
    if (expected >= 0)
        QCOMPARE(o.value("unread_count"_L1).toInt(-1), expected);
}

// ---- message

void TestApiCodec::messageRoundTrip_data()
{
    QTest::addColumn<Message>("message");

    QTest::newRow("a template message with a quick reply and a URL button") << templateMessage();

    Message reply = message(u"m-2", MessageKind::ButtonReply, Sender{SenderType::Customer, {}}, u"Yes"_s);
    reply.button = ButtonReply{0, u"Yes"_s, u"ho1:m-1:0"_s};
    reply.inReplyTo = u"m-1"_s;
    reply.status = DeliveryStatus::Read;
    reply.waMessageId = u"wamid.2"_s;
    QTest::newRow("a customer's tap on a template button") << reply;

    Message note =
        message(u"m-3", MessageKind::System, Sender{SenderType::System, u"u-ana"_s}, u"Handed over"_s);
    note.bump = false;
    note.bumpResponse = false;
    note.status = DeliveryStatus::Sent;
    QTest::newRow("a system note about a handover") << note;

    Message failed =
        message(u"m-4", MessageKind::Text, Sender{SenderType::Agent, u"u-ben"_s}, u"Hi \U0001F600"_s);
    failed.status = DeliveryStatus::Failed;
    failed.error = u"131047: re-engagement message"_s;
    failed.createdAt = at(23, 59, 59, 999);
    QTest::newRow("a failed free-flow text from an agent") << failed;

    Message silent = templateMessage();
    silent.bump = false;
    silent.status = DeliveryStatus::Queued;
    silent.waMessageId.clear();
    silent.sentTemplate->buttons.clear();
    silent.sentTemplate->params.clear();
    QTest::newRow("a silent queued template with no buttons and no wa id yet") << silent;

    Message document = message(u"m-4", MessageKind::Document, Sender{SenderType::Customer, {}}, u"Receipt"_s);
    document.media = MediaAttachment{u"f-2"_s, u"application/pdf"_s, 0, u"invoice.pdf"_s, QString(), u"Receipt"_s,
                                     MediaStatus::Pending, false, QString()};
    document.reactions = {Reaction{u"\u2764"_s, u"u-ana"_s, at(9, 7)}};
    QTest::newRow("a customer's document still being fetched, with an agent's reaction") << document;
    Message place = message(u"m-5", MessageKind::Location, Sender{SenderType::Customer, {}}, QString());
    place.location = Location{37.483307, -122.148981, u"Main office"_s, u"1 Hacker Way"_s};
    QTest::newRow("a location with name and address") << place;
    Message cards = message(u"m-6", MessageKind::Contacts, Sender{SenderType::Customer, {}}, QString());
    cards.contacts = {SharedContact{u"Barbara Johnson"_s, {u"+1 940 555 1234"_s, u"+1 940 555 9876"_s}}};
    QTest::newRow("shared contacts with two phones") << cards;
    Message choice = message(u"m-7", MessageKind::Interactive, Sender{SenderType::Customer, {}}, u"Express"_s);
    choice.interactive = InteractiveReply{u"list_reply"_s, u"express"_s, u"Express"_s, u"Next day"_s};
    QTest::newRow("a list reply with its description") << choice;
}

void TestApiCodec::messageRoundTrip()
{
    QFETCH(Message, message);

    const Result<Message> decoded = messageFromJson(throughText(messageToJson(message)));
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().description));
    QCOMPARE(decoded.value(), message);
}

void TestApiCodec::messageFieldsFollowTheContract()
{
    // The URL goes in by hand: moc's preprocessor reads "//" inside a raw string as a comment.
    QJsonObject expected = object(R"({"id": "m-1", "chatroom_id": "room-1", "direction": "out",
        "kind": "template",
        "sender": {"type": "bot", "user_id": null}, "text": "Hi Asha, order 42.",
        "template": {"remote_template_id": "tpl-remote-1", "name": "order_update", "language": "en",
                     "params": [{"tag": "first_name", "value": "Asha"}, {"tag": "order_id", "value": "42"}],
                     "buttons": [{"index": 0, "type": "QUICK_REPLY", "text": "Yes", "url": null,
                                  "payload": "ho1:m-1:0"},
                                 {"index": 1, "type": "URL", "text": "Track", "url": "URL",
                                  "payload": null}],
                     "parameter_format": "POSITIONAL", "header_params": []},
        "button": null, "in_reply_to": null, "relay_response": true, "bump": true, "bump_response": true,
        "status": "delivered", "error": null, "wa_message_id": "wamid.1",
        "created_at": "2026-01-01T09:05:00.007Z",
        "media": null, "location": null, "contacts": [], "interactive": null, "reactions": []})");
    QJsonObject sent = expected.value("template"_L1).toObject();
    QJsonArray buttons = sent.value("buttons"_L1).toArray();
    QJsonObject urlButton = buttons.at(1).toObject();
    urlButton.insert("url"_L1, u"https://t.example/42"_s);
    buttons.replace(1, urlButton);
    sent.insert("buttons"_L1, buttons);
    expected.insert("template"_L1, sent);
    QCOMPARE(messageToJson(templateMessage()), expected);

    Message reply = message(u"m-2", MessageKind::ButtonReply, Sender{SenderType::Customer, {}}, u"Yes"_s);
    reply.button = ButtonReply{0, u"Yes"_s, u"ho1:m-1:0"_s};
    reply.inReplyTo = u"m-1"_s;
    QCOMPARE(messageToJson(reply), object(R"({"id": "m-2", "chatroom_id": "room-1", "direction": "in",
        "kind": "button_reply", "sender": {"type": "customer", "user_id": null}, "text": "Yes",
        "template": null,
        "button": {"index": 0, "text": "Yes", "payload": "ho1:m-1:0"}, "in_reply_to": "m-1",
        "relay_response": false, "bump": true, "bump_response": true, "status": "queued", "error": null,
        "wa_message_id": null, "created_at": "2026-01-01T09:05:00.007Z",
        "media": null, "location": null, "contacts": [], "interactive": null, "reactions": []})"));

    // API.md, media and rich messages: a customer's photo with a reaction under it.
    Message photo = message(u"m-3", MessageKind::Image, Sender{SenderType::Customer, {}}, u"Broken box"_s);
    photo.media = MediaAttachment{u"f-1"_s, u"image/jpeg"_s, 2048, QString(), u"ab"_s.repeated(32), u"Broken box"_s,
                                  MediaStatus::Ready, false, u"wa-media-1"_s};
    photo.reactions = {Reaction{u"\U0001F44D"_s, u"customer"_s, at(9, 6)}};
    QCOMPARE(messageToJson(photo), object(R"({"id": "m-3", "chatroom_id": "room-1", "direction": "in",
        "kind": "image", "sender": {"type": "customer", "user_id": null}, "text": "Broken box",
        "template": null, "button": null, "in_reply_to": null,
        "relay_response": false, "bump": true, "bump_response": true, "status": "queued", "error": null,
        "wa_message_id": null, "created_at": "2026-01-01T09:05:00.007Z",
        "media": {"id": "f-1", "mime_type": "image/jpeg", "size": 2048, "filename": null,
                  "sha256": "abababababababababababababababababababababababababababababababab",
                  "caption": "Broken box", "status": "ready", "voice": false},
        "location": null, "contacts": [], "interactive": null,
        "reactions": [{"emoji": "\ud83d\udc4d", "from": "customer", "at": "2026-01-01T09:06:00.000Z"}]})"));
}

// ---- contact, template, user and org objects

void TestApiCodec::otherObjectsFollowTheContract()
{
    const Contact asha{u"c-asha"_s, u"org-1"_s, u"CRM-7"_s, u"+919999990001"_s, u"Asha"_s,
                       {},          {},         at(8, 0),   false,              {}};
    QCOMPARE(contactToJson(asha), object(R"({"id": "c-asha", "crm_id": "CRM-7", "phone_number": "+919999990001",
        "opt_in_date": null, "create_date": "2026-01-01T08:00:00.000Z", "first_name": "Asha", "last_name": null,
        "is_inbound": false, "source": null})"));

    MessageTemplate tpl;
    tpl.id = u"t-1"_s;
    tpl.remoteTemplateId = u"r-1"_s;
    tpl.name = u"order_update"_s;
    tpl.body = u"Hi {{first_name}}"_s;
    tpl.buttons = {TemplateButton{ButtonType::QuickReply, u"Yes"_s, QString()}};
    tpl.params = {TemplateParam{u"first_name"_s, ParamType::AutoFill, u"contact.first_name"_s}};
    QCOMPARE(templateToJson(tpl), object(R"({"id": "t-1", "remote_template_id": "r-1", "name": "order_update",
        "language": "en", "category": "UTILITY", "status": "APPROVED", "enabled": true, "visible": true,
        "body": "Hi {{first_name}}", "header": null, "footer": null,
        "buttons": [{"type": "QUICK_REPLY", "text": "Yes", "url": null}],
        "params": [{"tag": "first_name", "type": "AUTO_FILL", "source": "contact.first_name"}],
        "header_format": "TEXT", "parameter_format": "POSITIONAL"})"));

    const User ana{u"u-ana"_s, u"org-1"_s, u"ana@example.com"_s, u"Ana"_s, u"Lima"_s, Role::Supervisor, true};
    QCOMPARE(userToJson(ana), object(R"({"user_id": "u-ana", "org_id": "org-1", "email": "ana@example.com",
        "first_name": "Ana", "last_name": "Lima", "role": "SUPERVISOR", "active": true})"));

    const WabaPhone phone{u"w-1"_s, u"org-1"_s, u"waba-1"_s, u"100"_s, u"+91 99999 00000"_s};
    QCOMPARE(wabaPhoneToJson(phone), object(R"({"id": "w-1", "remote_waba_id": "waba-1",
        "remote_phone_id": "100", "display_phone_number": "+91 99999 00000"})"));

    QCOMPARE(settingsToJson(OrgSettings{}),
             object(R"({"inbound_group_id": null, "deactivate_after_days": 30, "expire_after_days": 90})"));
    QCOMPARE(
        settingsToJson(OrgSettings{u"g-sales"_s, 7, 14}),
        object(R"({"inbound_group_id": "g-sales", "deactivate_after_days": 7, "expire_after_days": 14})"));

    const Group sales{u"g-sales"_s, u"org-1"_s, u"Sales"_s, {u"u-ana"_s, u"u-ben"_s}};
    QCOMPARE(groupToJson(sales),
             object(R"({"group_id": "g-sales", "name": "Sales", "user_ids": ["u-ana", "u-ben"]})"));
}

// The org is not part of these objects: what comes back has none.
void TestApiCodec::otherObjectsRoundTrip()
{
    const Contact bo{u"c-bo"_s, {}, u"CRM-9"_s, u"+919999990003"_s, u"Bo"_s, u"Chen"_s, at(7, 30, 0, 5),
                     at(8, 0), true, u"website"_s};
    const Result<Contact> contact = contactFromJson(throughText(contactToJson(bo)));
    QVERIFY(contact.ok());
    QCOMPARE(contact.value(), bo);

    const MessageTemplate track{u"t-2"_s, {}, u"r-2"_s, u"track"_s, u"pt_BR"_s, u"MARKETING"_s,
                                TemplateStatus::Paused, false, false, u"Pedido {{order_id}}"_s, u"Olá"_s,
                                u"Obrigado"_s,
                                {{ButtonType::QuickReply, u"Sim"_s, {}},
                                 {ButtonType::Url, u"Ver"_s, u"https://t.example"_s}},
                                {{u"order_id"_s, ParamType::UserFill, {}}}};
    const Result<MessageTemplate> tpl = templateFromJson(throughText(templateToJson(track)));
    QVERIFY(tpl.ok());
    QCOMPARE(tpl.value(), track);

    // A deactivated user keeps that state through the codec.
    const User ben{u"u-ben"_s, u"org-1"_s, u"ben@example.com"_s, u"Ben"_s, QString(), Role::Member,
                   false,      false};
    const Result<User> user = userFromJson(throughText(userToJson(ben)));
    QVERIFY(user.ok());
    QCOMPARE(user.value(), ben);
}

void TestApiCodec::decodersNameTheBadField_data()
{
    QTest::addColumn<bool>("isChatroom");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value"); // undefined: the field is removed
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QStringList>("fields");

    const auto bad = ErrorCode::BadRequest;
    const auto invalid = ErrorCode::ValidationFailed;
    const QJsonValue removed(QJsonValue::Undefined);
    auto row = [](const char *name, bool isChatroom, const char *field, const QJsonValue &value,
                  ErrorCode code, const QString &path) {
        QTest::newRow(name) << isChatroom << QString::fromLatin1(field) << value << code << QStringList{path};
    };
    row("a chatroom without an id", true, "id", removed, invalid, u"id"_s);
    row("a chatroom whose bump_seq is a string", true, "bump_seq", u"42"_s, bad, u"bump_seq"_s);
    row("a chatroom in an unknown state", true, "state", u"asleep"_s, invalid, u"state"_s);
    row("a chatroom created at a time with no zone", true, "created_at", u"2026-01-01T09:00:00"_s, invalid,
        u"created_at"_s);
    row("a chatroom whose second participant has a text unread count", true, "participant_details",
        QJsonArray{object(R"({"user_id": "u-ana", "unread_count": 3})"),
                   object(R"({"user_id": "u-ben", "unread_count": "3"})")},
        bad, u"participant_details[1].unread_count"_s);
    row("a chatroom whose participant details disagree with its participants", true, "participant_details",
        QJsonArray{object(R"({"user_id": "u-cid", "unread_count": 0})")}, invalid, u"participant_details"_s);
    row("a chatroom whose last message has no direction", true, "last_message",
        object(R"({"id": "m", "preview": "", "silent": false, "created_at": "2026-01-01T09:00:00.000Z"})"),
        invalid, u"last_message.direction"_s);
    row("a message whose first button index is a string", false, "template",
        object(R"({"remote_template_id": "r", "name": "n", "language": "en", "params": [],
                   "buttons": [{"index": "0", "type": "URL", "text": "t"}]})"),
        bad, u"template.buttons[0].index"_s);
    row("a message with an unknown status", false, "status", u"lost"_s, invalid, u"status"_s);
    row("a message whose sender is a string", false, "sender", u"bot"_s, bad, u"sender"_s);
    row("a message without bump", false, "bump", removed, invalid, u"bump"_s);
}

void TestApiCodec::decodersNameTheBadField()
{
    QFETCH(bool, isChatroom);
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(ErrorCode, code);
    QFETCH(QStringList, fields);

    QJsonObject o =
        isChatroom ? chatroomToJson(busyChatroom(), std::nullopt) : messageToJson(templateMessage());
    if (value.isUndefined())
        o.remove(field);
    else
        o.insert(field, value);
    const Error error = isChatroom ? chatroomFromJson(o).error() : messageFromJson(o).error();
    QCOMPARE(error.code, code);
    QCOMPARE(error.fields, fields);
    QVERIFY(!error.description.isEmpty());
}

// ---- error body

void TestApiCodec::errorBody_data()
{
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("requestId");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("a duplicate crm_id names the field")
        << Error::make(ErrorCode::UniqueConstraintFailed, u"crm_id CRM-7 is taken."_s, {u"crm_id"_s})
        << QString() << QByteArray(R"({"error_code": 4090001, "error_message": "UQ_CONSTRAINT_FAILED",
            "error_description": "crm_id CRM-7 is taken.", "payload": {"fields": ["crm_id"]}})");
    QTest::newRow("a validation error lists every field")
        << Error::make(ErrorCode::ValidationFailed, u"Missing."_s, {u"crm_id"_s, u"phone_number"_s})
        << QString() << QByteArray(R"({"error_code": 4000002, "error_message": "VALIDATION_FAILED",
            "error_description": "Missing.", "payload": {"fields": ["crm_id", "phone_number"]}})");
    QTest::newRow("not found has an empty payload")
        << Error::make(ErrorCode::NotFound, u"No such chatroom."_s) << QString()
        << QByteArray(R"({"error_code": 4040001, "error_message": "NOT_FOUND",
            "error_description": "No such chatroom.", "payload": {}})");
    QTest::newRow("an internal error carries the request id")
        << Error::make(ErrorCode::Internal, u"Something broke."_s) << u"req-17"_s
        << QByteArray(R"({"error_code": 5000001, "error_message": "INTERNAL",
            "error_description": "Something broke.", "payload": {"request_id": "req-17"}})");
    QTest::newRow("a closed session window")
        << Error::make(ErrorCode::SessionWindowClosed, u"The 24h window is closed."_s) << QString()
        << QByteArray(R"({"error_code": 4090003, "error_message": "SESSION_WINDOW_CLOSED",
            "error_description": "The 24h window is closed.", "payload": {}})");
}

void TestApiCodec::errorBody()
{
    QFETCH(Error, error);
    QFETCH(QString, requestId);
    QFETCH(QByteArray, expected);

    const QJsonObject body = errorToJson(error, requestId);
    QCOMPARE(body, object(expected));

    const Result<ErrorBody> decoded = errorFromJson(throughText(body));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->error, error);
    QCOMPARE(decoded->requestId, requestId);
}

void TestApiCodec::errorBodyWithUnknownCodeIsRefused()
{
    const Result<ErrorBody> decoded = errorFromJson(object(
        R"({"error_code": 4180001, "error_message": "TEAPOT", "error_description": "", "payload": {}})"));
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.code(), ErrorCode::ValidationFailed);
    QCOMPARE(decoded.error().fields, QStringList{u"error_code"_s});
}

// ---- JsonReader

void TestApiCodec::readerNamesTheField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code"); // 0: no error
    QTest::addColumn<QStringList>("fields");

    const int bad = int(ErrorCode::BadRequest);
    const int invalid = int(ErrorCode::ValidationFailed);
    // Every row but the first two starts from a valid crm_id and phone_number.
    auto row = [](const char *name, const QByteArray &extra, int code, const QStringList &fields) {
        const QByteArray body = extra.startsWith('{')
                                    ? extra
                                    : R"({"crm_id": "CRM-7", "phone_number": "+919999990001")" + extra + '}';
        QTest::newRow(name) << body << code << fields;
    };
    row("a well-formed contact passes",
        R"(, "first_name": "Asha", "opt_in_date": 1767258000, "is_inbound": true,
            "template_params": [{"tag": "a", "value": ""}])", 0, {});
    row("null optional fields count as absent", R"(, "first_name": null, "opt_in_date": null)", 0, {});
    row("crm_id given as a number is a bad request naming crm_id",
        R"({"crm_id": 7, "phone_number": "+919999990001"})", bad, {u"crm_id"_s});
    row("is_inbound given as a string is a bad request", R"(, "is_inbound": "yes")", bad, {u"is_inbound"_s});
    row("template_params given as an object is a bad request", R"(, "template_params": {})", bad,
        {u"template_params"_s});
    row("a template param that is not an object is named by its index",
        R"(, "template_params": [{"tag": "a", "value": "1"}, 2])", bad, {u"template_params[1]"_s});
    row("a numeric tag of the third template param is named by its path",
        R"(, "template_params": [{"tag": "a", "value": "1"}, {"tag": "b", "value": "2"},
                                 {"tag": 3, "value": "3"}])",
        bad, {u"template_params[2].tag"_s});
    row("an empty template param tag is named by its path",
        R"(, "template_params": [{"tag": "", "value": "1"}])", invalid, {u"template_params[0].tag"_s});
    row("opt_in_date given as a boolean is a bad request", R"(, "opt_in_date": true)", bad,
        {u"opt_in_date"_s});
    row("an opt_in_date that is not a timestamp fails validation", R"(, "opt_in_date": "yesterday")", invalid,
        {u"opt_in_date"_s});
    row("a missing crm_id fails validation naming crm_id", R"({"phone_number": "+919999990001"})", invalid,
        {u"crm_id"_s});
    row("a null crm_id counts as missing", R"({"crm_id": null, "phone_number": "+919999990001"})", invalid,
        {u"crm_id"_s});
    row("an empty crm_id fails validation", R"({"crm_id": "", "phone_number": "+919999990001"})", invalid,
        {u"crm_id"_s});
    row("a crm_id of 129 characters is too long",
        R"({"phone_number": "+919999990001", "crm_id": ")" + QByteArray(129, 'x') + R"("})", invalid,
        {u"crm_id"_s});
    row("a first name with a star is refused", R"(, "first_name": "As*ha")", invalid, {u"first_name"_s});
    row("a last name with a star is refused", R"(, "last_name": "*")", invalid, {u"last_name"_s});
    row("a phone number that is not E.164 fails the route's own check",
        R"({"crm_id": "CRM-7", "phone_number": "9999990001"})", invalid, {u"phone_number"_s});
    row("every missing field is listed", R"({"first_name": "Asha"})", invalid,
        {u"crm_id"_s, u"phone_number"_s});
    row("a wrong type outranks missing fields", R"({"first_name": 12})", bad, {u"first_name"_s});
}

void TestApiCodec::readerNamesTheField()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(QStringList, fields);

    const Result<QJsonObject> parsed = parseJsonObject(body);
    QVERIFY(parsed.ok());
    const Error error = readContactRequest(parsed.value());
    if (code == 0) {
        QCOMPARE(error, Error{});
        return;
    }
    QCOMPARE(int(error.code), code);
    QCOMPARE(error.fields, fields);
    QVERIFY(error.description.startsWith(fields.first()));
}

void TestApiCodec::readerReturnsCheckedValues()
{
    JsonReader r(object(R"({"name": "  Asha  ", "text": "hi", "flag": false, "when": 1767258000.25,
        "nested": {"ids": ["a", "b"]}})"));
    QCOMPARE(r.requiredString("name", 8, {.trim = true}), u"Asha"_s);
    QCOMPARE(r.optionalString("text", 10, {.minLength = 1}).value_or(QString()), u"hi"_s);
    QVERIFY(!r.optionalString("absent", 10).has_value());
    QCOMPARE(r.stringOrEmpty("absent"), QString());
    QCOMPARE(r.optionalBool("flag").value_or(true), false);
    QVERIFY(!r.optionalBool("absent").has_value());
    QCOMPARE(r.optionalTimestampOrEpoch("when"), at(9, 0, 0, 250));
    QVERIFY(r.has("nested"));
    QVERIFY(!r.has("absent"));
    JsonReader nested = r.requiredObject("nested");
    QCOMPARE(nested.requiredStringArray("ids", 2, 1), QStringList({u"a"_s, u"b"_s}));
    QVERIFY(r.ok());

    (void)nested.requiredStringArray("ids", 1, 1);
    QVERIFY2(!r.ok(), "a problem in a nested reader is the outer reader's problem too");
    QCOMPARE(r.error().fields, QStringList{u"nested.ids"_s});
    QVERIFY(!r.optionalString("text", 10, {.minLength = 3}).has_value());
}

void TestApiCodec::readerChecksIntegers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code"); // 0: read
    QTest::addColumn<int>("value");

    const int bad = int(ErrorCode::BadRequest);
    const int invalid = int(ErrorCode::ValidationFailed);
    QTest::newRow("an integer in range is read") << QByteArray(R"({"n": 200})") << 0 << 200;
    QTest::newRow("the lower bound is allowed") << QByteArray(R"({"n": 1})") << 0 << 1;
    QTest::newRow("a whole number written with a fraction is an integer")
        << QByteArray(R"({"n": 5.0})") << 0 << 5;
    QTest::newRow("a fraction is a bad request") << QByteArray(R"({"n": 1.5})") << bad << 0;
    QTest::newRow("a numeric string is a bad request") << QByteArray(R"({"n": "5"})") << bad << 0;
    QTest::newRow("above the maximum fails validation") << QByteArray(R"({"n": 201})") << invalid << 0;
    QTest::newRow("zero below the minimum fails validation") << QByteArray(R"({"n": 0})") << invalid << 0;
    QTest::newRow("a number beyond 64 bits fails validation") << QByteArray(R"({"n": 1e30})") << invalid << 0;
    QTest::newRow("a missing number fails validation") << QByteArray(R"({})") << invalid << 0;
}

void TestApiCodec::readerChecksIntegers()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(int, value);

    JsonReader r(object(body));
    QCOMPARE(r.requiredInt("n", 1, 200), value);
    QCOMPARE(r.ok(), code == 0);
    if (code != 0) {
        QCOMPARE(int(r.error().code), code);
        QCOMPARE(r.error().fields, QStringList{u"n"_s});
    }
}

void TestApiCodec::bodyMustBeAJsonObject_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");

    QTest::newRow("an object is accepted") << QByteArray(R"({"a": 1})") << true;
    QTest::newRow("an empty object is accepted") << QByteArray("{}") << true;
    QTest::newRow("an empty body is a bad request") << QByteArray() << false;
    QTest::newRow("text that is not JSON is a bad request") << QByteArray("crm_id=7") << false;
    QTest::newRow("a truncated object is a bad request") << QByteArray(R"({"a": )") << false;
    QTest::newRow("an array is a bad request") << QByteArray(R"([{"a": 1}])") << false;
    QTest::newRow("a bare string is a bad request") << QByteArray(R"("a")") << false;
    QTest::newRow("a bare number is a bad request") << QByteArray("42") << false;
}

void TestApiCodec::bodyMustBeAJsonObject()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);

    const Result<QJsonObject> parsed = parseJsonObject(body);
    QCOMPARE(parsed.ok(), ok);
    if (!ok) {
        QCOMPARE(int(parsed.code()), 4000001);
        QVERIFY(!parsed.error().description.isEmpty());
    }
}

void TestApiCodec::queryBooleans_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 bad request

    QTest::newRow("true is true") << u"true"_s << 1;
    QTest::newRow("1 is true") << u"1"_s << 1;
    QTest::newRow("false is false") << u"false"_s << 0;
    QTest::newRow("0 is false") << u"0"_s << 0;
    QTest::newRow("yes is a bad request") << u"yes"_s << -1;
    QTest::newRow("capitalised TRUE is a bad request") << u"TRUE"_s << -1;
    QTest::newRow("an empty value is a bad request") << QString() << -1;
    QTest::newRow("2 is a bad request") << u"2"_s << -1;
}

void TestApiCodec::queryBooleans()
{
    QFETCH(QString, text);
    QFETCH(int, expected);

    const Result<bool> parsed = parseQueryBool(u"bump"_s, text);
    QCOMPARE(parsed.ok(), expected >= 0);
    if (expected >= 0) {
        QCOMPARE(parsed.value(), expected == 1);
    } else {
        QCOMPARE(int(parsed.code()), 4000001);
        QCOMPARE(parsed.error().fields, QStringList{u"bump"_s});
    }
}

// ---- timestamps

void TestApiCodec::timestampsAreWrittenInUtcWithMilliseconds_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");

    const QTimeZone plus0530(5 * 3600 + 1800);
    QTest::newRow("a whole second still shows .000") << at(9, 0) << u"2026-01-01T09:00:00.000Z"_s;
    QTest::newRow("milliseconds are kept") << at(23, 59, 59, 7) << u"2026-01-01T23:59:59.007Z"_s;
    QTest::newRow("a time with an offset is written in UTC")
        << QDateTime(QDate(2026, 1, 1), QTime(14, 30), plus0530) << u"2026-01-01T09:00:00.000Z"_s;
    QTest::newRow("a leap day") << QDateTime(QDate(2028, 2, 29), QTime(0, 0, 0, 1), Qt::UTC)
                                << u"2028-02-29T00:00:00.001Z"_s;
    QTest::newRow("the epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC) << u"1970-01-01T00:00:00.000Z"_s;
    QTest::newRow("a time before 1970")
        << QDateTime(QDate(1969, 7, 20), QTime(20, 17, 40, 5), Qt::UTC) << u"1969-07-20T20:17:40.005Z"_s;
    QTest::newRow("a null time is written as nothing") << QDateTime() << QString();
}

void TestApiCodec::timestampsAreWrittenInUtcWithMilliseconds()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);

    QCOMPARE(formatTimestamp(time), expected);
    QCOMPARE(timestampToJson(time), expected.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(expected));
    if (time.isValid())
        QCOMPARE(formatTimestamp(time), time.toUTC().toString(Qt::ISODateWithMs));
}

void TestApiCodec::timestampsAreParsed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected"); // null: refused

    const QDateTime refused;
    QTest::newRow("Z with milliseconds") << u"2026-01-01T09:00:00.123Z"_s << at(9, 0, 0, 123);
    QTest::newRow("Z without a fraction") << u"2026-01-01T09:00:00Z"_s << at(9, 0);
    QTest::newRow("an offset with a colon") << u"2026-01-01T14:30:00+05:30"_s << at(9, 0);
    QTest::newRow("an offset without a colon") << u"2026-01-01T14:30:00.5+0530"_s << at(9, 0, 0, 500);
    QTest::newRow("an offset of whole hours") << u"2026-01-01T04:00:00-05"_s << at(9, 0);
    QTest::newRow("a negative offset crossing midnight") << u"2025-12-31T23:00:00-10:00"_s << at(9, 0);
    QTest::newRow("microseconds are cut to milliseconds")
        << u"2026-01-01T09:00:00.123999Z"_s << at(9, 0, 0, 123);
    QTest::newRow("a leap day") << u"2028-02-29T00:00:00.000Z"_s
                                << QDateTime(QDate(2028, 2, 29), QTime(0, 0), Qt::UTC);
    QTest::newRow("no zone is refused") << u"2026-01-01T09:00:00"_s << refused;
    QTest::newRow("a space instead of T is refused") << u"2026-01-01 09:00:00Z"_s << refused;
    QTest::newRow("a date alone is refused") << u"2026-01-01"_s << refused;
    QTest::newRow("February 29 of a common year is refused") << u"2026-02-29T00:00:00Z"_s << refused;
    QTest::newRow("hour 24 is refused") << u"2026-01-01T24:00:00Z"_s << refused;
    QTest::newRow("an empty fraction is refused") << u"2026-01-01T09:00:00.Z"_s << refused;
    QTest::newRow("trailing text is refused") << u"2026-01-01T09:00:00Zjunk"_s << refused;
    QTest::newRow("an empty string is refused") << QString() << refused;
    QTest::newRow("the first instant of year 0000")
        << u"0000-01-01T00:00:00.000Z"_s << QDateTime::fromMSecsSinceEpoch(kYear0000Ms, Qt::UTC);
    QTest::newRow("an offset that moves the instant before year 0000 is refused")
        << u"0000-01-01T00:30:00+01:00"_s << refused;
    QTest::newRow("an offset that moves the instant past year 9999 is refused")
        << u"9999-12-31T23:30:00-01:00"_s << refused;
}

void TestApiCodec::timestampsAreParsed()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);

    const std::optional<QDateTime> parsed = parseTimestamp(text);
    QCOMPARE(parsed.has_value(), expected.isValid());
    if (parsed) {
        QCOMPARE(*parsed, expected);
        QCOMPARE(parsed->timeSpec(), Qt::UTC);
    }
}

// What is written reads back as the same instant, at the ends of the four-digit years too.
void TestApiCodec::timestampsReadBackAsWritten_data()
{
    QTest::addColumn<qint64>("msSinceEpoch");

    QTest::newRow("the first instant of year 0000") << kYear0000Ms;
    QTest::newRow("the last millisecond of year 0000") << kYear0000Ms + 366LL * 24 * 3600 * 1000 - 1;
    QTest::newRow("a millisecond before the epoch") << qint64(-1);
    QTest::newRow("the last instant of year 9999") << qint64(253402300799999);
}

void TestApiCodec::timestampsReadBackAsWritten()
{
    QFETCH(qint64, msSinceEpoch);

    const QString written = formatTimestampMs(msSinceEpoch);
    const std::optional<QDateTime> read = parseTimestamp(written);
    QVERIFY2(read.has_value(), qPrintable(written));
    QCOMPARE(read->toMSecsSinceEpoch(), msSinceEpoch);
}

void TestApiCodec::optInDateAcceptsEpochSeconds_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QDateTime>("expected"); // null: refused

    const QDateTime refused;
    QTest::newRow("whole epoch seconds") << QJsonValue(1767258000) << at(9, 0);
    QTest::newRow("fractional epoch seconds keep milliseconds")
        << QJsonValue(1767258000.5) << at(9, 0, 0, 500);
    QTest::newRow("an ISO-8601 string") << QJsonValue(u"2026-01-01T09:00:00.000Z"_s) << at(9, 0);
    QTest::newRow("negative seconds are refused") << QJsonValue(-1) << refused;
    QTest::newRow("milliseconds by mistake are refused") << QJsonValue(qint64(1767258000000)) << refused;
    QTest::newRow("epoch seconds in a string are refused") << QJsonValue(u"1767258000"_s) << refused;
    QTest::newRow("a boolean is refused") << QJsonValue(true) << refused;
}

void TestApiCodec::optInDateAcceptsEpochSeconds()
{
    QFETCH(QJsonValue, value);
    QFETCH(QDateTime, expected);

    const std::optional<QDateTime> parsed = parseTimestampOrEpoch(value);
    QCOMPARE(parsed.has_value(), expected.isValid());
    if (parsed)
        QCOMPARE(*parsed, expected);
}

QTEST_GUILESS_MAIN(TestApiCodec)
#include "tst_apicodec.moc"
