#include "core/rules/customerinput.h"

#include "core/rules/handover.h"

namespace handover {

namespace {

Message inboundMessage(const Chatroom &chatroom, MessageKind kind, const QString &text,
                       const QString &waMessageId, RuleContext &rules)
{
    Message message;
    message.id = rules.newId();
    message.chatroomId = chatroom.id;
    message.direction = Direction::In;
    message.kind = kind;
    message.sender = Sender{SenderType::Customer, {}};
    message.text = text;
    message.status = DeliveryStatus::Delivered;
    message.waMessageId = waMessageId;
    message.createdAt = rules.now();
    return message;
}

void countUnread(Chatroom &chatroom)
{
    for (Participant &p : chatroom.participants)
        ++p.unreadCount;
}

} // namespace

Outcome receiveCustomerText(const Chatroom &chatroom, const CustomerText &input, const Directory &directory,
                            RuleContext &rules)
{
    Outcome out;
    out.chatroom = chatroom;
    EventRecorder recorder(out, rules);
    Message message = inboundMessage(chatroom, input.kind, input.text, input.waMessageId, rules);
    message.media = input.media;
    if (message.media && message.media->id.isEmpty())
        message.media->id = rules.newId();
    message.location = input.location;
    message.contacts = input.contacts;
    message.interactive = input.interactive;
    out.chatroom.lastCustomerMessageAt = rules.now(); // R19
    countUnread(out.chatroom);
    recorder.bumpNext(); // R9: always
    recorder.recordMessage(message, false);
    if (chatroom.isActive())
        applyHandoverTrigger(recorder, reason::handoverFreeFlow(), QStringLiteral("free_flow"), directory);
    return out;
}

Outcome receiveButtonTap(const Chatroom &chatroom, const CustomerTap &input, const Directory &directory,
                         RuleContext &rules)
{
    const Message &templateMessage = input.templateMessage;
    Outcome out;
    out.chatroom = chatroom;
    EventRecorder recorder(out, rules);

    Message tap = inboundMessage(chatroom, MessageKind::ButtonReply, input.text, input.waMessageId, rules);
    tap.button = ButtonReply{input.buttonIndex, input.text, input.payload};
    tap.inReplyTo = templateMessage.id;
    tap.relayResponse = templateMessage.relayResponse;
    tap.bump = templateMessage.bumpResponse;
    tap.bumpResponse = templateMessage.bumpResponse;

    const bool bumps = templateMessage.bumpResponse;  // R7
    out.chatroom.lastCustomerMessageAt = rules.now(); // a tap is a customer message for WhatsApp's window
    if (bumps) {
        countUnread(out.chatroom);
        recorder.bumpNext();
    }
    recorder.recordMessage(tap, !bumps);

    if (templateMessage.relayResponse) {
        // R5: relayed, not a handover trigger.
        out.relays.append(RelayRequest{
            chatroom.id, chatroom.contactId, templateMessage.id, tap.id,
            templateMessage.sentTemplate ? templateMessage.sentTemplate->remoteTemplateId : QString(),
            templateMessage.sentTemplate ? templateMessage.sentTemplate->name : QString(), *tap.button,
            rules.now()});
    } else if (chatroom.isActive()) {
        // R6 -> R8.
        applyHandoverTrigger(recorder, reason::handoverButton(), QStringLiteral("button:") + input.text,
                             directory);
    }
    return out;
}

Outcome receiveReaction(const Chatroom &chatroom, const CustomerReaction &input, RuleContext &rules)
{
    Outcome out;
    out.chatroom = chatroom;
    Message updated = input.reacted;
    updated.reactions =
        withReaction(updated.reactions, Reaction{input.emoji, QStringLiteral("customer"), rules.now()});
    if (updated == input.reacted)
        return out;
    out.messages.append(updated);
    EventRecorder recorder(out, rules);
    recorder.record(EventKind::MessageUpdated, std::move(updated));
    return out;
}

} // namespace handover
