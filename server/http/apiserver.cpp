#include "server/http/apiserver.h"

#include "core/logging.h"
#include "server/auth/tokens.h"
#include "server/http/idempotencygate.h"

#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QUuid>
#include <QWebSocket>

namespace handover {

namespace {

QString newRequestId()
{
    return QStringLiteral("req_") + QUuid::createUuid().toString(QUuid::Id128).left(20);
}

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("upgrade")).compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) == 0;
}

QString bearerToken(const QByteArray &authorization)
{
    static const QByteArray prefix = QByteArrayLiteral("Bearer ");
    if (!authorization.startsWith(prefix))
        return {};
    return QString::fromLatin1(authorization.mid(prefix.size()).trimmed());
}

} // namespace

ApiServer::ApiServer(const Clock &clock, CallerDirectory &callers, IdempotencyGate &idempotency, ApiLimits limits,
                     QObject *parent)
    : QAbstractHttpServer(parent)
    , m_clock(clock)
    , m_callers(callers)
    , m_idempotency(idempotency)
    , m_limits(limits)
    , m_rateLimiter(clock, limits.ratePerSecond, limits.rateBurst)
{
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (hasPendingWebSocketConnections()) {
            auto socket = nextPendingWebSocketConnection();
            if (m_streamAcceptor)
                m_streamAcceptor(std::move(socket));
        }
    });
}

ApiServer::~ApiServer() = default;

void ApiServer::setStreamAcceptor(std::function<void(std::unique_ptr<QWebSocket>)> acceptor)
{
    m_streamAcceptor = std::move(acceptor);
}

void ApiServer::setRateLimits(double ratePerSecond, double burst)
{
    m_rateLimiter.setLimits(ratePerSecond, burst);
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // A WebSocket upgrade is Qt's to answer (101) once the request counts as handled, and the sync hub's to
    // accept: writing anything here would put an HTTP answer in front of the upgrade.
    if (isWebSocketUpgrade(request))
        return true;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    const QString requestId = newRequestId();
    ++m_counters.requests;
    HttpReply reply(makeResponder(request, socket), socket, requestId, [this, timer](const HttpResponse &r) {
        m_counters.totalLatencyMs += timer->nsecsElapsed() / 1e6;
        if (r.status >= 500)
            ++m_counters.errors5xx;
        else if (r.status >= 400)
            ++m_counters.errors4xx;
    });

    ApiRequest api;
    api.method = request.method();
    api.path = request.url().path();
    api.query = request.query();
    api.requestId = requestId;
    api.peerAddress = socket->peerAddress();
    for (const auto &[name, value] : request.headers())
        api.headers.insert(name.toLower(), value);
    if (request.body().size() > m_limits.maxBodyBytes) {
        reply.error(Error::make(ErrorCode::PayloadTooLarge,
                                QStringLiteral("The body is larger than %1 bytes.").arg(m_limits.maxBodyBytes)));
        return true;
    }
    api.body = request.body();
    dispatch(api, reply);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (isWebSocketUpgrade(request))
        return;
    HttpReply reply(makeResponder(request, socket), socket, newRequestId(), {});
    reply.error(Error::make(ErrorCode::NotFound, QStringLiteral("No such path.")));
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
    switch (m_router.match(request.method, request.path, &route, &request.params)) {
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
            response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(decision.retryAfterSecs)});
            reply.send(std::move(response));
            return;
        }
    }
    if (request.method == QHttpServerRequest::Method::Post && request.principal) {
        m_idempotency.run(request, reply, route->handler);
        return;
    }
    route->handler(request, reply);
}

} // namespace handover
