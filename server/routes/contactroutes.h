#pragma once

#include "server/routes/routecontext.h"

namespace handover {

// Create, update (R16: derived chatroom names follow) and read a contact (API.md).
void addContactRoutes(Router &router, RouteContext &context);

} // namespace handover
