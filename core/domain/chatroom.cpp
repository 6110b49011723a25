#include "core/domain/chatroom.h"

namespace handover {

namespace {
constexpr qint64 kWindowSecs = 24 * 60 * 60;
}

QString chatroomStateName(ChatroomState state)
{
    switch (state) {
    case ChatroomState::Active: return QStringLiteral("active");
    case ChatroomState::Deactivated: return QStringLiteral("deactivated");
    case ChatroomState::Expired: return QStringLiteral("expired");
    }
    return QStringLiteral("active");
}

std::optional<ChatroomState> chatroomStateFromName(const QString &name)
{
    for (auto s : {ChatroomState::Active, ChatroomState::Deactivated, ChatroomState::Expired}) {
        if (chatroomStateName(s) == name)
            return s;
    }
    return std::nullopt;
}

bool Chatroom::hasParticipant(const UserId &userId) const
{
    return participant(userId) != nullptr;
}

const Participant *Chatroom::participant(const UserId &userId) const
{
    for (const Participant &p : participants) {
        if (p.userId == userId)
            return &p;
    }
    return nullptr;
}

Participant *Chatroom::participant(const UserId &userId)
{
    for (Participant &p : participants) {
        if (p.userId == userId)
            return &p;
    }
    return nullptr;
}

QList<UserId> Chatroom::participantIds() const
{
    QList<UserId> ids;
    ids.reserve(participants.size());
    for (const Participant &p : participants)
        ids.append(p.userId);
    return ids;
}

QDateTime Chatroom::windowExpiresAt() const
{
    return lastCustomerMessageAt.isValid() ? lastCustomerMessageAt.addSecs(kWindowSecs) : QDateTime();
}

bool Chatroom::windowOpen(const QDateTime &now) const
{
    const QDateTime expires = windowExpiresAt();
    return expires.isValid() && now < expires;
}

} // namespace handover
