#pragma once

#include "core/result.h"

#include <QHostAddress>
#include <QStringList>
#include <QUrl>

namespace handover {

// The command line of handover-server (API.md, "Bootstrap"): `init` and `serve`. Every option can also come
// from the environment as HANDOVER_<OPTION_IN_CAPS> (dashes as underscores); the command line wins.
struct InitOptions
{
    QString dataDir;
    QString orgName;
    QString adminEmail;
    QString adminPassword;
};

struct ServeOptions
{
    QString dataDir;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QUrl graphUrl = QUrl(QStringLiteral("https://graph.facebook.com"));
    QString waAppSecret;
    QString waVerifyToken;
    QString waAccessToken;
    bool allowPrivateWebhooks = false;
    double ratePerSecond = 200;
    double rateBurst = 400;
    int eventRetentionDays = 7;
    int maxConnections = 4096;
    int maxConnectionsPerAddress = 256;
    int idleTimeoutSecs = 60;
    QList<QHostAddress> trustedProxies;
    QString metricsToken;
    qint64 sessionLifetimeMs = 30LL * 24 * 3600 * 1000;
    int passwordThreads = 0;       // 0: PasswordWorkers::defaultThreads()
    int passwordQueue = -1;        // -1: PasswordWorkers::defaultQueued()
    int loginFailuresPerAddress = 30;
};

struct ServerCommand
{
    enum class Kind
    {
        Init,
        Serve,
        Help,
        Version
    } kind = Kind::Help;
    InitOptions init;
    ServeOptions serve;
    QString helpText;
};

// Parses arguments (argv[0] first). Errors say what is wrong in a sentence for the terminal.
Result<ServerCommand> parseServerCommand(const QStringList &arguments, const QStringList &environment);

// "127.0.0.1:8080" -> address and port; "[::1]:8080" for IPv6.
bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port);

// "90s", "15m", "12h", "30d" -> milliseconds; nullopt for anything else, or outside 1 s to 3650 days.
std::optional<qint64> parseDuration(const QString &text);

} // namespace handover
