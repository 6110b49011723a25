#pragma once

#include "core/domain/chatroom.h"
#include "core/domain/contact.h"
#include "core/domain/message.h"
#include "core/domain/org.h"
#include "core/domain/template.h"
#include "core/json/jsonreader.h"
#include "core/result.h"

#include <QJsonObject>

#include <optional>

namespace handover {

// The API objects of API.md, with their snake_case field names. Timestamps are written as in timestamps.h;
// an absent timestamp, an empty optional id and an empty optional text are written as null.
//
// Decoders are strict: every field of the object is required unless it is nullable (then null and absent
// both mean "none"), every value must have the right JSON type and enum names must be known. Fields a decoder
// does not know are ignored. Problems come back as BadRequest/ValidationFailed naming the field, as
// JsonReader reports them. The read*() forms decode into an existing reader (for objects nested in a larger
// document, so paths read "chatroom.participants[0]") and return a default value on a problem.

// ---- chatroom
// `unread_count` is the viewer's participant count, 0 when the viewer does not participate; with no viewer
// (an event frame encoded once for many users) it is left out. Besides API.md's fields the encoder writes
// `participant_details` ([{user_id, joined_at, read_up_to, unread_count}]) and `display_name_derived`, so
// the decoder restores the Chatroom exactly. Without `participant_details` the participants get only ids.
QJsonObject chatroomToJson(const Chatroom &chatroom, const std::optional<UserId> &viewer);
Result<Chatroom> chatroomFromJson(const QJsonObject &object);
Chatroom readChatroom(JsonReader &reader);

// ---- message (sender.user_id, in_reply_to, error, wa_message_id, a button's url/payload: null when empty)
QJsonObject messageToJson(const Message &message);
Result<Message> messageFromJson(const QJsonObject &object);
Message readMessage(JsonReader &reader);

// ---- contact {id, crm_id, phone_number, opt_in_date, create_date, first_name, last_name, is_inbound,
// source}. The org is not part of the object: the decoder leaves orgId empty.
QJsonObject contactToJson(const Contact &contact);
Result<Contact> contactFromJson(const QJsonObject &object);

// ---- template: the fields of POST templates plus id; the decoder leaves orgId empty.
QJsonObject templateToJson(const MessageTemplate &messageTemplate);
Result<MessageTemplate> templateFromJson(const QJsonObject &object);

// ---- user {user_id, org_id, email, first_name, last_name, role}
QJsonObject userToJson(const User &user);
Result<User> userFromJson(const QJsonObject &object);

// ---- org objects (encoded only): {id, remote_waba_id, remote_phone_id, display_phone_number},
// {inbound_group_id, deactivate_after_days, expire_after_days} and {group_id, name, user_ids}
QJsonObject wabaPhoneToJson(const WabaPhone &phone);
QJsonObject settingsToJson(const OrgSettings &settings);
QJsonObject groupToJson(const Group &group);

// ---- error body
// {"error_code": 4090001, "error_message": "UQ_CONSTRAINT_FAILED", "error_description": "...",
//  "payload": {"fields": [...], "request_id": "..."}}; payload is {} with no fields and no request id.
QJsonObject errorToJson(const Error &error, const QString &requestId = {});

struct ErrorBody
{
    Error error;
    QString requestId; // empty when the payload had none
    friend bool operator==(const ErrorBody &, const ErrorBody &) = default;
};
// An unknown error_code fails validation; error_message is not checked against the code (the code decides).
Result<ErrorBody> errorFromJson(const QJsonObject &object);

} // namespace handover
