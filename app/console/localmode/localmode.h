#pragma once

#include "app/console/localmode/demodriver.h"
#include "app/console/localmode/demoorg.h"
#include "app/console/localmode/localwebhookreceiver.h"
#include "core/result.h"

#include <QObject>
#include <QUrl>
#include <memory>

namespace handover {
class ServerInstance;
namespace sim {
class WhatsAppSimulator;
}
} // namespace handover

namespace handover::console {

class OrgApi;

struct LocalModeOptions
{
    bool runDemo = true;   // start the DemoDriver (automation and customers) at once
    double demoPace = 1.0; // scales the demo's timers; tests run it fast with e.g. 0.05
    int demoStepIntervalMs = 3000;
};

// The console's first run (ARCHITECTURE.md): in this process, a handover server with its own SQLite file
// under <data directory>/local/, the WhatsApp simulator in front of it, a webhook receiver playing the
// automation's endpoint, and a demo org with agents, a supervisor, templates and simulated customers. The
// first start seeds the org; later starts reuse it (ids and credentials in <data directory>/local/
// demo-org.json). Everything listens on loopback only.
class LocalMode final : public QObject
{
    Q_OBJECT

public:
    static Result<std::unique_ptr<LocalMode>> start(const QString &dataDirectory,
                                                    LocalModeOptions options = {});
    ~LocalMode() override;

    // <data directory>/local: everything local mode keeps. Removing it (reset()) starts the demo afresh.
    static QString localDirectory(const QString &dataDirectory);
    static Result<void> reset(const QString &dataDirectory);

    QUrl serverUrl() const;
    QList<DemoUser> demoUsers() const { return m_org.users; } // the agents, then the supervisor
    DemoUser supervisor() const { return m_org.supervisor(); }
    const DemoOrg &demoOrg() const { return m_org; }
    bool seededThisRun() const { return m_seededThisRun; }

    LocalWebhookReceiver &webhookReceiver() { return *m_receiver; }
    sim::WhatsAppSimulator &simulator() { return *m_simulator; }
    DemoDriver *demoDriver() { return m_driver.get(); } // null when the demo does not run

private:
    LocalMode(QString dataDirectory, LocalModeOptions options);
    Result<void> open();
    Result<void> startSimulator();
    Result<void> startServer();

    QString m_dataDirectory;
    LocalModeOptions m_options;
    DemoOrg m_org;
    bool m_seededThisRun = false;
    // Declared in the order they start; they stop in reverse.
    std::unique_ptr<sim::WhatsAppSimulator> m_simulator;
    std::unique_ptr<ServerInstance> m_server;
    std::unique_ptr<LocalWebhookReceiver> m_receiver;
    std::unique_ptr<OrgApi> m_api;
    std::unique_ptr<DemoDriver> m_driver;
};

} // namespace handover::console
