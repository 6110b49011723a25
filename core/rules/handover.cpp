#include "core/rules/handover.h"

#include "core/logging.h"

#include <algorithm>

namespace handover {

std::optional<UserId> pickGroupMember(QList<MemberLoad> members)
{
    if (members.isEmpty())
        return std::nullopt;
    const auto before = [](const MemberLoad &a, const MemberLoad &b) {
        if (a.activeChatrooms != b.activeChatrooms)
            return a.activeChatrooms < b.activeChatrooms;
        if (a.lastAssignedAt.isValid() != b.lastAssignedAt.isValid())
            return !a.lastAssignedAt.isValid(); // never assigned goes first
        if (a.lastAssignedAt != b.lastAssignedAt)
            return a.lastAssignedAt < b.lastAssignedAt;
        return a.userId < b.userId;
    };
    return std::min_element(members.cbegin(), members.cend(), before)->userId;
}

Result<UserId> resolveAssignee(const UserId &userId, const GroupId &groupId, const OrgId &orgId,
                               const Directory &directory)
{
    if (!userId.isEmpty()) {
        const auto user = directory.user(userId);
        if (!user || user->orgId != orgId)
            return Error::make(ErrorCode::NotFound, QStringLiteral("No user with this id."),
                               {QStringLiteral("user_id")});
        if (!user->active)
            return Error::make(ErrorCode::ValidationFailed,
                               QStringLiteral("The user is deactivated and cannot be given chatrooms."),
                               {QStringLiteral("user_id")});
        return userId;
    }
    if (groupId.isEmpty()) {
        return Error::make(ErrorCode::ValidationFailed, QStringLiteral("Either user_id or group_id is required."),
                           {QStringLiteral("user_id"), QStringLiteral("group_id")});
    }
    const auto group = directory.group(groupId);
    if (!group || group->orgId != orgId)
        return Error::make(ErrorCode::NotFound, QStringLiteral("No group with this id."),
                           {QStringLiteral("group_id")});
    // Deactivated members stay in the group (they may come back) but are never picked.
    QList<UserId> candidates;
    for (const UserId &memberId : group->userIds) {
        const auto member = directory.user(memberId);
        if (!member || member->active)
            candidates.append(memberId);
    }
    const auto picked = pickGroupMember(directory.memberLoads(candidates));
    if (!picked)
        return Error::make(ErrorCode::ValidationFailed,
                           group->userIds.isEmpty() ? QStringLiteral("The group has no members.")
                                                    : QStringLiteral("The group has no active members."),
                           {QStringLiteral("group_id")});
    return *picked;
}

void assignParticipant(EventRecorder &recorder, const UserId &userId, const QString &reason, int unreadCount)
{
    Chatroom &room = recorder.chatroom();
    if (!room.hasParticipant(userId))
        room.participants.append(Participant{userId, recorder.context().now(), {}, unreadCount});
    recorder.outcome().assignedUsers.append(userId);
    recorder.bumpNext();
    recorder.record(EventKind::ChatroomAssigned, std::nullopt, reason, userId);
}

void recordSystemNote(EventRecorder &recorder, const UserId &userId, const QString &text)
{
    Message note;
    note.id = recorder.context().newId();
    note.chatroomId = recorder.chatroom().id;
    note.direction = Direction::Out;
    note.kind = MessageKind::System;
    note.sender = Sender{SenderType::System, userId};
    note.text = text;
    note.status = DeliveryStatus::Delivered;
    note.createdAt = recorder.context().now();
    recorder.recordMessage(note, true);
}

void applyHandoverTrigger(EventRecorder &recorder, const QString &assignedReason, const QString &noteReason,
                          const Directory &directory)
{
    Chatroom &room = recorder.chatroom();
    if (!room.pendingHandover)
        return;
    const PendingHandover pending = *room.pendingHandover;
    if (pending.userId.isEmpty() && pending.groupId.isEmpty())
        return; // waits in Awaiting handover for a supervisor (R13b without an inbound group)
    const auto assignee = resolveAssignee(pending.userId, pending.groupId, room.orgId, directory);
    if (!assignee) {
        // The pending user or group is gone or empty: keep waiting for a supervisor rather than refuse the
        // customer's message.
        qCWarning(lcRules) << "handover of" << room.id << "kept pending:" << assignee.error().description;
        return;
    }
    room.pendingHandover.reset();
    assignParticipant(recorder, *assignee, assignedReason, 1);
    recordSystemNote(recorder, *assignee, noteReason);
}

} // namespace handover
