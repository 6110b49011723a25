#pragma once

#include "core/rules/outcome.h"

namespace handover {

// The Create Chatroom API's request (API.md, "assign").
struct CreateChatroomRequest
{
    Contact contact;
    UserId userId;   // user wins if both are given
    GroupId groupId;
    bool assignOnHandover = false;
    QString remoteWabaId;  // empty: the org's first WABA phone
    QString remotePhoneId; // empty: the org's first WABA phone
    QString displayName;   // empty: derived from the contact (R16)
    bool failIfChatroomExistsOnOtherWabaPhone = true;
};

// What the decision needs to know of the org: its WABA phones, and every active chatroom of the org with the
// contact's phone number (whatever contact it belongs to).
struct CreateChatroomContext
{
    QList<WabaPhone> orgPhones;
    QList<Chatroom> activeChatroomsOfPhone;
};

// The org's WABA phones in the order R13 tries them: lowest remote_phone_id first, compared as numbers.
QList<WabaPhone> phonesInAssignmentOrder(QList<WabaPhone> phones);

// R1, R2, R3, R13. `created` is false when the existing chatroom is returned unchanged (R3).
Result<Outcome> createChatroom(const CreateChatroomRequest &request, const CreateChatroomContext &context,
                               const Directory &directory, RuleContext &rules);

// R13b: the inbound contact made for a phone that wrote first.
Contact makeInboundContact(const OrgId &orgId, const QString &phoneNumber, const QString &profileName,
                           RuleContext &rules);

// R13b: a new chatroom for an inbound first contact, waiting for the org's inbound group (or, without one, for a
// supervisor). The customer's message is then applied to it with receiveCustomerText().
Outcome openInboundChatroom(const Contact &contact, const WabaPhone &phone, const OrgSettings &settings,
                            RuleContext &rules);

} // namespace handover
