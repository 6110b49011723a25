#include "core/rules/messagesend.h"

namespace handover {

namespace {

Error inactiveError()
{
    return Error::make(ErrorCode::ChatroomInactive, QStringLiteral("The chatroom is not active."));
}

QString autoFillValue(const QString &source, const Contact &contact, const std::optional<User> &agent)
{
    if (source == QLatin1String("contact.first_name"))
        return contact.firstName;
    if (source == QLatin1String("contact.last_name"))
        return contact.lastName;
    if (source == QLatin1String("contact.crm_id"))
        return contact.crmId;
    if (source == QLatin1String("contact.phone_number"))
        return contact.phoneNumber;
    if (source == QLatin1String("contact.display_name"))
        return derivedDisplayName(contact);
    if (agent && source == QLatin1String("agent.first_name"))
        return agent->firstName;
    if (agent && source == QLatin1String("agent.last_name"))
        return agent->lastName;
    if (agent && source == QLatin1String("agent.email"))
        return agent->email;
    return {};
}

// R18 and console sends: who the template goes out as.
Sender templateSender(const Chatroom &chatroom, const TemplateSendRequest &request)
{
    if (!request.actingUserId.isEmpty() && chatroom.hasParticipant(request.actingUserId))
        return Sender{SenderType::Agent, request.actingUserId};
    if (request.sendViaParticipant && !chatroom.participants.isEmpty())
        return Sender{SenderType::Agent, chatroom.participants.first().userId};
    return Sender{SenderType::Bot, {}};
}

} // namespace

const QStringList &autoFillSources()
{
    static const QStringList sources{
        QStringLiteral("contact.first_name"),   QStringLiteral("contact.last_name"),
        QStringLiteral("contact.crm_id"),       QStringLiteral("contact.phone_number"),
        QStringLiteral("contact.display_name"), QStringLiteral("agent.first_name"),
        QStringLiteral("agent.last_name"),      QStringLiteral("agent.email"),
    };
    return sources;
}

Result<QList<TemplateParamValue>> resolveTemplateParams(const MessageTemplate &messageTemplate,
                                                        const QList<TemplateParamValue> &given,
                                                        const Contact &contact,
                                                        const std::optional<User> &agent)
{
    QStringList unknown;
    for (const TemplateParamValue &value : given) {
        const bool known = std::any_of(messageTemplate.params.cbegin(), messageTemplate.params.cend(),
                                       [&](const TemplateParam &p) { return p.tag == value.tag; });
        if (!known)
            unknown.append(value.tag);
    }
    if (!unknown.isEmpty()) {
        return Error::make(
            ErrorCode::TemplateParamsInvalid,
            QStringLiteral("Unknown template parameter: %1.").arg(unknown.join(QStringLiteral(", "))),
            unknown);
    }
    QList<TemplateParamValue> resolved;
    QStringList missing;
    for (const TemplateParam &param : messageTemplate.params) {
        if (param.type == ParamType::AutoFill) {
            resolved.append(TemplateParamValue{param.tag, autoFillValue(param.source, contact, agent)});
            continue;
        }
        const auto found = std::find_if(given.cbegin(), given.cend(),
                                        [&](const TemplateParamValue &v) { return v.tag == param.tag; });
        if (found == given.cend() || found->value.trimmed().isEmpty())
            missing.append(param.tag);
        else
            resolved.append(*found);
    }
    if (!missing.isEmpty()) {
        return Error::make(
            ErrorCode::TemplateParamsInvalid,
            QStringLiteral("Missing template parameter: %1.").arg(missing.join(QStringLiteral(", "))),
            missing);
    }
    return resolved;
}

Result<Outcome> sendTemplate(const Chatroom &chatroom, const TemplateSendRequest &request,
                             const Contact &contact, const Directory &directory, RuleContext &rules)
{
    const MessageTemplate &tmpl = request.messageTemplate;
    if (tmpl.status != TemplateStatus::Approved || !tmpl.enabled) {
        return Error::make(ErrorCode::TemplateNotSendable,
                           QStringLiteral("The template is not approved or not enabled."),
                           {QStringLiteral("remote_template_id")});
    }
    if (!chatroom.isActive())
        return inactiveError();

    const Sender sender = templateSender(chatroom, request);
    const std::optional<User> agent = sender.type == SenderType::Agent ? directory.user(sender.userId)
                                      : chatroom.participants.isEmpty()
                                          ? std::nullopt
                                          : directory.user(chatroom.participants.first().userId);
    auto params = resolveTemplateParams(tmpl, request.params, contact, agent);
    if (!params)
        return params.error();
    if (tmpl.hasMediaHeader() != request.headerMedia.has_value()) {
        return Error::make(ErrorCode::TemplateParamsInvalid,
                           tmpl.hasMediaHeader()
                               ? QStringLiteral("This template's %1 header needs header_media_id.").arg(tmpl.headerFormat)
                               : QStringLiteral("This template has no media header."),
                           {QStringLiteral("header_media_id")});
    }

    Message message;
    message.id = rules.newId();
    message.chatroomId = chatroom.id;
    message.direction = Direction::Out;
    message.kind = MessageKind::Template;
    message.sender = sender;
    message.text = renderTemplateText(tmpl.body, *params);
    const ParameterFormat format = tmpl.parameterFormat;
    SentTemplate sent{tmpl.remoteTemplateId,
                      tmpl.name,
                      tmpl.language,
                      valuesInMetaOrder(tmpl.body, *params, format),
                      {},
                      format,
                      valuesInMetaOrder(tmpl.header, *params, format)};
    for (int i = 0; i < tmpl.buttons.size(); ++i) {
        const TemplateButton &button = tmpl.buttons.at(i);
        sent.buttons.append(
            SentButton{i, button.type, button.text, button.url,
                       button.type == ButtonType::QuickReply ? quickReplyPayload(message.id, i) : QString()});
    }
    message.sentTemplate = sent;
    message.media = request.headerMedia; // the header's file goes to Meta with the template
    message.relayResponse = request.relayResponse;
    message.bump = request.bump;
    message.bumpResponse = request.bumpResponse;
    message.status = DeliveryStatus::Queued;
    message.createdAt = rules.now();

    Outcome out;
    out.chatroom = chatroom;
    EventRecorder recorder(out, rules);
    if (request.bump)
        recorder.bumpNext(); // R4; otherwise silent (R4s)
    recorder.recordMessage(message, !request.bump);
    return out;
}

namespace {

// R10, R12, R19 for anything an agent writes: a participant, an active chatroom, the window open.
Result<void> checkAgentMayWrite(const Chatroom &chatroom, const UserId &agentId, const RuleContext &rules)
{
    if (!chatroom.hasParticipant(agentId)) {
        return Error::make(ErrorCode::Forbidden,
                           QStringLiteral("Only a participant can write in this chatroom."));
    }
    if (!chatroom.isActive())
        return inactiveError();
    if (!chatroom.windowOpen(rules.now())) {
        return Error::make(
            ErrorCode::SessionWindowClosed,
            QStringLiteral("The customer has not written in the last 24 hours: only templates can "
                           "be sent."));
    }
    return {};
}

Outcome recordAgentMessage(const Chatroom &chatroom, const Message &message, RuleContext &rules)
{
    Outcome out;
    out.chatroom = chatroom;
    if (Participant *self = out.chatroom.participant(message.sender.userId)) {
        self->unreadCount = 0;
        self->readUpTo = message.id;
    }
    EventRecorder recorder(out, rules);
    recorder.bumpNext(); // R10
    recorder.recordMessage(message, false);
    return out;
}

Message agentMessage(const Chatroom &chatroom, const UserId &agentId, MessageKind kind, const QString &text,
                     RuleContext &rules)
{
    Message message;
    message.id = rules.newId();
    message.chatroomId = chatroom.id;
    message.direction = Direction::Out;
    message.kind = kind;
    message.sender = Sender{SenderType::Agent, agentId};
    message.text = text;
    message.status = DeliveryStatus::Queued;
    message.createdAt = rules.now();
    return message;
}

} // namespace

Result<Outcome> sendAgentText(const Chatroom &chatroom, const UserId &agentId, const QString &text,
                              RuleContext &rules)
{
    if (!chatroom.hasParticipant(agentId)) {
        return Error::make(ErrorCode::Forbidden,
                           QStringLiteral("Only a participant can write in this chatroom."));
    }
    if (text.trimmed().isEmpty() || text.size() > kMaxTextLength) {
        return Error::make(ErrorCode::ValidationFailed,
                           QStringLiteral("text must have 1 to %1 characters.").arg(kMaxTextLength),
                           {QStringLiteral("text")});
    }
    if (auto allowed = checkAgentMayWrite(chatroom, agentId, rules); !allowed)
        return allowed.error();
    return recordAgentMessage(chatroom, agentMessage(chatroom, agentId, MessageKind::Text, text, rules),
                              rules);
}

Result<Outcome> sendAgentMedia(const Chatroom &chatroom, const UserId &agentId, MessageKind kind,
                               const MediaAttachment &media, RuleContext &rules)
{
    if (auto allowed = checkAgentMayWrite(chatroom, agentId, rules); !allowed)
        return allowed.error();
    Message message = agentMessage(chatroom, agentId, kind, media.caption, rules);
    message.media = media;
    return recordAgentMessage(chatroom, message, rules);
}

} // namespace handover
