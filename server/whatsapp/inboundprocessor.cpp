#include "server/whatsapp/inboundprocessor.h"

#include "core/logging.h"
#include "core/rules/chatroomcreation.h"
#include "core/rules/customerinput.h"
#include "core/rules/delivery.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/contacts.h"
#include "core/store/server/messages.h"
#include "core/store/server/orgs.h"
#include "core/store/server/storedirectory.h"
#include "core/store/server/wabaphones.h"
#include "core/store/server/whatsappqueues.h"
#include "server/services/outcomecommit.h"

namespace handover {

namespace ss = store::server;

namespace {

void mergeEffects(CommandEffects &into, const CommandEffects &more)
{
    into.events.append(more.events);
    into.wakeOutbound = into.wakeOutbound || more.wakeOutbound;
    into.wakeWebhooks = into.wakeWebhooks || more.wakeWebhooks;
    into.wakeMedia = into.wakeMedia || more.wakeMedia;
    if (into.orgId.isEmpty())
        into.orgId = more.orgId;
}

Result<Contact> inboundContact(QSqlDatabase &db, const WabaPhone &phone, const MetaInboundMessage &in,
                               RuleContext &rules)
{
    auto existing = ss::contactsByPhone(db, phone.orgId, in.from);
    if (!existing)
        return existing.error();
    if (!existing->isEmpty())
        return existing->first();
    Contact contact = makeInboundContact(phone.orgId, in.from, in.profileName, rules);
    auto inserted = ss::insertContact(db, contact, rules.now());
    if (inserted)
        return contact;
    if (inserted.code() != ErrorCode::UniqueConstraintFailed)
        return inserted.error();
    // Another contact already uses the phone as its crm_id: that is the customer.
    auto byCrm = ss::contactByCrmId(db, phone.orgId, contact.crmId);
    if (!byCrm)
        return byCrm.error();
    if (!byCrm->has_value())
        return inserted.error();
    return **byCrm;
}

// The template message a tap answers: by our quick-reply payload first, then by Meta's context id.
Result<std::optional<Message>> tappedTemplate(QSqlDatabase &db, const WabaPhone &phone,
                                              const MetaInboundMessage &in, int *buttonIndex)
{
    MessageId id;
    if (parseQuickReplyPayload(in.payload, &id, buttonIndex)) {
        auto byId = ss::messageById(db, phone.orgId, id);
        if (byId)
            return std::optional<Message>(*byId);
        if (byId.code() != ErrorCode::NotFound)
            return byId.error();
    }
    if (in.contextId.isEmpty())
        return std::optional<Message>();
    auto byWa = ss::messageByWaId(db, in.contextId);
    if (!byWa || !byWa->has_value())
        return byWa;
    const Message &found = **byWa;
    *buttonIndex = 0;
    if (found.sentTemplate) {
        for (const SentButton &button : found.sentTemplate->buttons) {
            if (button.text == in.text || (!in.payload.isEmpty() && button.payload == in.payload))
                *buttonIndex = button.index;
        }
    }
    return byWa;
}

Result<Outcome> decideMessage(QSqlDatabase &db, const WabaPhone &phone, const MetaInboundMessage &in,
                              RuleContext &rules)
{
    ss::StoreDirectory directory(db);
    if (in.kind == MetaInboundMessage::Kind::Button) {
        int index = 0;
        auto tapped = tappedTemplate(db, phone, in, &index);
        if (!tapped)
            return tapped.error();
        if (tapped->has_value() && (*tapped)->kind == MessageKind::Template) {
            auto chatroom = ss::chatroomById(db, phone.orgId, (*tapped)->chatroomId);
            if (!chatroom)
                return chatroom.error();
            if (chatroom->phoneNumber == in.from)
                return receiveButtonTap(*chatroom,
                                        CustomerTap{**tapped, index, in.text, in.payload, in.waMessageId},
                                        directory, rules);
        }
        // A tap on something we do not know is what the customer said: free flow.
    }
    const CustomerText text{in.text,     in.waMessageId, in.messageKind, in.media,
                            in.location, in.contacts,    in.interactive};
    auto active = ss::activeChatroomOn(db, in.from, phone.remotePhoneId);
    if (!active)
        return active.error();
    if (active->has_value())
        return receiveCustomerText(**active, text, directory, rules);

    // R13b: a first message from this phone on this WABA phone.
    auto contact = inboundContact(db, phone, in, rules);
    if (!contact)
        return contact.error();
    auto settings = ss::orgSettings(db, phone.orgId);
    if (!settings)
        return settings.error();
    Outcome outcome = openInboundChatroom(*contact, phone, *settings, rules);
    outcome.append(receiveCustomerText(outcome.chatroom, text, directory, rules));
    return outcome;
}

// A reaction to a message of this customer's chatroom on this phone; one to anything else is dropped.
Result<std::optional<Outcome>> decideReaction(QSqlDatabase &db, const WabaPhone &phone,
                                              const MetaInboundMessage &in, RuleContext &rules)
{
    auto reacted = ss::messageByWaId(db, in.reactedWaId);
    if (!reacted || !reacted->has_value())
        return reacted ? Result<std::optional<Outcome>>(std::optional<Outcome>()) : reacted.error();
    auto chatroom = ss::findChatroom(db, (*reacted)->chatroomId);
    if (!chatroom)
        return chatroom.error();
    if (!chatroom->has_value() || (*chatroom)->orgId != phone.orgId || (*chatroom)->phoneNumber != in.from)
        return std::optional<Outcome>();
    return std::optional<Outcome>(receiveReaction(**chatroom, CustomerReaction{**reacted, in.emoji}, rules));
}

std::optional<Outcome> decideStatus(const MetaStatusUpdate &update, RuleContext &rules,
                                    const Message &message, const Chatroom &chatroom)
{
    const auto status = deliveryStatusFromName(update.status);
    if (!status || *status == DeliveryStatus::Queued)
        return std::nullopt;
    return applyDeliveryStatus(chatroom, message, *status, update.error, rules);
}

} // namespace

Result<CommandEffects> applyInboundBatch(QSqlDatabase &db, const MetaWebhookBatch &batch, const Clock &clock,
                                         IdSource &ids)
{
    CommandEffects effects;
    effects.response = HttpResponse::json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    for (const MetaInboundMessage &in : batch.messages) {
        auto phone = ss::wabaPhoneByRemoteId(db, in.phoneNumberId);
        if (!phone)
            return phone.error();
        if (!phone->has_value()) {
            qCInfo(lcWhatsApp) << "ignored a message for unknown phone_number_id" << in.phoneNumberId;
            continue;
        }
        auto fresh = ss::markInboundSeen(db, in.waMessageId, in.phoneNumberId, clock.now());
        if (!fresh)
            return fresh.error();
        if (!*fresh)
            continue; // Meta delivered it again
        auto seq = nextSeqFor(db, (*phone)->orgId);
        if (!seq)
            return seq.error();
        RuleContext rules(clock, ids, *seq);
        if (in.kind == MetaInboundMessage::Kind::Reaction) {
            auto reaction = decideReaction(db, **phone, in, rules);
            if (!reaction)
                return reaction.error();
            if (!reaction->has_value() || !(*reaction)->changed())
                continue;
            auto written = commitOutcome(db, **reaction, rules.now(), 200, {});
            if (!written)
                return written.error();
            mergeEffects(effects, *written);
            continue;
        }
        auto outcome = decideMessage(db, **phone, in, rules);
        if (!outcome)
            return outcome.error();
        auto written = commitOutcome(db, *outcome, rules.now(), 200, {});
        if (!written)
            return written.error();
        mergeEffects(effects, *written);
    }
    for (const MetaStatusUpdate &update : batch.statuses) {
        auto message = ss::messageByWaId(db, update.waMessageId);
        if (!message)
            return message.error();
        if (!message->has_value())
            continue; // not one of ours (or not yet known)
        auto chatroom = ss::findChatroom(db, (*message)->chatroomId);
        if (!chatroom)
            return chatroom.error();
        if (!chatroom->has_value())
            continue;
        auto seq = nextSeqFor(db, (*chatroom)->orgId);
        if (!seq)
            return seq.error();
        RuleContext rules(clock, ids, *seq);
        const auto outcome = decideStatus(update, rules, **message, **chatroom);
        if (!outcome || !outcome->changed())
            continue;
        auto written = commitOutcome(db, *outcome, rules.now(), 200, {});
        if (!written)
            return written.error();
        mergeEffects(effects, *written);
    }
    return effects;
}

} // namespace handover
