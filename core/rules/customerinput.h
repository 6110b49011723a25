#pragma once

#include "core/rules/outcome.h"

namespace handover {

struct CustomerText
{
    QString text;
    QString waMessageId;
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

} // namespace handover
