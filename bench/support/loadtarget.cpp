#include "loadtarget.h"

#include "benchclock.h"

#include <QElapsedTimer>
#include <cstdio>

namespace handover::bench {

bool takeLoadOption(const QStringList &arguments, qsizetype *i, LoadOptions *options)
{
    const QString &option = arguments[*i];
    if (option == QStringLiteral("--no-simulator")) {
        options->simulator = false;
        return true;
    }
    double *seconds = option == QStringLiteral("--seconds")  ? &options->seconds
                      : option == QStringLiteral("--warmup") ? &options->warmupSeconds
                                                             : nullptr;
    int *count = option == QStringLiteral("--connections")  ? &options->connections
                 : option == QStringLiteral("--chatrooms")  ? &options->chatrooms
                 : option == QStringLiteral("--rounds")     ? &options->rounds
                 : option == QStringLiteral("--max-rounds") ? &options->maxRounds
                                                            : nullptr;
    if (!seconds && !count)
        return false;
    bool ok = false;
    const double value = arguments.value(++*i).toDouble(&ok);
    if (!ok || value <= 0)
        return false;
    if (seconds)
        *seconds = value;
    else
        *count = int(value);
    return true;
}

void settleRounds(LoadOptions *options)
{
    if (options->maxRounds < options->rounds)
        options->maxRounds = 3 * options->rounds;
}

bool LoadTarget::start(const LoadOptions &options)
{
    nowNs(); // the run's clock starts here
    if (!server.start(options.simulator)) {
        std::fprintf(stderr, "%s\n", qPrintable(server.error()));
        return false;
    }
    pool = std::make_unique<ConnectionPool>(server.port, options.connections);
    QElapsedTimer setup;
    setup.start();
    if (!setUpOrg(*pool, server, options.chatrooms, &org))
        return false;
    orgSetupSeconds = double(setup.elapsed()) / 1000;
    return true;
}

} // namespace handover::bench
