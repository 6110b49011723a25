// P5 (TARGETS.md): accepted (durable) STMs per second of the real handover-server on SQLite, and GET /healthz
// per second of the same server, measured in the same run by the same load generator: keep-alive HTTP/1.1 on
// raw QTcpSockets, N connections with one request in flight each. Ends with a durability check: the server is
// killed with SIGKILL and the template messages in its database are counted against the 2xx answers.

#include "support/benchclock.h"
#include "support/benchorg.h"
#include "support/connectionpool.h"
#include "support/cpuusage.h"
#include "support/eventloopwait.h"
#include "support/loadtarget.h"
#include "support/samples.h"
#include "support/serverundertest.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <cstdio>
#include <functional>
#include <vector>

using namespace handover::bench;

namespace {

using Options = LoadOptions;

// ---- one measured phase: warm-up, then a fixed window; answers are counted by the time they arrive

struct Phase
{
    double seconds = 0;
    qint64 ok = 0;         // 2xx answered inside the window
    qint64 okTotal = 0;    // 2xx answered at any time, warm-up and drain included
    qint64 refused = 0;    // non-2xx answers, any time
    qint64 broken = 0;     // connections that broke before an answer, any time
    qint64 unanswered = 0; // still in flight when the drain gave up
    std::vector<qint64> latencyNs;
    QMap<int, qint64> otherStatuses;
    CpuWindow cpu; // spent inside the window

    double perSecond() const { return seconds > 0 ? double(ok) / seconds : 0; }
};

Phase runPhase(ConnectionPool &pool, const ServerUnderTest &server,
               const std::function<QByteArray(quint64)> &request, double warmupSeconds, double seconds)
{
    Phase phase;
    const qint64 start = nowNs();
    const qint64 windowStart = start + qint64(warmupSeconds * 1e9);
    const qint64 windowEnd = windowStart + qint64(seconds * 1e9);
    quint64 sent = 0;
    int inFlight = 0;
    bool stopping = false;
    QEventLoop loop;
    QObject context;
    phase.cpu.serverPid = server.serverPid();
    phase.cpu.simulatorPid = server.simulatorPid();

    std::function<void(HttpConnection &)> feed = [&](HttpConnection &connection) {
        const qint64 sentAt = nowNs();
        ++inFlight;
        connection.send(request(sent++), [&, sentAt](const HttpAnswer &answer) {
            const qint64 at = nowNs();
            --inFlight;
            if (at >= windowStart)
                phase.cpu.begin();
            if (at >= windowEnd)
                phase.cpu.end();
            if (answer.status >= 200 && answer.status < 300) {
                ++phase.okTotal;
                if (at >= windowStart && at < windowEnd) {
                    ++phase.ok;
                    phase.latencyNs.push_back(at - sentAt);
                }
            } else if (answer.status == 0) {
                ++phase.broken;
            } else {
                ++phase.refused;
                ++phase.otherStatuses[answer.status];
            }
            if (!stopping && at < windowEnd)
                feed(connection);
            else if (inFlight == 0)
                loop.quit();
        });
    };
    QTimer::singleShot(int(warmupSeconds * 1000), &context, [&] { phase.cpu.begin(); });
    QTimer::singleShot(int((warmupSeconds + seconds) * 1000), &context, [&] {
        phase.cpu.end();
        stopping = true;
        if (inFlight == 0)
            loop.quit();
    });
    QTimer::singleShot(int((warmupSeconds + seconds + 60) * 1000), &context,
                       [&] { loop.quit(); }); // drain limit
    for (int i = 0; i < pool.size(); ++i)
        feed(pool.at(i));
    loop.exec();
    phase.cpu.end(); // if the load stopped before the window's end (then the drain is included)
    phase.unanswered = inFlight;
    phase.seconds = double(windowEnd - windowStart) / 1e9;
    return phase;
}

// ---- what the server says about its writer

qint64 metric(ConnectionPool &pool, const char *name)
{
    const HttpAnswer answer = pool.one(httpRequest("GET", QStringLiteral("/metrics"), {}));
    const QByteArray prefix = QByteArray(name) + ' ';
    for (const QByteArray &line : answer.body.split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).toLongLong();
    }
    return -1;
}

// The sender's queue of WhatsApp sends left by an STM phase is emptied before the next phase, so that its
// work is not charged to healthz. Returns the seconds it took, or -1 if it did not empty in time.
double waitForOutboundQueue(ConnectionPool &pool, double limitSeconds)
{
    QElapsedTimer waited;
    waited.start();
    while (metric(pool, "handover_whatsapp_outbound_queue_depth") > 0) {
        if (double(waited.elapsed()) / 1000 > limitSeconds)
            return -1;
        pause(100);
    }
    return double(waited.elapsed()) / 1000;
}

void printCpu(const Phase &phase, bool simulator)
{
    const CpuWindow &cpu = phase.cpu;
    std::printf("    CPU, %% of one core: server %s\n", qPrintable(cpuText(cpu.server, phase.seconds)));
    if (simulator)
        std::printf("                        wa-sim %s\n", qPrintable(cpuText(cpu.simulator, phase.seconds)));
    std::printf("                        load generator %.0f%%\n", 100 * cpu.self.total / phase.seconds);
    std::printf("                        other processes %.0f%% (machine busy %.0f%% of %d cores)\n",
                100 * cpu.others() / phase.seconds, 100 * cpu.machine / phase.seconds,
                QThread::idealThreadCount());
    if (phase.ok > 0) {
        // CPU time per answer hardly depends on what else runs; it bounds the rate a thread can sustain.
        QStringList threads;
        for (auto it = cpu.server.threads.cbegin(); it != cpu.server.threads.cend(); ++it) {
            if (it.value() / phase.seconds >= 0.01)
                threads.append(QStringLiteral("%1 %2").arg(it.key()).arg(1e6 * it.value() / double(phase.ok),
                                                                         0, 'f', 0));
        }
        std::printf("    CPU per answer, us: server %.0f (%s)%s\n", 1e6 * cpu.server.total / double(phase.ok),
                    qPrintable(threads.join(QStringLiteral(", "))),
                    simulator ? qPrintable(QStringLiteral(", wa-sim %1")
                                               .arg(1e6 * cpu.simulator.total / double(phase.ok), 0, 'f', 0))
                              : "");
    }
    if (cpu.others() / phase.seconds > 0.1)
        std::printf(
            "  ! other processes used more than 10%% of a core: these figures are not representative\n");
}

qint64 storedTemplateMessages(const QString &path)
{
    qint64 count = -1;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("durability-check"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT count(*) FROM messages WHERE kind = 'template'")) &&
                query.next())
                count = query.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("durability-check"));
    return count;
}

struct RoundFigures
{
    double stmRate = 0;
    double healthRate = 0;
    double ratio = 0;
    double stmP50 = 0;
    double stmP99 = 0;
    double healthP50 = 0;
    double healthP99 = 0;
    bool quiet = true; // other processes took at most 10% of a core in both windows
};

bool parseOptions(const QStringList &arguments, Options *options)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == QStringLiteral("--smoke")) {
            options->smoke = true;
            options->connections = 4;
            options->chatrooms = 20;
            options->warmupSeconds = 0.2;
            options->seconds = 1;
            options->rounds = 1;
            options->maxRounds = 1;
        } else if (!takeLoadOption(arguments, &i, options)) {
            std::fprintf(
                stderr,
                "usage: bench_server_throughput [--smoke] [--connections N] [--chatrooms N] [--seconds S]\n"
                "       [--warmup S] [--rounds N] [--max-rounds N] [--no-simulator]\n");
            return false;
        }
    }
    settleRounds(options);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parseOptions(QCoreApplication::arguments(), &options))
        return 2;
    LoadTarget target;
    if (!target.start(options))
        return 1;
    ServerUnderTest &server = target.server;
    ConnectionPool &pool = *target.pool;
    const BenchOrg &org = target.org;

    std::printf("P5: server STM throughput against GET /healthz, same server, same run%s\n",
                options.smoke ? " (smoke run: checks that it works, not how fast)" : "");
    std::printf("server: handover-server, SQLite synchronous=FULL, group commit; WhatsApp sends %s\n",
                options.simulator ? "go to handover-wa-sim on loopback (and succeed)"
                                  : "have no --graph-url (each fails and is queued for a retry)");
    std::printf("load: %d keep-alive connections, one request in flight each; STMs spread over %d chatrooms "
                "(set up in %.1f s)\n",
                options.connections, int(org.chatroomIds.size()), target.orgSetupSeconds);
    std::printf(
        "each round: %.1f s warm-up + %.1f s measured per side; %d round(s) on a quiet machine counted "
        "(at most %d run); answers counted when they arrive; latency from write to the full answer\n\n",
        options.warmupSeconds, options.seconds, options.rounds, options.maxRounds);

    const QList<QByteArray> stms = stmRequests(server, org);
    const QByteArray health = httpRequest("GET", QStringLiteral("/healthz"), {});

    // A round during which other processes took more than 10% of a core is shown but not counted, and another
    // one runs, up to --max-rounds; if no round was quiet, the medians are of every round.
    std::vector<RoundFigures> rounds;
    qint64 stmOk = 0;
    bool clean = true;
    int quietRounds = 0;
    for (int round = 1; quietRounds < options.rounds && round <= options.maxRounds; ++round) {
        const qint64 batches0 = metric(pool, "handover_writer_batches_total");
        const qint64 jobs0 = metric(pool, "handover_writer_jobs_total");
        const Phase stm = runPhase(
            pool, server, [&](quint64 n) { return stms[qsizetype(n % quint64(stms.size()))]; },
            options.warmupSeconds, options.seconds);
        const qint64 batches = metric(pool, "handover_writer_batches_total") - batches0;
        const qint64 jobs = metric(pool, "handover_writer_jobs_total") - jobs0;
        const qint64 queued = metric(pool, "handover_whatsapp_outbound_queue_depth");
        const double drained = options.simulator ? waitForOutboundQueue(pool, 120) : 0;
        const Phase healthz = runPhase(
            pool, server, [&](quint64) { return health; }, options.warmupSeconds, options.seconds);
        stmOk += stm.okTotal;
        clean = clean && stm.refused == 0 && stm.broken == 0 && stm.unanswered == 0 && healthz.refused == 0 &&
                healthz.broken == 0 && healthz.unanswered == 0 && stm.ok > 0 && healthz.ok > 0;

        RoundFigures f;
        f.stmRate = stm.perSecond();
        f.healthRate = healthz.perSecond();
        f.ratio = f.healthRate > 0 ? f.stmRate / f.healthRate : 0;
        f.stmP50 = percentileMs(stm.latencyNs, 0.50);
        f.stmP99 = percentileMs(stm.latencyNs, 0.99);
        f.healthP50 = percentileMs(healthz.latencyNs, 0.50);
        f.healthP99 = percentileMs(healthz.latencyNs, 0.99);
        f.quiet = stm.cpu.others() / stm.seconds <= 0.1 && healthz.cpu.others() / healthz.seconds <= 0.1;
        quietRounds += f.quiet ? 1 : 0;
        rounds.push_back(f);

        std::printf("round %d\n", round);
        std::printf("  STM     %8.0f /s   p50 %6.2f ms   p99 %6.2f ms   (%lld answered 2xx in the window)\n",
                    f.stmRate, f.stmP50, f.stmP99, static_cast<long long>(stm.ok));
        std::printf(
            "    writer: %lld commits for %lld jobs (%.1f jobs per commit, STMs and the sender's updates)\n",
            static_cast<long long>(batches), static_cast<long long>(jobs),
            batches > 0 ? double(jobs) / double(batches) : 0.0);
        printCpu(stm, options.simulator);
        if (options.simulator && drained >= 0)
            std::printf("    WhatsApp sends still queued after the window: %lld (emptied in %.1f s, before "
                        "healthz)\n",
                        static_cast<long long>(queued), drained);
        else if (options.simulator)
            std::printf("    WhatsApp sends still queued after the window: %lld (NOT emptied in 120 s)\n",
                        static_cast<long long>(queued));
        else
            std::printf("    WhatsApp sends waiting for a retry: %lld\n", static_cast<long long>(queued));
        std::printf("  healthz %8.0f /s   p50 %6.2f ms   p99 %6.2f ms\n", f.healthRate, f.healthP50,
                    f.healthP99);
        printCpu(healthz, false);
        std::printf("  ratio STM/healthz %.2f%s\n", f.ratio,
                    f.quiet ? "" : "  (round not counted: machine busy)");
        for (const Phase *p : {&stm, &healthz}) {
            for (auto it = p->otherStatuses.cbegin(); it != p->otherStatuses.cend(); ++it)
                std::printf("  ! %s: %lld answers with status %d\n", p == &stm ? "STM" : "healthz",
                            static_cast<long long>(it.value()), it.key());
            if (p->broken || p->unanswered)
                std::printf("  ! %s: %lld broken connections, %lld requests unanswered\n",
                            p == &stm ? "STM" : "healthz", static_cast<long long>(p->broken),
                            static_cast<long long>(p->unanswered));
        }
        std::fflush(stdout);
    }

    // Durability: everything that got a 2xx must be in the file after SIGKILL, and nothing more was sent
    // (every request got an answer, so there is no STM that was stored without one).
    server.killServer();
    const qint64 stored = storedTemplateMessages(server.databasePath());
    const bool durable = stored == stmOk;
    std::printf("\ndurability: %lld STMs answered 2xx in total; %lld template messages in the database after "
                "%s of the server: %s\n",
                static_cast<long long>(stmOk), static_cast<long long>(stored),
                server.wrapped() ? "SIGTERM" : "SIGKILL", durable ? "equal" : "NOT EQUAL");

    std::vector<RoundFigures> counted;
    for (const RoundFigures &f : rounds) {
        if (f.quiet || quietRounds == 0)
            counted.push_back(f);
    }
    const auto medianOf = [&](double RoundFigures::*field) {
        std::vector<double> values;
        for (const RoundFigures &f : counted)
            values.push_back(f.*field);
        return median(values);
    };
    const double stmRate = medianOf(&RoundFigures::stmRate);
    const double ratio = medianOf(&RoundFigures::ratio);
    std::printf(
        "\nmedian of %d %s round(s): STM %.0f/s (p50 %.2f ms, p99 %.2f ms), healthz %.0f/s (p50 %.2f ms, "
        "p99 %.2f ms), ratio %.2f\n",
        int(counted.size()), quietRounds ? "quiet" : "(all busy!)", stmRate, medianOf(&RoundFigures::stmP50),
        medianOf(&RoundFigures::stmP99), medianOf(&RoundFigures::healthRate),
        medianOf(&RoundFigures::healthP50), medianOf(&RoundFigures::healthP99), ratio);
    if (quietRounds < options.rounds && !options.smoke)
        std::printf("  ! only %d of %d rounds ran on a quiet machine\n", quietRounds, int(rounds.size()));
    if (options.smoke) {
        std::printf("smoke run: figures are not compared with P5\n");
    } else {
        std::printf("P5 >= 5,000 accepted STMs/s: %s (%.0f/s)\n", stmRate >= 5000 ? "met" : "NOT MET",
                    stmRate);
        std::printf("P5 >= 0.5 of healthz:        %s (%.2f)\n", ratio >= 0.5 ? "met" : "NOT MET", ratio);
    }
    server.stop();
    if (!clean)
        std::printf("some requests failed (see the lines marked !)\n");
    return durable && clean ? 0 : 1;
}
