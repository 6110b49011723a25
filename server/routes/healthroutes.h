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

// GET /healthz and GET /metrics (Prometheus text).
void addHealthRoutes(Router &router, RouteContext &context, const ApiServer &api,
                     QList<const MetricsSource *> sources = {});

} // namespace handover
