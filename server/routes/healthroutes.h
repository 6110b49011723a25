#pragma once

#include "server/routes/routecontext.h"

namespace handover {

class ApiServer;

// Metrics that other parts of the server add to GET /metrics.
class MetricsSource
{
public:
    virtual ~MetricsSource() = default;
    virtual void appendMetrics(QByteArray &text) const = 0;
};

// GET /healthz and GET /metrics (Prometheus text); with a metrics token, /metrics asks for it as a bearer token.
void addHealthRoutes(Router &router, RouteContext &context, const ApiServer &api, const QString &metricsToken,
                     QList<const MetricsSource *> sources = {});

} // namespace handover
