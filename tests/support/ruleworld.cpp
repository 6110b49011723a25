#include "tests/support/ruleworld.h"

#include <algorithm>

namespace handover::test {

namespace {

User makeUser(const UserId &id, const OrgId &orgId, Role role, const QString &firstName,
              const QString &lastName)
{
    User user;
    user.id = id;
    user.orgId = orgId;
    user.email = id + QStringLiteral("@example.com");
    user.firstName = firstName;
    user.lastName = lastName;
    user.role = role;
    return user;
}

Contact makeContact(const ContactId &id, const QString &crmId, const QString &phone, const QString &firstName,
                    const QString &lastName)
{
    Contact contact;
    contact.id = id;
    contact.orgId = kOrg;
    contact.crmId = crmId;
    contact.phoneNumber = phone;
    contact.firstName = firstName;
    contact.lastName = lastName;
    return contact;
}

} // namespace

QStringList orderedIds(const QHash<ChatroomId, SortKey> &rows)
{
    QList<std::pair<SortKey, ChatroomId>> sorted;
    sorted.reserve(rows.size());
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        sorted.append({it.value(), it.key()});
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        if (a.first != b.first)
            return a.first > b.first;
        return a.second < b.second;
    });
    QStringList ids;
    for (const auto &row : sorted)
        ids.append(row.second);
    return ids;
}

QString trace(const Event &event)
{
    QString line = eventKindName(event.kind);
    if (event.message) {
        line += QLatin1Char(' ') + messageKindName(event.message->kind);
        if (event.message->kind == MessageKind::System)
            line += QLatin1Char(':') + event.message->text;
    }
    if (!event.userId.isEmpty())
        line += QStringLiteral(" @") + event.userId;
    if (!event.reason.isEmpty())
        line += QStringLiteral(" (") + event.reason + QLatin1Char(')');
    if (event.bumped)
        line += QStringLiteral(" +bump");
    return line;
}

QStringList traces(const QList<Event> &events)
{
    QStringList lines;
    for (const Event &event : events)
        lines.append(trace(event));
    return lines;
}

QList<qint64> seqs(const QList<Event> &events)
{
    QList<qint64> out;
    for (const Event &event : events)
        out.append(event.seq);
    return out;
}

QList<qint64> seqRange(qint64 first, qsizetype count)
{
    QList<qint64> out;
    for (qsizetype i = 0; i < count; ++i)
        out.append(first + i);
    return out;
}

QStringList everyone()
{
    return {kAdmin, kSupervisor, kAna, kBen, kCid, kDee};
}

Role fixtureRole(const UserId &userId)
{
    if (userId == kAdmin)
        return Role::Admin;
    if (userId == kSupervisor)
        return Role::Supervisor;
    return Role::Member;
}

QStringList sortedIds(QStringList ids)
{
    ids.sort();
    return ids;
}

QStringList notifiedUsers(const QList<Event> &events, const QStringList &candidates)
{
    QStringList out;
    for (const UserId &userId : candidates) {
        if (std::any_of(events.cbegin(), events.cend(),
                        [&](const Event &e) { return eventNotifies(e, userId); }))
            out.append(userId);
    }
    return out;
}

QStringList receivingUsers(const QList<Event> &events, const QStringList &candidates)
{
    QStringList out;
    for (const UserId &userId : candidates) {
        const Role role = fixtureRole(userId);
        if (std::any_of(events.cbegin(), events.cend(),
                        [&](const Event &e) { return eventVisibleTo(e, userId, role); }))
            out.append(userId);
    }
    return out;
}

EventFedList::EventFedList(View view, UserId userId, Role role)
    : m_view(view)
    , m_userId(std::move(userId))
    , m_role(role)
{}

void EventFedList::apply(const Event &event)
{
    if (event.kind == EventKind::PresenceUpdated || !eventVisibleTo(event, m_userId, m_role))
        return;
    if (chatroomInView(event.chatroom, m_view, m_userId) &&
        chatroomVisibleTo(event.chatroom, m_userId, m_role))
        m_rows.insert(event.chatroom.id, event.chatroom.sortKey);
    else
        m_rows.remove(event.chatroom.id);
}

void EventFedList::apply(const QList<Event> &events)
{
    for (const Event &event : events)
        apply(event);
}

RuleWorld::RuleWorld()
{
    directory.addUser(makeUser(kAdmin, kOrg, Role::Admin, QStringLiteral("Ada"), QStringLiteral("Admin")));
    directory.addUser(
        makeUser(kSupervisor, kOrg, Role::Supervisor, QStringLiteral("Sam"), QStringLiteral("Super")));
    directory.addUser(makeUser(kAna, kOrg, Role::Member, QStringLiteral("Ana"), QStringLiteral("Alves")));
    directory.addUser(makeUser(kBen, kOrg, Role::Member, QStringLiteral("Ben"), QStringLiteral("Brown")));
    directory.addUser(makeUser(kCid, kOrg, Role::Member, QStringLiteral("Cid"), QStringLiteral("Costa")));
    directory.addUser(makeUser(kDee, kOrg, Role::Member, QStringLiteral("Dee"), QStringLiteral("Dias")));
    directory.addUser(makeUser(kAlien, kOtherOrg, Role::Member, QStringLiteral("Al"), QStringLiteral("Ien")));
    directory.addGroup(Group{kSales, kOrg, QStringLiteral("Sales"), {kAna, kBen, kCid}});
    directory.addGroup(Group{kSupport, kOrg, QStringLiteral("Support"), {kDee}});
    directory.addGroup(Group{kEmptyGroup, kOrg, QStringLiteral("Nobody"), {}});
    directory.addGroup(Group{kAlienGroup, kOtherOrg, QStringLiteral("Aliens"), {kAlien}});

    phones = {
        WabaPhone{QStringLiteral("wp-200"), kOrg, QStringLiteral("waba-1"), kPhone200,
                  QStringLiteral("+15550000200")},
        WabaPhone{QStringLiteral("wp-100"), kOrg, QStringLiteral("waba-1"), kPhone100,
                  QStringLiteral("+15550000100")},
        WabaPhone{QStringLiteral("wp-300"), kOrg, QStringLiteral("waba-2"), kPhone300,
                  QStringLiteral("+15550000300")},
    };

    const QList<Contact> people = {
        makeContact(kAsha, QStringLiteral("CRM-1"), kSharedPhone, QStringLiteral("Asha"),
                    QStringLiteral("Rao")),
        makeContact(kRavi, QStringLiteral("CRM-2"), kSharedPhone, QStringLiteral("Ravi"),
                    QStringLiteral("Rao")),
        makeContact(kMia, QStringLiteral("CRM-4"), kSharedPhone, QStringLiteral("Mia"),
                    QStringLiteral("Rao")),
        makeContact(kBo, QStringLiteral("CRM-3"), kBoPhone, QStringLiteral("Bo"), QString()),
    };
    for (const Contact &contact : people)
        contacts.insert(contact.id, contact);

    MessageTemplate order;
    order.id = QStringLiteral("t-order");
    order.orgId = kOrg;
    order.remoteTemplateId = QStringLiteral("rt-order");
    order.name = kOrderUpdate;
    order.body =
        QStringLiteral("Hi {{first_name}}, order {{order_id}} ships today. {{agent_name}} can help.");
    order.buttons = {
        TemplateButton{ButtonType::QuickReply, QStringLiteral("Yes"), {}},
        TemplateButton{ButtonType::QuickReply, QStringLiteral("No"), {}},
        TemplateButton{ButtonType::Url, QStringLiteral("Track"), QStringLiteral("https://t.example/1")}};
    order.params = {
        TemplateParam{QStringLiteral("first_name"), ParamType::AutoFill,
                      QStringLiteral("contact.first_name")},
        TemplateParam{QStringLiteral("order_id"), ParamType::UserFill, {}},
        TemplateParam{QStringLiteral("agent_name"), ParamType::AutoFill, QStringLiteral("agent.first_name")}};
    templates.insert(order.name, order);

    MessageTemplate hello;
    hello.id = QStringLiteral("t-hello");
    hello.orgId = kOrg;
    hello.remoteTemplateId = QStringLiteral("rt-hello");
    hello.name = kHello;
    hello.body = QStringLiteral("Hello from us.");
    templates.insert(hello.name, hello);
}

void RuleWorld::keep(const Outcome &outcome)
{
    if (!outcome.chatroom.id.isEmpty())
        m_chatrooms.insert(outcome.chatroom.id, outcome.chatroom);
    for (const Message &message : outcome.messages)
        m_messages.insert(message.id, message);
    for (const Event &event : outcome.events) {
        m_log.append(event);
        if (event.kind == EventKind::ChatroomUnassigned)
            directory.noteUnassigned(event.userId);
    }
    for (const UserId &userId : outcome.assignedUsers)
        directory.noteAssigned(userId, clock.now());
}

void RuleWorld::keep(const Result<Outcome> &outcome)
{
    if (outcome)
        keep(*outcome);
}

CreateChatroomRequest RuleWorld::request(const ContactId &contactId, const UserId &userId,
                                         const GroupId &groupId, bool assignOnHandover) const
{
    CreateChatroomRequest req;
    req.contact = contacts.value(contactId);
    req.userId = userId;
    req.groupId = groupId;
    req.assignOnHandover = assignOnHandover;
    return req;
}

CreateChatroomContext RuleWorld::creationContext(const Contact &contact) const
{
    CreateChatroomContext context;
    context.orgPhones = phones;
    for (const Chatroom &room : m_chatrooms) {
        if (room.isActive() && room.phoneNumber == contact.phoneNumber)
            context.activeChatroomsOfPhone.append(room);
    }
    return context;
}

Result<Outcome> RuleWorld::create(const CreateChatroomRequest &req)
{
    const CreateChatroomContext context = creationContext(req.contact);
    auto result = decide([&](RuleContext &rules) { return createChatroom(req, context, directory, rules); });
    keep(result);
    return result;
}

ChatroomId RuleWorld::open(const ContactId &contactId, const UserId &userId, const GroupId &groupId,
                           bool assignOnHandover)
{
    const auto result = create(request(contactId, userId, groupId, assignOnHandover));
    return result ? result->chatroom.id : ChatroomId();
}

Outcome RuleWorld::inbound(const QString &phone, const QString &remotePhoneId, const QString &profileName,
                           const QString &text)
{
    const auto wabaPhone = std::find_if(phones.cbegin(), phones.cend(),
                                        [&](const WabaPhone &p) { return p.remotePhoneId == remotePhoneId; });
    if (wabaPhone == phones.cend())
        qFatal("RuleWorld: unknown WABA phone %s", qPrintable(remotePhoneId));
    Outcome out = decide([&](RuleContext &rules) {
        const Contact contact = makeInboundContact(kOrg, phone, profileName, rules);
        contacts.insert(contact.id, contact);
        Outcome opened = openInboundChatroom(contact, *wabaPhone, settings, rules);
        opened.append(receiveCustomerText(opened.chatroom, CustomerText{text, {}}, directory, rules));
        return opened;
    });
    keep(out);
    return out;
}

TemplateSendRequest RuleWorld::stm(const QString &templateName, bool bump, bool relayResponse,
                                   bool bumpResponse) const
{
    TemplateSendRequest req;
    req.messageTemplate = templates.value(templateName);
    if (templateName == kOrderUpdate)
        req.params = {TemplateParamValue{QStringLiteral("order_id"), QStringLiteral("A-17")}};
    req.bump = bump;
    req.relayResponse = relayResponse;
    req.bumpResponse = bumpResponse;
    return req;
}

Result<Outcome> RuleWorld::sendTemplate(const ChatroomId &chatroomId, const TemplateSendRequest &req)
{
    const Chatroom room = chatroom(chatroomId);
    const Contact contact = contacts.value(room.contactId);
    auto result = decide(
        [&](RuleContext &rules) { return handover::sendTemplate(room, req, contact, directory, rules); });
    keep(result);
    return result;
}

Message RuleWorld::sendStm(const ChatroomId &chatroomId, bool bump, bool relayResponse, bool bumpResponse)
{
    const auto result = sendTemplate(chatroomId, stm(kOrderUpdate, bump, relayResponse, bumpResponse));
    if (!result || result->messages.isEmpty())
        return {};
    return result->messages.first();
}

Outcome RuleWorld::customerText(const ChatroomId &chatroomId, const QString &text)
{
    const Chatroom room = chatroom(chatroomId);
    Outcome out = decide([&](RuleContext &rules) {
        return receiveCustomerText(room, CustomerText{text, {}}, directory, rules);
    });
    keep(out);
    return out;
}

Outcome RuleWorld::tap(const ChatroomId &chatroomId, const MessageId &templateMessageId, int buttonIndex)
{
    const Chatroom room = chatroom(chatroomId);
    CustomerTap input;
    input.templateMessage = message(templateMessageId);
    input.buttonIndex = buttonIndex;
    if (input.templateMessage.sentTemplate &&
        buttonIndex < input.templateMessage.sentTemplate->buttons.size()) {
        const SentButton &button = input.templateMessage.sentTemplate->buttons.at(buttonIndex);
        input.text = button.text;
        input.payload = button.payload;
    }
    Outcome out = decide([&](RuleContext &rules) { return receiveButtonTap(room, input, directory, rules); });
    keep(out);
    return out;
}

Result<Outcome> RuleWorld::agentText(const ChatroomId &chatroomId, const UserId &agentId, const QString &text)
{
    const Chatroom room = chatroom(chatroomId);
    auto result = decide([&](RuleContext &rules) { return sendAgentText(room, agentId, text, rules); });
    keep(result);
    return result;
}

Result<Outcome> RuleWorld::reassign(const ChatroomId &chatroomId, const UserId &userId,
                                    const GroupId &groupId)
{
    const Chatroom room = chatroom(chatroomId);
    auto result =
        decide([&](RuleContext &rules) { return reassignChatroom(room, userId, groupId, directory, rules); });
    keep(result);
    return result;
}

Outcome RuleWorld::deliveryStatus(const MessageId &messageId, DeliveryStatus status, const QString &error)
{
    const Message current = message(messageId);
    const Chatroom room = chatroom(current.chatroomId);
    Outcome out =
        decide([&](RuleContext &rules) { return applyDeliveryStatus(room, current, status, error, rules); });
    keep(out);
    return out;
}

Result<Outcome> RuleWorld::read(const ChatroomId &chatroomId, const UserId &userId, const MessageId &upTo)
{
    const Chatroom room = chatroom(chatroomId);
    auto result = decide([&](RuleContext &rules) { return markRead(room, userId, upTo, rules); });
    keep(result);
    return result;
}

const Chatroom &RuleWorld::chatroom(const ChatroomId &id) const
{
    const auto it = m_chatrooms.constFind(id);
    if (it == m_chatrooms.cend())
        qFatal("RuleWorld: unknown chatroom %s", qPrintable(id));
    return *it;
}

Chatroom &RuleWorld::editChatroom(const ChatroomId &id)
{
    const auto it = m_chatrooms.find(id);
    if (it == m_chatrooms.end())
        qFatal("RuleWorld: unknown chatroom %s", qPrintable(id));
    return *it;
}

const Message &RuleWorld::message(const MessageId &id) const
{
    const auto it = m_messages.constFind(id);
    if (it == m_messages.cend())
        qFatal("RuleWorld: unknown message %s", qPrintable(id));
    return *it;
}

Role RuleWorld::roleOf(const UserId &userId) const
{
    const auto user = directory.user(userId);
    return user ? user->role : Role::Member;
}

QStringList RuleWorld::list(View view, const UserId &userId) const
{
    const Role role = roleOf(userId);
    QHash<ChatroomId, SortKey> rows;
    for (const Chatroom &room : m_chatrooms) {
        if (chatroomInView(room, view, userId) && chatroomVisibleTo(room, userId, role))
            rows.insert(room.id, room.sortKey);
    }
    return orderedIds(rows);
}

} // namespace handover::test
