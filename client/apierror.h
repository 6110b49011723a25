#pragma once

#include "core/result.h"

#include <QString>
#include <utility>
#include <variant>

namespace handover::client {

// Why an HTTP command did not succeed. A network failure (no HTTP answer at all) is its own kind: the
// command may or may not have reached the server, so it is retried with the same Idempotency-Key.
struct ApiError
{
    enum class Kind
    {
        Network,  // refused, reset, timed out, DNS, TLS: no answer from the server
        Http,     // an answer with an error status; `error` holds API.md's body (or what the status implies)
        Protocol, // a success status whose body is not what API.md promises
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;      // 0 for Network
    Error error;             // API.md's error_code, description and fields
    QString requestId;       // X-Request-Id or the body's payload.request_id, when the server gave one
    int retryAfterSecs = -1; // Retry-After of a 429, -1 when absent

    static ApiError network(QString description);
    static ApiError protocol(int status, QString description);

    // Worth sending again unchanged: no answer, a 5xx, 429, or 4090004 (the same key is still in progress).
    bool isRetryable() const;
    // One sentence for logs and the UI.
    QString message() const;

    friend bool operator==(const ApiError &, const ApiError &) = default;
};

// A value or the ApiError that stopped it.
template <typename T> using ApiResult = Result<T, ApiError>;

} // namespace handover::client
