#pragma once

#include "server/auth/credentialrevocations.h"
#include "server/auth/loginthrottle.h"
#include "server/auth/passwordworkers.h"
#include "server/routes/routecontext.h"

#include <functional>

namespace handover {

// What logins and credential changes need beyond the RouteContext; the server owns it and points
// RouteContext::auth at it.
struct AuthContext
{
    LoginThrottle &throttle;
    PasswordWorkers &passwordWork;
    CredentialRevocations &revocations;
    qint64 sessionLifetimeMs = kDefaultSessionLifetimeMs;

    static constexpr qint64 kDefaultSessionLifetimeMs = 30LL * 24 * 3600 * 1000; // 30 days
};

// POST /v1/auth/login, POST /v1/auth/logout and GET /v1/me (API.md).
void addAuthRoutes(Router &router, RouteContext &context);

inline constexpr int kMaxEmailLength = 254;
// What a 503 SERVER_BUSY asks the client to wait: the password workers' queue drains in well under this.
inline constexpr int kBusyRetryAfterSecs = 1;

// Hashes a new password on the password workers; `then` runs back on the route context's thread with the
// hash, or an empty one when hashing failed. When the workers are full the reply gets 503 with Retry-After
// and `then` never runs.
void hashPasswordInBackground(RouteContext &context, const HttpReply &reply, const QString &password,
                              std::function<void(const QByteArray &hash)> then);

// 503 SERVER_BUSY with Retry-After, for work refused because the server is at capacity.
void replyBusy(const HttpReply &reply);

} // namespace handover
