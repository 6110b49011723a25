#include "app/common/quitsignals.h"

#include <QCoreApplication>

#if defined(Q_OS_UNIX)
#include <QSocketNotifier>
#include <csignal>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <QMetaObject>
#include <atomic>
#include <qt_windows.h>
#endif

namespace handover {

#if defined(Q_OS_UNIX)

namespace {

int signalPipe[2] = {-1, -1};

// A signal handler may only make async-signal-safe calls: one byte into the pipe wakes the event loop.
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

void onStopRequest(QCoreApplication &app, std::function<void()> stop)
{
    if (::pipe(signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier, stop = std::move(stop)] {
        notifier->setEnabled(false);
        stop();
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

#elif defined(Q_OS_WIN)

namespace {

std::function<void()> stopRequested;
std::atomic_bool stopping{false};

// Windows calls this on a thread of its own; the queued call hands `stop` to the event loop's thread.
BOOL WINAPI onConsoleEvent(DWORD event)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return FALSE;
    if (!stopping.exchange(true))
        QMetaObject::invokeMethod(
            app, [] { stopRequested(); }, Qt::QueuedConnection);
    switch (event) {
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        // Windows ends the process as soon as this returns. Waiting here lets main() return from exec() and
        // end the process itself once the server has wound down (Windows still ends it after its timeout).
        ::Sleep(INFINITE);
        return TRUE;
    default: // Ctrl+C, Ctrl+Break
        return TRUE;
    }
}

} // namespace

void onStopRequest(QCoreApplication &, std::function<void()> stop)
{
    stopRequested = std::move(stop);
    ::SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

#else

void onStopRequest(QCoreApplication &, std::function<void()>) {}

#endif

} // namespace handover
