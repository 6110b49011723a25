#pragma once

#include "benchorg.h"
#include "connectionpool.h"
#include "serverundertest.h"

#include <QStringList>
#include <memory>

namespace handover::bench {

// What the server benchmarks (P5, P6) share on their command line.
struct LoadOptions
{
    bool smoke = false;
    bool simulator = true;
    int connections = 64; // keep-alive HTTP connections that carry the load
    int chatrooms = 1000;
    double warmupSeconds = 2;
    double seconds = 10;
    int rounds = 3;    // counted rounds: those on a quiet machine
    int maxRounds = 0; // 0: three times --rounds
};

// Takes the option at arguments[*i] if it is one of LoadOptions' (--no-simulator, --connections N,
// --chatrooms N, --seconds S, --warmup S, --rounds N, --max-rounds N), moving *i past its value; false if it
// is none of them or its value is not a positive number. --smoke is each benchmark's own.
bool takeLoadOption(const QStringList &arguments, qsizetype *i, LoadOptions *options);
// After the last option: --max-rounds defaults to three times --rounds.
void settleRounds(LoadOptions *options);

// The server under load, started: the processes, the keep-alive connections, and the org set up over the
// API. start() says what failed on stderr, and starts the run's clock (nowNs()).
class LoadTarget
{
public:
    bool start(const LoadOptions &options);

    ServerUnderTest server;
    std::unique_ptr<ConnectionPool> pool;
    BenchOrg org;
    double orgSetupSeconds = 0;
};

} // namespace handover::bench
