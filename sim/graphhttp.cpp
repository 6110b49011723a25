#include "sim/graphhttp.h"

#include "sim/controlformat.h"
#include "sim/latin1.h"

#include <QHttpServerRequest>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace handover::sim {

QByteArray requestHeader(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray bearerToken(const QHttpServerRequest &request)
{
    const QByteArray authorization = requestHeader(request, QByteArrayLiteral("Authorization")).trimmed();
    const QByteArray scheme = QByteArrayLiteral("bearer ");
    if (!authorization.toLower().startsWith(scheme))
        return {};
    return authorization.mid(scheme.size()).trimmed();
}

bool isGraphVersion(const QString &version)
{
    static const QRegularExpression versionPattern(QStringLiteral("^v\\d+\\.\\d+$"));
    return versionPattern.match(version).hasMatch();
}

QString newTraceId()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString trace(23, Qt::Uninitialized);
    for (QChar &c : trace)
        c = QLatin1Char(
            alphabet[QRandomGenerator::global()->bounded(static_cast<int>(sizeof(alphabet) - 1))]);
    return trace;
}

QHttpServerResponse metaErrorResponse(const MetaError &error)
{
    QHttpServerResponse response(metaErrorBody(error, newTraceId()),
                                 static_cast<QHttpServerResponse::StatusCode>(error.httpStatus));
    if (error.code == 190)
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"),
                           QByteArrayLiteral("OAuth \"Facebook Platform\" \"invalid_token\" \"") +
                               error.message.toUtf8() + '"');
    return response;
}

QHttpServerResponse controlErrorResponse(const QString &message, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(controlErrorBody(message), status);
}

std::optional<QHttpServerResponse> refusedGraphAccess(GraphAccess access, const QString &objectId,
                                                      const QString &method)
{
    switch (access) {
    case GraphAccess::Granted:
        return std::nullopt;
    case GraphAccess::InvalidToken:
        return metaErrorResponse(MetaError::invalidAccessToken());
    case GraphAccess::UnknownPhone:
        return metaErrorResponse(MetaError::unknownObject(objectId, method));
    }
    return metaErrorResponse(MetaError::invalidAccessToken());
}

} // namespace handover::sim
