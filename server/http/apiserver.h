#pragma once

#include "core/clock.h"
#include "server/http/httpconnection.h"
#include "server/http/ratelimiter.h"
#include "server/http/router.h"

#include <QObject>
#include <optional>

namespace handover {

class IdempotencyGate;

// Finds the caller behind a bearer token (by its SHA-256 hash).
class CallerDirectory
{
public:
    virtual ~CallerDirectory() = default;
    virtual std::optional<Principal> principalForTokenHash(const QString &tokenHash) = 0;
};

struct ApiLimits
{
    double ratePerSecond = 200;
    double rateBurst = 400;
    QList<QHostAddress> trustedProxies; // whose X-Forwarded-For names the client
};

// The API behind the HTTP transport: request ids, the canonical path, routing, authentication, roles, rate
// limits and idempotency, in that order, before a route's handler runs.
class ApiServer : public QObject, public HttpRequestHandler
{
    Q_OBJECT
public:
    ApiServer(const Clock &clock, CallerDirectory &callers, IdempotencyGate &idempotency, ApiLimits limits,
              QObject *parent = nullptr);
    ~ApiServer() override;

    Router &router() { return m_router; }
    void setRateLimits(double ratePerSecond, double burst);
    void handle(HttpConnection *connection, quint64 serial, HttpRequest request) override;

    struct Counters
    {
        quint64 requests = 0;
        quint64 errors4xx = 0;
        quint64 errors5xx = 0;
        double totalLatencyMs = 0;
    };
    const Counters &counters() const { return m_counters; }

private:
    void dispatch(ApiRequest &request, const HttpReply &reply);
    std::optional<Error> authenticate(ApiRequest &request, const Route &route);
    QHostAddress clientAddress(const HttpRequest &request) const;
    QString nextRequestId();

    const Clock &m_clock;
    CallerDirectory &m_callers;
    IdempotencyGate &m_idempotency;
    ApiLimits m_limits;
    Router m_router;
    RateLimiter m_rateLimiter;
    Counters m_counters;
    QString m_requestIdPrefix;
    quint64 m_requestCounter = 0;
};

} // namespace handover
