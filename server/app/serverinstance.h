#pragma once

#include "core/clock.h"
#include "core/domain/ids.h"
#include "core/store/database.h"
#include "core/store/groupcommitwriter.h"
#include "server/app/serveroptions.h"
#include "server/auth/passwords.h"

#include <QObject>
#include <functional>
#include <memory>

namespace handover {

class ApiServer;
class HttpListener;
class CommandRunner;
class IdempotencyGate;
class StoreCallerDirectory;
class StoreIdempotencyRecords;
class WhatsAppSender;
class MediaFetcher;
class MediaStore;
class PhoneAccessTokens;
class GraphPhoneLookup;
class WabaPhoneRegistration;
class SyncHub;
class LifecycleJob;
class StoreDeliveryBackend;
class WebhookDispatcher;
class StoreStreamBackend;
class LoginThrottle;
class PasswordWorkers;
struct AuthContext;
struct RouteContext;
struct CommandEffects;

// One running handover-server: the store, the HTTP API, and the parts that follow commits. The executable and
// the console's local mode both build one.
class ServerInstance : public QObject
{
    Q_OBJECT
public:
    static Result<std::unique_ptr<ServerInstance>>
    start(const ServeOptions &options, PasswordStrength strength = PasswordStrength::Interactive);
    ~ServerInstance() override;

    quint16 port() const { return m_port; }
    // Stops taking connections, closes every stream with 1001 and lets the requests in flight be answered
    // (their writes commit), then calls `done`; at most `graceMs` later in any case.
    void shutdown(std::function<void()> done, int graceMs = 3000);
    QString listenText() const; // "127.0.0.1:8080"

private:
    class ServerMetrics;
    class Revocations;
    ServerInstance(const ServeOptions &options, PasswordStrength strength);
    Result<void> open();
    void openCredentials();
    void afterCommit(const CommandEffects &effects);
    void recordPresence(const OrgId &orgId, const UserId &userId, bool online);

    ServeOptions m_options;
    PasswordStrength m_passwordStrength;
    SystemClock m_systemClock;
    MonotonicClock m_clock{m_systemClock};
    UuidSource m_ids;
    std::unique_ptr<store::GroupCommitWriter> m_writer;
    std::optional<store::Database> m_readDb;
    std::unique_ptr<CommandRunner> m_commands;
    std::unique_ptr<StoreCallerDirectory> m_callers;
    std::unique_ptr<StoreIdempotencyRecords> m_idempotencyRecords;
    std::unique_ptr<IdempotencyGate> m_idempotency;
    std::unique_ptr<LoginThrottle> m_loginThrottle;
    std::unique_ptr<PasswordWorkers> m_passwordWorkers;
    std::unique_ptr<Revocations> m_revocations;
    std::unique_ptr<AuthContext> m_authContext;
    std::unique_ptr<RouteContext> m_routeContext;
    std::unique_ptr<PhoneAccessTokens> m_phoneTokens;
    std::unique_ptr<GraphPhoneLookup> m_graphLookup;
    std::unique_ptr<WabaPhoneRegistration> m_phoneRegistration;
    std::unique_ptr<ApiServer> m_api;
    std::unique_ptr<HttpListener> m_listener;
    std::unique_ptr<WhatsAppSender> m_sender;
    std::unique_ptr<MediaStore> m_mediaFiles;
    std::unique_ptr<MediaFetcher> m_mediaFetcher;
    std::unique_ptr<StoreStreamBackend> m_streamBackend;
    std::unique_ptr<SyncHub> m_hub;
    std::unique_ptr<LifecycleJob> m_lifecycle;
    std::unique_ptr<StoreDeliveryBackend> m_deliveryBackend;
    std::unique_ptr<WebhookDispatcher> m_dispatcher;
    std::unique_ptr<ServerMetrics> m_metrics;
    quint16 m_port = 0;
};

// `handover-server init`: creates the database, the org and its first ADMIN, and an ADMIN API key.
struct InitResult
{
    QString orgId;
    QString adminUserId;
    QString apiKey;
};
Result<InitResult> initServer(const InitOptions &options,
                              PasswordStrength strength = PasswordStrength::Interactive);

QString databasePath(const QString &dataDir);

} // namespace handover
