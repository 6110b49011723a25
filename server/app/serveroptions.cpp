#include "server/app/serveroptions.h"

#include <QCommandLineParser>
#include <QHash>
#include <functional>

namespace handover {

namespace {

struct OptionSpec
{
    const char *name;
    const char *valueName; // nullptr: a flag
    const char *description;
};

constexpr OptionSpec kOptions[] = {
    {"data-dir", "DIR", "Directory of the database and its files."},
    {"org-name", "NAME", "init: name of the org to create."},
    {"admin-email", "EMAIL", "init: e-mail of the org's first ADMIN."},
    {"admin-password", "PASSWORD", "init: password of the org's first ADMIN (8 to 64 characters)."},
    {"listen", "HOST:PORT", "serve: address to listen on (default 127.0.0.1:8080)."},
    {"graph-url", "URL", "serve: base URL of Meta's Graph API, or of handover-wa-sim."},
    {"wa-app-secret", "SECRET", "serve: Meta app secret that signs inbound webhooks."},
    {"wa-verify-token", "TOKEN", "serve: token Meta's webhook verification must present."},
    {"wa-access-token", "TOKEN", "serve: access token for sending through the Cloud API."},
    {"allow-private-webhooks", nullptr, "serve: allow org webhooks on loopback and private addresses."},
    {"rate-limit", "PER_SECOND", "serve: requests per second per token (default 200)."},
    {"rate-burst", "COUNT", "serve: burst size per token (default 400)."},
    {"event-retention-days", "DAYS", "serve: days the sync event log is kept (default 7)."},
    {"max-connections", "COUNT",
     "serve: open connections at most, HTTP and streams together (default 4096)."},
    {"max-connections-per-address", "COUNT",
     "serve: open connections at most from one client address (default 256; 0: no limit)."},
    {"idle-timeout", "SECONDS",
     "serve: how long a kept-alive connection may wait for its next request (default 60)."},
    {"trusted-proxy", "ADDRESSES",
     "serve: comma-separated addresses of reverse proxies whose X-Forwarded-For names the client."},
    {"metrics-token", "TOKEN", "serve: bearer token GET /metrics requires (default: none)."},
    {"session-lifetime", "DURATION",
     "serve: how long a login session lasts: 90s, 15m, 12h or 30d (default 30d)."},
    {"password-threads", "COUNT",
     "serve: threads for password hashing (default half the cores, at least 1)."},
    {"password-queue", "COUNT",
     "serve: password checks that may wait for a thread before 503 (default 8 per thread)."},
    {"login-failures-per-address", "COUNT",
     "serve: failed logins from one client address in 15 minutes before it is throttled (default 30)."},
};

QString envName(const char *option)
{
    return QStringLiteral("HANDOVER_") +
           QString::fromLatin1(option).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

Error usage(const QString &sentence)
{
    return Error::make(ErrorCode::BadRequest, sentence);
}

// A whole number in [min, max] from an option, or `fallback` when it is not given.
Result<int> countOption(const QString &text, const char *name, int min, int max, int fallback)
{
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const int count = text.toInt(&ok);
    if (!ok || count < min || count > max)
        return usage(QStringLiteral("--%1 takes a whole number from %2 to %3.")
                         .arg(QLatin1String(name))
                         .arg(min)
                         .arg(max));
    return count;
}

// Sessions, the password workers and the login throttle.
Result<void> parseCredentialOptions(const std::function<QString(const char *)> &value, ServeOptions *serve)
{
    if (const QString lifetime = value("session-lifetime"); !lifetime.isEmpty()) {
        const auto ms = parseDuration(lifetime);
        if (!ms)
            return usage(QStringLiteral("--session-lifetime takes a duration like 90s, 15m, 12h or 30d."));
        serve->sessionLifetimeMs = *ms;
    }
    auto threads = countOption(value("password-threads"), "password-threads", 1, 256, 0);
    if (!threads)
        return threads.error();
    auto queue = countOption(value("password-queue"), "password-queue", 0, 4096, -1);
    if (!queue)
        return queue.error();
    auto perAddress =
        countOption(value("login-failures-per-address"), "login-failures-per-address", 5, 100000, 30);
    if (!perAddress)
        return perAddress.error();
    serve->passwordThreads = *threads;
    serve->passwordQueue = *queue;
    serve->loginFailuresPerAddress = *perAddress;
    return {};
}

} // namespace

bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint value = text.mid(colon + 1).toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    QHostAddress parsed;
    if (host == QLatin1String("localhost"))
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (!parsed.setAddress(host))
        return false;
    *address = parsed;
    *port = static_cast<quint16>(value);
    return true;
}

std::optional<qint64> parseDuration(const QString &text)
{
    static constexpr struct
    {
        char unit;
        qint64 ms;
    } kUnits[] = {{'s', 1000}, {'m', 60'000}, {'h', 3'600'000}, {'d', 86'400'000}};
    constexpr qint64 kMaxMs = 3650LL * 86'400'000;
    const QString trimmed = text.trimmed();
    if (trimmed.size() < 2)
        return std::nullopt;
    for (const auto &unit : kUnits) {
        if (trimmed.back() != QLatin1Char(unit.unit))
            continue;
        bool ok = false;
        const qint64 count = trimmed.chopped(1).toLongLong(&ok);
        if (!ok || count < 1 || count > kMaxMs / unit.ms)
            return std::nullopt;
        return count * unit.ms;
    }
    return std::nullopt;
}

Result<ServerCommand> parseServerCommand(const QStringList &arguments, const QStringList &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Handover server: the automation API, the WhatsApp channel, the org webhook relay and "
                       "the sync hub.\n\n"
                       "Commands:\n  init   create the database, an org and its first ADMIN; prints JSON\n"
                       "  serve  serve HTTP and the sync WebSocket\n\n"
                       "Every option can also be set as HANDOVER_<OPTION_IN_CAPS>, e.g. HANDOVER_DATA_DIR."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("init or serve"));
    QStringList names;
    for (const OptionSpec &spec : kOptions) {
        const QString name = QString::fromLatin1(spec.name);
        QCommandLineOption option(name, QString::fromLatin1(spec.description));
        if (spec.valueName)
            option.setValueName(QString::fromLatin1(spec.valueName));
        parser.addOption(option);
        names.append(name);
    }
    if (!parser.parse(arguments))
        return usage(parser.errorText());

    ServerCommand command;
    command.helpText = parser.helpText();
    if (parser.isSet(help))
        return command;
    if (parser.isSet(version)) {
        command.kind = ServerCommand::Kind::Version;
        return command;
    }

    QHash<QString, QString> env;
    for (const QString &entry : environment) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        if (eq > 0)
            env.insert(entry.left(eq), entry.mid(eq + 1));
    }
    const auto value = [&](const char *name) -> QString {
        const QString key = QString::fromLatin1(name);
        if (parser.isSet(key))
            return parser.value(key);
        return env.value(envName(name));
    };
    const auto flag = [&](const char *name) {
        if (parser.isSet(QString::fromLatin1(name)))
            return true;
        const QString fromEnv = env.value(envName(name)).toLower();
        return fromEnv == QLatin1String("1") || fromEnv == QLatin1String("true");
    };

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usage(QStringLiteral("Say which command to run: init or serve (see --help)."));
    const QString dataDir = value("data-dir");
    if (dataDir.isEmpty())
        return usage(QStringLiteral("--data-dir is required."));

    if (positional.first() == QLatin1String("init")) {
        command.kind = ServerCommand::Kind::Init;
        command.init = InitOptions{dataDir, value("org-name"), value("admin-email"), value("admin-password")};
        if (command.init.orgName.trimmed().isEmpty())
            return usage(QStringLiteral("--org-name is required."));
        if (command.init.adminEmail.isEmpty() || !command.init.adminEmail.contains(QLatin1Char('@')))
            return usage(QStringLiteral("--admin-email must be an e-mail address."));
        if (command.init.adminPassword.size() < 8 || command.init.adminPassword.size() > 64)
            return usage(QStringLiteral("--admin-password must have 8 to 64 characters."));
        return command;
    }
    if (positional.first() != QLatin1String("serve"))
        return usage(QStringLiteral("Unknown command \"%1\": use init or serve.").arg(positional.first()));

    command.kind = ServerCommand::Kind::Serve;
    ServeOptions &serve = command.serve;
    serve.dataDir = dataDir;
    if (const QString listen = value("listen");
        !listen.isEmpty() && !parseListenAddress(listen, &serve.listenAddress, &serve.listenPort)) {
        return usage(QStringLiteral("--listen takes HOST:PORT, for example 127.0.0.1:8080."));
    }
    if (const QString graph = value("graph-url"); !graph.isEmpty()) {
        serve.graphUrl = QUrl(graph);
        if (!serve.graphUrl.isValid() || !serve.graphUrl.scheme().startsWith(QLatin1String("http")))
            return usage(QStringLiteral("--graph-url must be an http or https URL."));
    }
    serve.waAppSecret = value("wa-app-secret");
    serve.waVerifyToken = value("wa-verify-token");
    serve.waAccessToken = value("wa-access-token");
    serve.allowPrivateWebhooks = flag("allow-private-webhooks");
    bool ok = true;
    if (const QString rate = value("rate-limit"); !rate.isEmpty())
        serve.ratePerSecond = rate.toDouble(&ok);
    if (ok) {
        if (const QString burst = value("rate-burst"); !burst.isEmpty())
            serve.rateBurst = burst.toDouble(&ok);
    }
    if (!ok || serve.ratePerSecond <= 0 || serve.rateBurst < 1)
        return usage(QStringLiteral("--rate-limit and --rate-burst take positive numbers."));
    if (const QString days = value("event-retention-days"); !days.isEmpty()) {
        serve.eventRetentionDays = days.toInt(&ok);
        if (!ok || serve.eventRetentionDays < 1)
            return usage(QStringLiteral("--event-retention-days takes a whole number of days, at least 1."));
    }
    const auto count = [&](const char *name, int *target, int minimum) {
        const QString text = value(name);
        if (text.isEmpty())
            return true;
        bool parsed = false;
        const int number = text.toInt(&parsed);
        if (!parsed || number < minimum)
            return false;
        *target = number;
        return true;
    };
    if (!count("max-connections", &serve.maxConnections, 1))
        return usage(QStringLiteral("--max-connections takes a whole number, at least 1."));
    if (!count("max-connections-per-address", &serve.maxConnectionsPerAddress, 0))
        return usage(QStringLiteral("--max-connections-per-address takes a whole number (0: no limit)."));
    if (!count("idle-timeout", &serve.idleTimeoutSecs, 1))
        return usage(QStringLiteral("--idle-timeout takes a whole number of seconds, at least 1."));
    for (const QString &entry : value("trusted-proxy").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QHostAddress proxy(entry.trimmed());
        if (proxy.isNull())
            return usage(
                QStringLiteral("--trusted-proxy takes IP addresses, not \"%1\".").arg(entry.trimmed()));
        serve.trustedProxies.append(proxy);
    }
    serve.metricsToken = value("metrics-token");
    if (auto parsed = parseCredentialOptions(value, &serve); !parsed)
        return parsed.error();
    return command;
}

} // namespace handover
