#pragma once

#include "core/clock.h"
#include "core/domain/chatroom.h"
#include "core/domain/contact.h"
#include "core/domain/event.h"
#include "core/domain/org.h"
#include "core/result.h"

#include <QList>

#include <optional>

namespace handover {

// What the rules need to know of the world that is not the chatroom itself. The server answers from its store;
// tests answer from memory.
struct MemberLoad
{
    UserId userId;
    int activeChatrooms = 0;  // chatrooms the user participates in that are active
    QDateTime lastAssignedAt; // null: never assigned
};

class Directory
{
public:
    virtual ~Directory() = default;
    virtual std::optional<User> user(const UserId &userId) const = 0;
    virtual std::optional<Group> group(const GroupId &groupId) const = 0;
    virtual QList<MemberLoad> memberLoads(const QList<UserId> &userIds) const = 0;
};

// The time, the ids and the org's next event sequence number a decision is made with. The caller holds the
// org's write lock, so sequence numbers are handed out in commit order.
class RuleContext
{
public:
    RuleContext(const Clock &clock, IdSource &ids, qint64 nextSeq)
        : m_now(clock.now()), m_ids(ids), m_nextSeq(nextSeq)
    {
    }
    const QDateTime &now() const { return m_now; }
    QString newId() { return m_ids.newId(); }
    qint64 takeSeq() { return m_nextSeq++; }
    qint64 nextSeq() const { return m_nextSeq; }

private:
    QDateTime m_now;
    IdSource &m_ids;
    qint64 m_nextSeq;
};

// A button tap to forward to the org webhook (R5).
struct RelayRequest
{
    ChatroomId chatroomId;
    ContactId contactId;
    MessageId templateMessageId;
    MessageId replyMessageId;
    QString remoteTemplateId;
    QString templateName;
    ButtonReply button;
    QDateTime receivedAt;
    friend bool operator==(const RelayRequest &, const RelayRequest &) = default;
};

// Everything a decision changed: the chatroom after it, the messages it wrote or changed, the events to append
// to the org's log (in seq order), and the relays to deliver.
struct Outcome
{
    Chatroom chatroom;
    QList<Message> messages;
    QList<Event> events;
    QList<RelayRequest> relays;
    QList<UserId> assignedUsers; // users who gained the chatroom (R21 keeps their last assignment time)
    bool created = false;        // a new chatroom (201) rather than the existing one (200, R3)

    bool changed() const { return !events.isEmpty(); }
    void append(Outcome &&later); // the later outcome's chatroom wins
};

// Records changes to one chatroom as events. A bump is taken by the next recorded event: the chatroom gets the
// sort key (now, that event's seq).
class EventRecorder
{
public:
    EventRecorder(Outcome &outcome, RuleContext &context) : m_out(outcome), m_ctx(context) {}

    Chatroom &chatroom() { return m_out.chatroom; }
    Outcome &outcome() { return m_out; }
    RuleContext &context() { return m_ctx; }
    void bumpNext() { m_bumpNext = true; }
    Event &record(EventKind kind, std::optional<Message> message = std::nullopt, QString reason = {},
                  UserId userId = {});
    // Stores a new message, moves last_message to it unless it is a system note, and records message.created.
    Event &recordMessage(const Message &message, bool silent);

private:
    Outcome &m_out;
    RuleContext &m_ctx;
    bool m_bumpNext = false;
};

} // namespace handover
