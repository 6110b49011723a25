#include "core/json/apicodec.h"

#include "core/json/timestamps.h"

#include <QJsonArray>

#include <limits>

namespace handover {

namespace {

constexpr int kAny = JsonReader::kUnlimited;
constexpr int kMaxCount = std::numeric_limits<int>::max();
constexpr qint64 kMaxSeq = std::numeric_limits<qint64>::max();
const JsonStringRules kMayBeEmpty{.allowEmpty = true};

void put(QJsonObject &object, const char *key, const QJsonValue &value)
{
    object.insert(QLatin1String(key), value);
}

// Optional ids and texts are empty strings in the domain and null on the wire.
QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonArray stringArray(const QList<QString> &strings)
{
    QJsonArray array;
    for (const QString &s : strings)
        array.append(s);
    return array;
}

template <typename T>
Result<T> finish(const JsonReader &reader, T value)
{
    if (!reader.ok())
        return reader.error();
    return value;
}

// ---- chatroom parts

QJsonObject participantToJson(const Participant &p)
{
    QJsonObject o;
    put(o, "user_id", p.userId);
    put(o, "joined_at", timestampToJson(p.joinedAt));
    put(o, "read_up_to", nullable(p.readUpTo));
    put(o, "unread_count", p.unreadCount);
    return o;
}

QJsonValue pendingHandoverToJson(const std::optional<PendingHandover> &pending)
{
    if (!pending)
        return QJsonValue::Null;
    QJsonObject o;
    put(o, "user_id", nullable(pending->userId));
    put(o, "group_id", nullable(pending->groupId));
    put(o, "requested_at", timestampToJson(pending->requestedAt));
    return o;
}

QJsonValue lastMessageToJson(const std::optional<LastMessage> &last)
{
    if (!last)
        return QJsonValue::Null;
    QJsonObject o;
    put(o, "id", last->id);
    put(o, "preview", last->preview);
    put(o, "direction", directionName(last->direction));
    put(o, "silent", last->silent);
    put(o, "created_at", timestampToJson(last->createdAt));
    return o;
}

// Fills the participants from participant_details when given, else from the plain id list.
void readParticipants(JsonReader &r, Chatroom &chatroom)
{
    const QStringList ids = r.requiredStringArray("participants", kMaxCount, kAny);
    const std::optional<QList<JsonReader>> details = r.optionalObjectArray("participant_details", kMaxCount);
    if (!details) {
        for (const QString &id : ids)
            chatroom.participants.append(Participant{id, QDateTime(), MessageId(), 0});
        return;
    }
    for (JsonReader d : *details) {
        Participant p;
        p.userId = d.requiredString("user_id", kAny);
        p.joinedAt = d.optionalTimestamp("joined_at");
        p.readUpTo = d.stringOrEmpty("read_up_to");
        p.unreadCount = d.requiredInt("unread_count", 0, kMaxCount);
        chatroom.participants.append(p);
    }
    if (r.ok() && chatroom.participantIds() != ids)
        r.fail(ErrorCode::ValidationFailed, "participant_details",
               QStringLiteral("participant_details must list the same users as participants."));
}

// ---- message parts

QJsonObject sentButtonToJson(const SentButton &b)
{
    QJsonObject o;
    put(o, "index", b.index);
    put(o, "type", buttonTypeName(b.type));
    put(o, "text", b.text);
    put(o, "url", nullable(b.url));
    put(o, "payload", nullable(b.payload));
    return o;
}

QJsonObject paramValueToJson(const TemplateParamValue &p)
{
    QJsonObject o;
    put(o, "tag", p.tag);
    put(o, "value", p.value);
    return o;
}

QJsonValue sentTemplateToJson(const std::optional<SentTemplate> &sent)
{
    if (!sent)
        return QJsonValue::Null;
    QJsonArray params;
    for (const TemplateParamValue &p : sent->params)
        params.append(paramValueToJson(p));
    QJsonArray buttons;
    for (const SentButton &b : sent->buttons)
        buttons.append(sentButtonToJson(b));
    QJsonObject o;
    put(o, "remote_template_id", sent->remoteTemplateId);
    put(o, "name", sent->name);
    put(o, "language", sent->language);
    put(o, "params", params);
    put(o, "buttons", buttons);
    return o;
}

QJsonValue buttonReplyToJson(const std::optional<ButtonReply> &button)
{
    if (!button)
        return QJsonValue::Null;
    QJsonObject o;
    put(o, "index", button->index);
    put(o, "text", button->text);
    put(o, "payload", nullable(button->payload));
    return o;
}

SentTemplate readSentTemplate(JsonReader &r)
{
    SentTemplate sent;
    sent.remoteTemplateId = r.requiredString("remote_template_id", kAny);
    sent.name = r.requiredString("name", kAny);
    sent.language = r.requiredString("language", kAny);
    for (JsonReader p : r.requiredObjectArray("params", kMaxCount)) {
        TemplateParamValue value;
        value.tag = p.requiredString("tag", kAny);
        value.value = p.requiredString("value", kAny, kMayBeEmpty);
        sent.params.append(value);
    }
    for (JsonReader b : r.requiredObjectArray("buttons", kMaxCount)) {
        SentButton button;
        button.index = b.requiredInt("index", 0, kMaxCount);
        button.type = b.requiredEnum("type", buttonTypeFromName, ButtonType::QuickReply);
        button.text = b.requiredString("text", kAny, kMayBeEmpty);
        button.url = b.stringOrEmpty("url");
        button.payload = b.stringOrEmpty("payload");
        sent.buttons.append(button);
    }
    return sent;
}

} // namespace

// ---- chatroom

QJsonObject chatroomToJson(const Chatroom &chatroom, const std::optional<UserId> &viewer)
{
    QJsonArray participantIds;
    QJsonArray details;
    for (const Participant &p : chatroom.participants) {
        participantIds.append(p.userId);
        details.append(participantToJson(p));
    }
    QJsonObject o;
    put(o, "id", chatroom.id);
    put(o, "org_id", chatroom.orgId);
    put(o, "contact_id", chatroom.contactId);
    put(o, "display_name", chatroom.displayName);
    put(o, "display_name_derived", chatroom.displayNameDerived);
    put(o, "phone_number", chatroom.phoneNumber);
    put(o, "remote_waba_id", chatroom.remoteWabaId);
    put(o, "remote_phone_id", chatroom.remotePhoneId);
    put(o, "state", chatroomStateName(chatroom.state));
    put(o, "participants", participantIds);
    put(o, "participant_details", details);
    put(o, "pending_handover", pendingHandoverToJson(chatroom.pendingHandover));
    put(o, "bumped_at", formatTimestampMs(chatroom.sortKey.bumpedAtMs));
    put(o, "bump_seq", chatroom.sortKey.bumpSeq);
    put(o, "last_message", lastMessageToJson(chatroom.lastMessage));
    put(o, "last_customer_message_at", timestampToJson(chatroom.lastCustomerMessageAt));
    put(o, "window_expires_at", timestampToJson(chatroom.windowExpiresAt()));
    if (viewer) {
        const Participant *p = chatroom.participant(*viewer);
        put(o, "unread_count", p ? p->unreadCount : 0);
    }
    put(o, "created_at", timestampToJson(chatroom.createdAt));
    return o;
}

Chatroom readChatroom(JsonReader &r)
{
    Chatroom c;
    c.id = r.requiredString("id", kAny);
    c.orgId = r.requiredString("org_id", kAny);
    c.contactId = r.requiredString("contact_id", kAny);
    c.displayName = r.requiredString("display_name", kAny, kMayBeEmpty);
    c.displayNameDerived = r.optionalBool("display_name_derived").value_or(true);
    c.phoneNumber = r.requiredString("phone_number", kAny);
    c.remoteWabaId = r.requiredString("remote_waba_id", kAny);
    c.remotePhoneId = r.requiredString("remote_phone_id", kAny);
    c.state = r.requiredEnum("state", chatroomStateFromName, ChatroomState::Active);
    readParticipants(r, c);
    if (std::optional<JsonReader> pending = r.optionalObject("pending_handover")) {
        PendingHandover h;
        h.userId = pending->stringOrEmpty("user_id");
        h.groupId = pending->stringOrEmpty("group_id");
        h.requestedAt = pending->requiredTimestamp("requested_at");
        c.pendingHandover = h;
    }
    c.sortKey.bumpedAtMs = r.requiredTimestamp("bumped_at").toMSecsSinceEpoch();
    c.sortKey.bumpSeq = r.requiredInt64("bump_seq", 0, kMaxSeq);
    if (std::optional<JsonReader> last = r.optionalObject("last_message")) {
        LastMessage m;
        m.id = last->requiredString("id", kAny);
        m.preview = last->requiredString("preview", kAny, kMayBeEmpty);
        m.direction = last->requiredEnum("direction", directionFromName, Direction::Out);
        m.silent = last->requiredBool("silent");
        m.createdAt = last->requiredTimestamp("created_at");
        c.lastMessage = m;
    }
    c.lastCustomerMessageAt = r.optionalTimestamp("last_customer_message_at");
    // Derived or viewer-specific: checked for type, not stored.
    (void)r.optionalTimestamp("window_expires_at");
    (void)r.optionalInt("unread_count", 0, kMaxCount);
    c.createdAt = r.requiredTimestamp("created_at");
    return c;
}

Result<Chatroom> chatroomFromJson(const QJsonObject &object)
{
    JsonReader r(object);
    Chatroom chatroom = readChatroom(r);
    return finish(r, std::move(chatroom));
}

// ---- message

QJsonObject messageToJson(const Message &message)
{
    QJsonObject sender;
    put(sender, "type", senderTypeName(message.sender.type));
    put(sender, "user_id", nullable(message.sender.userId));

    QJsonObject o;
    put(o, "id", message.id);
    put(o, "chatroom_id", message.chatroomId);
    put(o, "direction", directionName(message.direction));
    put(o, "kind", messageKindName(message.kind));
    put(o, "sender", sender);
    put(o, "text", message.text);
    put(o, "template", sentTemplateToJson(message.sentTemplate));
    put(o, "button", buttonReplyToJson(message.button));
    put(o, "in_reply_to", nullable(message.inReplyTo));
    put(o, "relay_response", message.relayResponse);
    put(o, "bump", message.bump);
    put(o, "bump_response", message.bumpResponse);
    put(o, "status", deliveryStatusName(message.status));
    put(o, "error", nullable(message.error));
    put(o, "wa_message_id", nullable(message.waMessageId));
    put(o, "created_at", timestampToJson(message.createdAt));
    return o;
}

Message readMessage(JsonReader &r)
{
    Message m;
    m.id = r.requiredString("id", kAny);
    m.chatroomId = r.requiredString("chatroom_id", kAny);
    m.direction = r.requiredEnum("direction", directionFromName, Direction::Out);
    m.kind = r.requiredEnum("kind", messageKindFromName, MessageKind::Text);
    JsonReader sender = r.requiredObject("sender");
    m.sender.type = sender.requiredEnum("type", senderTypeFromName, SenderType::Bot);
    m.sender.userId = sender.stringOrEmpty("user_id");
    m.text = r.requiredString("text", kAny, kMayBeEmpty);
    if (std::optional<JsonReader> sent = r.optionalObject("template"))
        m.sentTemplate = readSentTemplate(*sent);
    if (std::optional<JsonReader> button = r.optionalObject("button")) {
        ButtonReply reply;
        reply.index = button->requiredInt("index", 0, kMaxCount);
        reply.text = button->requiredString("text", kAny, kMayBeEmpty);
        reply.payload = button->stringOrEmpty("payload");
        m.button = reply;
    }
    m.inReplyTo = r.stringOrEmpty("in_reply_to");
    m.relayResponse = r.requiredBool("relay_response");
    m.bump = r.requiredBool("bump");
    m.bumpResponse = r.requiredBool("bump_response");
    m.status = r.requiredEnum("status", deliveryStatusFromName, DeliveryStatus::Queued);
    m.error = r.stringOrEmpty("error");
    m.waMessageId = r.stringOrEmpty("wa_message_id");
    m.createdAt = r.requiredTimestamp("created_at");
    return m;
}

Result<Message> messageFromJson(const QJsonObject &object)
{
    JsonReader r(object);
    Message message = readMessage(r);
    return finish(r, std::move(message));
}

// ---- contact

QJsonObject contactToJson(const Contact &contact)
{
    QJsonObject o;
    put(o, "id", contact.id);
    put(o, "crm_id", contact.crmId);
    put(o, "phone_number", contact.phoneNumber);
    put(o, "opt_in_date", timestampToJson(contact.optInDate));
    put(o, "create_date", timestampToJson(contact.createDate));
    put(o, "first_name", nullable(contact.firstName));
    put(o, "last_name", nullable(contact.lastName));
    put(o, "is_inbound", contact.isInbound);
    put(o, "source", nullable(contact.source));
    return o;
}

Result<Contact> contactFromJson(const QJsonObject &object)
{
    JsonReader r(object);
    Contact c;
    c.id = r.requiredString("id", kAny);
    c.crmId = r.requiredString("crm_id", kAny);
    c.phoneNumber = r.requiredString("phone_number", kAny);
    c.optInDate = r.optionalTimestamp("opt_in_date");
    c.createDate = r.requiredTimestamp("create_date");
    c.firstName = r.stringOrEmpty("first_name");
    c.lastName = r.stringOrEmpty("last_name");
    c.isInbound = r.requiredBool("is_inbound");
    c.source = r.stringOrEmpty("source");
    return finish(r, std::move(c));
}

// ---- template

QJsonObject templateToJson(const MessageTemplate &t)
{
    QJsonArray buttons;
    for (const TemplateButton &b : t.buttons) {
        QJsonObject button;
        put(button, "type", buttonTypeName(b.type));
        put(button, "text", b.text);
        put(button, "url", nullable(b.url));
        buttons.append(button);
    }
    QJsonArray params;
    for (const TemplateParam &p : t.params) {
        QJsonObject param;
        put(param, "tag", p.tag);
        put(param, "type", paramTypeName(p.type));
        put(param, "source", nullable(p.source));
        params.append(param);
    }
    QJsonObject o;
    put(o, "id", t.id);
    put(o, "remote_template_id", t.remoteTemplateId);
    put(o, "name", t.name);
    put(o, "language", t.language);
    put(o, "category", t.category);
    put(o, "status", templateStatusName(t.status));
    put(o, "enabled", t.enabled);
    put(o, "visible", t.visible);
    put(o, "body", t.body);
    put(o, "header", nullable(t.header));
    put(o, "footer", nullable(t.footer));
    put(o, "buttons", buttons);
    put(o, "params", params);
    return o;
}

Result<MessageTemplate> templateFromJson(const QJsonObject &object)
{
    JsonReader r(object);
    MessageTemplate t;
    t.id = r.requiredString("id", kAny);
    t.remoteTemplateId = r.requiredString("remote_template_id", kAny);
    t.name = r.requiredString("name", kAny);
    t.language = r.requiredString("language", kAny);
    t.category = r.requiredString("category", kAny);
    t.status = r.requiredEnum("status", templateStatusFromName, TemplateStatus::Approved);
    t.enabled = r.requiredBool("enabled");
    t.visible = r.requiredBool("visible");
    t.body = r.requiredString("body", kAny, kMayBeEmpty);
    t.header = r.stringOrEmpty("header");
    t.footer = r.stringOrEmpty("footer");
    for (JsonReader b : r.requiredObjectArray("buttons", kMaxCount)) {
        TemplateButton button;
        button.type = b.requiredEnum("type", buttonTypeFromName, ButtonType::QuickReply);
        button.text = b.requiredString("text", kAny, kMayBeEmpty);
        button.url = b.stringOrEmpty("url");
        t.buttons.append(button);
    }
    for (JsonReader p : r.requiredObjectArray("params", kMaxCount)) {
        TemplateParam param;
        param.tag = p.requiredString("tag", kAny);
        param.type = p.requiredEnum("type", paramTypeFromName, ParamType::UserFill);
        param.source = p.stringOrEmpty("source");
        t.params.append(param);
    }
    return finish(r, std::move(t));
}

// ---- user and org objects

QJsonObject userToJson(const User &user)
{
    QJsonObject o;
    put(o, "user_id", user.id);
    put(o, "org_id", user.orgId);
    put(o, "email", user.email);
    put(o, "first_name", user.firstName);
    put(o, "last_name", user.lastName);
    put(o, "role", roleName(user.role));
    put(o, "active", user.active);
    return o;
}

Result<User> userFromJson(const QJsonObject &object)
{
    JsonReader r(object);
    User u;
    u.id = r.requiredString("user_id", kAny);
    u.orgId = r.requiredString("org_id", kAny);
    u.email = r.requiredString("email", kAny);
    u.firstName = r.requiredString("first_name", kAny, kMayBeEmpty);
    u.lastName = r.requiredString("last_name", kAny, kMayBeEmpty);
    u.role = r.requiredEnum("role", roleFromName, Role::Member);
    u.active = r.optionalBool("active").value_or(true); // servers before deactivation had only active users
    return finish(r, std::move(u));
}

QJsonObject wabaPhoneToJson(const WabaPhone &phone)
{
    QJsonObject o;
    put(o, "id", phone.id);
    put(o, "remote_waba_id", phone.remoteWabaId);
    put(o, "remote_phone_id", phone.remotePhoneId);
    put(o, "display_phone_number", phone.displayPhoneNumber);
    return o;
}

QJsonObject settingsToJson(const OrgSettings &settings)
{
    QJsonObject o;
    put(o, "inbound_group_id", nullable(settings.inboundGroupId.value_or(GroupId())));
    put(o, "deactivate_after_days", settings.deactivateAfterDays);
    put(o, "expire_after_days", settings.expireAfterDays);
    return o;
}

QJsonObject groupToJson(const Group &group)
{
    QJsonObject o;
    put(o, "group_id", group.id);
    put(o, "name", group.name);
    put(o, "user_ids", stringArray(group.userIds));
    return o;
}

// ---- error body

QJsonObject errorToJson(const Error &error, const QString &requestId)
{
    QJsonObject payload;
    if (!error.fields.isEmpty())
        put(payload, "fields", stringArray(error.fields));
    if (!requestId.isEmpty())
        put(payload, "request_id", requestId);
    QJsonObject o;
    put(o, "error_code", static_cast<int>(error.code));
    put(o, "error_message", errorMessage(error.code));
    put(o, "error_description", error.description);
    put(o, "payload", payload);
    return o;
}

Result<ErrorBody> errorFromJson(const QJsonObject &object)
{
    JsonReader r(object);
    ErrorBody body;
    const int code = r.requiredInt("error_code", 0, kMaxCount);
    if (r.ok() && !errorCodeFromInt(code, &body.error.code))
        r.fail(ErrorCode::ValidationFailed, "error_code",
               QStringLiteral("error_code ") + QString::number(code) +
                   QStringLiteral(" is not a known code."));
    (void)r.requiredString("error_message", kAny);
    body.error.description = r.requiredString("error_description", kAny, kMayBeEmpty);
    if (std::optional<JsonReader> payload = r.optionalObject("payload")) {
        body.error.fields = payload->optionalStringArray("fields", kMaxCount, kAny).value_or(QStringList());
        body.requestId = payload->stringOrEmpty("request_id");
    }
    return finish(r, std::move(body));
}

} // namespace handover
