#include "sim/simoptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <algorithm>

namespace handover::sim {

namespace {

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QString environmentName(const QString &option)
{
    QString name = option.toUpper();
    name.replace(QLatin1Char('-'), QLatin1Char('_'));
    return QStringLiteral("HANDOVER_SIM_") + name;
}

} // namespace

std::optional<ListenAddress> parseListenAddress(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    QString host = text.left(colon);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    else if (host.contains(QLatin1Char(':')))
        return std::nullopt; // IPv6 needs brackets
    ListenAddress result;
    result.port = static_cast<quint16>(port);
    if (host == str("localhost"))
        result.address = QHostAddress(QHostAddress::LocalHost);
    else if (!result.address.setAddress(host))
        return std::nullopt;
    return result;
}

std::optional<PhoneRegistration> parsePhoneOption(const QString &text)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == text.size() - 1)
        return std::nullopt;
    const QString id = text.left(colon);
    const bool plainId = std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return (c.unicode() < 0x80 && c.isLetterOrNumber()) || c == QLatin1Char('_') || c == QLatin1Char('-');
    });
    if (!plainId)
        return std::nullopt;
    PhoneRegistration registration;
    // Named by its id until /sim/phones gives it a display number.
    registration.phone = BusinessPhone{id, id, str("0")};
    registration.accessToken = text.mid(colon + 1).toUtf8();
    return registration;
}

QString listenAddressText(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                             : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}

SimCommandLine parseSimCommandLine(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        str("Plays Meta's side of the WhatsApp Cloud API on loopback for tests, demos and benchmarks."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption listen(str("listen"),
                                    str("Address and port to serve on; port 0 picks a free one (default "
                                        "127.0.0.1:0)."),
                                    str("host:port"));
    const QCommandLineOption webhookUrl(str("webhook-url"),
                                        str("The server's WhatsApp webhook, e.g. "
                                            "http://127.0.0.1:8080/webhooks/whatsapp."),
                                        str("url"));
    const QCommandLineOption appSecret(str("app-secret"),
                                       str("Meta app secret that signs webhooks (required)."), str("secret"));
    const QCommandLineOption accessToken(
        str("access-token"), str("Bearer token the server must send; any token is accepted when not set."),
        str("token"));
    const QCommandLineOption verifyToken(
        str("verify-token"), str("Token for Meta's webhook verification (POST /sim/verify)."), str("token"));
    const QCommandLineOption phone(
        str("phone"),
        str("A business phone and the only token that may use it; repeatable. Once "
            "one is given, unknown phone number ids do not exist."),
        str("id:token"));
    for (const QCommandLineOption &option : {listen, webhookUrl, appSecret, accessToken, verifyToken, phone})
        parser.addOption(option);

    SimCommandLine result;
    const auto fail = [&result](const QString &message) {
        result.action = SimCommandLine::Action::Fail;
        result.message = message;
        return result;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(helpOption)) {
        result.action = SimCommandLine::Action::ShowHelp;
        result.message = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = SimCommandLine::Action::ShowVersion;
        result.message = str("handover-wa-sim ") + str(HANDOVER_VERSION);
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("Unexpected argument: ") + parser.positionalArguments().first());

    const auto value = [&parser, &environment](const QCommandLineOption &option) -> QString {
        if (parser.isSet(option))
            return parser.value(option);
        return environment.value(environmentName(option.names().first()));
    };

    SimulatorOptions &options = result.options;
    const QString listenText = value(listen).isEmpty() ? str("127.0.0.1:0") : value(listen);
    const std::optional<ListenAddress> address = parseListenAddress(listenText);
    if (!address)
        return fail(QStringLiteral("--listen wants host:port, got '") + listenText + QLatin1Char('\''));
    options.listenAddress = address->address;
    options.listenPort = address->port;

    const QString url = value(webhookUrl);
    if (!url.isEmpty()) {
        options.webhookUrl = QUrl(url, QUrl::StrictMode);
        const QString scheme = options.webhookUrl.scheme();
        if (!options.webhookUrl.isValid() || options.webhookUrl.host().isEmpty() ||
            (scheme != str("http") && scheme != str("https")))
            return fail(QStringLiteral("--webhook-url wants an http(s) URL, got '") + url +
                        QLatin1Char('\''));
    }
    options.appSecret = value(appSecret).toUtf8();
    if (options.appSecret.isEmpty())
        return fail(str("--app-secret is required (or HANDOVER_SIM_APP_SECRET)."));
    options.accessToken = value(accessToken).toUtf8();
    options.verifyToken = value(verifyToken);

    // The environment lists several as "ID:TOKEN,ID:TOKEN".
    const QStringList phones =
        parser.isSet(phone)
            ? parser.values(phone)
            : environment.value(environmentName(str("phone"))).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &text : phones) {
        const std::optional<PhoneRegistration> registration = parsePhoneOption(text.trimmed());
        if (!registration)
            return fail(QStringLiteral(
                            "--phone wants ID:TOKEN (letters, digits, '_' or '-', then the token), got '") +
                        text + QLatin1Char('\''));
        options.phones.append(*registration);
    }
    return result;
}

} // namespace handover::sim
