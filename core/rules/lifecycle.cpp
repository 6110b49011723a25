#include "core/rules/lifecycle.h"

namespace handover {

namespace {

Outcome withState(const Chatroom &chatroom, ChatroomState state, RuleContext &rules)
{
    Outcome out;
    out.chatroom = chatroom;
    if (chatroom.state == state)
        return out;
    out.chatroom.state = state;
    EventRecorder recorder(out, rules);
    recorder.record(EventKind::ChatroomUpdated);
    return out;
}

} // namespace

Result<Outcome> deactivateChatroom(const Chatroom &chatroom, RuleContext &rules)
{
    if (chatroom.state == ChatroomState::Expired)
        return withState(chatroom, ChatroomState::Expired, rules);
    return withState(chatroom, ChatroomState::Deactivated, rules);
}

Result<Outcome> activateChatroom(const Chatroom &chatroom, bool otherActiveOnSamePhones, RuleContext &rules)
{
    if (chatroom.state == ChatroomState::Expired) {
        return Error::make(ErrorCode::ChatroomInactive, QStringLiteral("An expired chatroom cannot be activated."));
    }
    if (chatroom.state == ChatroomState::Deactivated && otherActiveOnSamePhones) {
        return Error::make(ErrorCode::ChatroomInactive,
                           QStringLiteral("Another active chatroom exists for this customer phone on this WABA "
                                          "phone."));
    }
    return withState(chatroom, ChatroomState::Active, rules);
}

Outcome applyLifecycle(const Chatroom &chatroom, const OrgSettings &settings, RuleContext &rules)
{
    const QDateTime &now = rules.now();
    if (chatroom.state != ChatroomState::Expired && settings.expireAfterDays > 0
        && chatroom.createdAt.addDays(settings.expireAfterDays) <= now) {
        return withState(chatroom, ChatroomState::Expired, rules);
    }
    const QDateTime quietSince =
        chatroom.lastCustomerMessageAt.isValid() ? chatroom.lastCustomerMessageAt : chatroom.createdAt;
    if (chatroom.state == ChatroomState::Active && settings.deactivateAfterDays > 0
        && quietSince.addDays(settings.deactivateAfterDays) <= now) {
        return withState(chatroom, ChatroomState::Deactivated, rules);
    }
    Outcome unchanged;
    unchanged.chatroom = chatroom;
    return unchanged;
}

} // namespace handover
