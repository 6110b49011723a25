#pragma once

#include "core/rules/outcome.h"

namespace handover {

// R14: whether `next` may replace `current`. Statuses only advance (queued < sent < delivered < read); failed
// may follow anything but read, and nothing follows failed.
bool deliveryStatusAdvances(DeliveryStatus current, DeliveryStatus next);

// R14: a delivery status from WhatsApp. Never bumps; a status that would go backwards changes nothing. A failed
// status keeps its reason for the agent.
Outcome applyDeliveryStatus(const Chatroom &chatroom, const Message &message, DeliveryStatus status,
                            const QString &error, RuleContext &rules);

// The channel accepted an outbound message and named it: it is sent, with WhatsApp's id.
Outcome applyChannelAccepted(const Chatroom &chatroom, const Message &message, const QString &waMessageId,
                             RuleContext &rules);

// R15: an agent reads a chatroom: their read marker moves and their unread count becomes 0. No bump.
Result<Outcome> markRead(const Chatroom &chatroom, const UserId &userId, const MessageId &upTo, RuleContext &rules);

// An inbound file has been fetched and checked (Ready, with its size and hash) or cannot be had (Failed): the
// message's media shows it (message.updated). Neither bumps nor counts as unread.
Outcome applyMediaState(const Chatroom &chatroom, const Message &message, MediaStatus status, qint64 size,
                        const QString &sha256, RuleContext &rules);

} // namespace handover
