#pragma once

#include "core/domain/ids.h"
#include "core/domain/message.h"
#include "core/sortkey.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace handover {

enum class ChatroomState { Active, Deactivated, Expired };
QString chatroomStateName(ChatroomState state);
std::optional<ChatroomState> chatroomStateFromName(const QString &name);

struct PendingHandover
{
    UserId userId;   // set when a user is waiting to be assigned
    GroupId groupId; // set when a member of this group will be picked (R21)
    QDateTime requestedAt;
    friend bool operator==(const PendingHandover &, const PendingHandover &) = default;
};

struct Participant
{
    UserId userId;
    QDateTime joinedAt;
    MessageId readUpTo;
    int unreadCount = 0;
    friend bool operator==(const Participant &, const Participant &) = default;
};

struct LastMessage
{
    MessageId id;
    QString preview;
    Direction direction = Direction::Out;
    bool silent = false;
    QDateTime createdAt;
    MessageKind kind = MessageKind::Text; // lets the console word the preview ("Photo") in its language
    friend bool operator==(const LastMessage &, const LastMessage &) = default;
};

// The conversation between one contact phone and one WABA phone.
struct Chatroom
{
    ChatroomId id;
    OrgId orgId;
    ContactId contactId;
    QString displayName;
    bool displayNameDerived = true; // R16: re-derived when the contact changes
    QString phoneNumber;
    QString remoteWabaId;
    QString remotePhoneId;
    ChatroomState state = ChatroomState::Active;
    QList<Participant> participants; // in the order they joined
    std::optional<PendingHandover> pendingHandover;
    SortKey sortKey;
    std::optional<LastMessage> lastMessage;
    QDateTime lastCustomerMessageAt;
    QDateTime createdAt;

    bool isActive() const { return state == ChatroomState::Active; }
    bool hasParticipant(const UserId &userId) const;
    const Participant *participant(const UserId &userId) const;
    Participant *participant(const UserId &userId);
    QList<UserId> participantIds() const;
    QDateTime windowExpiresAt() const; // R19; null before the customer ever wrote
    bool windowOpen(const QDateTime &now) const;
    friend bool operator==(const Chatroom &, const Chatroom &) = default;
};

} // namespace handover
