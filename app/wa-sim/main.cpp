// handover-wa-sim: Meta's WhatsApp Cloud API played on loopback. See docs/simulator.md.

#include "sim/simoptions.h"
#include "sim/whatsappsimulator.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("handover-wa-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HANDOVER_VERSION));
    // One debug line per message is too much for benchmarks; QT_LOGGING_RULES can turn it back on.
    QLoggingCategory::setFilterRules(QStringLiteral("handover.whatsapp.debug=false"));

    using handover::sim::SimCommandLine;
    const SimCommandLine commandLine = handover::sim::parseSimCommandLine(
        QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment());
    QTextStream out(stdout);
    QTextStream err(stderr);
    switch (commandLine.action) {
    case SimCommandLine::Action::ShowHelp:
    case SimCommandLine::Action::ShowVersion:
        out << commandLine.message << Qt::endl;
        return 0;
    case SimCommandLine::Action::Fail:
        err << "handover-wa-sim: " << commandLine.message << "\nTry --help." << Qt::endl;
        return 2;
    case SimCommandLine::Action::Run:
        break;
    }

    handover::sim::WhatsAppSimulator simulator(commandLine.options);
    if (!simulator.listen()) {
        err << "handover-wa-sim: cannot listen on "
            << handover::sim::listenAddressText(commandLine.options.listenAddress,
                                                commandLine.options.listenPort)
            << Qt::endl;
        return 1;
    }
    out << "handover-wa-sim listening on "
        << handover::sim::listenAddressText(simulator.address(), simulator.port()) << Qt::endl;
    return QCoreApplication::exec();
}
