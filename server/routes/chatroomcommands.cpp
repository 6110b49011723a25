#include "core/json/apicodec.h"
#include "core/rules/delivery.h"
#include "core/rules/lifecycle.h"
#include "core/rules/messagesend.h"
#include "core/rules/reassignment.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/contacts.h"
#include "core/store/server/mediafiles.h"
#include "core/store/server/messages.h"
#include "core/store/server/outcomewriter.h"
#include "core/store/server/storedirectory.h"
#include "core/store/server/templates.h"
#include "server/routes/chatroomroutes.h"
#include "server/services/outcomecommit.h"

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

namespace {

// A rule applied to one chatroom the caller may act on, and what to answer once it is written.
using ChatroomRule = std::function<Result<Outcome>(QSqlDatabase &, const Chatroom &, RuleContext &)>;
using Answer = std::function<QJsonObject(const Outcome &)>;

void runChatroomCommand(RouteContext &ctx, const ApiRequest &request, const HttpReply &reply, int status,
                        ChatroomRule rule, Answer respond)
{
    const Principal caller = request.caller();
    const ChatroomId chatroomId = request.param(QStringLiteral("chatroomId"));
    const Clock &clock = ctx.clock;
    IdSource &ids = ctx.ids;
    ctx.commands.run(
        [=, &clock, &ids](QSqlDatabase &db) -> Result<CommandEffects> {
            auto chatroom = chatroomForAccess(db, caller, chatroomId);
            if (!chatroom)
                return chatroom.error();
            auto seq = nextSeqFor(db, caller.orgId);
            if (!seq)
                return seq.error();
            RuleContext rules(clock, ids, *seq);
            auto outcome = rule(db, *chatroom, rules);
            if (!outcome)
                return outcome.error();
            return commitOutcome(db, *outcome, rules.now(), status, respond(*outcome));
        },
        reply);
}

Answer answerChatroom(const Principal &caller)
{
    return [caller](const Outcome &outcome) { return chatroomForCaller(outcome.chatroom, caller); };
}

QJsonObject lastMessageJson(const Outcome &outcome)
{
    return outcome.messages.isEmpty() ? QJsonObject() : messageToJson(outcome.messages.first());
}

// A flag given in the query, the body, or both (then they must agree).
bool stmFlag(const ApiRequest &request, const HttpReply &reply, JsonReader &body, const char *name,
             bool fallback, bool *value)
{
    const QString key = QString::fromLatin1(name);
    bool fromQuery = fallback;
    if (!queryBool(request, reply, key, fallback, &fromQuery))
        return false;
    const std::optional<bool> fromBody = body.optionalBool(key);
    if (fromBody && request.query.has(key) && *fromBody != fromQuery) {
        reply.error(Error::make(
            ErrorCode::BadRequest,
            QStringLiteral("%1 is given in the query and the body with different values.").arg(key), {key}));
        return false;
    }
    *value = fromBody.value_or(fromQuery);
    return true;
}

// An agent's upload (POST /v1/orgs/{orgId}/media) as the file of a `kind` message: ready, of this org, not
// sent before, and of a media type that kind carries.
Result<MediaAttachment> uploadFor(QSqlDatabase &db, const OrgId &orgId, const QString &mediaId,
                                  MessageKind kind, const QString &caption,
                                  const QString &field = QStringLiteral("media_id"))
{
    auto media = ss::mediaById(db, orgId, mediaId);
    if (!media)
        return media.error();
    const auto refuse = [&field](const QString &why) { return Error::make(ErrorCode::ValidationFailed, why, {field}); };
    if (!media->has_value() || (*media)->direction != Direction::Out)
        return refuse(QStringLiteral("%1 names no upload of this org.").arg(field));
    const ss::MediaRecord &upload = **media;
    if (!upload.messageId.isEmpty())
        return refuse(QStringLiteral("This upload has been sent already; upload the file again."));
    const QString family = upload.mimeType.section(u'/', 0, 0);
    const bool fits = kind == MessageKind::Document ||
                      (kind == MessageKind::Image && family == QLatin1String("image")) ||
                      (kind == MessageKind::Audio && family == QLatin1String("audio")) ||
                      (kind == MessageKind::Video && family == QLatin1String("video"));
    if (!fits)
        return refuse(
            QStringLiteral("A %1 cannot be sent as %2.").arg(upload.mimeType, messageKindName(kind)));
    MediaAttachment attachment;
    attachment.id = upload.id;
    attachment.mimeType = upload.mimeType;
    attachment.size = upload.size;
    attachment.filename = upload.filename;
    attachment.sha256 = upload.sha256;
    attachment.caption =
        kind == MessageKind::Audio ? QString() : caption; // WhatsApp shows no caption on audio
    attachment.status = MediaStatus::Ready;
    return attachment;
}

// The message kind of a template's media header format (IMAGE, VIDEO, DOCUMENT).
MessageKind headerKind(const QString &format)
{
    if (format == QLatin1String("IMAGE"))
        return MessageKind::Image;
    if (format == QLatin1String("VIDEO"))
        return MessageKind::Video;
    return MessageKind::Document;
}

void sendTemplateRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    TemplateSendRequest send;
    if (!stmFlag(request, reply, r, "relay_response", false, &send.relayResponse) ||
        !stmFlag(request, reply, r, "bump", true, &send.bump) ||
        !stmFlag(request, reply, r, "bump_response", true, &send.bumpResponse)) {
        return;
    }
    const QString remoteTemplateId = r.requiredString("remote_template_id", kMaxIdLength);
    if (auto params = r.optionalObjectArray("template_params", 50)) {
        for (JsonReader &param : *params) {
            send.params.append(TemplateParamValue{param.requiredString("tag", 64),
                                                  param.requiredString("value", 1024, {.allowEmpty = true})});
        }
    }
    send.sendViaParticipant = r.optionalBool("send_via_participant").value_or(false);
    const QString headerMediaId = r.optionalString("header_media_id", kMaxIdLength).value_or(QString());
    r.optionalBool("skip_governance"); // accepted; there is no governance step to skip
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    const Principal caller = request.caller();
    if (caller.role == Role::Member)
        send.actingUserId = caller.userId;
    runChatroomCommand(
        ctx, request, reply, 201,
        [send, remoteTemplateId, headerMediaId, caller](QSqlDatabase &db, const Chatroom &chatroom,
                                                        RuleContext &rules) -> Result<Outcome> {
            auto found = ss::templateByRemoteId(db, caller.orgId, remoteTemplateId);
            if (!found) {
                Error error = found.error();
                error.fields = {QStringLiteral("remote_template_id")};
                return error;
            }
            auto contact = ss::contactById(db, caller.orgId, chatroom.contactId);
            if (!contact)
                return contact.error();
            TemplateSendRequest full = send;
            full.messageTemplate = *found;
            if (!headerMediaId.isEmpty()) {
                const MessageKind kind = headerKind(found->headerFormat);
                auto header = uploadFor(db, caller.orgId, headerMediaId, kind, {}, QStringLiteral("header_media_id"));
                if (!header)
                    return header.error();
                full.headerMedia = *header;
            }
            ss::StoreDirectory directory(db);
            return sendTemplate(chatroom, full, *contact, directory, rules);
        },
        lastMessageJson);
}

void sendTextRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    const MessageKind kind = r.optionalEnum("type", messageKindFromName).value_or(MessageKind::Text);
    const bool media = isMediaKind(kind) && kind != MessageKind::Sticker;
    if (kind != MessageKind::Text && !media)
        r.fail(ErrorCode::ValidationFailed, "type",
               QStringLiteral("type must be text, image, document, audio or video."));
    const QString text = media ? QString() : r.requiredString("text", kMaxTextLength);
    const QString mediaId = media ? r.requiredString("media_id", kMaxIdLength) : QString();
    const QString caption =
        media ? r.optionalString("caption", kMaxCaptionLength).value_or(QString()) : QString();
    const QString asUser = r.optionalString("as_user_id", kMaxIdLength).value_or(QString());
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    const Principal &caller = request.caller();
    // API.md: a MEMBER writes as themselves; ADMINs and SUPERVISORs name the participant to write as.
    const UserId agent = caller.role == Role::Member ? caller.userId : asUser;
    if (caller.role == Role::Member && agent.isEmpty()) { // a MEMBER API key is nobody's key: no participant
        reply.error(
            Error::make(ErrorCode::Forbidden, QStringLiteral("Only a participant can write in a chatroom.")));
        return;
    }
    if (agent.isEmpty()) {
        reply.error(Error::make(ErrorCode::ValidationFailed,
                                QStringLiteral("as_user_id names the participant to write as."),
                                {QStringLiteral("as_user_id")}));
        return;
    }
    const OrgId orgId = caller.orgId;
    runChatroomCommand(
        ctx, request, reply, 201,
        [agent, text, kind, media, mediaId, caption, orgId](QSqlDatabase &db, const Chatroom &chatroom,
                                                            RuleContext &rules) -> Result<Outcome> {
            if (!media)
                return sendAgentText(chatroom, agent, text, rules);
            auto attachment = uploadFor(db, orgId, mediaId, kind, caption);
            if (!attachment)
                return attachment.error();
            return sendAgentMedia(chatroom, agent, kind, *attachment, rules);
        },
        lastMessageJson);
}

void markReadRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    const QString upTo = r.optionalString("up_to_message_id", kMaxIdLength).value_or(QString());
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    const UserId reader = request.caller().userId;
    if (reader.isEmpty()) {
        reply.error(
            Error::make(ErrorCode::Forbidden, QStringLiteral("Only a participant can read a chatroom.")));
        return;
    }
    runChatroomCommand(
        ctx, request, reply, 200,
        [reader, upTo](QSqlDatabase &db, const Chatroom &chatroom, RuleContext &rules) -> Result<Outcome> {
            if (!upTo.isEmpty()) {
                auto message = ss::findMessage(db, upTo);
                if (!message)
                    return message.error();
                if (!message->has_value() || (*message)->chatroomId != chatroom.id)
                    return Error::make(ErrorCode::ValidationFailed,
                                       QStringLiteral("up_to_message_id names no message of this chatroom."),
                                       {QStringLiteral("up_to_message_id")});
            }
            return markRead(chatroom, reader, upTo, rules);
        },
        [](const Outcome &) {
            return QJsonObject{{QStringLiteral("unread_count"), 0}};
        });
}

void reassignRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    const QString userId = r.optionalString("user_id", kMaxIdLength).value_or(QString());
    const QString groupId = r.optionalString("group_id", kMaxIdLength).value_or(QString());
    if (userId.isEmpty() && groupId.isEmpty())
        r.fail(ErrorCode::ValidationFailed, "user_id",
               QStringLiteral("Either user_id or group_id is required."));
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    runChatroomCommand(
        ctx, request, reply, 200,
        [userId, groupId](QSqlDatabase &db, const Chatroom &chatroom, RuleContext &rules) {
            ss::StoreDirectory directory(db);
            return reassignChatroom(chatroom, userId, userId.isEmpty() ? groupId : GroupId(), directory,
                                    rules);
        },
        answerChatroom(request.caller()));
}

void deactivateRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    if (!readEmptyBody(request, reply))
        return;
    runChatroomCommand(
        ctx, request, reply, 200,
        [](QSqlDatabase &, const Chatroom &chatroom, RuleContext &rules) {
            return deactivateChatroom(chatroom, rules);
        },
        answerChatroom(request.caller()));
}

void activateRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    if (!readEmptyBody(request, reply))
        return;
    runChatroomCommand(
        ctx, request, reply, 200,
        [](QSqlDatabase &db, const Chatroom &chatroom, RuleContext &rules) -> Result<Outcome> {
            auto other = ss::activeChatroomOn(db, chatroom.phoneNumber, chatroom.remotePhoneId);
            if (!other)
                return other.error();
            const bool otherActive = other->has_value() && (*other)->id != chatroom.id;
            return activateChatroom(chatroom, otherActive, rules);
        },
        answerChatroom(request.caller()));
}

} // namespace

void addChatroomCommandRoutes(Router &router, RouteContext &ctx)
{
    const auto bind = [&ctx](void (*handler)(RouteContext &, ApiRequest &, const HttpReply &)) {
        return [&ctx, handler](ApiRequest &request, const HttpReply &reply) { handler(ctx, request, reply); };
    };
    const Access supervisors = Access::roles_({Role::Admin, Role::Supervisor});
    router.add(Method::Post, QStringLiteral("/v3/orgs/{orgId}/chatrooms/{chatroomId}/template-messages"),
               Access::anyRole(), bind(sendTemplateRoute));
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/chatrooms/{chatroomId}/messages"),
               Access::anyRole(), bind(sendTextRoute));
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/chatrooms/{chatroomId}/read"),
               Access::anyRole(), bind(markReadRoute));
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/chatrooms/{chatroomId}/reassign"), supervisors,
               bind(reassignRoute));
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/chatrooms/{chatroomId}/deactivate"),
               supervisors, bind(deactivateRoute));
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/chatrooms/{chatroomId}/activate"), supervisors,
               bind(activateRoute));
}

} // namespace handover
