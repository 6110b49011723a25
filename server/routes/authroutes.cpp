#include "server/routes/authroutes.h"

#include "core/json/apicodec.h"
#include "core/json/timestamps.h"
#include "core/store/server/credentials.h"
#include "core/store/server/users.h"
#include "server/auth/tokens.h"

#include <memory>

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

namespace {

// Login checks whatever it is given; the bound only caps the hashing work a request can ask for.
constexpr int kMaxLoginPasswordLength = 1024;

QByteArray hashOrEmpty(const QString &password, PasswordStrength strength)
{
    auto hash = hashPassword(password, strength);
    return hash ? *hash : QByteArray();
}

// A hash of a random password with the server's strength: an unknown email is checked against it, so that a
// login costs the same whether or not the email exists.
const QByteArray &dummyHash(PasswordStrength strength)
{
    if (strength == PasswordStrength::Minimal) {
        static const QByteArray minimal = hashOrEmpty(QString::fromLatin1(randomBytes(24).toHex()), strength);
        return minimal;
    }
    static const QByteArray interactive = hashOrEmpty(QString::fromLatin1(randomBytes(24).toHex()), strength);
    return interactive;
}

// The index of the first active account whose hash accepts the password, or -1. Every account is checked
// until one matches, a deactivated one too (it just never matches), and with no account the dummy hash is, so
// the work tells neither an unknown email nor a deactivated user from a wrong password.
int matchingAccount(const QList<ss::UserCredentials> &accounts, const QString &password,
                    PasswordStrength strength)
{
    if (accounts.isEmpty()) {
        (void)verifyPassword(password, dummyHash(strength));
        return -1;
    }
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        if (verifyPassword(password, accounts.at(i).passwordHash) && accounts.at(i).user.active)
            return static_cast<int>(i);
    }
    return -1;
}

Error wrongCredentials()
{
    return Error::make(ErrorCode::Unauthenticated, QStringLiteral("The email or the password is wrong."));
}

void replyRetryLater(const HttpReply &reply, const Error &error, int retryAfterSecs)
{
    HttpResponse response = HttpResponse::error(error, reply.requestId());
    response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSecs)});
    reply.send(std::move(response));
}

void startSession(RouteContext &ctx, const HttpReply &reply, const User &user)
{
    const QString token = newSessionToken();
    ss::NewSession session;
    session.tokenSha256 = QByteArray::fromHex(tokenHash(token).toLatin1());
    session.orgId = user.orgId;
    session.userId = user.id;
    session.role = user.role;
    const Clock &clock = ctx.clock;
    const qint64 lifetimeMs = ctx.auth->sessionLifetimeMs;
    ctx.commands.run(
        [session, token, user, lifetimeMs, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            // A deactivation that committed while the password was being checked wins.
            auto current = ss::findUser(db, user.id);
            if (!current)
                return current.error();
            if (!*current || !(*current)->active)
                return wrongCredentials();
            const QDateTime now = clock.now();
            ss::NewSession stored = session;
            stored.expiresAt = now.addMSecs(lifetimeMs);
            // Logins are when sessions are made, so they also clear away the ones that have run out.
            if (auto purged = ss::purgeExpiredSessions(db, now); !purged)
                return purged.error();
            if (auto inserted = ss::insertSession(db, stored, now); !inserted)
                return inserted.error();
            return answer(200,
                          QJsonObject{{QStringLiteral("token"), token},
                                      {QStringLiteral("expires_at"), timestampToJson(stored.expiresAt)},
                                      {QStringLiteral("user"), userToJson(**current)}},
                          user.orgId);
        },
        reply);
}

// Throttled per account and address before any password work, which then runs on the bounded workers.
void loginRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    QJsonObject body;
    if (!readBody(request, reply, &body))
        return;
    JsonReader r(body);
    const QString email = r.requiredString("email", kMaxEmailLength, {.trim = true});
    const QString password = r.requiredString("password", kMaxLoginPasswordLength);
    if (!r.ok()) {
        reply.error(r.error());
        return;
    }
    AuthContext &auth = *ctx.auth;
    LoginThrottle::Attempt attempt;
    // The client's address: behind a trusted proxy, the one it names (ApiServer decides).
    if (const auto verdict = auth.throttle.admit(email, request.peerAddress, &attempt); !verdict.allowed) {
        // The same answer whether the account or the address is locked, and whether the account exists.
        replyRetryLater(
            reply,
            Error::make(ErrorCode::RateLimited, QStringLiteral("Too many failed logins; retry later.")),
            verdict.retryAfterSecs);
        return;
    }
    auto accounts = ss::credentialsByEmail(ctx.readDb, email);
    if (!accounts) {
        auth.throttle.abandoned(attempt);
        reply.error(accounts.error());
        return;
    }
    const QList<ss::UserCredentials> candidates = std::move(accounts).value();
    const PasswordStrength strength = ctx.passwordStrength;
    RouteContext *context = &ctx;
    const bool started = runPasswordWork<int>(
        auth.passwordWork, &ctx.commands,
        [candidates, password, strength] { return matchingAccount(candidates, password, strength); },
        [context, reply, candidates, attempt](int index) {
            LoginThrottle &throttle = context->auth->throttle;
            if (index < 0) {
                throttle.failed(attempt);
                reply.error(wrongCredentials());
                return;
            }
            throttle.succeeded(attempt);
            startSession(*context, reply, candidates.at(index).user);
        });
    if (!started) {
        auth.throttle.abandoned(attempt);
        replyBusy(reply);
    }
}

// Ends the caller's session: its token is refused from now on and its streams close with 4401. An API key is
// not a session: a client library's "log out on exit" must not destroy an integration's key, so keys are
// only revoked explicitly by an ADMIN.
void logoutRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    if (!readEmptyBody(request, reply))
        return;
    const Principal &caller = request.caller();
    if (caller.isApiKey()) {
        reply.error(Error::make(ErrorCode::Forbidden,
                                QStringLiteral("An API key has no session to end; an ADMIN revokes keys with "
                                               "DELETE /v1/orgs/{orgId}/api-keys/{keyId}.")));
        return;
    }
    const QByteArray tokenSha256 = QByteArray::fromHex(caller.tokenHash.toLatin1());
    const OrgId orgId = caller.orgId;
    const QString sessionHash = caller.tokenHash;
    CredentialRevocations &revocations = ctx.auth->revocations;
    ctx.commands.run(
        [tokenSha256, orgId](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto deleted = ss::deleteSession(db, tokenSha256); !deleted)
                return deleted.error();
            CommandEffects effects;
            effects.response = HttpResponse::empty(204);
            effects.orgId = orgId;
            return effects;
        },
        reply.withObserver([&revocations, orgId, sessionHash](const HttpResponse &response) {
            if (response.status == 204)
                revocations.sessionEnded(orgId, sessionHash);
        }));
}

void meRoute(RouteContext &ctx, ApiRequest &request, const HttpReply &reply)
{
    const Principal &caller = request.caller();
    if (caller.isApiKey()) {
        reply.json(200, QJsonObject{{QStringLiteral("api_key_id"), caller.apiKeyId},
                                    {QStringLiteral("org_id"), caller.orgId},
                                    {QStringLiteral("role"), roleName(caller.role)}});
        return;
    }
    auto user = ss::userById(ctx.readDb, caller.orgId, caller.userId);
    if (replyIfError(user, reply))
        return;
    reply.json(200, userToJson(*user));
}

} // namespace

void replyBusy(const HttpReply &reply)
{
    replyRetryLater(reply,
                    Error::make(ErrorCode::ServerBusy,
                                QStringLiteral("The server is busy checking passwords; retry shortly.")),
                    kBusyRetryAfterSecs);
}

void hashPasswordInBackground(RouteContext &context, const HttpReply &reply, const QString &password,
                              std::function<void(const QByteArray &hash)> then)
{
    const PasswordStrength strength = context.passwordStrength;
    const bool started = runPasswordWork<QByteArray>(
        context.auth->passwordWork, &context.commands,
        [password, strength] { return hashOrEmpty(password, strength); },
        [then = std::move(then)](const QByteArray &hash) { then(hash); });
    if (!started)
        replyBusy(reply);
}

void addAuthRoutes(Router &router, RouteContext &ctx)
{
    const auto bind = [&ctx](void (*handler)(RouteContext &, ApiRequest &, const HttpReply &)) {
        return [&ctx, handler](ApiRequest &request, const HttpReply &reply) { handler(ctx, request, reply); };
    };
    router.add(Method::Post, QStringLiteral("/v1/auth/login"), Access::open(), bind(loginRoute));
    router.add(Method::Post, QStringLiteral("/v1/auth/logout"), Access::anyRole(), bind(logoutRoute));
    router.add(Method::Get, QStringLiteral("/v1/me"), Access::anyRole(), bind(meRoute));

    // Make the dummy hash now, so that the first login with an unknown email costs no more than any other.
    const PasswordStrength strength = ctx.passwordStrength;
    (void)ctx.auth->passwordWork.tryStart([strength] { (void)dummyHash(strength); });
}

} // namespace handover
