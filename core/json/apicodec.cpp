#include "core/json/apicodec.h"

#include "core/json/codecparts_p.h"
#include "core/json/jsonwriting.h"
#include "core/json/richcontentcodec.h"
#include "core/json/timestamps.h"

#include <QJsonArray>
#include <limits>

namespace handover {

namespace {

using codec::kAny;
using codec::kMaxCount;
using codec::kMayBeEmpty;
using codec::nullable;

QJsonArray stringArray(const QList<QString> &strings)
{
    QJsonArray array;
    for (const QString &s : strings)
        array.append(s);
    return array;
}

template <typename T> Result<T> finish(const JsonReader &reader, T value)
{
    if (!reader.ok())
        return reader.error();
    return value;
}

// ---- chatroom parts

QJsonObject participantToJson(const Participant &p)
{
    QJsonObject o;
    putJson(o, "user_id", p.userId);
    putJson(o, "joined_at", timestampToJson(p.joinedAt));
    putJson(o, "read_up_to", nullable(p.readUpTo));
    putJson(o, "unread_count", p.unreadCount);
    return o;
}

QJsonValue pendingHandoverToJson(const std::optional<PendingHandover> &pending)
{
    if (!pending)
        return QJsonValue::Null;
    QJsonObject o;
    putJson(o, "user_id", nullable(pending->userId));
    putJson(o, "group_id", nullable(pending->groupId));
    putJson(o, "requested_at", timestampToJson(pending->requestedAt));
    return o;
}

QJsonValue lastMessageToJson(const std::optional<LastMessage> &last)
{
    if (!last)
        return QJsonValue::Null;
    QJsonObject o;
    putJson(o, "id", last->id);
    putJson(o, "preview", last->preview);
    putJson(o, "direction", directionName(last->direction));
    putJson(o, "silent", last->silent);
    putJson(o, "created_at", timestampToJson(last->createdAt));
    putJson(o, "kind", messageKindName(last->kind));
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
    putJson(o, "index", b.index);
    putJson(o, "type", buttonTypeName(b.type));
    putJson(o, "text", b.text);
    putJson(o, "url", nullable(b.url));
    putJson(o, "payload", nullable(b.payload));
    return o;
}

QJsonObject paramValueToJson(const TemplateParamValue &p)
{
    QJsonObject o;
    putJson(o, "tag", p.tag);
    putJson(o, "value", p.value);
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
    putJson(o, "remote_template_id", sent->remoteTemplateId);
    putJson(o, "name", sent->name);
    putJson(o, "language", sent->language);
    putJson(o, "params", params);
    putJson(o, "buttons", buttons);
    putJson(o, "parameter_format", parameterFormatName(sent->parameterFormat));
    QJsonArray headerParams;
    for (const TemplateParamValue &p : sent->headerParams)
        headerParams.append(paramValueToJson(p));
    putJson(o, "header_params", headerParams);
    return o;
}

QJsonValue buttonReplyToJson(const std::optional<ButtonReply> &button)
{
    if (!button)
        return QJsonValue::Null;
    QJsonObject o;
    putJson(o, "index", button->index);
    putJson(o, "text", button->text);
    putJson(o, "payload", nullable(button->payload));
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
    sent.parameterFormat =
        r.optionalEnum("parameter_format", parameterFormatFromName).value_or(ParameterFormat::Positional);
    for (JsonReader p : r.optionalObjectArray("header_params", kMaxCount).value_or(QList<JsonReader>())) {
        TemplateParamValue value;
        value.tag = p.requiredString("tag", kAny);
        value.value = p.requiredString("value", kAny, kMayBeEmpty);
        sent.headerParams.append(value);
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
    putJson(o, "id", chatroom.id);
    putJson(o, "org_id", chatroom.orgId);
    putJson(o, "contact_id", chatroom.contactId);
    putJson(o, "display_name", chatroom.displayName);
    putJson(o, "display_name_derived", chatroom.displayNameDerived);
    putJson(o, "phone_number", chatroom.phoneNumber);
    putJson(o, "remote_waba_id", chatroom.remoteWabaId);
    putJson(o, "remote_phone_id", chatroom.remotePhoneId);
    putJson(o, "state", chatroomStateName(chatroom.state));
    putJson(o, "participants", participantIds);
    putJson(o, "participant_details", details);
    putJson(o, "pending_handover", pendingHandoverToJson(chatroom.pendingHandover));
    putJson(o, "bumped_at", formatTimestampMs(chatroom.sortKey.bumpedAtMs));
    putJson(o, "bump_seq", chatroom.sortKey.bumpSeq);
    putJson(o, "last_message", lastMessageToJson(chatroom.lastMessage));
    putJson(o, "last_customer_message_at", timestampToJson(chatroom.lastCustomerMessageAt));
    putJson(o, "window_expires_at", timestampToJson(chatroom.windowExpiresAt()));
    if (viewer) {
        const Participant *p = chatroom.participant(*viewer);
        putJson(o, "unread_count", p ? p->unreadCount : 0);
    }
    putJson(o, "created_at", timestampToJson(chatroom.createdAt));
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
    c.sortKey.bumpSeq = r.requiredInt64("bump_seq", 0, kMaxWireInt64);
    if (std::optional<JsonReader> last = r.optionalObject("last_message")) {
        LastMessage m;
        m.id = last->requiredString("id", kAny);
        m.preview = last->requiredString("preview", kAny, kMayBeEmpty);
        m.direction = last->requiredEnum("direction", directionFromName, Direction::Out);
        m.silent = last->requiredBool("silent");
        m.createdAt = last->requiredTimestamp("created_at");
        m.kind = last->optionalEnum("kind", messageKindFromName).value_or(MessageKind::Text);
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
    putJson(sender, "type", senderTypeName(message.sender.type));
    putJson(sender, "user_id", nullable(message.sender.userId));

    QJsonObject o;
    putJson(o, "id", message.id);
    putJson(o, "chatroom_id", message.chatroomId);
    putJson(o, "direction", directionName(message.direction));
    putJson(o, "kind", messageKindName(message.kind));
    putJson(o, "sender", sender);
    putJson(o, "text", message.text);
    putJson(o, "template", sentTemplateToJson(message.sentTemplate));
    putJson(o, "button", buttonReplyToJson(message.button));
    putJson(o, "in_reply_to", nullable(message.inReplyTo));
    putJson(o, "relay_response", message.relayResponse);
    putJson(o, "bump", message.bump);
    putJson(o, "bump_response", message.bumpResponse);
    putJson(o, "status", deliveryStatusName(message.status));
    putJson(o, "error", nullable(message.error));
    putJson(o, "wa_message_id", nullable(message.waMessageId));
    putJson(o, "created_at", timestampToJson(message.createdAt));
    putRichContent(o, message);
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
    readRichContent(r, m);
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
    putJson(o, "id", contact.id);
    putJson(o, "crm_id", contact.crmId);
    putJson(o, "phone_number", contact.phoneNumber);
    putJson(o, "opt_in_date", timestampToJson(contact.optInDate));
    putJson(o, "create_date", timestampToJson(contact.createDate));
    putJson(o, "first_name", nullable(contact.firstName));
    putJson(o, "last_name", nullable(contact.lastName));
    putJson(o, "is_inbound", contact.isInbound);
    putJson(o, "source", nullable(contact.source));
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
        putJson(button, "type", buttonTypeName(b.type));
        putJson(button, "text", b.text);
        putJson(button, "url", nullable(b.url));
        buttons.append(button);
    }
    QJsonArray params;
    for (const TemplateParam &p : t.params) {
        QJsonObject param;
        putJson(param, "tag", p.tag);
        putJson(param, "type", paramTypeName(p.type));
        putJson(param, "source", nullable(p.source));
        params.append(param);
    }
    QJsonObject o;
    putJson(o, "id", t.id);
    putJson(o, "remote_template_id", t.remoteTemplateId);
    putJson(o, "name", t.name);
    putJson(o, "language", t.language);
    putJson(o, "category", t.category);
    putJson(o, "status", templateStatusName(t.status));
    putJson(o, "enabled", t.enabled);
    putJson(o, "visible", t.visible);
    putJson(o, "body", t.body);
    putJson(o, "header", nullable(t.header));
    putJson(o, "footer", nullable(t.footer));
    putJson(o, "buttons", buttons);
    putJson(o, "params", params);
    putJson(o, "header_format", t.headerFormat);
    putJson(o, "parameter_format", parameterFormatName(t.parameterFormat));
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
    t.headerFormat = r.optionalString("header_format", kAny).value_or(QStringLiteral("TEXT"));
    t.parameterFormat =
        r.optionalEnum("parameter_format", parameterFormatFromName).value_or(ParameterFormat::Positional);
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
    putJson(o, "user_id", user.id);
    putJson(o, "org_id", user.orgId);
    putJson(o, "email", user.email);
    putJson(o, "first_name", user.firstName);
    putJson(o, "last_name", user.lastName);
    putJson(o, "role", roleName(user.role));
    putJson(o, "active", user.active);
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
    putJson(o, "id", phone.id);
    putJson(o, "remote_waba_id", phone.remoteWabaId);
    putJson(o, "remote_phone_id", phone.remotePhoneId);
    putJson(o, "display_phone_number", phone.displayPhoneNumber);
    return o;
}

QJsonObject settingsToJson(const OrgSettings &settings)
{
    QJsonObject o;
    putJson(o, "inbound_group_id", nullable(settings.inboundGroupId.value_or(GroupId())));
    putJson(o, "deactivate_after_days", settings.deactivateAfterDays);
    putJson(o, "expire_after_days", settings.expireAfterDays);
    return o;
}

QJsonObject groupToJson(const Group &group)
{
    QJsonObject o;
    putJson(o, "group_id", group.id);
    putJson(o, "name", group.name);
    putJson(o, "user_ids", stringArray(group.userIds));
    return o;
}

// ---- error body

QJsonObject errorToJson(const Error &error, const QString &requestId)
{
    QJsonObject payload;
    if (!error.fields.isEmpty())
        putJson(payload, "fields", stringArray(error.fields));
    if (!requestId.isEmpty())
        putJson(payload, "request_id", requestId);
    QJsonObject o;
    putJson(o, "error_code", static_cast<int>(error.code));
    putJson(o, "error_message", errorMessage(error.code));
    putJson(o, "error_description", error.description);
    putJson(o, "payload", payload);
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
