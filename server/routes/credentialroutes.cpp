#include "server/routes/credentialroutes.h"

#include "core/json/apicodec.h"
#include "core/json/timestamps.h"
#include "core/store/server/credentials.h"
#include "core/store/server/users.h"
#include "server/routes/authroutes.h"

#include <QJsonArray>

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

namespace {

constexpr int kMaxKeyLifetimeDays = 3650;

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject apiKeyToJson(const ss::ApiKeyRecord &key)
{
    return QJsonObject{{QStringLiteral("api_key_id"), key.id},
                       {QStringLiteral("name"), key.name},
                       {QStringLiteral("role"), roleName(key.role)},
                       {QStringLiteral("created_by_user_id"), textOrNull(key.createdByUserId)},
                       {QStringLiteral("created_at"), timestampToJson(key.createdAt)},
                       {QStringLiteral("expires_at"), timestampToJson(key.expiresAt)},
                       {QStringLiteral("revoked_at"), timestampToJson(key.revokedAt)}};
}

// Runs a command that ends credentials; `ended` runs once it has committed and before the answer leaves, so
// whoever gets the answer finds the credential refused already.
void runRevocation(RouteContext &ctx, Command command, const HttpReply &reply, std::function<void()> ended)
{
    ctx.commands.run(std::move(command),
                     reply.withObserver([ended = std::move(ended)](const HttpResponse &response) {
                         if (response.status < 300)
                             ended();
                     }));
}

void listApiKeysRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    auto keys = ss::apiKeysOf(ctx.readDb, request.caller().orgId);
    if (replyIfError(keys, reply))
        return;
    QJsonArray rows;
    for (const ss::ApiKeyRecord &key : std::as_const(*keys))
        rows.append(apiKeyToJson(key));
    reply.json(200, QJsonObject{{QStringLiteral("api_keys"), rows}});
}

// Revoking is final and idempotent: a revoked key answers 204 again and keeps its first revoked_at.
void revokeApiKeyRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    if (!readEmptyBody(request, reply))
        return;
    const OrgId orgId = request.caller().orgId;
    const QString keyId = request.param(QStringLiteral("keyId"));
    const Clock &clock = ctx.clock;
    CredentialRevocations &revocations = ctx.auth->revocations;
    runRevocation(
        ctx,
        [orgId, keyId, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto revoked = ss::revokeApiKey(db, orgId, keyId, clock.now()); !revoked)
                return revoked.error();
            CommandEffects effects;
            effects.response = HttpResponse::empty(204);
            effects.orgId = orgId;
            return effects;
        },
        reply, [&revocations, orgId, keyId] { revocations.apiKeyRevoked(orgId, keyId); });
}

// Why a deactivation is refused, if it is: nobody deactivates themselves, and an org keeps an active ADMIN
// (someone must be able to log in, make keys and bring others back).
Result<void> checkDeactivation(QSqlDatabase &db, const Principal &caller, const User &target)
{
    if (!caller.isApiKey() && caller.userId == target.id) {
        return Error::make(ErrorCode::Forbidden,
                           QStringLiteral("You cannot deactivate yourself; another ADMIN can."));
    }
    if (target.role != Role::Admin || !target.active)
        return {};
    auto admins = ss::activeAdminCount(db, target.orgId);
    if (!admins)
        return admins.error();
    if (*admins <= 1)
        return Error::make(ErrorCode::Forbidden, QStringLiteral("The org must keep an active ADMIN."));
    return {};
}

// Deactivation keeps the user's data and participations (a supervisor reassigns their chatrooms), ends their
// sessions and streams at once, and refuses their logins like a wrong password. Reactivation lets them log in
// again; it restores no session.
void setUserActiveRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    const bool active = r.requiredBool("active");
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    const Principal caller = request.caller();
    const OrgId orgId = caller.orgId;
    const UserId userId = request.param(QStringLiteral("userId"));
    const Clock &clock = ctx.clock;
    CredentialRevocations &revocations = ctx.auth->revocations;
    runRevocation(
        ctx,
        [caller, userId, active, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            auto target = ss::userById(db, caller.orgId, userId);
            if (!target)
                return target.error();
            if (!active) {
                if (auto allowed = checkDeactivation(db, caller, *target); !allowed)
                    return allowed.error();
            }
            auto changed = ss::setUserActive(db, caller.orgId, userId, active, clock.now());
            if (!changed)
                return changed.error();
            if (!active) {
                if (auto ended = ss::deleteSessionsOfUser(db, userId); !ended)
                    return ended.error();
            }
            return answer(200, userToJson(*changed), caller.orgId);
        },
        reply,
        [&revocations, orgId, userId, active] {
            if (!active)
                revocations.userDeactivated(orgId, userId);
        });
}

} // namespace

QDateTime readApiKeyExpiry(JsonReader &reader, const QDateTime &now)
{
    const QDateTime at = reader.optionalTimestamp("expires_at");
    const std::optional<int> days = reader.optionalInt("expires_in_days", 1, kMaxKeyLifetimeDays);
    if (reader.has("expires_at") && reader.has("expires_in_days")) {
        const QString both = QStringLiteral("Give expires_at or expires_in_days, not both.");
        reader.fail(ErrorCode::ValidationFailed, "expires_at", both);
        reader.fail(ErrorCode::ValidationFailed, "expires_in_days", both);
        return {};
    }
    if (at.isValid() && at <= now) {
        reader.fail(ErrorCode::ValidationFailed, "expires_at",
                    QStringLiteral("expires_at must be in the future."));
        return {};
    }
    if (days)
        return now.addDays(*days);
    return at;
}

void addCredentialRoutes(Router &router, RouteContext &ctx)
{
    const auto bind = [&ctx](void (*handler)(RouteContext &, ApiRequest &, const HttpReply &)) {
        return [&ctx, handler](ApiRequest &request, const HttpReply &reply) { handler(ctx, request, reply); };
    };
    const Access admins = Access::roles_({Role::Admin});
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/api-keys"), admins, bind(listApiKeysRoute));
    router.add(Method::Delete, QStringLiteral("/v1/orgs/{orgId}/api-keys/{keyId}"), admins,
               bind(revokeApiKeyRoute));
    router.add(Method::Patch, QStringLiteral("/v1/org/{orgId}/user/{userId}"), admins,
               bind(setUserActiveRoute));
}

} // namespace handover
