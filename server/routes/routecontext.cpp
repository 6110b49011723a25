#include "server/routes/routecontext.h"

namespace handover {

bool readBody(const ApiRequest &request, const HttpReply &reply, QJsonObject *object)
{
    if (request.body.trimmed().isEmpty()) {
        *object = {};
        return true;
    }
    auto parsed = parseJsonObject(request.body);
    if (replyIfError(parsed, reply))
        return false;
    *object = std::move(parsed).value();
    return true;
}

bool queryBool(const ApiRequest &request, const HttpReply &reply, const QString &name, bool fallback, bool *value)
{
    if (!request.query.hasQueryItem(name)) {
        *value = fallback;
        return true;
    }
    const auto parsed = parseQueryBool(name, request.query.queryItemValue(name, QUrl::FullyDecoded));
    if (replyIfError(parsed, reply))
        return false;
    *value = *parsed;
    return true;
}

bool queryInt(const ApiRequest &request, const HttpReply &reply, const QString &name, int fallback, int min,
              int max, int *value)
{
    if (!request.query.hasQueryItem(name)) {
        *value = fallback;
        return true;
    }
    bool ok = false;
    const int parsed = request.query.queryItemValue(name).toInt(&ok);
    if (!ok) {
        reply.error(Error::make(ErrorCode::BadRequest, QStringLiteral("%1 must be a whole number.").arg(name), {name}));
        return false;
    }
    if (parsed < min || parsed > max) {
        reply.error(Error::make(ErrorCode::ValidationFailed,
                                QStringLiteral("%1 must be between %2 and %3.").arg(name).arg(min).arg(max), {name}));
        return false;
    }
    *value = parsed;
    return true;
}

CommandEffects answer(int status, const QJsonObject &body, const OrgId &orgId)
{
    CommandEffects effects;
    effects.response = HttpResponse::json(status, body);
    effects.orgId = orgId;
    return effects;
}

} // namespace handover
