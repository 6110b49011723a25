#pragma once

#include <QMap>
#include <QString>

namespace handover::bench {

// CPU seconds (user + system) of a process and of each of its threads, grouped by thread name.
struct CpuSample
{
    double total = 0;
    QMap<QString, double> threads;
};

// From /proc; an empty sample for pid <= 0 or a process that is gone.
CpuSample cpuOf(qint64 pid);
// CPU seconds the whole machine spent busy (every process, every core), to see what else was running.
double machineBusySeconds();
CpuSample minus(const CpuSample &after, const CpuSample &before);

// CPU spent by each process of the run, and by the whole machine, between begin() and end(). Both may be
// called more than once (only the first call counts): a busy event loop can hold timers back until the load
// stops, so the load's own callbacks call them too.
struct CpuWindow
{
    qint64 serverPid = 0;
    qint64 simulatorPid = 0;
    CpuSample server, simulator, self;
    double machine = 0;
    bool begun = false;
    bool ended = false;

    void begin();
    void end();
    // What neither the server, the simulator nor this process used.
    double others() const;
};

// "118% (handover-server 25, handover.store. 87)": the total and each thread at 1% of a core or more.
QString cpuText(const CpuSample &cpu, double seconds);

} // namespace handover::bench
