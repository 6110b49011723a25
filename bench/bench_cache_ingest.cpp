// P4 (TARGETS.md): how many sync events per second the console takes into its SQLite cache. A generated
// stream of event frames (customer messages, replies, status updates, reads, assignments, encoded by the
// server's own encoder) is replayed through what the console does with a frame: the text as QWebSocket hands
// it over, converted to UTF-8 and decoded by decodeReceivedFrame() (SyncEngine::onText), then, per batch of
// frames that arrived in one event-loop turn, the events above the cache's position applied in one
// transaction by ChatroomCache::applyBatch() (SyncEngine::applyEvents). Decoding and applying are timed apart
// with steady_clock; making the frames is not timed. The WebSocket itself is not in the loop.

#include "client/chatroomcache.h"
#include "client/receivedevent.h"
#include "core/clock.h"
#include "core/json/syncframes.h"
#include "support/commandline.h"
#include "support/eventstream.h"
#include "support/fakechatrooms.h"
#include "support/samples.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <chrono>
#include <cstdio>
#include <random>
#include <time.h>
#include <vector>

using namespace handover;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Options
{
    bool smoke = false;
    int chatrooms = 10'000;
    int events = 100'000; // per round
    int batch = 100;      // frames per event-loop turn
    int rounds = 3;
};

// Wall and CPU time of one step. The CPU time is this thread's (SQLite runs in it too): on a machine shared
// with other work it tells what the step costs, where the wall time also holds the waits for a core and for
// the disk.
struct StepTime
{
    double wallSeconds = 0;
    double cpuSeconds = 0;
};

class StepTimer
{
public:
    explicit StepTimer(StepTime *total)
        : m_total(total)
        , m_wall(SteadyClock::now())
        , m_cpu(threadCpuSeconds())
    {}
    ~StepTimer()
    {
        m_total->wallSeconds += std::chrono::duration<double>(SteadyClock::now() - m_wall).count();
        m_total->cpuSeconds += threadCpuSeconds() - m_cpu;
    }
    StepTimer(const StepTimer &) = delete;
    StepTimer &operator=(const StepTimer &) = delete;

    static double threadCpuSeconds()
    {
        timespec now{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
    }

private:
    StepTime *m_total;
    SteadyClock::time_point m_wall;
    double m_cpu;
};

struct RoundFigures
{
    qint64 events = 0;
    qint64 frameBytes = 0;
    StepTime decode;
    StepTime apply;

    double perSecond() const { return double(events) / (decode.wallSeconds + apply.wallSeconds); }
    double perCpuSecond() const { return double(events) / (decode.cpuSeconds + apply.cpuSeconds); }
};

const UserId kViewer = QStringLiteral("agent-1");

// SyncEngine::applyEvents: only what is above the cache's position, announced to the models as events.
bool applyLikeTheSyncEngine(client::ChatroomCache &cache, const QList<client::ReceivedEvent> &events,
                            QList<Event> *announced)
{
    QList<client::ReceivedEvent> fresh;
    fresh.reserve(events.size());
    announced->reserve(events.size());
    qint64 position = cache.lastAppliedSeq();
    for (const client::ReceivedEvent &received : events) {
        if (received.event.seq > position) {
            fresh.append(received);
            announced->append(received.event);
            position = received.event.seq;
        }
    }
    Result<qsizetype> applied = cache.applyBatch(fresh);
    if (!applied) {
        std::fprintf(stderr, "applyBatch failed: %s\n", qPrintable(applied.error().description));
        return false;
    }
    return *applied == fresh.size();
}

bool runRound(client::ChatroomCache &cache, bench::EventStream &stream, const Options &options,
              RoundFigures *figures)
{
    QList<QString> texts;
    texts.reserve(options.batch);
    for (qint64 done = 0; done < options.events; done += options.batch) {
        texts.clear();
        const qint64 count = std::min<qint64>(options.batch, options.events - done);
        for (qint64 i = 0; i < count; ++i) {
            const QByteArray frame = encodeEvent(stream.next());
            figures->frameBytes += frame.size();
            texts.append(QString::fromUtf8(frame)); // what QWebSocket::textMessageReceived carries
        }

        QList<client::ReceivedEvent> received;
        received.reserve(texts.size());
        {
            const StepTimer timer(&figures->decode);
            for (const QString &text : std::as_const(texts)) {
                Result<client::ReceivedFrame> frame = client::decodeReceivedFrame(text.toUtf8());
                auto *event = frame ? std::get_if<client::ReceivedEvent>(&*frame) : nullptr;
                if (!event) {
                    std::fprintf(stderr, "a frame did not decode as an event: %s\n",
                                 frame ? "other type" : qPrintable(frame.error().description));
                    return false;
                }
                received.append(std::move(*event));
            }
        }
        {
            const StepTimer timer(&figures->apply);
            QList<Event> announced;
            if (!applyLikeTheSyncEngine(cache, received, &announced))
                return false;
        }
        figures->events += count;
    }
    return cache.lastAppliedSeq() == stream.lastSeq();
}

bool parse(int argc, char **argv, Options *options)
{
    bench::CommandLine args(argc, argv);
    while (args.next()) {
        if (args.flag("--smoke")) {
            options->smoke = true;
            options->chatrooms = 200;
            options->events = 2'000;
            options->rounds = 1;
        } else if (!args.value("--chatrooms", &options->chatrooms) &&
                   !args.value("--events", &options->events) && !args.value("--batch", &options->batch) &&
                   !args.value("--rounds", &options->rounds)) {
            std::fprintf(stderr,
                         "usage: bench_cache_ingest [--smoke] [--chatrooms N] [--events N] [--batch N] "
                         "[--rounds N]\n"
                         "  --smoke        200 chatrooms, 2,000 events: checks that it works (not speed)\n"
                         "  --chatrooms N  chatrooms in the cache and the stream (default 10000)\n"
                         "  --events N     events replayed per round (default 100000)\n"
                         "  --batch N      frames per event-loop turn, one cache transaction (default 100)\n"
                         "  --rounds N     rounds, each with new events (default 3)\n");
            return false;
        }
    }
    return options->chatrooms > 0 && options->events > 0 && options->batch > 0 && options->rounds > 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parse(argc, argv, &options))
        return 2;
    QLoggingCategory::setFilterRules(QStringLiteral("handover.*.debug=false\nhandover.*.info=false"));

    QTemporaryDir dir;
    SystemClock clock;
    Result<std::unique_ptr<client::ChatroomCache>> opened = client::ChatroomCache::open(
        dir.filePath(QStringLiteral("cache.db")),
        client::CacheIdentity{QStringLiteral("org-1"), kViewer, Role::Member}, clock);
    if (!dir.isValid() || !opened) {
        std::fprintf(stderr, "could not open the cache: %s\n",
                     opened ? "" : qPrintable(opened.error().description));
        return 1;
    }
    client::ChatroomCache &cache = **opened;

    // The cache starts with the chatrooms of a snapshot, as after a first sign-in.
    std::mt19937_64 random(0xCAC4E000u + quint64(options.chatrooms));
    const qint64 nowMs = clock.nowMs();
    QList<Chatroom> chatrooms = bench::makeChatrooms(options.chatrooms, nowMs, kViewer, random);
    bench::addWireIds(chatrooms, random);
    if (Result<void> loaded = cache.loadSnapshot(chatrooms, options.chatrooms); !loaded) {
        std::fprintf(stderr, "could not load the snapshot: %s\n", qPrintable(loaded.error().description));
        return 1;
    }
    if (Result<qsizetype> none = cache.applyBatch(QList<Event>{}, options.chatrooms); !none)
        return 1;
    bench::EventStream stream(chatrooms, kViewer, options.chatrooms, nowMs, 0x57EA4u);

    std::printf("P4 console ingest: sync event frames -> UTF-8 -> decodeReceivedFrame -> "
                "ChatroomCache::applyBatch, %d frames per transaction%s\n",
                options.batch, options.smoke ? " (smoke run: checks that it works, not how fast)" : "");
    std::printf("cache: %d chatrooms (a MEMBER's, from a snapshot), SQLite WAL; %d events per round, %d "
                "round(s)\n\n",
                options.chatrooms, options.events, options.rounds);
    std::printf("µs per event, wall (CPU of the thread); events/s by wall time and by CPU time\n");
    std::printf("%6s %9s %11s %18s %18s %10s %10s\n", "round", "events", "frame bytes", "decode µs",
                "apply µs", "events/s", "per CPU s");

    std::vector<double> rates, cpuRates, decodeUs, applyUs, decodeCpuUs, applyCpuUs;
    for (int round = 1; round <= options.rounds; ++round) {
        RoundFigures f;
        if (!runRound(cache, stream, options, &f)) {
            std::fprintf(stderr, "bench_cache_ingest: wrong results in round %d\n", round);
            return 1;
        }
        const auto perEventUs = [&](double seconds) { return 1e6 * seconds / double(f.events); };
        rates.push_back(f.perSecond());
        cpuRates.push_back(f.perCpuSecond());
        decodeUs.push_back(perEventUs(f.decode.wallSeconds));
        applyUs.push_back(perEventUs(f.apply.wallSeconds));
        decodeCpuUs.push_back(perEventUs(f.decode.cpuSeconds));
        applyCpuUs.push_back(perEventUs(f.apply.cpuSeconds));
        std::printf("%6d %9lld %11.0f %8.2f (%7.2f) %8.2f (%7.2f) %10.0f %10.0f\n", round,
                    static_cast<long long>(f.events), double(f.frameBytes) / double(f.events),
                    decodeUs.back(), decodeCpuUs.back(), applyUs.back(), applyCpuUs.back(), rates.back(),
                    cpuRates.back());
        std::fflush(stdout);
    }

    Result<qsizetype> count = cache.chatroomCount();
    if (!count || *count != options.chatrooms) {
        std::fprintf(stderr, "bench_cache_ingest: the cache lost chatrooms\n");
        return 1;
    }
    QStringList kinds;
    for (auto it = stream.kindCounts().cbegin(); it != stream.kindCounts().cend(); ++it)
        kinds.append(QStringLiteral("%1 %2").arg(eventKindName(it.key())).arg(it.value()));
    std::printf("\nevents replayed: %s\n", qPrintable(kinds.join(QStringLiteral(", "))));
    const double rate = bench::median(rates);
    std::printf("median of %d round(s): %.0f events/s (decode %.2f µs, apply %.2f µs per event); by CPU time "
                "%.0f events/s (decode %.2f µs, apply %.2f µs)\n",
                options.rounds, rate, bench::median(decodeUs), bench::median(applyUs),
                bench::median(cpuRates), bench::median(decodeCpuUs), bench::median(applyCpuUs));
    if (options.smoke)
        std::printf("smoke run: figures not compared with the target\n");
    else
        std::printf("P4 >= 50,000 events/s: %s (%.0f/s)\n", rate >= 50'000 ? "met" : "NOT met", rate);
    return 0;
}
