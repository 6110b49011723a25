#include "core/json/syncframes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace handover;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(handover::ClientFrame)
Q_DECLARE_METATYPE(handover::ServerFrame)

namespace {

QDateTime at(int hour, int minute, int second = 0, int ms = 0)
{
    return QDateTime(QDate(2026, 1, 1), QTime(hour, minute, second, ms), Qt::UTC);
}

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

Chatroom chatroom()
{
    Chatroom c;
    c.id = u"room-1"_s;
    c.orgId = u"org-1"_s;
    c.contactId = u"c-asha"_s;
    c.displayName = u"CRM-7 Asha"_s;
    c.phoneNumber = u"+919999990001"_s;
    c.remoteWabaId = u"waba-1"_s;
    c.remotePhoneId = u"100"_s;
    c.participants = {Participant{u"u-ana"_s, at(9, 1), u"m-1"_s, 2}};
    c.sortKey = SortKey{at(9, 5, 0, 250).toMSecsSinceEpoch(), 7};
    c.lastMessage = LastMessage{u"m-2"_s, u"Where is my order?"_s, Direction::In, false, at(9, 5, 0, 250)};
    c.lastCustomerMessageAt = at(9, 5, 0, 250);
    c.createdAt = at(9, 0);
    return c;
}

Message message()
{
    Message m;
    m.id = u"m-2"_s;
    m.chatroomId = u"room-1"_s;
    m.direction = Direction::In;
    m.sender = Sender{SenderType::Customer, UserId()};
    m.text = u"Where is my order?"_s;
    m.status = DeliveryStatus::Delivered;
    m.waMessageId = u"wamid.2"_s;
    m.createdAt = at(9, 5, 0, 250);
    return m;
}

Event makeEvent(qint64 seq, EventKind kind)
{
    Event e;
    e.seq = seq;
    e.kind = kind;
    e.at = at(9, 5, 0, 250);
    e.chatroom = chatroom();
    return e;
}

QString describe(const Error &error)
{
    return QString::number(int(error.code)) + u' ' + error.fields.join(u',') + u": "_s + error.description;
}

} // namespace

class TestSyncFrames : public QObject
{
    Q_OBJECT

private slots:
    void clientFramesRoundTrip_data();
    void clientFramesRoundTrip();
    void serverFramesRoundTrip_data();
    void serverFramesRoundTrip();
    void framesFollowTheProtocol();
    void eventFramesFollowTheProtocol();
    void malformedClientFramesNameTheField_data();
    void malformedClientFramesNameTheField();
    void aHelloWithAnEmptyTokenIsWellFormed();
    void malformedServerFramesNameTheField_data();
    void malformedServerFramesNameTheField();
};

// An empty token is a wrong token: the hub closes with 4401 (unauthenticated), not 1008 (malformed).
void TestSyncFrames::aHelloWithAnEmptyTokenIsWellFormed()
{
    const auto decoded = decodeClientFrame(QByteArray(R"({"type": "hello", "token": "", "since": 0})"));
    QVERIFY(decoded.ok());
    QCOMPARE(std::get<HelloFrame>(*decoded).token, QString());
}

void TestSyncFrames::clientFramesRoundTrip_data()
{
    QTest::addColumn<ClientFrame>("frame");

    QTest::newRow("a first hello with nothing applied yet")
        << ClientFrame(HelloFrame{u"tok-1"_s, 0, u"handover-console/0.1.0"_s});
    QTest::newRow("a hello resuming from a large seq")
        << ClientFrame(HelloFrame{u"tok-2"_s, (qint64(1) << 53) + 3, u"handover-console/0.1.0"_s});
    QTest::newRow("a hello that does not say which client it is")
        << ClientFrame(HelloFrame{u"tok-3"_s, 12, {}});
    QTest::newRow("a pong echoing the server's clock")
        << ClientFrame(PongFrame{at(9, 0).toMSecsSinceEpoch()});
}

void TestSyncFrames::clientFramesRoundTrip()
{
    QFETCH(ClientFrame, frame);

    const QByteArray bytes = encodeClientFrame(frame);
    const Result<ClientFrame> decoded = decodeClientFrame(bytes);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : describe(decoded.error())));
    QVERIFY(decoded.value() == frame);
}

void TestSyncFrames::serverFramesRoundTrip_data()
{
    QTest::addColumn<ServerFrame>("frame");

    QTest::newRow("a welcome for a member")
        << ServerFrame(WelcomeFrame{u"u-ana"_s, u"org-1"_s, Role::Member, 41});
    QTest::newRow("a welcome for a supervisor of an org with no events yet")
        << ServerFrame(WelcomeFrame{u"u-sup"_s, u"org-1"_s, Role::Supervisor, 0});
    QTest::newRow("a reset to the head of the log") << ServerFrame(ResetFrame{1234});
    QTest::newRow("a ping with the server's clock")
        << ServerFrame(PingFrame{at(9, 0, 15).toMSecsSinceEpoch()});

    Event created = makeEvent(1, EventKind::ChatroomCreated);
    created.bumped = true;
    QTest::newRow("chatroom.created for a new chatroom") << ServerFrame(created);

    Event updated = makeEvent(2, EventKind::ChatroomUpdated);
    updated.chatroom.displayName = u"VIP"_s;
    updated.chatroom.displayNameDerived = false;
    QTest::newRow("chatroom.updated after a rename") << ServerFrame(updated);

    Event assigned = makeEvent(3, EventKind::ChatroomAssigned);
    assigned.reason = reason::handoverButton();
    assigned.userId = u"u-ana"_s;
    assigned.bumped = true;
    QTest::newRow("chatroom.assigned by a handover button") << ServerFrame(assigned);

    Event unassigned = makeEvent(4, EventKind::ChatroomUnassigned);
    unassigned.reason = reason::reassigned();
    unassigned.userId = u"u-ben"_s;
    unassigned.chatroom.pendingHandover = PendingHandover{UserId(), u"g-sales"_s, at(9, 6)};
    QTest::newRow("chatroom.unassigned by a reassignment, awaiting a group") << ServerFrame(unassigned);

    Event createdMessage = makeEvent(5, EventKind::MessageCreated);
    createdMessage.message = message();
    createdMessage.bumped = true;
    QTest::newRow("message.created for a customer's text") << ServerFrame(createdMessage);

    Event updatedMessage = makeEvent(6, EventKind::MessageUpdated);
    updatedMessage.message = message();
    updatedMessage.message->status = DeliveryStatus::Failed;
    updatedMessage.message->error = u"131026"_s;
    QTest::newRow("message.updated to failed") << ServerFrame(updatedMessage);

    Event online;
    online.seq = 7;
    online.kind = EventKind::PresenceUpdated;
    online.at = at(9, 7);
    online.userId = u"u-ana"_s;
    online.online = true;
    QTest::newRow("presence.updated when a console connects") << ServerFrame(online);

    Event offline = online;
    offline.seq = 8;
    offline.online = false;
    QTest::newRow("presence.updated when it disconnects") << ServerFrame(offline);
}

void TestSyncFrames::serverFramesRoundTrip()
{
    QFETCH(ServerFrame, frame);

    const QByteArray bytes = encodeServerFrame(frame);
    const Result<ServerFrame> decoded = decodeServerFrame(bytes);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : describe(decoded.error())));
    QVERIFY(decoded.value() == frame);
    if (const auto *e = std::get_if<EventFrame>(&frame))
        QCOMPARE(encodeEvent(*e), bytes);
}

void TestSyncFrames::framesFollowTheProtocol()
{
    QCOMPARE(object(encodeClientFrame(HelloFrame{u"tok"_s, 5, u"handover-console/0.1.0"_s})),
             object(R"({"type": "hello", "token": "tok", "since": 5, "client": "handover-console/0.1.0"})"));
    QCOMPARE(object(encodeClientFrame(PongFrame{99})), object(R"({"type": "pong", "t": 99})"));
    QCOMPARE(object(encodeServerFrame(WelcomeFrame{u"u-ana"_s, u"org-1"_s, Role::Admin, 3})),
             object(R"({"type": "welcome", "user_id": "u-ana", "org_id": "org-1", "role": "ADMIN",
                        "head_seq": 3})"));
    QCOMPARE(object(encodeServerFrame(ResetFrame{77})), object(R"({"type": "reset", "head_seq": 77})"));
    QCOMPARE(encodeServerFrame(PingFrame{1767258000000}), QByteArray(R"({"t":1767258000000,"type":"ping"})"));
}

void TestSyncFrames::eventFramesFollowTheProtocol()
{
    Event created = makeEvent(9, EventKind::MessageCreated);
    created.message = message();
    created.bumped = true;
    const QByteArray bytes = encodeEvent(created);
    QVERIFY2(!bytes.contains('\n') && !bytes.contains(": "), "frames are compact");

    const QJsonObject frame = object(bytes);
    QCOMPARE(frame.value("type"_L1).toString(), u"event"_s);
    QCOMPARE(frame.value("seq"_L1).toInteger(), qint64(9));
    QCOMPARE(frame.value("kind"_L1).toString(), u"message.created"_s);
    QCOMPARE(frame.value("at"_L1).toString(), u"2026-01-01T09:05:00.250Z"_s);
    QCOMPARE(frame.value("bumped"_L1).toBool(false), true);
    QVERIFY2(!frame.contains("online"_L1), "online belongs to presence events only");
    QVERIFY2(!frame.contains("reason"_L1) && !frame.contains("user_id"_L1), "absent extras are left out");
    const QJsonObject room = frame.value("chatroom"_L1).toObject();
    QCOMPARE(room.value("id"_L1).toString(), u"room-1"_s);
    QVERIFY2(!room.contains("unread_count"_L1), "one encoding serves every viewer");
    QCOMPARE(room.value("participants"_L1).toArray(), QJsonArray{u"u-ana"_s});
    QCOMPARE(frame.value("message"_L1).toObject().value("wa_message_id"_L1).toString(), u"wamid.2"_s);

    Event assigned = makeEvent(10, EventKind::ChatroomAssigned);
    assigned.reason = reason::handoverFreeFlow();
    assigned.userId = u"u-ana"_s;
    const QJsonObject assignedFrame = object(encodeEvent(assigned));
    QCOMPARE(assignedFrame.value("reason"_L1).toString(), u"handover:free_flow"_s);
    QCOMPARE(assignedFrame.value("user_id"_L1).toString(), u"u-ana"_s);
    QVERIFY(!assignedFrame.contains("message"_L1));

    Event presence;
    presence.seq = 11;
    presence.kind = EventKind::PresenceUpdated;
    presence.at = at(9, 10);
    presence.userId = u"u-ben"_s;
    QCOMPARE(object(encodeEvent(presence)),
             object(R"({"type": "event", "seq": 11, "kind": "presence.updated",
                        "at": "2026-01-01T09:10:00.000Z", "user_id": "u-ben", "online": false,
                        "bumped": false})"));
}

void TestSyncFrames::malformedClientFramesNameTheField_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<QStringList>("fields");

    const int bad = int(ErrorCode::BadRequest);
    const int invalid = int(ErrorCode::ValidationFailed);
    QTest::newRow("text that is not JSON") << QByteArray("hello") << bad << QStringList();
    QTest::newRow("an empty frame") << QByteArray() << bad << QStringList();
    QTest::newRow("a JSON array") << QByteArray(R"([{"type": "pong", "t": 1}])") << bad << QStringList();
    QTest::newRow("a frame with no type") << QByteArray(R"({"token": "tok", "since": 0})") << invalid
                                          << QStringList{u"type"_s};
    QTest::newRow("a type that is a number") << QByteArray(R"({"type": 1})") << bad << QStringList{u"type"_s};
    QTest::newRow("an unknown type") << QByteArray(R"({"type": "subscribe"})") << bad
                                     << QStringList{u"type"_s};
    QTest::newRow("a server frame sent by a client")
        << QByteArray(R"({"type": "welcome", "user_id": "u"})") << bad << QStringList{u"type"_s};
    QTest::newRow("a hello without a token") << QByteArray(R"({"type": "hello", "since": 0})") << invalid
                                             << QStringList{u"token"_s};
    QTest::newRow("a hello with a numeric token")
        << QByteArray(R"({"type": "hello", "token": 5, "since": 0})") << bad << QStringList{u"token"_s};
    QTest::newRow("a hello without since") << QByteArray(R"({"type": "hello", "token": "tok"})") << invalid
                                           << QStringList{u"since"_s};
    QTest::newRow("a hello with a negative since")
        << QByteArray(R"({"type": "hello", "token": "tok", "since": -1})") << invalid
        << QStringList{u"since"_s};
    QTest::newRow("a hello with since as a string")
        << QByteArray(R"({"type": "hello", "token": "tok", "since": "5"})") << bad << QStringList{u"since"_s};
    QTest::newRow("a hello with a fractional since")
        << QByteArray(R"({"type": "hello", "token": "tok", "since": 2.5})") << bad << QStringList{u"since"_s};
    QTest::newRow("a hello whose client is an object")
        << QByteArray(R"({"type": "hello", "token": "tok", "since": 0, "client": {}})") << bad
        << QStringList{u"client"_s};
    QTest::newRow("a pong without t") << QByteArray(R"({"type": "pong"})") << invalid << QStringList{u"t"_s};
    QTest::newRow("a pong with t as a string") << QByteArray(R"({"type": "pong", "t": "1"})") << bad
                                               << QStringList{u"t"_s};
}

void TestSyncFrames::malformedClientFramesNameTheField()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(QStringList, fields);

    const Result<ClientFrame> decoded = decodeClientFrame(bytes);
    QVERIFY(!decoded.ok());
    QCOMPARE(int(decoded.code()), code);
    QCOMPARE(decoded.error().fields, fields);
    QVERIFY(!decoded.error().description.isEmpty());
}

void TestSyncFrames::malformedServerFramesNameTheField_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::addColumn<QStringList>("fields");

    const int bad = int(ErrorCode::BadRequest);
    const int invalid = int(ErrorCode::ValidationFailed);
    // A valid message.created frame to break one field of.
    Event e = makeEvent(5, EventKind::MessageCreated);
    e.message = message();
    const QJsonObject good = object(encodeEvent(e));
    auto broken = [&good](const char *key, const QJsonValue &value) {
        QJsonObject o = good;
        if (value.isUndefined())
            o.remove(QLatin1String(key));
        else
            o.insert(QLatin1String(key), value);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    QJsonObject room = good.value("chatroom"_L1).toObject();
    room.insert("bump_seq"_L1, u"7"_s);
    QJsonObject msg = good.value("message"_L1).toObject();
    msg.insert("status"_L1, u"lost"_s);

    QTest::newRow("not JSON") << QByteArray("{") << bad << QStringList();
    QTest::newRow("a client frame sent by the server") << QByteArray(R"({"type": "pong", "t": 1})") << bad
                                                       << QStringList{u"type"_s};
    QTest::newRow("a welcome with an unknown role")
        << QByteArray(R"({"type": "welcome", "user_id": "u", "org_id": "o", "role": "OWNER", "head_seq": 1})")
        << invalid << QStringList{u"role"_s};
    QTest::newRow("a welcome with head_seq as a string")
        << QByteArray(
               R"({"type": "welcome", "user_id": "u", "org_id": "o", "role": "ADMIN", "head_seq": "1"})")
        << bad << QStringList{u"head_seq"_s};
    QTest::newRow("a reset with a negative head_seq") << QByteArray(R"({"type": "reset", "head_seq": -3})")
                                                      << invalid << QStringList{u"head_seq"_s};
    QTest::newRow("a ping without t") << QByteArray(R"({"type": "ping"})") << invalid << QStringList{u"t"_s};
    QTest::newRow("an event with an unknown kind") << broken("kind", u"chatroom.deleted"_s) << invalid
                                                   << QStringList{u"kind"_s};
    QTest::newRow("an event with seq 0") << broken("seq", 0) << invalid << QStringList{u"seq"_s};
    QTest::newRow("an event at a malformed time")
        << broken("at", u"9am"_s) << invalid << QStringList{u"at"_s};
    QTest::newRow("an event without bumped") << broken("bumped", QJsonValue::Undefined) << invalid
                                             << QStringList{u"bumped"_s};
    QTest::newRow("an event without its chatroom") << broken("chatroom", QJsonValue::Undefined) << invalid
                                                   << QStringList{u"chatroom"_s};
    QTest::newRow("an event whose chatroom is an array") << broken("chatroom", QJsonArray()) << bad
                                                         << QStringList{u"chatroom"_s};
    QTest::newRow("message.created without its message") << broken("message", QJsonValue::Null) << invalid
                                                         << QStringList{u"message"_s};
    QTest::newRow("an event whose chatroom has bump_seq as a string") << broken("chatroom", room) << bad
                                                                      << QStringList{u"chatroom.bump_seq"_s};
    QTest::newRow("an event whose message has an unknown status") << broken("message", msg) << invalid
                                                                  << QStringList{u"message.status"_s};
    QTest::newRow("presence without online")
        << QByteArray(R"({"type": "event", "seq": 3, "kind": "presence.updated",
                          "at": "2026-01-01T09:00:00.000Z", "user_id": "u-ana", "bumped": false})")
        << invalid << QStringList{u"online"_s};
    QTest::newRow("presence without a user")
        << QByteArray(R"({"type": "event", "seq": 3, "kind": "presence.updated",
                          "at": "2026-01-01T09:00:00.000Z", "online": true, "bumped": false})")
        << invalid << QStringList{u"user_id"_s};
}

void TestSyncFrames::malformedServerFramesNameTheField()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QFETCH(QStringList, fields);

    const Result<ServerFrame> decoded = decodeServerFrame(bytes);
    QVERIFY(!decoded.ok());
    QCOMPARE(int(decoded.code()), code);
    QCOMPARE(decoded.error().fields, fields);
    QVERIFY(!decoded.error().description.isEmpty());
}

QTEST_GUILESS_MAIN(TestSyncFrames)
#include "tst_syncframes.moc"
