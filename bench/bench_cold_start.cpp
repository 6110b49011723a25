// P3 (TARGETS.md): the console's cold start to an interactive chatroom list, from a cache of 100k chatrooms
// and 1M messages. `--generate PATH` writes such a cache through ChatroomCache (the real schema and stored
// forms); `--start PATH` does what the console does at start and quits: a QApplication (offscreen), the cache
// opened, the rows of the user's Mine view read and decoded, a ChatroomListModel reset with them, a
// ChatroomListView of 600x800 shown, and its first paint. It prints the time to each step; bench/run-p3 runs
// it under /usr/bin/time -v for the wall time and the maximum resident memory of the whole process.

#include "client/chatroomcache.h"
#include "core/clock.h"
#include "support/cachefile.h"
#include "support/commandline.h"
#include "support/offscreenapp.h"
#include "ui/chatroomlist/chatroomlistmodel.h"
#include "ui/chatroomlist/chatroomlistview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>
#include <unistd.h>

using namespace handover;

namespace {

struct Options
{
    bool smoke = false;
    QString generatePath;
    QString startPath;
    bool compareReads = false;
    bench::CacheFileShape shape;
};

// Seconds since the process was started by the kernel, from /proc (a resolution of one clock tick, 10 ms):
// the time before main() (loading Qt and the program) is part of a cold start too.
double processAgeSeconds()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startedAt = fields[19].toDouble() / double(::sysconf(_SC_CLK_TCK)); // field 22: starttime
    return uptime.readAll().split(' ').value(0).toDouble() - startedAt;
}

struct StartFigures
{
    double beforeMainMs = 0;
    double applicationMs = 0;
    double openMs = 0;
    double readMs = 0;
    double resetMs = 0;
    double firstPaintMs = 0;
    qsizetype rows = 0;
    quint64 repaints = 0;
    quint64 paintedRows = 0;
    double columnsMs = -1; // --compare-reads: the list's columns alone, without decoding the summaries
    double sortKeysMs = -1;
};

// For comparison, after the first paint: what reading the list's columns (ChatroomCache::rows) and its sort
// keys alone costs, without the summaries' JSON.
void timeLeanerReads(client::ChatroomCache &cache, StartFigures *f)
{
    QElapsedTimer took;
    took.start();
    const Result<QList<client::CachedChatroomRow>> columns = cache.rows(View::Mine);
    f->columnsMs = double(took.nsecsElapsed()) / 1e6;
    took.restart();
    const Result<std::vector<std::pair<QString, SortKey>>> keys = cache.sortKeys(View::Mine);
    f->sortKeysMs = double(took.nsecsElapsed()) / 1e6;
    if (!columns || !keys || columns->size() != f->rows || keys->size() != size_t(f->rows))
        std::fprintf(stderr, "the leaner reads did not find the same rows\n");
}

// What the console does at start, each step timed from main(); the process exits after the first paint.
bool startAndQuit(const QString &path, bool compareReads, const QElapsedTimer &sinceMain, StartFigures *f)
{
    const auto ms = [&] { return double(sinceMain.nsecsElapsed()) / 1e6; };
    SystemClock clock;
    const client::CacheIdentity identity = bench::benchCacheIdentity();
    Result<std::unique_ptr<client::ChatroomCache>> cache = client::ChatroomCache::open(path, identity, clock);
    if (!cache) {
        std::fprintf(stderr, "could not open %s: %s\n", qPrintable(path),
                     qPrintable(cache.error().description));
        return false;
    }
    f->openMs = ms();
    Result<QList<Chatroom>> chatrooms = (*cache)->chatrooms(View::Mine);
    if (!chatrooms) {
        std::fprintf(stderr, "could not read the chatrooms: %s\n", qPrintable(chatrooms.error().description));
        return false;
    }
    f->rows = chatrooms->size();
    f->readMs = ms();
    ChatroomListModel model(View::Mine, identity.userId);
    model.resetWith(std::move(chatrooms).value());
    f->resetMs = ms();

    ChatroomListView view(clock);
    view.setObjectName(QStringLiteral("chatroomList"));
    view.setModel(&model);
    view.resize(600, 800);
    view.show();
    QElapsedTimer waited;
    waited.start();
    while (view.repaintCount() == 0 && waited.elapsed() < 10'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    f->firstPaintMs = ms();
    f->repaints = view.repaintCount();
    f->paintedRows = view.paintedRowCount();
    if (compareReads)
        timeLeanerReads(**cache, f);
    return view.repaintCount() > 0 && model.rowCount() == f->rows;
}

void printStart(const StartFigures &f)
{
    std::printf("rows in the list: %lld; repaints before the check: %llu, rows painted: %llu\n",
                static_cast<long long>(f.rows), static_cast<unsigned long long>(f.repaints),
                static_cast<unsigned long long>(f.paintedRows));
    std::printf("before main() (exec, loading libraries; from /proc, 10 ms resolution): %.0f ms\n",
                f.beforeMainMs);
    std::printf("from main(), ms:  QApplication %.1f | cache opened %.1f | rows read and decoded %.1f | "
                "model reset %.1f | first paint %.1f\n",
                f.applicationMs, f.openMs, f.readMs, f.resetMs, f.firstPaintMs);
    std::printf(
        "steps, ms:        QApplication %.1f, open %.1f, read %.1f, reset %.1f, show and paint %.1f\n",
        f.applicationMs, f.openMs - f.applicationMs, f.readMs - f.openMs, f.resetMs - f.readMs,
        f.firstPaintMs - f.resetMs);
    std::printf("wall time to first paint: %.0f ms since exec (%.0f ms since main)\n",
                f.beforeMainMs + f.firstPaintMs, f.firstPaintMs);
    if (f.columnsMs >= 0)
        std::printf(
            "for comparison (after the paint): the list's columns alone (ChatroomCache::rows) %.1f ms, "
            "the sort keys alone (ChatroomCache::sortKeys) %.1f ms\n",
            f.columnsMs, f.sortKeysMs);
}

bool generate(const QString &path, const bench::CacheFileShape &shape)
{
    if (QFile::exists(path)) {
        std::fprintf(stderr, "%s exists; the generator writes a new file\n", qPrintable(path));
        return false;
    }
    QElapsedTimer took;
    took.start();
    std::printf("writing %s: %d chatrooms, %d messages each\n", qPrintable(path), shape.chatrooms,
                shape.messagesPerChatroom);
    Result<void> written = bench::writeCacheFile(path, shape, [&](qint64 chatrooms, qint64 messages) {
        if (messages % 100'000 == 0 || messages == qint64(shape.chatrooms) * shape.messagesPerChatroom)
            std::printf("  %lld chatrooms, %lld messages (%.0f s)\n", static_cast<long long>(chatrooms),
                        static_cast<long long>(messages), double(took.elapsed()) / 1000);
        std::fflush(stdout);
    });
    if (!written) {
        std::fprintf(stderr, "could not write the cache: %s\n", qPrintable(written.error().description));
        return false;
    }
    std::printf("done in %.0f s, %.0f MB\n", double(took.elapsed()) / 1000, double(QFile(path).size()) / 1e6);
    return true;
}

bool parse(int argc, char **argv, Options *options)
{
    bench::CommandLine args(argc, argv);
    while (args.next()) {
        if (args.flag("--smoke")) {
            options->smoke = true;
            options->shape = bench::CacheFileShape{1'000, 10};
        } else if (args.flag("--compare-reads")) {
            options->compareReads = true;
        } else if (!args.value("--generate", &options->generatePath) &&
                   !args.value("--start", &options->startPath) &&
                   !args.value("--chatrooms", &options->shape.chatrooms) &&
                   !args.value("--messages-per-chatroom", &options->shape.messagesPerChatroom)) {
            std::fprintf(
                stderr,
                "usage: bench_cold_start --generate PATH [--chatrooms N] [--messages-per-chatroom N]\n"
                "       bench_cold_start --start PATH [--compare-reads]\n"
                "       bench_cold_start --smoke\n"
                "  --generate PATH  write a cache of 100000 chatrooms with 10 messages each\n"
                "  --start PATH     start from the cache, show the list, paint it once, quit\n"
                "  --compare-reads  then time reading the list's columns alone (not part of the start)\n"
                "  --smoke          1,000 chatrooms in a temporary cache, then a start: checks that "
                "it works\n");
            return false;
        }
    }
    const int modes =
        int(options->smoke) + int(!options->generatePath.isEmpty()) + int(!options->startPath.isEmpty());
    return modes == 1 && options->shape.chatrooms > 0 && options->shape.messagesPerChatroom >= 0;
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    const double beforeMainMs = 1000 * processAgeSeconds();
    Options options;
    if (!parse(argc, argv, &options))
        return 2;

    if (!options.generatePath.isEmpty()) {
        QCoreApplication app(argc, argv);
        return generate(options.generatePath, options.shape) ? 0 : 1;
    }
    StartFigures figures;
    figures.beforeMainMs = beforeMainMs;
    bench::OffscreenArguments qtArgs(argv[0]);
    QApplication app(qtArgs.argc, qtArgs.argv());
    figures.applicationMs = double(sinceMain.nsecsElapsed()) / 1e6;

    QTemporaryDir dir;
    QString path = options.startPath;
    if (options.smoke) {
        path = dir.filePath(QStringLiteral("cache.db"));
        if (!dir.isValid() || !generate(path, options.shape))
            return 1;
        sinceMain.restart();
        figures.beforeMainMs = 0;
        figures.applicationMs = 0;
    }
    if (!startAndQuit(path, options.compareReads, sinceMain, &figures)) {
        std::fprintf(stderr, "bench_cold_start: the list did not come up\n");
        return 1;
    }
    std::printf("P3 cold start: cache %s, the Mine view of a MEMBER in every chatroom\n", qPrintable(path));
    printStart(figures);
    if (options.smoke) {
        std::printf("smoke run: figures not compared with the target\n");
        return figures.rows == options.shape.chatrooms ? 0 : 1;
    }
    std::printf("P3 <= 500 ms to the first paint: %s (resident memory: see /usr/bin/time -v, bench/run-p3)\n",
                figures.beforeMainMs + figures.firstPaintMs <= 500 ? "met" : "NOT met");
    return 0;
}
