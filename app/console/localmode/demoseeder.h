#pragma once

#include "app/console/localmode/demoorg.h"
#include "core/result.h"

#include <QString>

namespace handover::console {

class OrgApi;

// The first run of local mode sets its org up in two steps, around starting the server:
// initDemoOrg() runs the server's `init` on its data directory (the org, its ADMIN and API key) and picks the
// secrets; populateDemoOrg() then adds, through the HTTP API with the ADMIN key as automation would, the
// agents, the supervisor, their group, the WABA phone, templates, the demo customers as contacts and their
// chatrooms.
Result<DemoOrg> initDemoOrg(const QString &serverDataDir);
Result<void> populateDemoOrg(OrgApi &api, DemoOrg &org);

// PUT the org webhook to `url` with the org's secret (the receiver listens on a new port each run).
Result<void> configureDemoWebhook(OrgApi &api, const DemoOrg &org, const QString &url);

} // namespace handover::console
