#include "benchclock.h"

#include <QElapsedTimer>

namespace handover::bench {

qint64 nowNs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock.nsecsElapsed();
}

} // namespace handover::bench
