#include "core/rules/delivery.h"

namespace handover {

bool deliveryStatusAdvances(DeliveryStatus current, DeliveryStatus next)
{
    if (current == DeliveryStatus::Failed)
        return false;
    if (next == DeliveryStatus::Failed)
        return current != DeliveryStatus::Read;
    return static_cast<int>(next) > static_cast<int>(current);
}

namespace {

Outcome updateMessage(const Chatroom &chatroom, Message message, RuleContext &rules)
{
    Outcome out;
    out.chatroom = chatroom;
    out.messages.append(message);
    EventRecorder recorder(out, rules);
    recorder.record(EventKind::MessageUpdated, std::move(message));
    return out;
}

} // namespace

Outcome applyDeliveryStatus(const Chatroom &chatroom, const Message &message, DeliveryStatus status,
                            const QString &error, RuleContext &rules)
{
    if (!deliveryStatusAdvances(message.status, status)) {
        Outcome unchanged;
        unchanged.chatroom = chatroom;
        return unchanged;
    }
    Message updated = message;
    updated.status = status;
    if (status == DeliveryStatus::Failed)
        updated.error = error.isEmpty() ? QStringLiteral("unknown") : error;
    return updateMessage(chatroom, std::move(updated), rules);
}

Outcome applyChannelAccepted(const Chatroom &chatroom, const Message &message, const QString &waMessageId,
                             RuleContext &rules)
{
    Message updated = message;
    updated.waMessageId = waMessageId;
    if (deliveryStatusAdvances(message.status, DeliveryStatus::Sent))
        updated.status = DeliveryStatus::Sent;
    if (updated == message) {
        Outcome unchanged;
        unchanged.chatroom = chatroom;
        return unchanged;
    }
    return updateMessage(chatroom, std::move(updated), rules);
}

Result<Outcome> markRead(const Chatroom &chatroom, const UserId &userId, const MessageId &upTo,
                         RuleContext &rules)
{
    Outcome out;
    out.chatroom = chatroom;
    Participant *self = out.chatroom.participant(userId);
    if (!self)
        return Error::make(ErrorCode::Forbidden,
                           QStringLiteral("Only a participant can read this chatroom."));
    if (self->unreadCount == 0 && (upTo.isEmpty() || self->readUpTo == upTo))
        return out;
    self->unreadCount = 0;
    if (!upTo.isEmpty())
        self->readUpTo = upTo;
    EventRecorder recorder(out, rules);
    recorder.record(EventKind::ChatroomUpdated, std::nullopt, {}, userId);
    return out;
}

Outcome applyMediaState(const Chatroom &chatroom, const Message &message, MediaStatus status, qint64 size,
                        const QString &sha256, RuleContext &rules)
{
    Message updated = message;
    if (updated.media) {
        updated.media->status = status;
        if (status == MediaStatus::Ready) {
            updated.media->size = size;
            updated.media->sha256 = sha256;
        }
    }
    if (updated == message) {
        Outcome unchanged;
        unchanged.chatroom = chatroom;
        return unchanged;
    }
    return updateMessage(chatroom, std::move(updated), rules);
}

} // namespace handover
