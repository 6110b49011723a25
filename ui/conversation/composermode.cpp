#include "ui/conversation/composermode.h"

#include "ui/conversation/conversationtext.h"

namespace handover {

ComposerMode ComposerMode::forChatroom(const Chatroom *chatroom, const UserId &viewerId, const QDateTime &now)
{
    ComposerMode mode;
    if (!chatroom) {
        mode.reason = tr("No chatroom is open.");
        return mode;
    }
    switch (chatroom->state) {
    case ChatroomState::Active:
        break;
    case ChatroomState::Deactivated:
        mode.reason = tr("This chatroom is deactivated: nothing can be sent to it.");
        return mode;
    case ChatroomState::Expired:
        mode.reason = tr("This chatroom has expired: nothing can be sent to it.");
        return mode;
    }
    const QDateTime expires = chatroom->windowExpiresAt();
    const bool participant = chatroom->hasParticipant(viewerId);
    const bool open = chatroom->windowOpen(now);
    if (participant && open) {
        mode.kind = Kind::Text;
        mode.reason = tr("The 24-hour window closes in %1.")
                          .arg(ConversationText::durationInWords(now.secsTo(expires)));
        mode.nextChange = expires;
        return mode;
    }
    mode.kind = Kind::TemplatesOnly;
    if (!participant)
        mode.reason = tr("You are not a participant in this chatroom: only templates can be sent.");
    else if (!expires.isValid())
        mode.reason = tr("The customer has not written yet: only templates can be sent.");
    else
        mode.reason = tr("The 24-hour window closed %1 ago: only templates can be sent.")
                          .arg(ConversationText::durationInWords(expires.secsTo(now)));
    if (open)
        mode.nextChange = expires;
    return mode;
}

} // namespace handover
