#pragma once

#include "core/rules/chatroomcreation.h"
#include "core/rules/customerinput.h"
#include "core/rules/delivery.h"
#include "core/rules/messagesend.h"
#include "core/rules/reassignment.h"
#include "tests/support/fakedirectory.h"

#include <QHash>
#include <QStringList>

namespace handover::test {

// The fixture org every rule test starts from.
inline const OrgId kOrg = QStringLiteral("org-1");
inline const OrgId kOtherOrg = QStringLiteral("org-2");

inline const UserId kAdmin = QStringLiteral("u-admin");
inline const UserId kSupervisor = QStringLiteral("u-sup");
inline const UserId kAna = QStringLiteral("u-ana"); // MEMBERs
inline const UserId kBen = QStringLiteral("u-ben");
inline const UserId kCid = QStringLiteral("u-cid");
inline const UserId kDee = QStringLiteral("u-dee");
inline const UserId kAlien = QStringLiteral("u-alien"); // a MEMBER of the other org

inline const GroupId kSales = QStringLiteral("g-sales");     // Ana, Ben, Cid
inline const GroupId kSupport = QStringLiteral("g-support"); // Dee
inline const GroupId kEmptyGroup = QStringLiteral("g-empty");
inline const GroupId kAlienGroup = QStringLiteral("g-alien"); // the other org's

// Asha, Ravi and Mia share one phone (R13); Bo has his own.
inline const ContactId kAsha = QStringLiteral("c-asha");
inline const ContactId kRavi = QStringLiteral("c-ravi");
inline const ContactId kMia = QStringLiteral("c-mia");
inline const ContactId kBo = QStringLiteral("c-bo");
inline const QString kSharedPhone = QStringLiteral("+919999990001");
inline const QString kBoPhone = QStringLiteral("+919999990003");

// The org's WABA phones, deliberately not in remote_phone_id order.
inline const QString kPhone100 = QStringLiteral("100");
inline const QString kPhone200 = QStringLiteral("200");
inline const QString kPhone300 = QStringLiteral("300");

// "order_update": USER_FILL order_id, AUTO_FILL first_name and agent_name; quick replies Yes/No, URL Track.
inline const QString kOrderUpdate = QStringLiteral("order_update");
// "hello": no parameters, no buttons.
inline const QString kHello = QStringLiteral("hello");

// Ordered the way every list is (R20): sort key descending, equal keys by id ascending.
QStringList orderedIds(const QHash<ChatroomId, SortKey> &rows);

// One line per event, for comparing what a decision recorded:
// "<kind>[ <message kind>[:<system note>]][ @<user>][ (<reason>)][ +bump]".
QString trace(const Event &event);
QStringList traces(const QList<Event> &events);
QList<qint64> seqs(const QList<Event> &events);
QList<qint64> seqRange(qint64 first, qsizetype count);

// Every user of the fixture org: the admin, the supervisor and the four MEMBERs.
QStringList everyone();
Role fixtureRole(const UserId &userId);
QStringList sortedIds(QStringList ids); // for comparing sets of users
// The users among `candidates` whom at least one of `events` notifies (eventNotifies), in candidate order.
QStringList notifiedUsers(const QList<Event> &events, const QStringList &candidates);
// The users among `candidates` who receive at least one of `events` (eventVisibleTo with their fixture role).
QStringList receivingUsers(const QList<Event> &events, const QStringList &candidates);

// A list kept only from the events one user receives, the way a console keeps it.
class EventFedList
{
public:
    EventFedList(View view, UserId userId, Role role);
    void apply(const Event &event);
    void apply(const QList<Event> &events);
    // A row loaded from a snapshot (a console that connects late), before the events after it arrive.
    void seed(const ChatroomId &id, const SortKey &key) { m_rows.insert(id, key); }
    QStringList ids() const { return orderedIds(m_rows); }

private:
    View m_view;
    UserId m_userId;
    Role m_role;
    QHash<ChatroomId, SortKey> m_rows;
};

// An org with users, groups, phones, contacts and templates, a FakeClock, a SequentialIdSource and the org's
// event sequence. Helpers run one rule, keep what it changed (the chatroom, messages, the event log, the R21
// loads) and return its outcome, so tests can follow several chatrooms and the lists they make.
class RuleWorld
{
public:
    RuleWorld();

    FakeClock clock;
    SequentialIdSource ids{QStringLiteral("id")};
    FakeDirectory directory;
    OrgSettings settings;
    QList<WabaPhone> phones;
    QHash<ContactId, Contact> contacts;
    QHash<QString, MessageTemplate> templates; // by name
    qint64 nextSeq = 1;

    // Runs one decision with a fresh RuleContext at the org's next seq, and moves the seq past what it took.
    template <typename Rule> auto decide(Rule &&rule)
    {
        RuleContext context(clock, ids, nextSeq);
        auto result = rule(context);
        nextSeq = context.nextSeq();
        return result;
    }

    // Keeps what a decision changed; an error changes nothing.
    void keep(const Outcome &outcome);
    void keep(const Result<Outcome> &outcome);

    // R1-R3, R13
    CreateChatroomRequest request(const ContactId &contactId, const UserId &userId,
                                  const GroupId &groupId = {}, bool assignOnHandover = false) const;
    CreateChatroomContext creationContext(const Contact &contact) const;
    Result<Outcome> create(const CreateChatroomRequest &request);
    // Creates (and keeps) a chatroom for setup; an empty id when creation failed.
    ChatroomId open(const ContactId &contactId, const UserId &userId, const GroupId &groupId = {},
                    bool assignOnHandover = false);
    // R13b then R9: a first message from an unknown phone.
    Outcome inbound(const QString &phone, const QString &remotePhoneId, const QString &profileName,
                    const QString &text);

    // R4, R4s, R17, R18
    TemplateSendRequest stm(const QString &templateName, bool bump = true, bool relayResponse = false,
                            bool bumpResponse = true) const;
    Result<Outcome> sendTemplate(const ChatroomId &chatroomId, const TemplateSendRequest &request);
    // Sends an STM for setup and returns the template message (an empty id when it was refused).
    Message sendStm(const ChatroomId &chatroomId, bool bump = true, bool relayResponse = false,
                    bool bumpResponse = true);

    // R5-R9, R10, R19
    Outcome customerText(const ChatroomId &chatroomId, const QString &text);
    Outcome tap(const ChatroomId &chatroomId, const MessageId &templateMessageId, int buttonIndex);
    Result<Outcome> agentText(const ChatroomId &chatroomId, const UserId &agentId, const QString &text);

    // R11, R14, R15
    Result<Outcome> reassign(const ChatroomId &chatroomId, const UserId &userId, const GroupId &groupId = {});
    Outcome deliveryStatus(const MessageId &messageId, DeliveryStatus status, const QString &error = {});
    Result<Outcome> read(const ChatroomId &chatroomId, const UserId &userId, const MessageId &upTo = {});

    const Chatroom &chatroom(const ChatroomId &id) const;
    // For setting up states no rule reaches directly; the reference is valid until the next rule runs.
    Chatroom &editChatroom(const ChatroomId &id);
    const Message &message(const MessageId &id) const;
    const QList<Event> &log() const { return m_log; }
    Role roleOf(const UserId &userId) const;

    // What a user's view shows now, newest first (R20), from the kept chatrooms.
    QStringList list(View view, const UserId &userId) const;

private:
    QHash<ChatroomId, Chatroom> m_chatrooms;
    QHash<MessageId, Message> m_messages;
    QList<Event> m_log;
};

} // namespace handover::test
