#include "core/rules/contactnames.h"

namespace handover {

Outcome applyContactUpdate(const Chatroom &chatroom, const Contact &contact, RuleContext &rules)
{
    Outcome out;
    out.chatroom = chatroom;
    const QString derived = derivedDisplayName(contact);
    if (!chatroom.displayNameDerived || chatroom.displayName == derived)
        return out;
    out.chatroom.displayName = derived;
    EventRecorder recorder(out, rules);
    recorder.record(EventKind::ChatroomUpdated);
    return out;
}

} // namespace handover
