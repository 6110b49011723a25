// P6 (TARGETS.md): end-to-end latency from an STM accepted by the real handover-server to the message.created
// event received by each of 100 connected stream clients (QWebSocket, supervisors, who see every event),
// while STMs go in at 1,000/s. Measured to the client's socket: "applied in a console's model" belongs to the
// console's own benchmark. Every timestamp comes from one monotonic clock in this process, so no clocks of
// different processes are compared.

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
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace handover::bench;

namespace {

struct Options
{
    LoadOptions load;
    int consoles = 100;
    int consoleThreads = 1; // 0: the consoles share the main thread with the STM sender
    double rate = 1000;     // STMs per second
};

// ---- stream clients

struct Receipt
{
    QString messageId;
    qint64 at = 0;
};

// One console's socket. It answers pings and notes when each message.created arrives; matching the ids with
// the STMs happens after the run, so that the time spent per frame here stays small.
class StreamClient
{
public:
    StreamClient(QObject *context, std::atomic<int> &welcomed, std::atomic<qint64> &created)
        : m_welcomed(welcomed)
        , m_created(created)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, context,
                         [this](const QString &text) { onText(text); });
        QObject::connect(&socket, &QWebSocket::disconnected, context, [this] { ++closes; });
    }

    ~StreamClient() { QObject::disconnect(&socket, nullptr, nullptr, nullptr); } // as ~HttpConnection
    StreamClient(const StreamClient &) = delete;
    StreamClient &operator=(const StreamClient &) = delete;

    void open(quint16 port, const QString &token, qint64 since)
    {
        QObject::connect(&socket, &QWebSocket::connected, &socket, [this, token, since] {
            const QJsonObject hello{{QStringLiteral("type"), QStringLiteral("hello")},
                                    {QStringLiteral("token"), token},
                                    {QStringLiteral("since"), since},
                                    {QStringLiteral("client"), QStringLiteral("bench")}};
            socket.sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
        });
        socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/stream").arg(port)));
    }

    QWebSocket socket;
    std::vector<Receipt> receipts;
    qint64 headSeq = -1;
    int resets = 0;
    int closes = 0;
    qsizetype consumed = 0; // receipts already matched with the STMs of earlier rounds
    int checked = 0;        // receipts whose id was checked against a full JSON parse
    int mismatched = 0;     // ... and found wrong

private:
    static QString between(QStringView text, qsizetype from, QLatin1StringView start)
    {
        const qsizetype at = text.indexOf(start, from);
        if (at < 0)
            return {};
        const qsizetype end = text.indexOf(u'"', at + start.size());
        return end < 0 ? QString() : text.mid(at + start.size(), end - at - start.size()).toString();
    }

    void onText(const QString &text)
    {
        const qint64 at = nowNs();
        if (text.contains(QLatin1StringView("\"kind\":\"message.created\""))) {
            // The message's own id: the first "id" after the "message" key (its keys before "id" hold no
            // ids).
            const qsizetype message = text.indexOf(QLatin1StringView("\"message\":{"));
            QString id = message < 0 ? QString() : between(text, message, QLatin1StringView("\"id\":\""));
            if (checked < 20) { // the fast path checked against a real parse, now and then
                ++checked;
                const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object();
                const QString parsed =
                    event.value(QStringLiteral("message")).toObject().value(QStringLiteral("id")).toString();
                if (parsed != id) {
                    ++mismatched;
                    id = parsed;
                }
            }
            receipts.push_back(Receipt{std::move(id), at});
            m_created.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        if (text.contains(QLatin1StringView("\"type\":\"event\"")))
            return; // other kinds: message.updated (the send went out), presence.updated...
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = frame.value(QStringLiteral("type")).toString();
        if (type == QStringLiteral("ping")) {
            const QJsonObject pong{{QStringLiteral("type"), QStringLiteral("pong")},
                                   {QStringLiteral("t"), frame.value(QStringLiteral("t"))}};
            socket.sendTextMessage(QString::fromUtf8(QJsonDocument(pong).toJson(QJsonDocument::Compact)));
        } else if (type == QStringLiteral("welcome")) {
            headSeq = frame.value(QStringLiteral("head_seq")).toInteger();
            m_welcomed.fetch_add(1);
        } else if (type == QStringLiteral("reset")) {
            ++resets;
        }
    }

    std::atomic<int> &m_welcomed;
    std::atomic<qint64> &m_created;
};

// Consoles that share one thread (and its event loop).
class ConsoleGroup : public QObject
{
public:
    ConsoleGroup(std::atomic<int> &welcomed, std::atomic<qint64> &created)
        : m_welcomed(welcomed)
        , m_created(created)
    {}

    // Called in the group's thread.
    void open(int count, quint16 port, const QString &token, qint64 since)
    {
        for (int i = 0; i < count; ++i) {
            clients.push_back(std::make_unique<StreamClient>(this, m_welcomed, m_created));
            clients.back()->open(port, token, since);
        }
    }
    void close() { clients.clear(); }

    std::vector<std::unique_ptr<StreamClient>> clients;

private:
    std::atomic<int> &m_welcomed;
    std::atomic<qint64> &m_created;
};

// The org's head seq, from the welcome of a console that leaves at once.
qint64 headSeq(quint16 port, const QString &token)
{
    std::atomic<int> welcomed{0};
    std::atomic<qint64> created{0};
    QObject context;
    StreamClient probe(&context, welcomed, created);
    probe.open(port, token, 0);
    if (!waitUntil([&] { return welcomed.load() > 0; }, 10000)) {
        std::fprintf(stderr, "stream: no welcome (%s; close code %d, %s)\n",
                     qPrintable(probe.socket.errorString()), int(probe.socket.closeCode()),
                     qPrintable(probe.socket.closeReason()));
        return -1;
    }
    probe.socket.close();
    return probe.headSeq;
}

// ---- STMs at a fixed rate

struct SentStm
{
    qint64 sentAt = 0;     // the request was written to the socket
    qint64 acceptedAt = 0; // its 201 was read in full
    bool measured = false; // sent inside the measured window
};

struct Round
{
    double seconds = 0;
    qint64 measuredStms = 0;
    qint64 failed = 0;    // non-201 answers and broken connections
    qint64 lateSends = 0; // sends that waited for a free connection
    std::vector<qint64> httpNs;
    QHash<QString, SentStm> stms; // by message id
    CpuWindow cpu;                // spent inside the window
};

// Sends STMs on a schedule of `rate` per second (a free connection takes the next one that is due) for the
// warm-up and the window, and waits for every answer.
Round sendAtRate(ConnectionPool &pool, const ServerUnderTest &server, const QList<QByteArray> &stms,
                 double rate, double warmupSeconds, double seconds)
{
    Round round;
    const qint64 start = nowNs();
    const qint64 windowStart = start + qint64(warmupSeconds * 1e9);
    const qint64 windowEnd = windowStart + qint64(seconds * 1e9);
    qint64 sent = 0;
    int inFlight = 0;
    std::vector<int> idle;
    for (int i = 0; i < pool.size(); ++i)
        idle.push_back(i);
    QEventLoop loop;
    QObject context;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    round.cpu.serverPid = server.serverPid();
    round.cpu.simulatorPid = server.simulatorPid();

    std::function<void()> pump = [&] {
        const qint64 now = nowNs();
        if (now >= windowStart)
            round.cpu.begin();
        if (now >= windowEnd)
            round.cpu.end();
        const qint64 until = std::min(now, windowEnd);
        const auto due = qint64(double(until - start) * rate / 1e9);
        while (sent < due && !idle.empty()) {
            const int connection = idle.back();
            idle.pop_back();
            const bool measured = now >= windowStart && now < windowEnd;
            const qint64 scheduledAt = start + qint64(double(sent + 1) * 1e9 / rate); // when it became due
            if (now - scheduledAt > 1'000'000)
                round.lateSends += measured ? 1 : 0;
            const QByteArray &request = stms[qsizetype(sent % stms.size())];
            ++sent;
            ++inFlight;
            const qint64 sentAt = nowNs();
            pool.at(connection).send(request, [&, connection, sentAt, measured](const HttpAnswer &answer) {
                const qint64 at = nowNs();
                --inFlight;
                idle.push_back(connection);
                if (answer.status != 201) {
                    ++round.failed;
                } else {
                    const QString id =
                        QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("id")).toString();
                    round.stms.insert(id, SentStm{sentAt, at, measured});
                    if (measured) {
                        ++round.measuredStms;
                        round.httpNs.push_back(at - sentAt);
                    }
                }
                if (at >= windowEnd && inFlight == 0)
                    loop.quit();
                else
                    pump();
            });
        }
        if (now >= windowEnd && inFlight == 0)
            loop.quit();
    };
    QObject::connect(&ticker, &QTimer::timeout, &context, [&] { pump(); });
    ticker.start();
    pump();
    loop.exec();
    round.cpu.end(); // if the last answer ended the loop
    round.seconds = seconds;
    return round;
}

// ---- figures

struct Latencies
{
    std::vector<qint64> fromAccepted; // 201 read -> event read; negative when the event came first
    std::vector<qint64> fromSent;     // request written -> event read
    qint64 expected = 0;              // measured STMs x consoles
    qint64 eventFirst = 0;
    qint64 unknown = 0; // message.created of no STM of this round
    int resets = 0;
    int closes = 0;
    int mismatched = 0;
};

// Adds the receipts of one group's consoles since the last call; runs in the group's thread.
void match(const Round &round, ConsoleGroup &group, Latencies &l)
{
    for (const auto &client : group.clients) {
        l.resets += client->resets;
        l.closes += client->closes;
        l.mismatched += client->mismatched;
        const std::vector<Receipt> &receipts = client->receipts;
        for (size_t i = size_t(client->consumed); i < receipts.size(); ++i) {
            const auto found = round.stms.constFind(receipts[i].messageId);
            if (found == round.stms.cend()) {
                ++l.unknown;
                continue;
            }
            if (!found->measured)
                continue;
            l.fromAccepted.push_back(receipts[i].at - found->acceptedAt);
            l.fromSent.push_back(receipts[i].at - found->sentAt);
            if (receipts[i].at < found->acceptedAt)
                ++l.eventFirst;
        }
        client->consumed = qsizetype(receipts.size());
    }
}

// Runs `work` in the thread of each group, one after the other, while this thread waits.
void inEachGroup(std::vector<std::unique_ptr<ConsoleGroup>> &groups, bool threaded,
                 const std::function<void(ConsoleGroup &)> &work)
{
    for (auto &group : groups) {
        ConsoleGroup *g = group.get();
        QMetaObject::invokeMethod(
            g, [g, &work] { work(*g); }, threaded ? Qt::BlockingQueuedConnection : Qt::DirectConnection);
    }
}

bool parseOptions(const QStringList &arguments, Options *options)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        const auto number = [&](double *value, double minimum) {
            bool ok = false;
            *value = arguments.value(++i).toDouble(&ok);
            return ok && *value >= minimum;
        };
        double value = 0;
        if (a == QStringLiteral("--smoke")) {
            options->load.smoke = true;
            options->consoles = 5;
            options->load.chatrooms = 20;
            options->load.connections = 8;
            options->rate = 100;
            options->load.warmupSeconds = 0.3;
            options->load.seconds = 1;
            options->load.rounds = 1;
            options->load.maxRounds = 1;
        } else if (a == QStringLiteral("--consoles") && number(&value, 1)) {
            options->consoles = int(value);
        } else if (a == QStringLiteral("--console-threads") && number(&value, 0)) {
            options->consoleThreads = int(value);
        } else if (a == QStringLiteral("--rate") && number(&value, 1)) {
            options->rate = value;
        } else if (!takeLoadOption(arguments, &i, &options->load)) {
            std::fprintf(
                stderr,
                "usage: bench_stream_latency [--smoke] [--consoles N] [--console-threads N] [--rate N]\n"
                "       [--seconds S] [--warmup S] [--rounds N] [--chatrooms N] [--connections N]\n"
                "       [--max-rounds N] [--no-simulator]\n");
            return false;
        }
    }
    settleRounds(&options->load);
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
    if (!target.start(options.load) || !addSupervisor(*target.pool, target.server, &target.org))
        return 1;
    ServerUnderTest &server = target.server;
    ConnectionPool &pool = *target.pool;
    const BenchOrg &org = target.org;
    const qint64 head = headSeq(server.port, org.supervisorToken);
    if (head < 0) {
        std::fprintf(stderr, "no welcome on the stream\n");
        return 1;
    }

    // The consoles, on their own thread(s) unless --console-threads 0.
    std::atomic<int> welcomed{0};
    std::atomic<qint64> created{0};
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<std::unique_ptr<ConsoleGroup>> groups;
    const int groupCount = std::max(1, options.consoleThreads);
    for (int g = 0; g < groupCount; ++g) {
        groups.push_back(std::make_unique<ConsoleGroup>(welcomed, created));
        const int count = options.consoles / groupCount + (g < options.consoles % groupCount ? 1 : 0);
        if (options.consoleThreads > 0) {
            threads.push_back(std::make_unique<QThread>());
            threads.back()->setObjectName(QStringLiteral("consoles-%1").arg(g));
            groups.back()->moveToThread(threads.back().get());
            threads.back()->start();
        }
        ConsoleGroup *group = groups.back().get();
        QMetaObject::invokeMethod(group, [group, count, &server, &org, head] {
            group->open(count, server.port, org.supervisorToken, head);
        });
    }
    if (!waitUntil([&] { return welcomed.load() == options.consoles; }, 30000)) {
        std::fprintf(stderr, "only %d of %d consoles were welcomed\n", welcomed.load(), options.consoles);
        return 1;
    }
    pause(500); // the consoles' replay since head (their own presence event) is over
    const bool threaded = options.consoleThreads > 0;
    inEachGroup(groups, threaded, [](ConsoleGroup &group) {
        for (const auto &client : group.clients)
            client->consumed = qsizetype(client->receipts.size());
    });

    const QList<QByteArray> stms = stmRequests(server, org);

    std::printf("P6: STM accepted -> message.created received by every stream client%s\n",
                options.load.smoke ? " (smoke run: checks that it works, not how fast)" : "");
    std::printf("server: handover-server, SQLite synchronous=FULL, group commit; WhatsApp sends %s\n",
                options.load.simulator
                    ? "go to handover-wa-sim on loopback (each adds a message.updated event)"
                    : "have no --graph-url (each fails and is queued for a retry)");
    std::printf(
        "clients: %d QWebSocket consoles (one SUPERVISOR session, so every event goes to every console) "
        "on %s; STMs at %.0f/s over %d keep-alive connections, spread over %d chatrooms\n",
        options.consoles,
        options.consoleThreads > 0
            ? qPrintable(QStringLiteral("%1 thread(s) of their own").arg(options.consoleThreads))
            : "the sender's thread",
        options.rate, options.load.connections, int(org.chatroomIds.size()));
    std::printf(
        "each round: %.1f s warm-up + %.1f s measured; %d round(s) on a quiet machine counted (at most %d "
        "run); one monotonic clock in this process\n",
        options.load.warmupSeconds, options.load.seconds, options.load.rounds, options.load.maxRounds);
    std::printf(
        "measured to the client's socket (frame read by QWebSocket); \"applied in a console's model\" is "
        "measured by the console's benchmark\n\n");

    // A round during which other processes took more than 10% of a core is shown but not counted, and another
    // one runs, up to --max-rounds; if no round was quiet, the medians are of every round.
    std::vector<double> p50s, p99s, sentP50s, sentP99s;             // quiet rounds
    std::vector<double> allP50s, allP99s, allSentP50s, allSentP99s; // every round
    bool clean = true;
    int quietRounds = 0;
    for (int r = 1; quietRounds < options.load.rounds && r <= options.load.maxRounds; ++r) {
        const qint64 created0 = created.load();
        Round round =
            sendAtRate(pool, server, stms, options.rate, options.load.warmupSeconds, options.load.seconds);
        // Every console should get every STM's message.created; wait for the last ones.
        const qint64 expectedAll = qint64(round.stms.size()) * options.consoles;
        const bool complete = waitUntil([&] { return created.load() - created0 >= expectedAll; }, 15000);
        pause(100);
        Latencies l;
        l.expected = round.measuredStms * options.consoles;
        inEachGroup(groups, threaded, [&](ConsoleGroup &group) { match(round, group, l); });
        const int resets = l.resets;
        const int closes = l.closes;
        const int mismatched = l.mismatched;
        const qint64 received = qint64(l.fromAccepted.size());
        clean = clean && complete && received == l.expected && round.failed == 0 && resets == 0 &&
                closes == 0 && mismatched == 0 && received > 0;

        const bool quiet = round.cpu.others() / round.seconds <= 0.1;
        quietRounds += quiet ? 1 : 0;
        allP50s.push_back(percentileMs(l.fromAccepted, 0.50));
        allP99s.push_back(percentileMs(l.fromAccepted, 0.99));
        allSentP50s.push_back(percentileMs(l.fromSent, 0.50));
        allSentP99s.push_back(percentileMs(l.fromSent, 0.99));
        if (quiet) {
            p50s.push_back(allP50s.back());
            p99s.push_back(allP99s.back());
            sentP50s.push_back(allSentP50s.back());
            sentP99s.push_back(allSentP99s.back());
        }
        std::printf("round %d: %lld STMs in the window (%.0f/s), %lld late sends (> 1 ms behind schedule)\n",
                    r, static_cast<long long>(round.measuredStms), double(round.measuredStms) / round.seconds,
                    static_cast<long long>(round.lateSends));
        std::printf("  201 read -> event read:  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %6.2f ms "
                    "(%lld of %lld deliveries; event before the 201 in %lld)\n",
                    allP50s.back(), allP99s.back(), percentileMs(l.fromAccepted, 0.999),
                    percentileMs(l.fromAccepted, 1), static_cast<long long>(received),
                    static_cast<long long>(l.expected), static_cast<long long>(l.eventFirst));
        std::printf("  STM written -> event read: p50 %6.2f ms  p99 %6.2f ms\n", allSentP50s.back(),
                    allSentP99s.back());
        std::printf("  STM written -> 201 read:   p50 %6.2f ms  p99 %6.2f ms\n",
                    percentileMs(round.httpNs, 0.5), percentileMs(round.httpNs, 0.99));
        const CpuWindow &cpu = round.cpu;
        std::printf("  CPU, %% of one core: server %s\n", qPrintable(cpuText(cpu.server, round.seconds)));
        if (options.load.simulator)
            std::printf("                      wa-sim %s\n",
                        qPrintable(cpuText(cpu.simulator, round.seconds)));
        std::printf("                      benchmark %s\n", qPrintable(cpuText(cpu.self, round.seconds)));
        std::printf("                      other processes %.0f%% (machine busy %.0f%% of %d cores)\n",
                    100 * cpu.others() / round.seconds, 100 * cpu.machine / round.seconds,
                    QThread::idealThreadCount());
        if (!quiet)
            std::printf("  ! other processes used more than 10%% of a core: round not counted\n");
        if (!complete || round.failed || resets || closes || mismatched)
            std::printf("  ! %lld STMs failed; %d resets, %d closed streams, %d misread ids; %s\n",
                        static_cast<long long>(round.failed), resets, closes, mismatched,
                        complete ? "all events arrived" : "events still missing after 15 s");
        std::fflush(stdout);
    }

    inEachGroup(groups, threaded, [](ConsoleGroup &group) { group.close(); });
    for (auto &thread : threads) {
        thread->quit();
        thread->wait();
    }
    server.stop();

    if (quietRounds == 0) {
        p50s = allP50s;
        p99s = allP99s;
        sentP50s = allSentP50s;
        sentP99s = allSentP99s;
    }
    const double p99 = median(p99s);
    std::printf(
        "\nmedian of %d %s round(s): 201 read -> event read p50 %.2f ms, p99 %.2f ms; STM written -> event "
        "read p50 %.2f ms, p99 %.2f ms\n",
        int(p99s.size()), quietRounds ? "quiet" : "(all busy!)", median(p50s), p99, median(sentP50s),
        median(sentP99s));
    if (quietRounds < options.load.rounds && !options.load.smoke)
        std::printf("  ! only %d of %d rounds ran on a quiet machine\n", quietRounds, int(allP99s.size()));
    if (options.load.smoke)
        std::printf("smoke run: figures are not compared with P6\n");
    else
        std::printf("P6 p99 <= 15 ms at %.0f STM/s with %d consoles (to the client socket): %s (%.2f ms)\n",
                    options.rate, options.consoles, p99 <= 15 ? "met" : "NOT MET", p99);
    if (!clean)
        std::printf("some STMs or deliveries failed (see the lines marked !)\n");
    return clean ? 0 : 1;
}
