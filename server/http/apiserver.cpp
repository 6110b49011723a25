#include "server/http/apiserver.h"

#include "core/logging.h"
#include "server/auth/tokens.h"
#include "server/http/idempotencygate.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

namespace handover {

namespace {

QString bearerToken(const QByteArray &authorization)
{
    static const QByteArray prefix = QByteArrayLiteral("Bearer ");
    if (!authorization.startsWith(prefix))
        return {};
    return QString::fromLatin1(authorization.mid(prefix.size()).trimmed());
}

} // namespace

ApiServer::ApiServer(const Clock &clock, CallerDirectory &callers, IdempotencyGate &idempotency,
                     ApiLimits limits, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_callers(callers)
    , m_idempotency(idempotency)
    , m_limits(std::move(limits))
    , m_rateLimiter(clock, m_limits.ratePerSecond, m_limits.rateBurst)
    , m_requestIdPrefix(
          QStringLiteral("req_%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0')))
{}

ApiServer::~ApiServer() = default;

void ApiServer::setRateLimits(double ratePerSecond, double burst)
{
    m_rateLimiter.setLimits(ratePerSecond, burst);
}

QString ApiServer::nextRequestId()
{
    // Unique within the process by the counter, across restarts by the random prefix; no system call each.
    return m_requestIdPrefix + QStringLiteral("%1").arg(++m_requestCounter, 12, 16, QLatin1Char('0'));
}

QHostAddress ApiServer::clientAddress(const HttpRequest &request) const
{
    // Behind a proxy the server trusts, the client is the last address that proxy appended.
    if (!m_limits.trustedProxies.contains(request.peerAddress))
        return request.peerAddress;
    const QByteArray forwarded = request.head.value("x-forwarded-for");
    const QByteArray last = forwarded.mid(forwarded.lastIndexOf(',') + 1).trimmed();
    const QHostAddress client(QString::fromLatin1(last));
    return client.isNull() ? request.peerAddress : client;
}

void ApiServer::handle(HttpConnection *connection, quint64 serial, HttpRequest request)
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    ++m_counters.requests;
    HttpReply reply(connection, serial, nextRequestId(), [this, timer](const HttpResponse &r) {
        m_counters.totalLatencyMs += timer->nsecsElapsed() / 1e6;
        if (r.status >= 500)
            ++m_counters.errors5xx;
        else if (r.status >= 400)
            ++m_counters.errors4xx;
    });
    auto target = parseRequestTarget(request.head.target);
    if (!target) {
        reply.error(target.error());
        return;
    }
    ApiRequest api;
    api.method = request.head.method;
    api.path = std::move(target->path);
    api.segments = std::move(target->segments);
    api.query = std::move(target->query);
    api.requestId = reply.requestId();
    api.peerAddress = clientAddress(request);
    api.headers = std::move(request.head.headers);
    api.body = std::move(request.body);
    dispatch(api, reply);
}

std::optional<Error> ApiServer::authenticate(ApiRequest &request, const Route &route)
{
    if (!route.access.authenticated)
        return std::nullopt;
    const QString token = bearerToken(request.header("authorization"));
    if (token.isEmpty())
        return Error::make(ErrorCode::Unauthenticated, QStringLiteral("A bearer token is required."));
    request.principal = m_callers.principalForTokenHash(tokenHash(token));
    if (!request.principal)
        return Error::make(ErrorCode::Unauthenticated, QStringLiteral("The token is unknown or expired."));
    // Another org's id in the path is answered as if it did not exist.
    const QString orgInPath = request.param(QStringLiteral("orgId"));
    if (!orgInPath.isEmpty() && orgInPath != request.principal->orgId)
        return Error::make(ErrorCode::NotFound, QStringLiteral("No such org."));
    if (!route.access.allows(request.principal->role))
        return Error::make(ErrorCode::Forbidden, QStringLiteral("Your role may not do this."));
    return std::nullopt;
}

void ApiServer::dispatch(ApiRequest &request, const HttpReply &reply)
{
    const Route *route = nullptr;
    switch (m_router.match(request.method, request.segments, &route, &request.params)) {
    case Router::Match::NoPath:
        reply.error(Error::make(ErrorCode::NotFound, QStringLiteral("No such path.")));
        return;
    case Router::Match::WrongMethod:
        reply.error(Error::make(ErrorCode::NotFound, QStringLiteral("This path does not take this method.")));
        return;
    case Router::Match::Found:
        break;
    }
    if (auto error = authenticate(request, *route)) {
        reply.error(*error);
        return;
    }
    if (request.principal) {
        const auto decision = m_rateLimiter.take(request.principal->tokenHash);
        if (!decision.allowed) {
            HttpResponse response = HttpResponse::error(
                Error::make(ErrorCode::RateLimited, QStringLiteral("Too many requests; retry later.")),
                reply.requestId());
            response.headers.append(
                {QByteArrayLiteral("Retry-After"), QByteArray::number(decision.retryAfterSecs)});
            reply.send(std::move(response));
            return;
        }
    }
    if (request.method == HttpMethod::Post && request.principal) {
        m_idempotency.run(request, reply, route->handler);
        return;
    }
    route->handler(request, reply);
}

} // namespace handover
