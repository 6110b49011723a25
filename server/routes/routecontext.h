#pragma once

#include "core/clock.h"
#include "core/domain/ids.h"
#include "core/json/jsonreader.h"
#include "core/store/groupcommitwriter.h"
#include "server/auth/passwords.h"
#include "server/http/router.h"
#include "server/services/commandrunner.h"

#include <QSqlDatabase>

#include <functional>

namespace handover {

struct AuthContext;

// What route handlers work with. Reads use the main thread's read connection (WAL: they see what has
// committed); every change goes through `commands`, so it is decided and written on the writer thread.
struct RouteContext
{
    const Clock &clock;
    IdSource &ids;
    QSqlDatabase &readDb;
    CommandRunner &commands;
    PasswordStrength passwordStrength = PasswordStrength::Interactive;
    bool allowPrivateWebhooks = false;
    AuthContext *auth = nullptr; // login throttle, password workers, revocations (server/routes/authroutes.h)
};

// Parses the body as a JSON object and hands a reader to `read`; answers 4000001 for a body that is not one.
// An empty body counts as {} so that POSTs without fields need no body.
bool readBody(const ApiRequest &request, const HttpReply &reply, QJsonObject *object);
// For commands that take no fields: an empty body or a JSON object (whose fields are ignored); anything else is
// answered 400 as for every other route.
bool readEmptyBody(const ApiRequest &request, const HttpReply &reply);

// Answers an error from a failed Result; true if it did.
template <typename T>
bool replyIfError(const Result<T> &result, const HttpReply &reply)
{
    if (result.ok())
        return false;
    reply.error(result.error());
    return true;
}

// A query flag `true/false/1/0`; anything else answers 4000001 naming it. `fallback` when absent.
bool queryBool(const ApiRequest &request, const HttpReply &reply, const QString &name, bool fallback, bool *value);

// A query integer in [min, max]; anything else answers 4000001/4000002 naming it.
bool queryInt(const ApiRequest &request, const HttpReply &reply, const QString &name, int fallback, int min,
              int max, int *value);

// Builds the effects of a command that only answers.
CommandEffects answer(int status, const QJsonObject &body, const OrgId &orgId = {});

inline constexpr int kMaxNameLength = 128;
inline constexpr int kMaxIdLength = 64;

} // namespace handover
