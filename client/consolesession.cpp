#include "client/consolesession.h"

#include "client/networkwatch.h"
#include "core/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

namespace handover::client {

ConsoleSession::ConsoleSession(SignedInUser who, ConsoleSessionOptions options, QObject *parent)
    : QObject(parent)
    , m_who(std::move(who))
    , m_options(std::move(options))
{
    if (!m_options.clock)
        m_ownClock = std::make_unique<SystemClock>();
    if (!m_options.random)
        m_ownRandom = std::make_unique<SystemRandomSource>();
    if (!m_options.idempotencyKeys)
        m_ownKeys = std::make_unique<UuidSource>();
    m_clock = m_options.clock ? m_options.clock : m_ownClock.get();
}

ConsoleSession::~ConsoleSession()
{
    // The engine and the outbox use the cache, the client and the watch: they go first.
    if (m_sync)
        m_sync->stop();
    m_outbox.reset();
    m_downloads.reset();
    m_mediaCache.reset();
    m_directory.reset();
    m_sync.reset();
    m_network.reset();
    m_cache.reset();
    m_api.reset();
}

QString ConsoleSession::cachePathFor(const QString &dataDirectory, const QUrl &serverUrl,
                                     const UserId &userId)
{
    QByteArray server =
        serverUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toEncoded();
    while (server.endsWith('/'))
        server.chop(1);
    const QString serverHash =
        QString::fromLatin1(QCryptographicHash::hash(server, QCryptographicHash::Sha256).toHex().left(16));
    QString safeUser = userId;
    safeUser.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
    return QDir(dataDirectory).filePath(QStringLiteral("caches/%1-%2.sqlite").arg(serverHash, safeUser));
}

QString ConsoleSession::mediaDirectoryFor(const QString &cachePath)
{
    QString directory = cachePath;
    if (directory.endsWith(QLatin1String(".sqlite")))
        directory.chop(int(qstrlen(".sqlite")));
    return directory + QStringLiteral("-media");
}

QString ConsoleSession::cachePath() const
{
    return cachePathFor(m_options.dataDirectory, m_who.serverUrl, m_who.user.id);
}

Result<std::unique_ptr<ConsoleSession>> ConsoleSession::open(SignedInUser who, ConsoleSessionOptions options,
                                                             QObject *parent)
{
    if (who.user.id.isEmpty() || who.user.orgId.isEmpty() || !who.serverUrl.isValid())
        return Error::make(ErrorCode::BadRequest,
                           QStringLiteral("A session needs a server, a user and an org."));
    if (options.dataDirectory.isEmpty())
        return Error::make(ErrorCode::BadRequest, QStringLiteral("A session needs a data directory."));
    std::unique_ptr<ConsoleSession> session(new ConsoleSession(std::move(who), std::move(options), parent));
    if (Result<void> opened = session->openParts(); !opened)
        return opened.error();
    return session;
}

Result<void> ConsoleSession::openParts()
{
    const QString path = cachePath();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error::make(ErrorCode::Internal, QStringLiteral("Could not create the directory of ") + path);
    RandomSource &random = m_options.random ? *m_options.random : *m_ownRandom;
    IdSource &keys = m_options.idempotencyKeys ? *m_options.idempotencyKeys : *m_ownKeys;

    m_api = std::make_unique<ApiClient>(m_who.serverUrl);
    m_api->setToken(m_who.token);
    m_api->setOrgId(m_who.user.orgId);

    Result<std::unique_ptr<ChatroomCache>> cache =
        ChatroomCache::open(path, CacheIdentity{m_who.user.orgId, m_who.user.id, m_who.user.role}, *m_clock);
    if (!cache)
        return cache.error();
    m_cache = std::move(cache).value();

    if (m_options.watchNetwork)
        m_network = std::make_unique<NetworkWatch>();
    m_sync = std::make_unique<SyncEngine>(m_who.serverUrl, m_who.token, *m_cache, *m_api, *m_clock, random,
                                          m_network.get(), m_options.sync);

    Result<std::unique_ptr<Outbox>> outbox =
        Outbox::open(path, m_who.user.orgId, *m_api, *m_clock, keys, random);
    if (!outbox)
        return outbox.error();
    m_outbox = std::move(outbox).value();
    // Sends wait for a welcomed stream: then the server is there and the token good.
    m_outbox->setOnline(false);

    m_directory = std::make_unique<UserDirectory>(*m_api, m_who.user);
    m_mediaCache = std::make_unique<MediaCache>(mediaDirectoryFor(path));
    m_downloads = std::make_unique<MediaDownloads>(*m_api, *m_mediaCache);

    connect(m_sync.get(), &SyncEngine::stateChanged, this, [this](const ConnectionState &state) {
        m_outbox->setOnline(state.phase == ConnectionState::Phase::Connected);
        // Users may have come or gone while away.
        if (state.phase == ConnectionState::Phase::Connected && m_directory->isLoaded())
            m_directory->reload();
        Q_EMIT connectionStateChanged(state);
    });
    connect(m_sync.get(), &SyncEngine::eventsApplied, this, &ConsoleSession::eventsApplied);
    connect(m_sync.get(), &SyncEngine::resyncStarted, this, &ConsoleSession::resyncStarted);
    connect(m_sync.get(), &SyncEngine::cacheReloaded, this, &ConsoleSession::cacheReloaded);
    connect(m_sync.get(), &SyncEngine::sessionRejected, this, &ConsoleSession::endSession);
    connect(m_api.get(), &ApiClient::unauthenticated, this, &ConsoleSession::endSession);
    connect(m_outbox.get(), &Outbox::itemChanged, this, &ConsoleSession::outboxItemChanged);
    qCInfo(lcClient) << "session of" << m_who.user.email << "on" << m_who.serverUrl << "cache at seq"
                     << m_cache->lastAppliedSeq();
    return {};
}

void ConsoleSession::start()
{
    m_sync->start();
}

void ConsoleSession::stop()
{
    m_sync->stop();
    m_outbox->setOnline(false);
}

void ConsoleSession::endSession()
{
    if (std::exchange(m_ended, true))
        return;
    qCInfo(lcClient) << "the server ended the session of" << m_who.user.email;
    stop();
    Q_EMIT sessionEnded();
}

void ConsoleSession::signIn(const QUrl &serverUrl, const QString &email, const QString &password,
                            const QObject *context, std::function<void(ApiResult<SignedInUser>)> done)
{
    auto *api = new ApiClient(serverUrl);
    api->login(email, password, api,
               [api, serverUrl, context, done = std::move(done)](ApiResult<LoginSession> login) {
                   api->deleteLater();
                   ApiResult<SignedInUser> result =
                       login ? ApiResult<SignedInUser>(SignedInUser{serverUrl, login->token, login->user})
                             : ApiResult<SignedInUser>(login.error());
                   QTimer::singleShot(0, context, [done, result] { done(result); });
               });
}

} // namespace handover::client
