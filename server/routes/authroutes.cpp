#include "server/routes/authroutes.h"

#include "core/json/apicodec.h"
#include "core/json/timestamps.h"
#include "core/store/server/credentials.h"
#include "core/store/server/users.h"
#include "server/auth/tokens.h"

#include <QFuture>
#include <QPromise>
#include <QThreadPool>
#include <memory>

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

namespace {

// Login checks whatever it is given; the bound only caps the hashing work a request can ask for.
constexpr int kMaxLoginPasswordLength = 1024;

// Runs `work` on the global thread pool and hands its result to `then` on `context`'s thread. If `context` is
// destroyed first, the continuation is cancelled and `then` never runs.
template <typename T, typename Work, typename Then>
void runInBackground(QObject *context, Work work, Then then)
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->future().then(context, [then = std::move(then)](T value) { then(std::move(value)); });
    QThreadPool::globalInstance()->start([promise, work = std::move(work)]() {
        promise->start();
        promise->addResult(work());
        promise->finish();
    });
}

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

// The index of the first account whose hash accepts the password, or -1. Every account is checked until one
// matches, and with no account the dummy hash is, so the work does not tell an unknown email from a wrong
// password.
int matchingAccount(const QList<ss::UserCredentials> &accounts, const QString &password,
                    PasswordStrength strength)
{
    if (accounts.isEmpty()) {
        (void)verifyPassword(password, dummyHash(strength));
        return -1;
    }
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        if (verifyPassword(password, accounts.at(i).passwordHash))
            return static_cast<int>(i);
    }
    return -1;
}

Error wrongCredentials()
{
    return Error::make(ErrorCode::Unauthenticated, QStringLiteral("The email or the password is wrong."));
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
    ctx.commands.run(
        [session, token, user, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            const QDateTime now = clock.now();
            ss::NewSession stored = session;
            stored.expiresAt = now.addDays(kSessionLifetimeDays);
            // Logins are when sessions are made, so they also clear away the ones that have run out.
            if (auto purged = ss::purgeExpiredSessions(db, now); !purged)
                return purged.error();
            if (auto inserted = ss::insertSession(db, stored, now); !inserted)
                return inserted.error();
            return answer(200,
                          QJsonObject{{QStringLiteral("token"), token},
                                      {QStringLiteral("expires_at"), timestampToJson(stored.expiresAt)},
                                      {QStringLiteral("user"), userToJson(user)}},
                          user.orgId);
        },
        reply);
}

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
    auto accounts = ss::credentialsByEmail(ctx.readDb, email);
    if (replyIfError(accounts, reply))
        return;
    const QList<ss::UserCredentials> candidates = std::move(accounts).value();
    const PasswordStrength strength = ctx.passwordStrength;
    RouteContext *context = &ctx;
    runInBackground<int>(
        &ctx.commands,
        [candidates, password, strength] { return matchingAccount(candidates, password, strength); },
        [context, reply, candidates](int index) {
            if (index < 0) {
                reply.error(wrongCredentials());
                return;
            }
            startSession(*context, reply, candidates.at(index).user);
        });
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

void hashPasswordInBackground(QObject *context, const QString &password, PasswordStrength strength,
                              std::function<void(const QByteArray &hash)> then)
{
    runInBackground<QByteArray>(
        context, [password, strength] { return hashOrEmpty(password, strength); },
        [then = std::move(then)](const QByteArray &hash) { then(hash); });
}

void addAuthRoutes(Router &router, RouteContext &ctx)
{
    const auto bind = [&ctx](void (*handler)(RouteContext &, ApiRequest &, const HttpReply &)) {
        return [&ctx, handler](ApiRequest &request, const HttpReply &reply) { handler(ctx, request, reply); };
    };
    router.add(Method::Post, QStringLiteral("/v1/auth/login"), Access::open(), bind(loginRoute));
    router.add(Method::Get, QStringLiteral("/v1/me"), Access::anyRole(), bind(meRoute));

    // Make the dummy hash now, so that the first login with an unknown email costs no more than any other.
    const PasswordStrength strength = ctx.passwordStrength;
    QThreadPool::globalInstance()->start([strength] { (void)dummyHash(strength); });
}

} // namespace handover
