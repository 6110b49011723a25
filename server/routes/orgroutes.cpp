#include "server/routes/orgroutes.h"

#include "core/json/apicodec.h"
#include "core/json/timestamps.h"
#include "core/store/server/credentials.h"
#include "core/store/server/orgs.h"
#include "core/store/server/users.h"
#include "core/store/server/wabaphones.h"
#include "server/auth/tokens.h"
#include "server/routes/authroutes.h"
#include "server/routes/credentialroutes.h"
#include "server/whatsapp/wabaphoneregistration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

namespace {

constexpr int kMinPasswordLength = 8;
constexpr int kMaxPasswordLength = 64;
constexpr int kMaxGroupMembers = 1000;
constexpr int kMaxDisplayPhoneLength = 32;
constexpr int kMaxAccessTokenLength = 2048;
constexpr int kMaxDays = 3650;

// One '@' with something on both sides, a dot in the domain, no spaces: enough to catch a wrong field; the
// address is not verified.
bool looksLikeEmail(const QString &email)
{
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at <= 0 || at != email.lastIndexOf(QLatin1Char('@')))
        return false;
    const QStringView domain = QStringView(email).mid(at + 1);
    if (domain.isEmpty() || !domain.contains(QLatin1Char('.')) || domain.startsWith(QLatin1Char('.')) ||
        domain.endsWith(QLatin1Char('.'))) {
        return false;
    }
    return std::none_of(email.cbegin(), email.cend(),
                        [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control; });
}

// Meta's ids are digits; tests and demos use readable ones. Either way they end up in URL paths, so only
// letters, digits, '_' and '-' are taken.
bool isRemoteId(const QString &id)
{
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return (c.unicode() < 0x80 && c.isLetterOrNumber()) || c == QLatin1Char('_') || c == QLatin1Char('-');
    });
}

// Meta's tokens are base64-like; anything else (spaces, control characters, non-ASCII) cannot be one, and
// would not survive the trip into an Authorization header.
bool isAccessToken(const QString &token)
{
    return !token.isEmpty() && std::all_of(token.cbegin(), token.cend(),
                                           [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; });
}

void checkRemoteId(JsonReader &r, const char *key, const QString &value)
{
    if (!value.isEmpty() && !isRemoteId(value)) {
        r.fail(ErrorCode::ValidationFailed, key,
               QString::fromLatin1(key) + QStringLiteral(" may only contain letters, digits, '_' and '-'."));
    }
}

// Ids in a body name the org's own objects: an unknown id, or another org's, is NOT_FOUND (API.md).
Result<void> requireUsersOfOrg(QSqlDatabase &db, const OrgId &orgId, const QStringList &userIds)
{
    for (qsizetype i = 0; i < userIds.size(); ++i) {
        auto user = ss::userById(db, orgId, userIds.at(i));
        if (!user) {
            if (user.code() != ErrorCode::NotFound)
                return user.error();
            return Error::make(ErrorCode::NotFound,
                               QStringLiteral("No user with id %1 in this org.").arg(userIds.at(i)),
                               {QStringLiteral("user_ids[%1]").arg(i)});
        }
    }
    return {};
}

void createUserRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    User user;
    user.email = r.requiredString("email", kMaxEmailLength, {.trim = true});
    if (!user.email.isEmpty() && !looksLikeEmail(user.email))
        r.fail(ErrorCode::ValidationFailed, "email",
               QStringLiteral("email must be an address like name@example.com."));
    user.firstName = r.optionalString("first_name", kMaxNameLength, {.trim = true}).value_or(QString());
    user.lastName = r.optionalString("last_name", kMaxNameLength, {.trim = true}).value_or(QString());
    const QString password =
        r.requiredString("password", kMaxPasswordLength, {.minLength = kMinPasswordLength});
    user.role = r.optionalEnum("role", roleFromName).value_or(Role::Member);
    user.askToUpdatePasswordOnLogin = r.optionalBool("ask_user_to_update_password_on_login").value_or(false);
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    user.id = ctx.ids.newId();
    user.orgId = request.caller().orgId;

    CommandRunner &commands = ctx.commands;
    const Clock &clock = ctx.clock;
    hashPasswordInBackground(ctx, reply, password, [user, reply, &commands, &clock](const QByteArray &hash) {
        if (hash.isEmpty()) {
            reply.error(
                Error::make(ErrorCode::Internal, QStringLiteral("The password could not be hashed.")));
            return;
        }
        commands.run(
            [user, hash, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
                if (auto inserted = ss::insertUser(db, user, hash, clock.now()); !inserted)
                    return inserted.error();
                return answer(201, QJsonObject{{QStringLiteral("user_id"), user.id}}, user.orgId);
            },
            reply);
    });
}

void listUsersRoute(RouteContext &ctx, const PresenceLookup &isOnline, ApiRequest &request,
                    const HttpReply &reply)
{
    auto users = ss::listUsers(ctx.readDb, request.caller().orgId);
    if (replyIfError(users, reply))
        return;
    // Everyone in the org may know who their colleagues are (the conversation names who took over); who is
    // online and how many chatrooms each holds are for those who assign work.
    const bool assigns = request.caller().isApiKey() || roleSeesAllChatrooms(request.caller().role);
    QJsonArray rows;
    for (const ss::UserSummary &summary : std::as_const(*users)) {
        QJsonObject row = userToJson(summary.user);
        if (assigns) {
            row.insert(QStringLiteral("online"),
                       isOnline ? isOnline(request.caller().orgId, summary.user.id) : false);
            row.insert(QStringLiteral("active_chatrooms"), summary.activeChatrooms);
        }
        rows.append(row);
    }
    reply.json(200, QJsonObject{{QStringLiteral("users"), rows}});
}

void createGroupRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    Group group;
    group.name = r.requiredString("name", kMaxNameLength, {.trim = true});
    const QStringList given =
        r.optionalStringArray("user_ids", kMaxGroupMembers, kMaxIdLength).value_or(QStringList());
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    for (const QString &userId : given) {
        if (!group.userIds.contains(userId))
            group.userIds.append(userId);
    }
    group.id = ctx.ids.newId();
    group.orgId = request.caller().orgId;
    const Clock &clock = ctx.clock;
    ctx.commands.run(
        [group, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto members = requireUsersOfOrg(db, group.orgId, group.userIds); !members)
                return members.error();
            if (auto inserted = ss::insertGroup(db, group, clock.now()); !inserted)
                return inserted.error();
            return answer(201, groupToJson(group), group.orgId);
        },
        reply);
}

void createApiKeyRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    const QString name = r.requiredString("name", kMaxNameLength, {.trim = true});
    const Role role = r.requiredEnum("role", roleFromName, Role::Member);
    const QDateTime expiresAt = readApiKeyExpiry(r, ctx.clock.now());
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    const Principal &caller = request.caller();
    const QString apiKey = newApiKey();
    ss::NewApiKey key;
    key.id = ctx.ids.newId();
    key.orgId = caller.orgId;
    key.name = name;
    key.role = role;
    key.keySha256 = QByteArray::fromHex(tokenHash(apiKey).toLatin1());
    key.createdByUserId = caller.userId;
    key.expiresAt = expiresAt;
    const Clock &clock = ctx.clock;
    ctx.commands.run(
        [key, apiKey, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto inserted = ss::insertApiKey(db, key, clock.now()); !inserted)
                return inserted.error();
            const QJsonValue expires = timestampToJson(key.expiresAt);
            CommandEffects effects = answer(201,
                                            QJsonObject{{QStringLiteral("api_key_id"), key.id},
                                                        {QStringLiteral("api_key"), apiKey},
                                                        {QStringLiteral("expires_at"), expires}},
                                            key.orgId);
            // The key is shown once: a retry with the same Idempotency-Key gets the id, not the secret.
            effects.response.replayBody =
                QJsonDocument(QJsonObject{{QStringLiteral("api_key_id"), key.id},
                                          {QStringLiteral("api_key"), QJsonValue(QJsonValue::Null)},
                                          {QStringLiteral("expires_at"), expires}})
                    .toJson(QJsonDocument::Compact);
            return effects;
        },
        reply);
}

void createWabaPhoneRoute(RouteContext &ctx, WabaPhoneRegistration &registration, ApiRequest &request,
                          const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    WabaPhone phone;
    phone.remoteWabaId = r.requiredString("remote_waba_id", kMaxIdLength, {.trim = true});
    checkRemoteId(r, "remote_waba_id", phone.remoteWabaId);
    phone.remotePhoneId = r.requiredString("remote_phone_id", kMaxIdLength, {.trim = true});
    checkRemoteId(r, "remote_phone_id", phone.remotePhoneId);
    phone.displayPhoneNumber =
        r.requiredString("display_phone_number", kMaxDisplayPhoneLength, {.trim = true});
    const std::optional<QString> accessToken = r.optionalString("access_token", kMaxAccessTokenLength);
    if (accessToken && !isAccessToken(*accessToken)) {
        r.fail(ErrorCode::ValidationFailed, "access_token",
               QStringLiteral("access_token must be the token Meta issued: printable ASCII, no spaces."));
    }
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    phone.id = ctx.ids.newId();
    phone.orgId = request.caller().orgId;
    registration.registerPhone(phone, accessToken, reply);
}

void listWabaPhonesRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    auto phones = ss::wabaPhonesOf(ctx.readDb, request.caller().orgId);
    if (replyIfError(phones, reply))
        return;
    QJsonArray rows;
    for (const WabaPhone &phone : std::as_const(*phones))
        rows.append(wabaPhoneToJson(phone));
    reply.json(200, QJsonObject{{QStringLiteral("waba_phones"), rows}});
}

// PUT replaces the settings: a field left out takes its default (no inbound group, 30 and 90 days).
void putSettingsRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    OrgSettings settings;
    const QString inboundGroup =
        r.optionalString("inbound_group_id", kMaxIdLength, {.trim = true}).value_or(QString());
    if (!inboundGroup.isEmpty())
        settings.inboundGroupId = inboundGroup;
    settings.deactivateAfterDays = r.optionalInt("deactivate_after_days", 1, kMaxDays).value_or(30);
    settings.expireAfterDays = r.optionalInt("expire_after_days", 1, kMaxDays).value_or(90);
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    const OrgId orgId = request.caller().orgId;
    ctx.commands.run(
        [orgId, settings](QSqlDatabase &db) -> Result<CommandEffects> {
            if (settings.inboundGroupId) {
                if (auto group = ss::groupById(db, orgId, *settings.inboundGroupId); !group) {
                    if (group.code() != ErrorCode::NotFound)
                        return group.error();
                    return Error::make(ErrorCode::NotFound,
                                       QStringLiteral("No group with this id in the org."),
                                       {QStringLiteral("inbound_group_id")});
                }
            }
            if (auto updated = ss::updateOrgSettings(db, orgId, settings); !updated)
                return updated.error();
            return answer(200, settingsToJson(settings), orgId);
        },
        reply);
}

} // namespace

void addOrgRoutes(Router &router, RouteContext &ctx, WabaPhoneRegistration &phones, PresenceLookup isOnline)
{
    const auto bind = [&ctx](void (*handler)(RouteContext &, ApiRequest &, const HttpReply &)) {
        return [&ctx, handler](ApiRequest &request, const HttpReply &reply) { handler(ctx, request, reply); };
    };
    const Access admins = Access::roles_({Role::Admin});
    const Access supervisors = Access::roles_({Role::Admin, Role::Supervisor});
    router.add(Method::Post, QStringLiteral("/v1/org/{orgId}/user"), admins, bind(createUserRoute));
    router.add(Method::Get, QStringLiteral("/v1/org/{orgId}/users"), Access::anyRole(),
               [&ctx, isOnline = std::move(isOnline)](ApiRequest &request, const HttpReply &reply) {
                   listUsersRoute(ctx, isOnline, request, reply);
               });
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/groups"), admins, bind(createGroupRoute));
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/api-keys"), admins, bind(createApiKeyRoute));
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/waba-phones"), admins,
               [&ctx, &phones](ApiRequest &request, const HttpReply &reply) {
                   createWabaPhoneRoute(ctx, phones, request, reply);
               });
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/waba-phones"), supervisors,
               bind(listWabaPhonesRoute));
    router.add(Method::Put, QStringLiteral("/v1/orgs/{orgId}/settings"), admins, bind(putSettingsRoute));
}

} // namespace handover
