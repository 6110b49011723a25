#include "app/console/consoleoptions.h"

namespace handover::console {

namespace {

QString helpText()
{
    return QStringLiteral(
        "Usage: handover [options]\n"
        "The Handover console for WhatsApp Business chat automation.\n"
        "With no server configured it starts in local mode: an embedded server, the WhatsApp simulator and a\n"
        "demo org with simulated customers.\n"
        "\n"
        "Options:\n"
        "  --server URL       connect to the Handover server at URL\n"
        "  --local            start in local mode even when a server is configured\n"
        "  --data-dir DIR     keep the cache and local mode's data in DIR\n"
        "  --language LANG    use the language LANG (en, de, pt_BR)\n"
        "  -h, --help         show this help\n"
        "  -v, --version      show the version\n");
}

} // namespace

Result<ConsoleOptions> parseConsoleOptions(const QStringList &arguments)
{
    ConsoleOptions options;
    options.helpText = helpText();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const auto value = [&](const QString &name) -> Result<QString> {
            const qsizetype eq = argument.indexOf(u'=');
            if (eq > 0)
                return argument.mid(eq + 1);
            if (i + 1 >= arguments.size())
                return Error::make(ErrorCode::BadRequest, QStringLiteral("%1 needs a value").arg(name), {name});
            return arguments.at(++i);
        };
        const QString name = argument.section(u'=', 0, 0);
        if (name == u"-h" || name == u"--help") {
            options.kind = ConsoleOptions::Kind::Help;
        } else if (name == u"-v" || name == u"--version") {
            options.kind = ConsoleOptions::Kind::Version;
        } else if (name == u"--local") {
            options.localMode = true;
        } else if (name == u"--server") {
            auto url = value(name);
            if (!url)
                return url.error();
            options.serverUrl = QUrl::fromUserInput(*url);
            if (!options.serverUrl.isValid() || options.serverUrl.host().isEmpty())
                return Error::make(ErrorCode::BadRequest, QStringLiteral("--server: not a server address: %1").arg(*url), {name});
        } else if (name == u"--data-dir") {
            auto dir = value(name);
            if (!dir)
                return dir.error();
            options.dataDirectory = *dir;
        } else if (name == u"--language") {
            auto language = value(name);
            if (!language)
                return language.error();
            options.language = *language;
        } else if (name.startsWith(u"-platform") || name.startsWith(u"-style") || name.startsWith(u"-qwindow")) {
            continue; // Qt's own options, read by QApplication
        } else {
            return Error::make(ErrorCode::BadRequest, QStringLiteral("unknown option: %1").arg(argument));
        }
    }
    return options;
}

} // namespace handover::console
