#pragma once

#include "core/clock.h"
#include "server/http/ratelimiter.h"
#include "server/http/router.h"

#include <QAbstractHttpServer>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QWebSocket;
QT_END_NAMESPACE

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
    qint64 maxBodyBytes = 1024 * 1024;
    double ratePerSecond = 200;
    double rateBurst = 400;
};

// The HTTP front: request ids, body limits, routing, authentication, roles, rate limits and idempotency, in
// that order, before a route's handler runs. WebSocket upgrades are handed to the stream acceptor.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    ApiServer(const Clock &clock, CallerDirectory &callers, IdempotencyGate &idempotency, ApiLimits limits,
              QObject *parent = nullptr);
    ~ApiServer() override;

    Router &router() { return m_router; }
    void setStreamAcceptor(std::function<void(std::unique_ptr<QWebSocket>)> acceptor);
    void setRateLimits(double ratePerSecond, double burst);

    struct Counters
    {
        quint64 requests = 0;
        quint64 errors4xx = 0;
        quint64 errors5xx = 0;
        double totalLatencyMs = 0;
    };
    const Counters &counters() const { return m_counters; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void dispatch(ApiRequest &request, const HttpReply &reply);
    std::optional<Error> authenticate(ApiRequest &request, const Route &route);

    const Clock &m_clock;
    CallerDirectory &m_callers;
    IdempotencyGate &m_idempotency;
    ApiLimits m_limits;
    Router m_router;
    RateLimiter m_rateLimiter;
    std::function<void(std::unique_ptr<QWebSocket>)> m_streamAcceptor;
    Counters m_counters;
};

} // namespace handover
