#pragma once

#include "server/routes/routecontext.h"

namespace handover {

// POST and GET templates (API.md, R17).
void addTemplateRoutes(Router &router, RouteContext &context);

} // namespace handover
