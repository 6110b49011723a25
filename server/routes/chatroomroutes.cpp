#include "server/routes/chatroomroutes.h"

#include "core/json/apicodec.h"
#include "core/rules/chatroomcreation.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/contacts.h"
#include "core/store/server/messages.h"
#include "core/store/server/outcomewriter.h"
#include "core/store/server/storedirectory.h"
#include "core/store/server/wabaphones.h"
#include "server/services/outcomecommit.h"

#include <QJsonArray>

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

QJsonObject chatroomForCaller(const Chatroom &chatroom, const Principal &caller)
{
    return chatroomToJson(chatroom, std::optional<UserId>(caller.userId));
}

Result<Chatroom> chatroomForAccess(QSqlDatabase &db, const Principal &caller, const ChatroomId &chatroomId)
{
    auto chatroom = ss::chatroomById(db, caller.orgId, chatroomId);
    if (!chatroom)
        return chatroom.error();
    if (!chatroomVisibleTo(*chatroom, caller.userId, caller.role)) {
        return Error::make(ErrorCode::Forbidden, QStringLiteral("You do not participate in this chatroom."));
    }
    return chatroom;
}

namespace {

void createChatroomRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    CreateChatroomRequest create;
    create.userId = r.optionalString("user_id", kMaxIdLength).value_or(QString());
    create.groupId = r.optionalString("group_id", kMaxIdLength).value_or(QString());
    create.assignOnHandover = r.optionalBool("assign_on_handover").value_or(false);
    create.remoteWabaId = r.optionalString("remote_waba_id", kMaxIdLength).value_or(QString());
    create.remotePhoneId = r.optionalString("remote_phone_id", kMaxIdLength).value_or(QString());
    create.displayName = r.optionalString("display_name", kMaxNameLength, {.trim = true, .allowEmpty = true})
                             .value_or(QString());
    create.failIfChatroomExistsOnOtherWabaPhone =
        r.optionalBool("fail_if_chatroom_exists_on_other_wabaphone").value_or(true);
    if (create.userId.isEmpty() && create.groupId.isEmpty()) {
        r.fail(ErrorCode::ValidationFailed, "user_id", QStringLiteral("Either user_id or group_id is required."));
    }
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    if (!create.userId.isEmpty())
        create.groupId.clear(); // the user wins if both are given

    const Principal caller = request.caller();
    const ContactId contactId = request.param(QStringLiteral("contactId"));
    const Clock &clock = ctx.clock;
    IdSource &ids = ctx.ids;
    ctx.commands.run(
        [=, &clock, &ids](QSqlDatabase &db) -> Result<CommandEffects> {
            auto contact = ss::contactById(db, caller.orgId, contactId);
            if (!contact)
                return contact.error();
            CreateChatroomRequest full = create;
            full.contact = *contact;
            CreateChatroomContext situation;
            auto phones = ss::wabaPhonesOf(db, caller.orgId);
            if (!phones)
                return phones.error();
            situation.orgPhones = *phones;
            auto active = ss::activeChatroomsOfPhone(db, caller.orgId, contact->phoneNumber);
            if (!active)
                return active.error();
            situation.activeChatroomsOfPhone = *active;
            auto seq = nextSeqFor(db, caller.orgId);
            if (!seq)
                return seq.error();
            RuleContext rules(clock, ids, *seq);
            ss::StoreDirectory directory(db);
            auto outcome = createChatroom(full, situation, directory, rules);
            if (!outcome)
                return outcome.error();
            const QJsonObject json = chatroomForCaller(outcome->chatroom, caller);
            if (!outcome->created)
                return answer(200, json, caller.orgId); // R3
            return commitOutcome(db, *outcome, rules.now(), 201, json);
        },
        reply);
}

void listChatroomsRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    const Principal &caller = request.caller();
    ss::ChatroomPageRequest page;
    page.orgId = caller.orgId;
    page.userId = caller.userId;
    const QString viewText = request.query.value(QStringLiteral("view"));
    if (viewText.isEmpty()) {
        page.view = caller.isApiKey() ? View::All : View::Mine;
    } else if (const auto view = viewFromName(viewText)) {
        page.view = *view;
    } else {
        reply.error(Error::make(ErrorCode::BadRequest, QStringLiteral("view must be mine, awaiting_handover or all."),
                                {QStringLiteral("view")}));
        return;
    }
    if (page.view != View::Mine && !roleSeesAllChatrooms(caller.role)) {
        reply.error(Error::make(ErrorCode::Forbidden, QStringLiteral("Only supervisors and admins see this view.")));
        return;
    }
    if (page.view == View::Mine && caller.userId.isEmpty()) {
        reply.error(Error::make(ErrorCode::BadRequest, QStringLiteral("An API key has no Mine view."),
                                {QStringLiteral("view")}));
        return;
    }
    if (!queryInt(request, reply, QStringLiteral("limit"), 50, 1, ss::kMaxChatroomPage, &page.limit))
        return;
    page.cursor = request.query.value(QStringLiteral("cursor"));
    auto result = ss::listChatrooms(ctx.readDb, page);
    if (replyIfError(result, reply))
        return;
    QJsonArray rows;
    for (const Chatroom &chatroom : std::as_const(result->chatrooms))
        rows.append(chatroomForCaller(chatroom, caller));
    reply.json(200, QJsonObject{{QStringLiteral("chatrooms"), rows},
                                {QStringLiteral("next_cursor"), result->nextCursor.isEmpty()
                                                                    ? QJsonValue(QJsonValue::Null)
                                                                    : QJsonValue(result->nextCursor)}});
}

void getChatroomRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    auto chatroom = chatroomForAccess(ctx.readDb, request.caller(), request.param(QStringLiteral("chatroomId")));
    if (replyIfError(chatroom, reply))
        return;
    reply.json(200, chatroomForCaller(*chatroom, request.caller()));
}

void listMessagesRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    const Principal &caller = request.caller();
    const ChatroomId chatroomId = request.param(QStringLiteral("chatroomId"));
    auto chatroom = chatroomForAccess(ctx.readDb, caller, chatroomId);
    if (replyIfError(chatroom, reply))
        return;
    int limit = 50;
    if (!queryInt(request, reply, QStringLiteral("limit"), 50, 1, ss::kMaxMessagePage, &limit))
        return;
    const QString before = request.query.value(QStringLiteral("before"));
    auto page = ss::messagePage(ctx.readDb, caller.orgId, chatroomId, before, limit);
    if (replyIfError(page, reply))
        return;
    QJsonArray rows;
    for (const Message &message : std::as_const(*page))
        rows.append(messageToJson(message));
    reply.json(200, QJsonObject{{QStringLiteral("messages"), rows}});
}

} // namespace

void addChatroomRoutes(Router &router, RouteContext &ctx)
{
    const auto bind = [&ctx](void (*handler)(RouteContext &, ApiRequest &, const HttpReply &)) {
        return [&ctx, handler](ApiRequest &request, const HttpReply &reply) { handler(ctx, request, reply); };
    };
    router.add(Method::Post, QStringLiteral("/v3/orgs/{orgId}/contacts/{contactId}/assign"),
               Access::roles_({Role::Admin}), bind(createChatroomRoute));
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/chatrooms"), Access::anyRole(), bind(listChatroomsRoute));
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/chatrooms/{chatroomId}"), Access::anyRole(),
               bind(getChatroomRoute));
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/chatrooms/{chatroomId}/messages"), Access::anyRole(),
               bind(listMessagesRoute));
}

} // namespace handover
