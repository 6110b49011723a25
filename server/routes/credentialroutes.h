#pragma once

#include "server/routes/routecontext.h"

namespace handover {

// Credentials that end (API.md, "Credentials"): GET and DELETE /v1/orgs/{orgId}/api-keys[/{keyId}], and
// PATCH /v1/org/{orgId}/user/{userId} with `active` to deactivate or reactivate a user. Needs
// RouteContext::auth.
void addCredentialRoutes(Router &router, RouteContext &context);

// The optional end of a new API key: `expires_at` (a future timestamp) or `expires_in_days` (1 to 3650), not
// both. A null QDateTime when neither is given: the key lives until it is revoked.
QDateTime readApiKeyExpiry(JsonReader &reader, const QDateTime &now);

} // namespace handover
