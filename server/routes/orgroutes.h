#pragma once

#include "server/routes/routecontext.h"

#include <functional>

namespace handover {

// Whether a user has a console connected right now (the sync hub knows).
using PresenceLookup = std::function<bool(const OrgId &orgId, const UserId &userId)>;

class WabaPhoneRegistration;

// The org's administration (API.md): users, groups, API keys, WABA phones and settings. `phones` registers
// WABA phones (their ownership is checked with Meta). `isOnline` answers GET users' `online`; without one
// every user is offline.
void addOrgRoutes(Router &router, RouteContext &context, WabaPhoneRegistration &phones,
                  PresenceLookup isOnline = {});

} // namespace handover
