// P9 (TARGETS.md): media in the console.
//
// 1. Arrival: a customer's photo of about 5 MB reaches the agent's conversation. The real handover-server and
//    handover-wa-sim (which plays the customer and serves the file as Meta's Graph API does), and the
//    console's real ConsoleSession and ConversationPane (offscreen). Timed from the customer's message posted
//    to the simulator to the frame that paints the thumbnail, with the stages between: the message's event at
//    the console, the file fetched from the simulator's Graph API, stored and checked (its message.updated
//    event), the thumbnail fetched from the server (made there from the 5 MB original) and decoded off the
//    GUI thread, and painted.
// 2. Scrolling: a conversation of 200 photos in a ConversationView of 900x700, thumbnails (real JPEGs of
//    320 px) served from memory into the ThumbnailCache as the server would. A frame is a scroll step of an
//    eighth of the view and the paint Qt does for it, timed with steady_clock (and the GUI thread's CPU
//    time). The first pass over the conversation decodes the pictures as they come into view (placeholders
//    meanwhile); the later passes paint them from memory; the last two repaint the whole viewport.
#include "client/consolesession.h"
#include "core/clock.h"
#include "support/commandline.h"
#include "support/offscreenapp.h"
#include "support/samples.h"
#include "tests/client/clienttestorg.h"
#include "ui/conversation/conversationmodel.h"
#include "ui/conversation/conversationpane.h"
#include "ui/conversation/conversationview.h"
#include "ui/media/thumbnailcache.h"

#include <QApplication>
#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QLoggingCategory>
#include <QPainter>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <chrono>
#include <cstdio>
#include <ctime>

using namespace handover;
using namespace handover::testing;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Options
{
    bool smoke = false;
    int runs = 10;    // photos that arrive
    int photos = 200; // in the scrolled conversation
    int passes = 6;   // over the conversation, down and up; the first decodes
    double scale = 1; // QT_SCALE_FACTOR: 2 paints at twice the pixels, as on a high-density screen
};

double msBetween(SteadyClock::time_point from, SteadyClock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

// CPU time of the GUI thread in ms: a frame's own work, whatever else the machine runs (Linux).
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

QByteArray loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray("?");
}

QByteArray jpeg(const QImage &image, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", quality);
    return bytes;
}

// A photo of a little under 5 MB: noise over a gradient, which JPEG cannot make small.
QByteArray fiveMegabytePhoto()
{
    const auto make = [](int width, int height) {
        QImage image(width, height, QImage::Format_RGB32);
        QRandomGenerator random(42);
        for (int y = 0; y < height; ++y) {
            QRgb *line = reinterpret_cast<QRgb *>(image.scanLine(y));
            for (int x = 0; x < width; ++x) {
                const int noise = int(random.bounded(90));
                line[x] = qRgb((x * 255 / width + noise) % 256, (y * 255 / height + noise) % 256, noise * 2);
            }
        }
        return jpeg(image, 90);
    };
    QByteArray bytes = make(1600, 1200);
    const double grow = std::sqrt(4.6 * 1024 * 1024 / double(bytes.size()));
    return make(int(1600 * grow), int(1200 * grow));
}

// The same photo with a comment naming the run, so that each run is a file of its own (the server keeps
// files by their hash) and costs the same to decode.
QByteArray photoOfRun(const QByteArray &photo, int run)
{
    const QByteArray text = "run " + QByteArray::number(run);
    QByteArray comment("\xff\xfe", 2);
    comment.append(char((text.size() + 2) >> 8)).append(char((text.size() + 2) & 0xff)).append(text);
    return photo.left(2) + comment + photo.mid(2);
}

struct Arrival
{
    double created = 0; // posted to the simulator -> message.created at the console
    double stored = 0;  // -> media ready (fetched from the Graph API, stored, hash checked)
    double decoded = 0; // -> thumbnail fetched from the server and decoded
    double painted = 0; // -> the frame that paints it
};

bool measureArrivals(const Options &options, std::vector<Arrival> *arrivals, qint64 *photoBytes)
{
    ClientTestOrg org;
    if (!org.start()) {
        std::fprintf(stderr, "bench_media: %s\n", org.why());
        return false;
    }
    const QString room = org.newChatroom(org.member.user.id);
    if (room.isEmpty() || !org.customerWrites(room, QStringLiteral("Hello")))
        return false;
    QTemporaryDir data;
    std::unique_ptr<client::ConsoleSession> session = org.connectedSession(org.member, data.path(), room);
    if (!session)
        return false;
    SystemClock clock;
    ConversationPane pane(clock);
    pane.resize(900, 760);
    pane.setSession(session.get());
    pane.show();
    pane.showChatroom(room);
    QTest::qWait(300);

    const QByteArray photo = fiveMegabytePhoto();
    *photoBytes = photo.size();
    for (int run = 0; run < options.runs; ++run) {
        const QByteArray bytes = photoOfRun(photo, run);
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        const QString caption = QStringLiteral("Photo %1").arg(run);
        std::optional<SteadyClock::time_point> created, stored, decoded, painted;
        QMetaObject::Connection events = QObject::connect(
            session.get(), &client::ConsoleSession::eventsApplied, &pane, [&](const QList<Event> &batch) {
                for (const Event &event : batch) {
                    if (!event.message || !event.message->media || event.message->text != caption)
                        continue;
                    if (!created)
                        created = SteadyClock::now();
                    if (!stored && event.message->media->status == MediaStatus::Ready)
                        stored = SteadyClock::now();
                }
            });
        QMetaObject::Connection pictures = QObject::connect(
            pane.thumbnails(), &ThumbnailCache::thumbnailChanged, &pane, [&](const QString &key) {
                if (key == sha && !decoded)
                    decoded = SteadyClock::now();
            });
        // The first paint after the picture is there: its end, from the event loop's next turn.
        struct PaintWatch : QObject
        {
            std::function<void()> painted;
            bool eventFilter(QObject *, QEvent *event) override
            {
                if (event->type() == QEvent::Paint && painted)
                    QTimer::singleShot(0, this, painted);
                return false;
            }
        } watch;
        watch.painted = [&] {
            if (decoded && !painted)
                painted = SteadyClock::now();
        };
        pane.view()->viewport()->installEventFilter(&watch);

        const QJsonObject image{{QStringLiteral("bytes_base64"), QString::fromLatin1(bytes.toBase64())},
                                {QStringLiteral("mime_type"), QStringLiteral("image/jpeg")},
                                {QStringLiteral("caption"), caption}};
        const auto sent = SteadyClock::now();
        const QString wamid = org.customerSends(room, QStringLiteral("image"), image);
        const bool arrived = !wamid.isEmpty() && QTest::qWaitFor([&] { return painted.has_value(); }, 20000);
        pane.view()->viewport()->removeEventFilter(&watch);
        QObject::disconnect(events);
        QObject::disconnect(pictures);
        if (!arrived || !created || !stored) {
            std::fprintf(stderr, "bench_media: photo %d did not arrive\n", run);
            return false;
        }
        arrivals->push_back(Arrival{msBetween(sent, *created), msBetween(sent, *stored),
                                    msBetween(sent, *decoded), msBetween(sent, *painted)});
        pane.view()->scrollToNewest();
        QTest::qWait(100);
    }
    return true;
}

struct Frames
{
    std::vector<double> first;    // the first pass: pictures decoding as they come into view
    std::vector<double> later;    // every picture in memory
    std::vector<double> whole;    // the same, repainting the whole viewport every frame
    std::vector<double> laterCpu; // the GUI thread's CPU time of the later frames
    int decoded = 0;
    int unpainted = 0; // frames in which nothing was painted (the step did not reach the screen)
};

bool measureScrolling(const Options &options, Frames *frames)
{
    // Thumbnails as the server makes them: 320 px on the longer edge, four shapes.
    const QList<QSize> shapes{{320, 240}, {240, 320}, {320, 180}, {320, 320}};
    QHash<QString, QByteArray> pictures;
    QList<Message> messages;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-1);
    for (int i = 0; i < options.photos; ++i) {
        QImage image(shapes.at(i % shapes.size()), QImage::Format_RGB32);
        image.fill(QColor::fromHsv((i * 37) % 360, 120, 200));
        QPainter(&image).fillRect(image.rect().adjusted(40, 40, -40, -40),
                                  QColor::fromHsv((i * 53) % 360, 160, 140));
        const QByteArray bytes = jpeg(image, 85);
        Message m;
        m.id = QStringLiteral("m%1").arg(i);
        m.chatroomId = QStringLiteral("room");
        m.kind = MessageKind::Image;
        m.direction = i % 3 == 0 ? Direction::Out : Direction::In;
        m.sender = Sender{i % 3 == 0 ? SenderType::Agent : SenderType::Customer, QStringLiteral("agent-1")};
        m.createdAt = start.addSecs(i * 60);
        m.status = DeliveryStatus::Read;
        if (i % 4 == 0)
            m.text = QStringLiteral("Photo %1 of the delivery").arg(i);
        MediaAttachment media;
        media.id = QStringLiteral("media-%1").arg(i);
        media.mimeType = QStringLiteral("image/jpeg");
        media.sha256 =
            QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        media.status = MediaStatus::Ready;
        media.caption = m.text;
        m.media = media;
        pictures.insert(media.id, bytes);
        messages.append(m);
    }
    QTemporaryDir disk;
    client::MediaCache cache(disk.path());
    ThumbnailCache thumbnails(
        [&pictures](const MediaAttachment &media, bool, const QObject *context,
                    std::function<void(std::optional<QByteArray>)> done) {
            const QByteArray bytes = pictures.value(media.id);
            QTimer::singleShot(0, context, [done, bytes] { done(bytes); });
        },
        &cache);
    QObject::connect(&thumbnails, &ThumbnailCache::thumbnailChanged, [frames] { ++frames->decoded; });
    Chatroom chatroom;
    chatroom.id = QStringLiteral("room");
    ConversationModel model(QStringLiteral("agent-1"));
    model.showChatroom(chatroom.id, chatroom, messages, {});
    model.addOlderMessages({}, true);
    FakeClock clock;
    ConversationView view(clock);
    view.resize(900, 700);
    view.setConversationModel(&model);
    view.setMediaSources(&thumbnails, nullptr);
    view.show();
    QTest::qWait(200);

    // A frame: the scroll bar moves a step and what Qt then repaints (the strip that scrolled in; the rest is
    // moved in the backing store) is painted at once; or, in the last passes, the whole viewport.
    struct PaintCount : QObject
    {
        int paints = 0;
        bool eventFilter(QObject *, QEvent *event) override
        {
            paints += event->type() == QEvent::Paint ? 1 : 0;
            return false;
        }
    } counter;
    view.viewport()->installEventFilter(&counter);
    QScrollBar *bar = view.verticalScrollBar();
    const int step = std::max(1, view.viewport()->height() / 8);
    for (int pass = 0; pass < options.passes; ++pass) {
        const bool down = pass % 2 == 0;
        const bool whole = pass >= options.passes - 2;
        std::vector<double> &series = pass == 0 ? frames->first : whole ? frames->whole : frames->later;
        for (int value = down ? 0 : bar->maximum(); down ? value <= bar->maximum() : value >= 0;
             value += down ? step : -step) {
            const int paintsBefore = counter.paints;
            const double cpu0 = threadCpuMs();
            const auto t0 = SteadyClock::now();
            bar->setValue(value);
            if (whole)
                view.viewport()->repaint();
            else
                QCoreApplication::sendPostedEvents(nullptr, QEvent::UpdateRequest);
            const double ms = msBetween(t0, SteadyClock::now());
            series.push_back(ms);
            if (&series == &frames->later)
                frames->laterCpu.push_back(threadCpuMs() - cpu0);
            frames->unpainted += counter.paints == paintsBefore ? 1 : 0;
            QCoreApplication::processEvents(); // decoded pictures come back between frames, as at 60 Hz
        }
        if (pass == 0) // the rest of the first pass's pictures
            (void)QTest::qWaitFor([&] { return frames->decoded >= options.photos; }, 20000);
    }
    view.viewport()->removeEventFilter(&counter);
    return frames->decoded >= options.photos;
}

void printSeries(const char *what, std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    std::printf("  %-44s median %7.2f  p99 %7.2f  max %7.2f  (%zu)\n", what,
                bench::percentileOfSorted(values, 0.5), bench::percentileOfSorted(values, 0.99),
                values.empty() ? 0.0 : values.back(), values.size());
}

int usage()
{
    std::fprintf(stderr, "usage: bench_media [--smoke] [--runs N] [--photos N] [--passes N] [--scale F]\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    bench::CommandLine args(argc, argv);
    while (args.next()) {
        if (args.flag("--smoke")) {
            options.smoke = true;
            options.runs = 2;
            options.photos = 40;
            options.passes = 4;
        } else if (!args.value("--runs", &options.runs) && !args.value("--photos", &options.photos) &&
                   !args.value("--passes", &options.passes) && !args.value("--scale", &options.scale)) {
            return usage();
        }
    }
    if (options.scale != 1)
        qputenv("QT_SCALE_FACTOR", QByteArray::number(options.scale));
    bench::OffscreenArguments arguments(argv[0]);
    QApplication app(arguments.argc, arguments.argv());
    QLoggingCategory::setFilterRules(QStringLiteral("handover.*.debug=false\nhandover.*.info=false"));
    std::printf("load average before: %s\n", loadAverage().constData());

    std::vector<Arrival> arrivals;
    qint64 photoBytes = 0;
    if (!measureArrivals(options, &arrivals, &photoBytes))
        return 1;
    std::printf("P9 arrival: a customer's photo of %.1f MB, posted to the simulator -> thumbnail painted "
                "(ms), %zu runs\n",
                photoBytes / (1024.0 * 1024.0), arrivals.size());
    std::vector<double> created, stored, decoded, painted;
    for (const Arrival &a : arrivals) {
        created.push_back(a.created);
        stored.push_back(a.stored);
        decoded.push_back(a.decoded);
        painted.push_back(a.painted);
    }
    printSeries("message.created at the console", created);
    printSeries("file fetched from the Graph API, stored", stored);
    printSeries("thumbnail fetched from the server, decoded", decoded);
    printSeries("thumbnail painted (the whole path)", painted);

    Frames frames;
    if (!measureScrolling(options, &frames)) {
        std::fprintf(stderr, "bench_media: not every picture was decoded\n");
        return 1;
    }
    std::printf("P9 scrolling: %d photos in a 900x700 conversation at scale %.1f, ms per frame\n",
                options.photos, options.scale);
    printSeries("first pass (decoding as they come)", frames.first);
    printSeries("later passes (pictures in memory)", frames.later);
    printSeries("  the same, CPU time of the GUI thread", frames.laterCpu);
    printSeries("whole viewport repainted every frame", frames.whole);
    if (frames.unpainted)
        std::printf("  frames that painted nothing: %d\n", frames.unpainted);

    const double whole = bench::median(painted);
    std::vector<double> later = frames.later;
    const double p99 = bench::percentile(later, 0.99);
    std::printf(
        "target P9: arrival <= 1000 ms (median %.0f ms: %s); scrolling <= 8 ms per frame (p99 %.2f ms: %s)\n",
        whole, whole <= 1000 ? "met" : "NOT met", p99, p99 <= 8 ? "met" : "NOT met");
    return 0;
}
