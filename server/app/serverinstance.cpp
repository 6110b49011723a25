#include "server/app/serverinstance.h"

#include "core/logging.h"
#include "core/store/schema.h"
#include "core/store/server/eventlog.h"
#include "core/store/server/webhookdeliveries.h"
#include "core/store/server/whatsappqueues.h"
#include "server/http/apiserver.h"
#include "server/http/httplistener.h"
#include "server/http/idempotencygate.h"
#include "server/media/mediafetcher.h"
#include "server/media/mediastore.h"
#include "server/routes/authroutes.h"
#include "server/routes/chatroomroutes.h"
#include "server/routes/contactroutes.h"
#include "server/routes/credentialroutes.h"
#include "server/routes/healthroutes.h"
#include "server/routes/mediaroutes.h"
#include "server/routes/orgroutes.h"
#include "server/routes/routecontext.h"
#include "server/routes/templateroutes.h"
#include "server/routes/webhookroutes.h"
#include "server/services/commandrunner.h"
#include "server/services/lifecyclejob.h"
#include "server/services/storecallers.h"
#include "server/services/storedeliverybackend.h"
#include "server/services/storestreambackend.h"
#include "server/sync/synchub.h"
#include "server/webhook/webhookdispatcher.h"
#include "server/whatsapp/graphphonelookup.h"
#include "server/whatsapp/phoneaccesstokens.h"
#include "server/whatsapp/wabaphoneregistration.h"
#include "server/whatsapp/whatsappsender.h"
#include "server/whatsapp/whatsappwebhookroutes.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTimer>
#include <QWebSocket>

namespace handover {

namespace {
void appendGauge(QByteArray &text, const char *name, const char *type, qint64 value)
{
    text += QByteArray("# TYPE ") + name + ' ' + type + '\n' + name + ' ' + QByteArray::number(value) + '\n';
}
} // namespace

// What GET /metrics adds beyond the HTTP counters: consoles, queues and deliveries.
class ServerInstance::ServerMetrics final : public MetricsSource
{
public:
    explicit ServerMetrics(ServerInstance &server)
        : m_server(server)
    {}
    void appendMetrics(QByteArray &text) const override
    {
        QSqlDatabase &db = m_server.m_readDb->connection();
        const auto pending = store::server::pendingDeliveryCount(db);
        const auto outbound = store::server::outboundQueueDepth(db);
        const WebhookCounters webhooks = m_server.m_dispatcher->counters();
        appendGauge(text, "handover_connected_consoles", "gauge", m_server.m_hub->connectionCount());
        appendGauge(text, "handover_webhook_queue_depth", "gauge", pending ? *pending : -1);
        appendGauge(text, "handover_webhook_delivered_total", "counter", qint64(webhooks.delivered));
        appendGauge(text, "handover_webhook_failed_total", "counter", qint64(webhooks.failed));
        appendGauge(text, "handover_whatsapp_outbound_queue_depth", "gauge", outbound ? *outbound : -1);
        appendGauge(text, "handover_whatsapp_sent_total", "counter", qint64(m_server.m_sender->sentCount()));
        appendGauge(text, "handover_writer_batches_total", "counter",
                    qint64(m_server.m_writer->stats().batchesCommitted));
        appendGauge(text, "handover_writer_jobs_total", "counter",
                    qint64(m_server.m_writer->stats().jobsCommitted));
    }

private:
    ServerInstance &m_server;
};

// Credentials that end reach the caller cache and the open streams before their request is answered.
class ServerInstance::Revocations final : public CredentialRevocations
{
public:
    explicit Revocations(ServerInstance &server)
        : m_server(server)
    {}
    void sessionEnded(const OrgId &orgId, const QString &sessionHash) override
    {
        m_server.m_callers->forget(sessionHash);
        const int closed = m_server.m_hub->disconnectSession(orgId, sessionHash);
        qCInfo(lcHttp) << "credentials: a session of org" << orgId << "ended;" << closed
                       << "stream(s) closed";
    }
    void apiKeyRevoked(const OrgId &orgId, const QString &apiKeyId) override
    {
        m_server.m_callers->forgetIf([&](const Principal &p) { return p.apiKeyId == apiKeyId; });
        qCInfo(lcHttp) << "credentials: API key" << apiKeyId << "of org" << orgId << "revoked";
    }
    void userDeactivated(const OrgId &orgId, const UserId &userId) override
    {
        m_server.m_callers->forgetIf(
            [&](const Principal &p) { return p.orgId == orgId && p.userId == userId; });
        const int closed = m_server.m_hub->disconnectUser(orgId, userId);
        qCInfo(lcHttp) << "credentials: user" << userId << "of org" << orgId << "deactivated;" << closed
                       << "stream(s) closed";
    }

private:
    ServerInstance &m_server;
};

QString databasePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("handover.db"));
}

ServerInstance::ServerInstance(const ServeOptions &options, PasswordStrength strength)
    : m_options(options)
    , m_passwordStrength(strength)
{}

ServerInstance::~ServerInstance()
{
    // Streams first: their sockets belong to the listener, and each says goodbye (1001) on its way out.
    m_hub.reset();
    m_listener.reset();
    m_api.reset();
    m_graphLookup.reset(); // before the registration its answers go to
    m_metrics.reset();
    if (m_dispatcher)
        m_dispatcher->stop();
    m_dispatcher.reset();
    m_lifecycle.reset();
    m_hub.reset();
    m_sender.reset();
    if (m_writer)
        m_writer->stop();
}

void ServerInstance::shutdown(std::function<void()> done, int graceMs)
{
    m_listener->closeAll();
    m_hub->closeAll();
    auto *poll = new QTimer(this);
    auto deadline = std::make_shared<QElapsedTimer>();
    deadline->start();
    connect(poll, &QTimer::timeout, this, [this, poll, deadline, graceMs, done = std::move(done)] {
        const bool quiet = m_hub->connectionCount() == 0 && m_listener->connectionCount() == 0 &&
                           m_writer->queueDepth() == 0;
        if (!quiet && deadline->elapsed() < graceMs)
            return;
        poll->stop();
        poll->deleteLater();
        done();
    });
    poll->start(20);
}

QString ServerInstance::listenText() const
{
    const QString host = m_options.listenAddress.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + m_options.listenAddress.toString() + QLatin1Char(']')
                             : m_options.listenAddress.toString();
    return host + QLatin1Char(':') + QString::number(m_port);
}

Result<std::unique_ptr<ServerInstance>> ServerInstance::start(const ServeOptions &options,
                                                              PasswordStrength strength)
{
    std::unique_ptr<ServerInstance> instance(new ServerInstance(options, strength));
    if (auto opened = instance->open(); !opened)
        return opened.error();
    return instance;
}

Result<void> ServerInstance::open()
{
    if (!QDir().mkpath(m_options.dataDir))
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("Cannot create the data directory %1.").arg(m_options.dataDir));
    const store::DatabaseOptions dbOptions{databasePath(m_options.dataDir),
                                           store::Durability::SurvivesPowerLoss, 5000};
    auto writer = store::GroupCommitWriter::start(dbOptions, store::serverSchema());
    if (!writer)
        return writer.error();
    m_writer = std::move(writer).value();
    auto readDb = store::Database::open(dbOptions, store::serverSchema());
    if (!readDb)
        return readDb.error();
    m_readDb.emplace(std::move(readDb).value());
    auto phoneTokens =
        PhoneAccessTokens::open(m_options.dataDir, m_readDb->connection(), m_options.waAccessToken);
    if (!phoneTokens)
        return phoneTokens.error();
    m_phoneTokens = std::make_unique<PhoneAccessTokens>(std::move(phoneTokens).value());

    m_commands = std::make_unique<CommandRunner>(*m_writer, m_clock);
    connect(m_commands.get(), &CommandRunner::committed, this, &ServerInstance::afterCommit);
    m_callers = std::make_unique<StoreCallerDirectory>(m_clock, m_readDb->connection());
    m_idempotencyRecords =
        std::make_unique<StoreIdempotencyRecords>(m_clock, m_readDb->connection(), *m_writer);
    m_idempotency = std::make_unique<IdempotencyGate>(*m_idempotencyRecords);
    ApiLimits limits;
    limits.ratePerSecond = m_options.ratePerSecond;
    limits.rateBurst = m_options.rateBurst;
    limits.trustedProxies = m_options.trustedProxies;
    m_api = std::make_unique<ApiServer>(m_clock, *m_callers, *m_idempotency, limits);
    m_streamBackend = std::make_unique<StoreStreamBackend>(m_clock, m_readDb->connection());
    m_hub = std::make_unique<SyncHub>(m_clock, *m_streamBackend);
    connect(m_hub.get(), &SyncHub::presenceChanged, this, &ServerInstance::recordPresence);
    m_routeContext.reset(new RouteContext{m_clock, m_ids, m_readDb->connection(), *m_commands,
                                          m_passwordStrength, m_options.allowPrivateWebhooks});
    openCredentials();
    addChatroomRoutes(m_api->router(), *m_routeContext);
    addChatroomCommandRoutes(m_api->router(), *m_routeContext);
    addAuthRoutes(m_api->router(), *m_routeContext);
    addCredentialRoutes(m_api->router(), *m_routeContext);
    m_graphLookup = std::make_unique<GraphPhoneLookup>(m_options.graphUrl);
    m_phoneRegistration =
        std::make_unique<WabaPhoneRegistration>(m_clock, *m_commands, *m_graphLookup, *m_phoneTokens);
    addOrgRoutes(m_api->router(), *m_routeContext, *m_phoneRegistration,
                 [this](const OrgId &orgId, const UserId &userId) { return m_hub->isOnline(orgId, userId); });
    addTemplateRoutes(m_api->router(), *m_routeContext);
    addContactRoutes(m_api->router(), *m_routeContext);
    addWhatsAppWebhookRoutes(m_api->router(), *m_routeContext,
                             WhatsAppWebhookConfig{m_options.waAppSecret.toUtf8(), m_options.waVerifyToken});

    m_mediaFiles = std::make_unique<MediaStore>(m_options.dataDir);
    MediaFetcherOptions fetcherOptions;
    fetcherOptions.graphUrl = m_options.graphUrl;
    m_mediaFetcher = std::make_unique<MediaFetcher>(m_clock, m_ids, m_readDb->connection(), *m_commands,
                                                    *m_phoneTokens, *m_mediaFiles, fetcherOptions);
    addMediaRoutes(m_api->router(), *m_routeContext, *m_mediaFiles);
    m_sender =
        std::make_unique<WhatsAppSender>(m_clock, m_ids, m_readDb->connection(), *m_commands, *m_phoneTokens,
                                         *m_mediaFiles, WhatsAppSenderOptions{m_options.graphUrl, 16, 15000});

    addWebhookRoutes(m_api->router(), *m_routeContext);
    m_deliveryBackend = std::make_unique<StoreDeliveryBackend>(m_clock, m_readDb->connection(), *m_commands);
    WebhookDispatcherOptions dispatcherOptions;
    dispatcherOptions.allowPrivate = m_options.allowPrivateWebhooks;
    m_dispatcher = std::make_unique<WebhookDispatcher>(*m_deliveryBackend, m_clock, dispatcherOptions);
    m_dispatcher->start();

    m_metrics = std::make_unique<ServerMetrics>(*this);
    addHealthRoutes(m_api->router(), *m_routeContext, *m_api, m_options.metricsToken, {m_metrics.get()});

    m_lifecycle = std::make_unique<LifecycleJob>(m_clock, m_ids, *m_commands, m_options.eventRetentionDays);
    m_lifecycle->start();
    QTimer::singleShot(0, m_lifecycle.get(), &LifecycleJob::runNow);

    HttpLimits httpLimits;
    httpLimits.maxConnections = m_options.maxConnections;
    httpLimits.maxConnectionsPerAddress = m_options.maxConnectionsPerAddress;
    httpLimits.idleTimeoutMs = m_options.idleTimeoutSecs * 1000;
    httpLimits.trustedProxies = m_options.trustedProxies;
    httpLimits.largeBodyLimit = mediaUploadBodyLimit;
    m_listener = std::make_unique<HttpListener>(httpLimits, *m_api);
    m_listener->setWebSocketAcceptor(
        [this](std::unique_ptr<QWebSocket> socket) { m_hub->accept(std::move(socket)); });
    if (m_listener->listen(m_options.listenAddress, m_options.listenPort))
        m_port = m_listener->serverPort();
    if (m_port == 0) {
        return Error::make(ErrorCode::Internal, QStringLiteral("Cannot listen on %1:%2.")
                                                    .arg(m_options.listenAddress.toString())
                                                    .arg(m_options.listenPort));
    }
    return {};
}

void ServerInstance::openCredentials()
{
    LoginThrottleOptions throttle;
    throttle.perAddress.failuresBeforeLock = m_options.loginFailuresPerAddress;
    m_loginThrottle = std::make_unique<LoginThrottle>(m_clock, throttle);
    const int threads =
        m_options.passwordThreads > 0 ? m_options.passwordThreads : PasswordWorkers::defaultThreads();
    const int queued =
        m_options.passwordQueue >= 0 ? m_options.passwordQueue : PasswordWorkers::defaultQueued(threads);
    m_passwordWorkers = std::make_unique<PasswordWorkers>(threads, queued);
    m_revocations = std::make_unique<Revocations>(*this);
    m_authContext.reset(
        new AuthContext{*m_loginThrottle, *m_passwordWorkers, *m_revocations, m_options.sessionLifetimeMs});
    m_routeContext->auth = m_authContext.get();
}

void ServerInstance::afterCommit(const CommandEffects &effects)
{
    if (effects.wakeOutbound)
        m_sender->wake();
    if (effects.wakeWebhooks)
        m_dispatcher->wake();
    if (effects.wakeMedia)
        m_mediaFetcher->wake();
    // Events go out per org, in seq order; a command may touch several orgs (a Meta webhook batch).
    QList<Event> run;
    OrgId runOrg;
    const auto flush = [&] {
        if (!run.isEmpty())
            m_hub->publish(runOrg, run);
        run.clear();
    };
    for (const Event &event : effects.events) {
        const OrgId org = event.chatroom.orgId.isEmpty() ? effects.orgId : event.chatroom.orgId;
        if (org != runOrg)
            flush();
        runOrg = org;
        run.append(event);
    }
    flush();
}

void ServerInstance::recordPresence(const OrgId &orgId, const UserId &userId, bool online)
{
    const Clock &clock = m_clock;
    m_commands->run(
        [orgId, userId, online, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            auto seq = store::server::nextEventSeq(db, orgId);
            if (!seq)
                return seq.error();
            Event event;
            event.seq = *seq;
            event.kind = EventKind::PresenceUpdated;
            event.at = clock.now();
            event.userId = userId;
            event.online = online;
            event.chatroom.orgId = orgId;
            if (auto appended = store::server::appendEvents(db, orgId, {event}); !appended)
                return appended.error();
            CommandEffects effects;
            effects.orgId = orgId;
            effects.events = {event};
            return effects;
        },
        [](const Result<CommandEffects> &) {});
}

} // namespace handover
