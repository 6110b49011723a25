#pragma once

#include "core/domain/event.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <optional>

namespace handover::client {

class ConsoleSession;

// Something a person has to act on, said once.
struct Notice
{
    enum class Kind
    {
        CustomerWrote,  // a message from the customer in one of the user's chatrooms
        CustomerTapped, // the customer tapped a template button there (text: the button's)
        HandedOver,     // a handover gave the user the chatroom (text: what the customer wrote or tapped)
        Reassigned,     // a supervisor gave it to the user (R11)
        Assigned,       // it was created with the user as its agent (R1)
    };
    Kind kind = Kind::CustomerWrote;
    ChatroomId chatroomId;
    QString chatroomName; // the display name, or the phone number
    QString text;
    bool tapped = false; // HandedOver: by a tap on a button (text is the button's), not by a message
    qint64 seq = 0;
    // CustomerWrote and HandedOver: the kind of the customer's message, so that a photo is worded as one
    // ("sent a photo"); `text` is then its caption, file name, place or contact.
    MessageKind messageKind = MessageKind::Text;
};

// Which events need a human, narrower than RULES.md's notifications (every bump in the user's Mine view):
// the customer's own non-silent messages and taps in the user's open chatrooms, and a chatroom given to the
// user (handover, reassignment, creation). The bot's and the agents' sends, system notes, statuses and reads
// need nobody. Nothing for an event the user caused, or for a closed chatroom.
std::optional<Notice> noticeFor(const Event &event, const UserId &userId);

// Turns a session's event batches into notices. A batch gives at most one notice per chatroom (a handover
// with its customer message is one). What the stream replays after a welcome (events up to the welcome's
// head_seq: what happened while the console was closed or signed in as someone else) is not news one by one:
// it is collected and announced as one backlog once the replay is over (an event past the head arrives, or
// the stream is quiet for a moment).
class NotificationFilter : public QObject
{
    Q_OBJECT

public:
    static constexpr int kReplayQuietMs = 1500;

    explicit NotificationFilter(QObject *parent = nullptr);
    ~NotificationFilter() override;

    // Not owned; nullptr stops. A new session starts with no backlog.
    void setSession(ConsoleSession *session);
    void setReplayQuietMs(int ms) { m_quiet.setInterval(ms); }

    // What setSession() sets and connects; public for tests that feed events by hand.
    void setUserId(const UserId &userId) { m_userId = userId; }
    void welcomed(qint64 headSeq);
    void applyEvents(const QList<Event> &events);

Q_SIGNALS:
    void noticeRaised(const handover::client::Notice &notice);
    // The replay's notices, newest first, one per chatroom.
    void backlogReady(const QList<handover::client::Notice> &notices);

private:
    void flushBacklog();

    ConsoleSession *m_session = nullptr;
    UserId m_userId;
    qint64 m_replayUntil = 0; // events up to this seq are the replay of the current connection
    QList<Notice> m_backlog;
    QTimer m_quiet;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace handover::client

Q_DECLARE_METATYPE(handover::client::Notice)
