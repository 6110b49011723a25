#include "eventloopwait.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace handover::bench {

void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitUntil(const std::function<bool()> &done, int limitMs)
{
    QElapsedTimer waited;
    waited.start();
    while (!done()) {
        if (waited.elapsed() > limitMs)
            return false;
        pause(10);
    }
    return true;
}

} // namespace handover::bench
