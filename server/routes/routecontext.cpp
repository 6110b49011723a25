#include "server/routes/routecontext.h"

#include <QRegularExpression>

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

bool readEmptyBody(const ApiRequest &request, const HttpReply &reply)
{
    QJsonObject ignored;
    return readBody(request, reply, &ignored);
}

bool queryBool(const ApiRequest &request, const HttpReply &reply, const QString &name, bool fallback, bool *value)
{
    if (!request.query.has(name)) {
        *value = fallback;
        return true;
    }
    const auto parsed = parseQueryBool(name, request.query.value(name));
    if (replyIfError(parsed, reply))
        return false;
    *value = *parsed;
    return true;
}

bool queryInt(const ApiRequest &request, const HttpReply &reply, const QString &name, int fallback, int min,
              int max, int *value)
{
    if (!request.query.has(name)) {
        *value = fallback;
        return true;
    }
    // A whole number that does not fit is out of range (4000002), not malformed (4000001).
    const QString text = request.query.value(name);
    bool ok = false;
    const qlonglong parsed = text.toLongLong(&ok);
    static const QRegularExpression digits(QStringLiteral("^[+-]?[0-9]+$"));
    const bool wholeNumber = ok || digits.match(text).hasMatch();
    if (!wholeNumber) {
        reply.error(Error::make(ErrorCode::BadRequest, QStringLiteral("%1 must be a whole number.").arg(name), {name}));
        return false;
    }
    if (!ok || parsed < min || parsed > max) {
        reply.error(Error::make(ErrorCode::ValidationFailed,
                                QStringLiteral("%1 must be between %2 and %3.").arg(name).arg(min).arg(max), {name}));
        return false;
    }
    *value = int(parsed);
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
