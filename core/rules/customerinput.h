#pragma once

#include "core/rules/outcome.h"

namespace handover {

// A free-flow customer message: text, or media, a location, contacts or a list reply (with its caption or title
// as text). All of them are customer messages for R8, R9 and R19.
struct CustomerText
{
    QString text;
    QString waMessageId;
    MessageKind kind = MessageKind::Text;
    std::optional<MediaAttachment> media = {};
    std::optional<Location> location = {};
    QList<SharedContact> contacts = {};
    std::optional<InteractiveReply> interactive = {};
};

// A customer's reaction to message `reacted` of the chatroom.
struct CustomerReaction
{
    Message reacted;
    QString emoji; // empty removes the customer's earlier reaction
};

struct CustomerTap
{
    Message templateMessage; // M: the template message whose button was tapped
    int buttonIndex = 0;
    QString text;
    QString payload;
    QString waMessageId;
};

// R9 (+ R8, R19): a free-flow message from the customer always bumps, counts as unread for the participants,
// refreshes the 24h window and is a handover trigger. Never relayed.
Outcome receiveCustomerText(const Chatroom &chatroom, const CustomerText &input, const Directory &directory,
                            RuleContext &rules);

// R5, R6, R7 (+ R8): a tap on a button of template message M. Bumps if and only if M's bump_response is true;
// relayed if M's relay_response is true, otherwise a handover trigger (which bumps for the new agent even when
// the tap itself is silent).
Outcome receiveButtonTap(const Chatroom &chatroom, const CustomerTap &input, const Directory &directory,
                         RuleContext &rules);

// A reaction is shown on the message it reacts to (message.updated): it neither bumps nor counts as unread nor
// hands over, and it leaves the 24h window as it was.
Outcome receiveReaction(const Chatroom &chatroom, const CustomerReaction &input, RuleContext &rules);

} // namespace handover
