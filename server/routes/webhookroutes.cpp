#include "server/routes/webhookroutes.h"

#include "core/json/timestamps.h"
#include "core/store/server/orgs.h"
#include "core/store/server/webhookdeliveries.h"
#include "server/webhook/webhooksigner.h"
#include "server/webhook/webhookurlpolicy.h"

#include <QJsonArray>

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

namespace {

constexpr int kMaxSecretLength = 256;
constexpr int kDeliveryPage = 200;

QJsonObject webhookJson(const ss::WebhookTarget &target)
{
    return QJsonObject{{QStringLiteral("url"), target.url}, {QStringLiteral("secret"), target.secret}};
}

QJsonObject deliveryJson(const ss::WebhookDelivery &d)
{
    return QJsonObject{
        {QStringLiteral("id"), d.id},
        {QStringLiteral("event_type"), d.eventType},
        {QStringLiteral("status"), ss::deliveryStateName(d.state)},
        {QStringLiteral("attempts"), d.attempts},
        {QStringLiteral("last_status_code"), d.lastStatusCode ? QJsonValue(*d.lastStatusCode) : QJsonValue()},
        {QStringLiteral("next_attempt_at"), timestampToJson(d.nextAttemptAt)},
        {QStringLiteral("created_at"), timestampToJson(d.createdAt)},
    };
}

void putWebhook(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    const QString url = r.requiredString("url", int(WebhookUrlPolicy::MaxUrlLength), {.trim = true});
    QString secret = r.optionalString("secret", kMaxSecretLength, {.trim = true}).value_or(QString());
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    const auto checked = WebhookUrlPolicy(ctx.allowPrivateWebhooks).checkUrl(url);
    if (replyIfError(checked, reply))
        return;
    if (secret.isEmpty()) {
        secret = WebhookSigner::generateSecret();
    } else if (auto decoded = WebhookSigner::decodeSecret(secret); !decoded) {
        Error error = decoded.error();
        error.fields = {QStringLiteral("secret")};
        reply.error(error);
        return;
    }
    const ss::WebhookTarget target{checked->toString(), secret};
    const OrgId orgId = request.caller().orgId;
    ctx.commands.run(
        [orgId, target](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto saved = ss::setOrgWebhook(db, orgId, target); !saved)
                return saved.error();
            return answer(200, webhookJson(target), orgId);
        },
        reply);
}

void getWebhook(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    auto target = ss::orgWebhook(ctx.readDb, request.caller().orgId);
    if (replyIfError(target, reply))
        return;
    if (!target->has_value()) {
        reply.error(Error::make(ErrorCode::NotFound, QStringLiteral("The org has no webhook.")));
        return;
    }
    reply.json(200, webhookJson(**target));
}

void deleteWebhook(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    const OrgId orgId = request.caller().orgId;
    ctx.commands.run(
        [orgId](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto removed = ss::deleteOrgWebhook(db, orgId); !removed)
                return removed.error();
            CommandEffects effects;
            effects.response = HttpResponse::empty(204);
            return effects;
        },
        reply);
}

void listDeliveries(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    std::optional<ss::DeliveryState> state;
    if (request.query.has(QStringLiteral("status"))) {
        state = ss::deliveryStateFromName(request.query.value(QStringLiteral("status")));
        if (!state) {
            reply.error(Error::make(ErrorCode::BadRequest,
                                    QStringLiteral("status must be pending, delivered or failed."),
                                    {QStringLiteral("status")}));
            return;
        }
    }
    auto rows = ss::listDeliveries(ctx.readDb, request.caller().orgId, state, kDeliveryPage);
    if (replyIfError(rows, reply))
        return;
    QJsonArray deliveries;
    for (const ss::WebhookDelivery &row : std::as_const(*rows))
        deliveries.append(deliveryJson(row));
    reply.json(200, QJsonObject{{QStringLiteral("deliveries"), deliveries}});
}

void redeliverRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    if (!readEmptyBody(request, reply))
        return;
    const OrgId orgId = request.caller().orgId;
    const QString deliveryId = request.param(QStringLiteral("deliveryId"));
    const Clock &clock = ctx.clock;
    ctx.commands.run(
        [orgId, deliveryId, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto done = ss::redeliver(db, orgId, deliveryId, clock.now()); !done)
                return done.error();
            CommandEffects effects = answer(202, QJsonObject{{QStringLiteral("id"), deliveryId},
                                                             {QStringLiteral("status"), QStringLiteral("pending")}},
                                            orgId);
            effects.wakeWebhooks = true;
            return effects;
        },
        reply);
}

} // namespace

void addWebhookRoutes(Router &router, RouteContext &ctx)
{
    const auto bind = [&ctx](void (*handler)(RouteContext &, ApiRequest &, const HttpReply &)) {
        return [&ctx, handler](ApiRequest &request, const HttpReply &reply) { handler(ctx, request, reply); };
    };
    const Access admins = Access::roles_({Role::Admin});
    router.add(Method::Put, QStringLiteral("/v1/orgs/{orgId}/webhook"), admins, bind(putWebhook));
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/webhook"), admins, bind(getWebhook));
    router.add(Method::Delete, QStringLiteral("/v1/orgs/{orgId}/webhook"), admins, bind(deleteWebhook));
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/webhook/deliveries"), admins, bind(listDeliveries));
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/webhook/deliveries/{deliveryId}/redeliver"), admins,
               bind(redeliverRoute));
}

} // namespace handover
