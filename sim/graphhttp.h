#pragma once

// The HTTP side shared by the simulator's Graph API routes: reading the bearer token, answering with Meta's
// error body, and deciding whether a token may use a business phone.

#include "sim/metaformat.h"
#include "sim/phoneregistry.h"

#include <QByteArray>
#include <QHttpServerResponse>
#include <QString>
#include <optional>

class QHttpServerRequest;

namespace handover::sim {

QByteArray requestHeader(const QHttpServerRequest &request, const QByteArray &name);
// The token after "Bearer " (any case), or an empty one.
QByteArray bearerToken(const QHttpServerRequest &request);
// "v21.0" and the like.
bool isGraphVersion(const QString &version);
// 23 characters shaped like Meta's fbtrace_id.
QString newTraceId();
// Meta's error body with the error's HTTP status; a 190 carries WWW-Authenticate as Meta's does.
QHttpServerResponse metaErrorResponse(const MetaError &error);
// {"error": message} of the control API.
QHttpServerResponse
controlErrorResponse(const QString &message,
                     QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::BadRequest);

// Meta's answer when a token may not use an object (PhoneRegistry::access or objectAccess): 401 for an
// invalid token, 400 "does not exist" naming objectId for one the token cannot see; nothing when access is
// granted.
std::optional<QHttpServerResponse> refusedGraphAccess(GraphAccess access, const QString &objectId,
                                                      const QString &method);

} // namespace handover::sim
