#pragma once

#include "core/rules/outcome.h"

namespace handover {

// The Send Template Message API's request (STM).
struct TemplateSendRequest
{
    MessageTemplate messageTemplate;
    QList<TemplateParamValue> params;
    bool relayResponse = false;
    bool bump = true;
    bool bumpResponse = true;
    bool sendViaParticipant = false;
    UserId actingUserId; // an agent sending from the console; empty for automation
    // The file of a media header (an upload of the org); required exactly when the template has one.
    std::optional<MediaAttachment> headerMedia = {};
};

inline constexpr int kMaxTextLength = 4096;

// The AUTO_FILL sources resolveTemplateParams() knows how to fill.
const QStringList &autoFillSources();

// R17: the parameter values to send: USER_FILL from the caller (all required, no unknown tags), AUTO_FILL
// computed from the contact and the sending agent, overriding whatever the caller sent.
Result<QList<TemplateParamValue>> resolveTemplateParams(const MessageTemplate &messageTemplate,
                                                        const QList<TemplateParamValue> &given,
                                                        const Contact &contact, const std::optional<User> &agent);

// R4, R4s, R12, R17, R18: a template message into the chatroom. With bump false it is silent: stored and
// delivered, last_message updated, no bump, no notification, no unread change.
Result<Outcome> sendTemplate(const Chatroom &chatroom, const TemplateSendRequest &request, const Contact &contact,
                             const Directory &directory, RuleContext &rules);

// R10, R12, R19: a free-flow text from a participant agent; bumps. Refused outside the 24h window
// (SESSION_WINDOW_CLOSED) or in an inactive chatroom (CHATROOM_INACTIVE). Sending also reads the chatroom for
// the sender.
Result<Outcome> sendAgentText(const Chatroom &chatroom, const UserId &agentId, const QString &text,
                              RuleContext &rules);

// R10, R12, R19 for a file: an agent's upload sent as an image, document, audio or video message (with its
// caption as text); a customer message is needed within 24 hours, as for text.
Result<Outcome> sendAgentMedia(const Chatroom &chatroom, const UserId &agentId, MessageKind kind,
                               const MediaAttachment &media, RuleContext &rules);

} // namespace handover
