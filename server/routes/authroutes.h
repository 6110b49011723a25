#pragma once

#include "server/routes/routecontext.h"

#include <functional>

namespace handover {

// POST /v1/auth/login and GET /v1/me (API.md).
void addAuthRoutes(Router &router, RouteContext &context);

// How long a session from POST /v1/auth/login lives.
inline constexpr int kSessionLifetimeDays = 30;
inline constexpr int kMaxEmailLength = 254;

// Argon2id costs tens of milliseconds and tens of MiB per call, so password work leaves the main thread: it
// runs on the global thread pool, and `then` runs back on `context`'s thread (dropped if `context` is gone by
// then). `then` gets the hash, or an empty one when hashing failed.
void hashPasswordInBackground(QObject *context, const QString &password, PasswordStrength strength,
                              std::function<void(const QByteArray &hash)> then);

} // namespace handover
