#pragma once

#include "client/apierror.h"

#include <QJsonObject>

class QNetworkReply;

namespace handover::client::detail {

// What an HTTP error answer means: API.md's error body decoded, with the status, X-Request-Id and
// Retry-After; a body that is not API.md's error object is worded from the status.
ApiError httpError(int status, const QByteArray &body, const QNetworkReply *reply);
// A finished reply as ApiClient answers it: the JSON object of a 2xx ({} for an empty body), an Http error,
// a Network error when there was no answer, or a Protocol error for a 2xx that is not a JSON object.
ApiResult<QJsonObject> decodeReply(QNetworkReply *reply);

} // namespace handover::client::detail
