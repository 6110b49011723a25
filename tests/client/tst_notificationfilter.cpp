// Which events reach the user as notifications, and how a replay after a welcome becomes one backlog.
#include "client/notificationfilter.h"

#include <QSignalSpy>
#include <QTest>

using namespace handover;
using namespace handover::client;
using namespace Qt::StringLiterals;

namespace {

const UserId kAgent = u"agent-1"_s;
const UserId kOther = u"agent-2"_s;

Chatroom chatroom(const QString &id, const UserId &participant = kAgent)
{
    Chatroom room;
    room.id = id;
    room.displayName = u"Maya Lindqvist"_s;
    room.phoneNumber = u"+15550100101"_s;
    if (!participant.isEmpty())
        room.participants = {Participant{participant, {}, {}, 1}};
    return room;
}

Event messageEvent(qint64 seq, const Chatroom &room, SenderType sender, const QString &text,
                   bool bumped = true, MessageKind kind = MessageKind::Text)
{
    Message message;
    message.id = u"m-%1"_s.arg(seq);
    message.chatroomId = room.id;
    message.kind = kind;
    message.direction = sender == SenderType::Customer ? Direction::In : Direction::Out;
    message.sender = Sender{sender, sender == SenderType::Agent ? kOther : UserId()};
    message.text = text;
    if (kind == MessageKind::ButtonReply)
        message.button = ButtonReply{0, text, {}};
    Event event;
    event.seq = seq;
    event.kind = EventKind::MessageCreated;
    event.chatroom = room;
    event.chatroom.lastMessage = LastMessage{message.id, text, message.direction, !bumped, {}, kind};
    event.message = message;
    event.bumped = bumped;
    return event;
}

Event assigned(qint64 seq, const Chatroom &room, const QString &why, const QString &lastCustomerText = {},
               MessageKind lastKind = MessageKind::Text)
{
    Event event;
    event.seq = seq;
    event.kind = EventKind::ChatroomAssigned;
    event.chatroom = room;
    if (!lastCustomerText.isEmpty())
        event.chatroom.lastMessage =
            LastMessage{u"m-tap"_s, lastCustomerText, Direction::In, false, {}, lastKind};
    event.reason = why;
    event.userId = kAgent;
    event.bumped = true;
    return event;
}

} // namespace

class TestNotificationFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whatNeedsAHuman_data();
    void whatNeedsAHuman();
    void aHandoverWithItsMessageIsOneNotice();
    void theReplayAfterAWelcomeBecomesOneBacklog();
    void aQuietReplayIsSummedUpToo();
};

void TestNotificationFilter::whatNeedsAHuman_data()
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<bool>("notifies");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<MessageKind>("messageKind"); // of the customer's message, for the wording
    const Chatroom mine = chatroom(u"room-1"_s);
    QTest::newRow("the customer writes in the agent's chatroom")
        << messageEvent(1, mine, SenderType::Customer, u"Is the sofa in stock?"_s) << true
        << int(Notice::Kind::CustomerWrote) << u"Is the sofa in stock?"_s << MessageKind::Text;
    QTest::newRow("the customer taps a button: the notice names it")
        << messageEvent(1, mine, SenderType::Customer, u"Confirm"_s, true, MessageKind::ButtonReply) << true
        << int(Notice::Kind::CustomerTapped) << u"Confirm"_s << MessageKind::Text;
    QTest::newRow("R4: the bot's own bumping template needs nobody")
        << messageEvent(1, mine, SenderType::Bot, u"Your order has shipped"_s) << false << 0 << QString()
        << MessageKind::Text;
    QTest::newRow("another agent's message needs nobody")
        << messageEvent(1, mine, SenderType::Agent, u"On it"_s) << false << 0 << QString()
        << MessageKind::Text;
    QTest::newRow("R7: a tap that does not bump is silent")
        << messageEvent(1, mine, SenderType::Customer, u"Great"_s, false, MessageKind::ButtonReply) << false
        << 0 << QString() << MessageKind::Text;
    QTest::newRow("a customer message in someone else's chatroom")
        << messageEvent(1, chatroom(u"room-2"_s, kOther), SenderType::Customer, u"Hello?"_s) << false << 0
        << QString() << MessageKind::Text;
    Chatroom closed = mine;
    closed.state = ChatroomState::Deactivated;
    QTest::newRow("R12: nothing for a closed chatroom")
        << messageEvent(1, closed, SenderType::Customer, u"Hello?"_s) << false << 0 << QString()
        << MessageKind::Text;
    QTest::newRow("R8: a handover by a tap names the button")
        << assigned(1, mine, reason::handoverButton(), u"Yes, show me"_s) << true
        << int(Notice::Kind::HandedOver) << u"Yes, show me"_s << MessageKind::Text;
    QTest::newRow("R8: a handover by a message quotes it")
        << assigned(1, mine, reason::handoverFreeFlow(), u"Can I pay in instalments?"_s) << true
        << int(Notice::Kind::HandedOver) << u"Can I pay in instalments?"_s << MessageKind::Text;
    QTest::newRow("a customer's photo is a message whose kind the notice carries")
        << messageEvent(1, mine, SenderType::Customer, u"The box arrived like this"_s, true,
                        MessageKind::Image)
        << true << int(Notice::Kind::CustomerWrote) << u"The box arrived like this"_s << MessageKind::Image;
    QTest::newRow("R8: a handover by a shared place carries its kind")
        << assigned(1, mine, reason::handoverFreeFlow(), u"Depot 4"_s, MessageKind::Location) << true
        << int(Notice::Kind::HandedOver) << u"Depot 4"_s << MessageKind::Location;
    QTest::newRow("R11: a reassignment to the agent")
        << assigned(1, mine, reason::reassigned()) << true << int(Notice::Kind::Reassigned) << QString()
        << MessageKind::Text;
}

void TestNotificationFilter::whatNeedsAHuman()
{
    QFETCH(Event, event);
    QFETCH(bool, notifies);
    QFETCH(int, kind);
    QFETCH(QString, text);
    QFETCH(MessageKind, messageKind);
    const std::optional<Notice> notice = noticeFor(event, kAgent);
    QCOMPARE(notice.has_value(), notifies);
    if (!notice)
        return;
    QCOMPARE(int(notice->kind), kind);
    QCOMPARE(notice->text, text);
    QCOMPARE(notice->chatroomId, event.chatroom.id);
    QCOMPARE(notice->chatroomName, u"Maya Lindqvist"_s);
    QCOMPARE(notice->tapped, event.reason == reason::handoverButton());
    QCOMPARE(notice->messageKind, messageKind);
}

void TestNotificationFilter::aHandoverWithItsMessageIsOneNotice()
{
    NotificationFilter filter;
    filter.setUserId(kAgent);
    QSignalSpy raised(&filter, &NotificationFilter::noticeRaised);
    const Chatroom room = chatroom(u"room-1"_s);
    filter.welcomed(0);
    // As a MEMBER's stream brings a handover: the assignment, then the customer writing again.
    filter.applyEvents({assigned(5, room, reason::handoverButton(), u"Yes, show me"_s),
                        messageEvent(6, room, SenderType::Customer, u"When can you deliver?"_s)});
    QCOMPARE(raised.size(), 1);
    const auto notice = raised.at(0).at(0).value<Notice>();
    QCOMPARE(notice.kind, Notice::Kind::HandedOver);
    QCOMPARE(notice.text, u"Yes, show me"_s);
    // Two chatrooms in one batch: two notices.
    filter.applyEvents({messageEvent(7, room, SenderType::Customer, u"Hello?"_s),
                        messageEvent(8, chatroom(u"room-3"_s), SenderType::Customer, u"Hi"_s)});
    QCOMPARE(raised.size(), 3);
}

void TestNotificationFilter::theReplayAfterAWelcomeBecomesOneBacklog()
{
    NotificationFilter filter;
    filter.setUserId(kAgent);
    QSignalSpy raised(&filter, &NotificationFilter::noticeRaised);
    QSignalSpy backlog(&filter, &NotificationFilter::backlogReady);
    filter.welcomed(40); // what happened up to seq 40 is replayed first
    QList<Event> replay;
    for (int i = 0; i < 8; ++i)
        replay.append(messageEvent(30 + i, chatroom(u"room-%1"_s.arg(i % 4)), SenderType::Customer, u"Hi"_s));
    filter.applyEvents(replay.mid(0, 5));
    filter.applyEvents(replay.mid(5));
    QCOMPARE(raised.size(), 0);
    QCOMPARE(backlog.size(), 0); // the replay is not over yet
    // The first live event ends the replay: one backlog, one notice per chatroom, newest first; then the
    // live event itself.
    filter.applyEvents({messageEvent(41, chatroom(u"room-9"_s), SenderType::Customer, u"New"_s)});
    QCOMPARE(backlog.size(), 1);
    const auto notices = backlog.at(0).at(0).value<QList<Notice>>();
    QCOMPARE(notices.size(), 4);
    QCOMPARE(notices.first().chatroomId, u"room-3"_s);
    QCOMPARE(notices.first().seq, 37);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.at(0).at(0).value<Notice>().chatroomId, u"room-9"_s);
}

void TestNotificationFilter::aQuietReplayIsSummedUpToo()
{
    NotificationFilter filter;
    filter.setUserId(kAgent);
    filter.setReplayQuietMs(50);
    QSignalSpy backlog(&filter, &NotificationFilter::backlogReady);
    filter.welcomed(100); // head 100 is another chatroom's: the replay ends before it
    filter.applyEvents({messageEvent(90, chatroom(u"room-1"_s), SenderType::Customer, u"Hi"_s)});
    QVERIFY(backlog.wait(5000));
    QCOMPARE(backlog.at(0).at(0).value<QList<Notice>>().size(), 1);
}

QTEST_GUILESS_MAIN(TestNotificationFilter)
#include "tst_notificationfilter.moc"
