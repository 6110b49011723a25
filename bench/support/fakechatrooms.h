#pragma once

#include "core/domain/chatroom.h"

#include <QList>
#include <QString>
#include <random>

namespace handover::bench {

// Realistic ids: UUID text, 36 characters, as on the wire.
QString randomUuid(std::mt19937_64 &random);

// Chatrooms as a console holds them at a cold start: UUID ids, one org and phone, names drawn from a few
// first and last names, keys spread over the 30 days before `nowMs` (bump_seq 1..count), `viewer` a
// participant of every one with 0 to 2 unread, and a last message with one of a few previews.
QList<Chatroom> makeChatrooms(int count, qint64 nowMs, const UserId &viewer, std::mt19937_64 &random);
// Gives each chatroom the ids a list does not need but the wire format does: a contact and a last message id.
void addWireIds(QList<Chatroom> &chatrooms, std::mt19937_64 &random);

} // namespace handover::bench
