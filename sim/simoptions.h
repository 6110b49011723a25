#pragma once

#include "sim/whatsappsimulator.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <optional>

namespace handover::sim {

// The command line of handover-wa-sim. Every option can also come from the environment as
// HANDOVER_SIM_<OPTION_IN_CAPS> (--webhook-url: HANDOVER_SIM_WEBHOOK_URL); the command line wins.
struct SimCommandLine
{
    enum class Action
    {
        Run,
        ShowHelp,
        ShowVersion,
        Fail
    };
    Action action = Action::Run;
    SimulatorOptions options;
    QString message; // the help text, the version, or what is wrong
};

// arguments[0] is the program name, as in QCoreApplication::arguments().
SimCommandLine parseSimCommandLine(const QStringList &arguments, const QProcessEnvironment &environment);

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
};

// "127.0.0.1:8090", "localhost:0", "[::1]:8090".
std::optional<ListenAddress> parseListenAddress(const QString &text);
// The inverse, as the ready line prints it: "127.0.0.1:8090", "[::1]:8090".
QString listenAddressText(const QHostAddress &address, quint16 port);

// --phone ID:TOKEN: the phone number id (letters, digits, '_', '-') and the only token that may use it; the
// token is everything after the first ':'.
std::optional<PhoneRegistration> parsePhoneOption(const QString &text);

} // namespace handover::sim
