#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <optional>

namespace handover {

struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;
    // What an Idempotency-Key retry gets instead of `body`, for answers that show a secret only once.
    std::optional<QByteArray> replayBody;

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse text(int status, QByteArray body, QByteArray contentType);
    static HttpResponse error(const Error &error, const QString &requestId);
    static HttpResponse empty(int status);
};

// The bytes of an HTTP/1.1 answer: status line, X-Request-Id, the response's headers, Content-Length, and
// `Connection: close` when the connection ends after it.
QByteArray serializeHttpResponse(const HttpResponse &response, QByteArrayView requestId, bool closeAfter);

const char *httpReasonPhrase(int status);

// A request id for answers given before a request reached the API (refusals at the transport).
QByteArray randomRequestId();

} // namespace handover
