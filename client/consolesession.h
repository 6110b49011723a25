#pragma once

#include "client/apiclient.h"
#include "client/backoff.h"
#include "client/chatroomcache.h"
#include "client/connectionstate.h"
#include "client/mediacache.h"
#include "client/mediadownloads.h"
#include "client/outbox.h"
#include "client/syncengine.h"
#include "client/userdirectory.h"
#include "core/clock.h"

#include <QObject>
#include <QUrl>
#include <memory>

namespace handover::client {

class NetworkWatch;

// Who is signed in where: what a login answers, and what a console needs to start offline next time.
struct SignedInUser
{
    QUrl serverUrl;
    QString token;
    User user;
};

struct ConsoleSessionOptions
{
    QString dataDirectory; // the cache goes to <dataDirectory>/caches/
    SyncEngineOptions sync;
    bool watchNetwork = true; // reconnect at once when QNetworkInformation says the network is back
    // Injected for tests; null: the system clock, QRandomGenerator, UUIDs.
    const Clock *clock = nullptr;
    RandomSource *random = nullptr;
    IdSource *idempotencyKeys = nullptr;
};

// One signed-in user's console, without widgets: the HTTP client, the local cache (opened at once with the
// last known state, so the list shows before any connection), the sync engine that keeps the cache current,
// and the outbox whose sends go out while the stream is connected. The UI holds this one object.
class ConsoleSession : public QObject
{
    Q_OBJECT

public:
    // Opens the user's cache and outbox; nothing goes over the network until start().
    static Result<std::unique_ptr<ConsoleSession>> open(SignedInUser who, ConsoleSessionOptions options,
                                                        QObject *parent = nullptr);
    ~ConsoleSession() override;

    // POST /v1/auth/login; answers the signed-in user, to open() a session with.
    static void signIn(const QUrl &serverUrl, const QString &email, const QString &password,
                       const QObject *context, std::function<void(ApiResult<SignedInUser>)> done);
    // <dataDirectory>/caches/<server hash>-<user id>.sqlite: one file per user of one server.
    static QString cachePathFor(const QString &dataDirectory, const QUrl &serverUrl, const UserId &userId);
    // Media files are kept beside the cache: `<cache file without .sqlite>-media/` (MediaCache).
    static QString mediaDirectoryFor(const QString &cachePath);

    void start(); // connect the stream; the outbox sends while it is connected
    void stop();

    const SignedInUser &signedIn() const { return m_who; }
    const User &user() const { return m_who.user; }
    Role role() const { return m_who.user.role; }
    const OrgId &orgId() const { return m_who.user.orgId; }
    QString cachePath() const;

    ApiClient &api() { return *m_api; }
    ChatroomCache &cache() { return *m_cache; }
    SyncEngine &sync() { return *m_sync; }
    Outbox &outbox() { return *m_outbox; }
    // The org's users (supervisors and admins): loaded on first use and again after each reconnection.
    UserDirectory &directory() { return *m_directory; }
    // Thumbnails and downloaded files on disk, and the downloads the user started.
    const MediaCache &mediaCache() const { return *m_mediaCache; }
    MediaDownloads &downloads() { return *m_downloads; }
    const ConnectionState &connectionState() const { return m_sync->state(); }

Q_SIGNALS:
    void connectionStateChanged(const handover::client::ConnectionState &state);
    void eventsApplied(const QList<handover::Event> &events);
    void resyncStarted();
    void cacheReloaded();
    void outboxItemChanged(qint64 localId, handover::client::OutboxState state);
    // The server no longer accepts the token (HTTP 401 or stream 4401): sign in again. Once.
    void sessionEnded();

private:
    ConsoleSession(SignedInUser who, ConsoleSessionOptions options, QObject *parent);
    Result<void> openParts();
    void endSession();

    SignedInUser m_who;
    ConsoleSessionOptions m_options;
    // Defaults for what the options leave out.
    std::unique_ptr<Clock> m_ownClock;
    std::unique_ptr<RandomSource> m_ownRandom;
    std::unique_ptr<IdSource> m_ownKeys;
    const Clock *m_clock = nullptr;

    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<ChatroomCache> m_cache;
    std::unique_ptr<NetworkWatch> m_network;
    std::unique_ptr<SyncEngine> m_sync;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<UserDirectory> m_directory;
    std::unique_ptr<MediaCache> m_mediaCache;
    std::unique_ptr<MediaDownloads> m_downloads;
    bool m_ended = false;
};

} // namespace handover::client
