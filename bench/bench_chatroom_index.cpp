// P1 (TARGETS.md): a chatroom list bump (find the row, move it to the top, announce the move the way a model
// needs it) at 1k, 100k and 1M rows. Timed with steady_clock around each bump, or around batches of bumps
// with --batch N; the clock's own cost is measured and printed, and is included in the figures.

#include "core/chatroomindex.h"
#include "support/commandline.h"
#include "support/fakechatrooms.h"
#include "support/samples.h"

#include <QString>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

using handover::ChatroomIndex;
using handover::SortKey;
using Clock = std::chrono::steady_clock;
using handover::bench::percentileOfSorted;
using handover::bench::randomUuid;

namespace {

// Does what a list model does with a move: turn it into beginMoveRows' destination, then finish it.
class ModelLikeObserver final : public handover::ChatroomIndexObserver
{
public:
    void rowAboutToMove(int from, int to) override
    {
        m_from = from;
        m_destination = handover::moveDestinationRow(from, to);
    }
    void rowMoved(int from, int to) override
    {
        checksum += quint64(m_from ^ m_destination ^ from ^ to);
        ++moves;
    }

    quint64 checksum = 0;
    quint64 moves = 0;

private:
    int m_from = 0;
    int m_destination = 0;
};

struct Options
{
    bool smoke = false;
    int bumps = 100'000;
    int batch = 1;
    int workingSet = 0; // 0: bumps pick any row
    std::vector<int> sizes{1'000, 100'000, 1'000'000};
};

struct Figures
{
    int rows = 0;
    double medianUs = 0;
    double p99Us = 0;
    double meanUs = 0;
    double maxUs = 0;
};

// Realistic ids: UUID text, 36 characters, as on the wire.
std::vector<QString> makeIds(int count, std::mt19937_64 &random)
{
    std::vector<QString> ids;
    ids.reserve(size_t(count));
    for (int i = 0; i < count; ++i)
        ids.push_back(randomUuid(random));
    return ids;
}

// Keeps the optimiser from dropping the reads that bring an id into cache.
volatile quint64 g_sink = 0;

double timerOverheadUs()
{
    std::vector<double> samples(100'000);
    for (double &sample : samples) {
        const auto start = Clock::now();
        const auto stop = Clock::now();
        sample = std::chrono::duration<double, std::micro>(stop - start).count();
    }
    std::sort(samples.begin(), samples.end());
    return percentileOfSorted(samples, 0.5);
}

bool measure(int rows, const Options &options, Figures *figures)
{
    std::mt19937_64 random(0x5EED0000u + quint64(rows));
    const std::vector<QString> ids = makeIds(rows, random);

    // A cold start with keys spread over the last 30 days, each with its own bump_seq.
    const qint64 now = 1'767'258'000'000; // 2026-01-01T09:00Z
    qint64 seq = 0;
    std::vector<std::pair<QString, SortKey>> initial;
    initial.reserve(ids.size());
    for (const QString &id : ids)
        initial.emplace_back(id, SortKey{now - qint64(random() % 2'592'000'000ull), ++seq});
    ChatroomIndex index;
    ModelLikeObserver observer;
    index.setObserver(&observer);
    index.assign(std::move(initial));

    const auto bump = [&](const QString &id) {
        ++seq;
        return index.update(id, SortKey{now + seq, seq});
    };

    // Uniform over all rows, or over a fixed set of --working-set chatrooms (a control run: same work per
    // bump, but its memory stays in cache).
    std::vector<int> pool;
    for (int i = 0; i < std::min(options.workingSet, rows); ++i)
        pool.push_back(int(random() % quint64(rows)));
    const auto pickOne = [&] {
        return pool.empty() ? int(random() % quint64(rows)) : pool[size_t(random() % pool.size())];
    };

    // Warm up (caches, branch predictors), untimed.
    for (int i = 0; i < std::min(options.bumps, 10'000); ++i)
        bump(ids[size_t(pickOne())]);

    // Each bump's id arrives in a freshly decoded event: its own copy of the text, not shared with the index.
    std::vector<QString> eventIds;
    eventIds.reserve(size_t(options.bumps));
    for (int i = 0; i < options.bumps; ++i) {
        const QString &id = ids[size_t(pickOne())];
        eventIds.emplace_back(id.constData(), id.size());
    }
    // The event was just decoded, so its id is in cache: touch it before the clock starts.
    const auto touch = [](const QString &id) { g_sink = g_sink + quint64(id.size()) + id.front().unicode(); };

    std::vector<double> samples;
    samples.reserve(eventIds.size());
    const size_t batch = size_t(options.batch);
    int wrong = 0;
    for (size_t first = 0; first + batch <= eventIds.size(); first += batch) {
        for (size_t k = 0; k < batch; ++k)
            touch(eventIds[first + k]);
        const auto start = Clock::now();
        for (size_t k = 0; k < batch; ++k)
            wrong += bump(eventIds[first + k]) != 0;
        const auto stop = Clock::now();
        const double perBump =
            std::chrono::duration<double, std::micro>(stop - start).count() / double(batch);
        samples.insert(samples.end(), batch, perBump);
    }

    // It must have done the work: every bump lands on row 0, the last one is on top, nothing was lost.
    const bool works = wrong == 0 && index.size() == rows && index.idAt(0) == eventIds[samples.size() - 1] &&
                       (observer.moves > 0 || rows == 1) && (!options.smoke || index.checkInvariants());
    if (!works) {
        std::fprintf(stderr, "bench_chatroom_index: wrong results at %d rows\n", rows);
        return false;
    }

    std::sort(samples.begin(), samples.end());
    figures->rows = rows;
    figures->medianUs = percentileOfSorted(samples, 0.5);
    figures->p99Us = percentileOfSorted(samples, 0.99);
    figures->maxUs = samples.back();
    double total = 0;
    for (double sample : samples)
        total += sample;
    figures->meanUs = total / double(samples.size());
    g_sink = g_sink + observer.checksum;
    return true;
}

bool parse(int argc, char **argv, Options *options)
{
    handover::bench::CommandLine args(argc, argv);
    while (args.next()) {
        if (args.flag("--smoke")) {
            options->smoke = true;
            options->bumps = 2'000;
            options->sizes = {1'000, 10'000};
        } else if (!args.value("--batch", &options->batch) && !args.value("--bumps", &options->bumps) &&
                   !args.value("--working-set", &options->workingSet)) {
            std::fprintf(
                stderr,
                "usage: bench_chatroom_index [--smoke] [--bumps N] [--batch N] [--working-set N]\n"
                "  --smoke          tiny sizes, checks that it works (not speed)\n"
                "  --bumps N        timed bumps per size (default 100000)\n"
                "  --batch N        time N bumps at a time, each counted at the batch's mean (default 1)\n"
                "  --working-set N  bump only N fixed chatrooms instead of any row (a cache control run)\n");
            return false;
        }
    }
    return options->batch >= 1 && options->bumps >= options->batch && options->workingSet >= 0;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    if (!parse(argc, argv, &options))
        return 2;

    std::printf("P1 chatroom list bump: find the row, move it to the top, announce the move to a model\n");
    std::printf("%d random bumps per size, %s; steady_clock overhead %.3f µs (included)\n\n", options.bumps,
                options.batch == 1 ? "each bump timed on its own"
                                   : qPrintable(QStringLiteral("timed in batches of %1").arg(options.batch)),
                timerOverheadUs());
    if (options.workingSet > 0)
        std::printf("control run: bumps drawn from %d fixed chatrooms, not from every row\n\n",
                    options.workingSet);
    std::printf("%10s %12s %12s %12s %12s\n", "rows", "median µs", "p99 µs", "mean µs", "max µs");

    std::vector<Figures> results;
    for (int rows : options.sizes) {
        Figures figures;
        if (!measure(rows, options, &figures))
            return 1;
        std::printf("%10d %12.3f %12.3f %12.3f %12.1f\n", figures.rows, figures.medianUs, figures.p99Us,
                    figures.meanUs, figures.maxUs);
        std::fflush(stdout);
        results.push_back(figures);
    }

    const Figures &smallest = results.front();
    const Figures &largest = results.back();
    const double medianRatio = largest.medianUs / smallest.medianUs;
    const double p99Ratio = largest.p99Us / smallest.p99Us;
    std::printf("\nratio %d/%d rows: median %.2fx, p99 %.2fx\n", largest.rows, smallest.rows, medianRatio,
                p99Ratio);
    std::printf("target P1: <= 20 µs p99 at 1M rows, within 2x of 1k\n");
    if (options.smoke || options.workingSet > 0) {
        std::printf("%s: figures not compared with the target\n",
                    options.smoke ? "smoke run" : "control run");
        return 0;
    }
    std::printf("p99 at %d rows: %s; p99 ratio: %s; median ratio: %s\n", largest.rows,
                largest.p99Us <= 20.0 ? "met" : "NOT met", p99Ratio <= 2.0 ? "met" : "NOT met",
                medianRatio <= 2.0 ? "met" : "NOT met");
    return 0;
}
