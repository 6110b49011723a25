#pragma once

#include "server/routes/routecontext.h"


namespace handover {

// The org webhook (API.md): PUT/GET/DELETE its URL and secret, list deliveries, redeliver one (which wakes the
// dispatcher through the command's effects). Secrets are shown to ADMINs only.
void addWebhookRoutes(Router &router, RouteContext &context);

} // namespace handover
