#include "app/console/localmode/localmode.h"

#include "app/console/localmode/democatalog.h"
#include "app/console/localmode/demoseeder.h"
#include "app/console/localmode/orgapi.h"
#include "server/app/serverinstance.h"
#include "sim/whatsappsimulator.h"

#include <QDir>
#include <QFile>

namespace handover::console {

namespace {

QString stateFile(const QString &localDir)
{
    return QDir(localDir).filePath(QStringLiteral("demo-org.json"));
}

QString serverDir(const QString &localDir)
{
    return QDir(localDir).filePath(QStringLiteral("server"));
}

Error cannot(const QString &what)
{
    return Error::make(ErrorCode::Internal, what);
}

} // namespace

LocalMode::LocalMode(QString dataDirectory, LocalModeOptions options)
    : m_dataDirectory(std::move(dataDirectory))
    , m_options(options)
{}

LocalMode::~LocalMode()
{
    if (m_driver)
        m_driver->stop();
    m_driver.reset();
    m_api.reset();
    m_receiver.reset();
    m_server.reset();
    m_simulator.reset();
}

QString LocalMode::localDirectory(const QString &dataDirectory)
{
    return QDir(dataDirectory).filePath(QStringLiteral("local"));
}

Result<void> LocalMode::reset(const QString &dataDirectory)
{
    QDir local(localDirectory(dataDirectory));
    if (local.exists() && !local.removeRecursively())
        return cannot(QStringLiteral("Cannot remove %1.").arg(local.path()));
    return {};
}

Result<std::unique_ptr<LocalMode>> LocalMode::start(const QString &dataDirectory, LocalModeOptions options)
{
    std::unique_ptr<LocalMode> mode(new LocalMode(dataDirectory, options));
    if (auto opened = mode->open(); !opened)
        return opened.error();
    return mode;
}

QUrl LocalMode::serverUrl() const
{
    return QUrl(QStringLiteral("http://%1").arg(m_server->listenText()));
}

Result<void> LocalMode::open()
{
    const QString localDir = localDirectory(m_dataDirectory);
    if (!QDir().mkpath(localDir))
        return cannot(QStringLiteral("Cannot create %1.").arg(localDir));
    QFile::setPermissions(localDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    if (QFile::exists(stateFile(localDir)) && QFile::exists(databasePath(serverDir(localDir)))) {
        auto loaded = DemoOrg::load(stateFile(localDir));
        if (!loaded)
            return loaded.error();
        m_org = std::move(loaded).value();
    } else {
        // A first run, one that stopped half-way through seeding, or a database removed by hand: start clean.
        QDir(serverDir(localDir)).removeRecursively();
        auto initialised = initDemoOrg(serverDir(localDir));
        if (!initialised)
            return initialised.error();
        m_org = std::move(initialised).value();
        m_seededThisRun = true;
    }

    if (auto started = startSimulator(); !started)
        return started;
    if (auto started = startServer(); !started)
        return started;
    m_api = std::make_unique<OrgApi>(serverUrl(), m_org.apiKey, m_org.orgId);

    if (m_seededThisRun) {
        if (auto populated = populateDemoOrg(*m_api, m_org); !populated)
            return populated;
    }

    m_receiver = std::make_unique<LocalWebhookReceiver>();
    if (!m_receiver->listen())
        return cannot(QStringLiteral("The demo's webhook receiver cannot listen on loopback."));
    m_receiver->setSecret(m_org.webhookSecret);
    if (auto configured = configureDemoWebhook(*m_api, m_org, m_receiver->url().toString()); !configured)
        return configured;

    m_org.serverPort = m_server->port();
    if (auto saved = m_org.save(stateFile(localDir)); !saved)
        return saved;

    if (m_options.runDemo) {
        DemoDriverOptions driverOptions;
        driverOptions.pace = m_options.demoPace;
        driverOptions.stepIntervalMs = m_options.demoStepIntervalMs;
        m_driver = std::make_unique<DemoDriver>(*m_api, *m_simulator, m_org, driverOptions);
        m_driver->start();
    }
    return {};
}

Result<void> LocalMode::startSimulator()
{
    sim::SimulatorOptions options;
    options.appSecret = m_org.waAppSecret.toUtf8();
    options.accessToken = m_org.waAccessToken.toUtf8();
    options.verifyToken = m_org.waVerifyToken;
    m_simulator = std::make_unique<sim::WhatsAppSimulator>(options);
    if (!m_simulator->listen())
        return cannot(QStringLiteral("The WhatsApp simulator cannot listen on loopback."));
    m_simulator->addBusinessPhone(sim::BusinessPhone{demo::kPhoneId, demo::kDisplayPhone, demo::kWabaId});
    return {};
}

Result<void> LocalMode::startServer()
{
    ServeOptions options;
    options.dataDir = serverDir(localDirectory(m_dataDirectory));
    options.listenAddress = QHostAddress::LocalHost;
    options.listenPort = m_org.serverPort; // the last run's port keeps the console's cache of this server
    options.graphUrl = m_simulator->graphUrl();
    options.waAppSecret = m_org.waAppSecret;
    options.waVerifyToken = m_org.waVerifyToken;
    options.waAccessToken = m_org.waAccessToken;
    options.allowPrivateWebhooks = true; // the receiver is on loopback
    options.ratePerSecond = 2000;        // one user, and a demo that may run fast
    options.rateBurst = 4000;
    auto server = ServerInstance::start(options, PasswordStrength::Minimal);
    if (!server && options.listenPort != 0) {
        options.listenPort = 0; // taken by now: any free port
        server = ServerInstance::start(options, PasswordStrength::Minimal);
    }
    if (!server)
        return server.error();
    m_server = std::move(server).value();
    m_simulator->setWebhookUrl(QUrl(serverUrl().toString() + QStringLiteral("/webhooks/whatsapp")));
    return {};
}

} // namespace handover::console
