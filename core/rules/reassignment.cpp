#include "core/rules/reassignment.h"

#include "core/rules/handover.h"

namespace handover {

Result<Outcome> reassignChatroom(const Chatroom &chatroom, const UserId &userId, const GroupId &groupId,
                                 const Directory &directory, RuleContext &rules)
{
    auto target = resolveAssignee(userId, groupId, chatroom.orgId, directory);
    if (!target)
        return target.error();

    Outcome out;
    out.chatroom = chatroom;
    const bool alreadySole = chatroom.participants.size() == 1 && chatroom.participants.first().userId == *target;
    if (alreadySole && !chatroom.pendingHandover)
        return out;

    EventRecorder recorder(out, rules);
    out.chatroom.pendingHandover.reset(); // discarded, whatever it was
    const bool keeps = chatroom.hasParticipant(*target);
    const QList<Participant> previous = chatroom.participants;
    for (const Participant &p : previous) {
        if (p.userId == *target)
            continue;
        out.chatroom.participants.removeIf([&](const Participant &q) { return q.userId == p.userId; });
        recorder.record(EventKind::ChatroomUnassigned, std::nullopt, reason::reassigned(), p.userId);
    }
    if (keeps) {
        // Not new to the target: the others leave, the row stays where it is for them.
        if (out.events.isEmpty())
            recorder.record(EventKind::ChatroomUpdated);
        return out;
    }
    assignParticipant(recorder, *target, reason::reassigned(), 0);
    recordSystemNote(recorder, *target, reason::reassigned());
    return out;
}

} // namespace handover
