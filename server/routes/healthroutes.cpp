#include "server/routes/healthroutes.h"

#include "server/auth/tokens.h"
#include "server/http/apiserver.h"

namespace handover {

using Method = HttpMethod;

void addHealthRoutes(Router &router, RouteContext &, const ApiServer &api, const QString &metricsToken,
                     QList<const MetricsSource *> sources)
{
    router.add(Method::Get, QStringLiteral("/healthz"), Access::open(),
               [](ApiRequest &, const HttpReply &reply) {
                   reply.json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
               });
    router.add(
        Method::Get, QStringLiteral("/metrics"), Access::open(),
        [&api, sources, expected = metricsToken.toUtf8()](ApiRequest &request, const HttpReply &reply) {
            if (!expected.isEmpty() && !constantTimeEquals(request.header("authorization"),
                                                           QByteArrayLiteral("Bearer ") + expected)) {
                reply.error(Error::make(ErrorCode::Unauthenticated,
                                        QStringLiteral("The metrics token is missing or wrong.")));
                return;
            }
            const ApiServer::Counters &c = api.counters();
            QByteArray text;
            text += "# TYPE handover_http_requests_total counter\n";
            text += "handover_http_requests_total " + QByteArray::number(c.requests) + '\n';
            text += "# TYPE handover_http_errors_total counter\n";
            text += "handover_http_errors_total{class=\"4xx\"} " + QByteArray::number(c.errors4xx) + '\n';
            text += "handover_http_errors_total{class=\"5xx\"} " + QByteArray::number(c.errors5xx) + '\n';
            text += "# TYPE handover_http_latency_ms_sum counter\n";
            text += "handover_http_latency_ms_sum " + QByteArray::number(c.totalLatencyMs, 'f', 3) + '\n';
            for (const MetricsSource *source : sources)
                source->appendMetrics(text);
            reply.send(HttpResponse::text(200, text, QByteArrayLiteral("text/plain; version=0.0.4")));
        });
}

} // namespace handover
