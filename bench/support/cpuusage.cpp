#include "cpuusage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QList>
#include <QStringList>
#include <algorithm>
#include <unistd.h>
#include <utility>

namespace handover::bench {

namespace {

double ticksToSeconds(const QByteArray &stat, QString *name)
{
    // pid (comm) state ... field 14 utime, 15 stime; comm may hold spaces, so count from the last ')'.
    const qsizetype open = stat.indexOf('(');
    const qsizetype close = stat.lastIndexOf(')');
    if (open < 0 || close < 0)
        return 0;
    if (name)
        *name = QString::fromUtf8(stat.mid(open + 1, close - open - 1));
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    static const double ticks = double(::sysconf(_SC_CLK_TCK));
    return (fields[11].toDouble() + fields[12].toDouble()) / ticks;
}

} // namespace

CpuSample cpuOf(qint64 pid)
{
    CpuSample sample;
    if (pid <= 0)
        return sample;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly))
        sample.total = ticksToSeconds(stat.readAll(), nullptr);
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile thread(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!thread.open(QIODevice::ReadOnly))
            continue;
        QString name;
        const double seconds = ticksToSeconds(thread.readAll(), &name);
        sample.threads[name] += seconds;
    }
    return sample;
}

double machineBusySeconds()
{
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> f =
        stat.readLine().simplified().split(' '); // cpu user nice system idle iowait irq softirq steal
    if (f.size() < 9)
        return 0;
    static const double ticks = double(::sysconf(_SC_CLK_TCK));
    return (f[1].toDouble() + f[2].toDouble() + f[3].toDouble() + f[6].toDouble() + f[7].toDouble() +
            f[8].toDouble()) /
           ticks;
}

CpuSample minus(const CpuSample &after, const CpuSample &before)
{
    CpuSample d;
    d.total = after.total - before.total;
    for (auto it = after.threads.cbegin(); it != after.threads.cend(); ++it)
        d.threads[it.key()] = it.value() - before.threads.value(it.key());
    return d;
}

void CpuWindow::begin()
{
    if (std::exchange(begun, true))
        return;
    server = cpuOf(serverPid);
    simulator = cpuOf(simulatorPid);
    self = cpuOf(QCoreApplication::applicationPid());
    machine = machineBusySeconds();
}

void CpuWindow::end()
{
    if (!begun || std::exchange(ended, true))
        return;
    server = minus(cpuOf(serverPid), server);
    simulator = minus(cpuOf(simulatorPid), simulator);
    self = minus(cpuOf(QCoreApplication::applicationPid()), self);
    machine = machineBusySeconds() - machine;
}

double CpuWindow::others() const
{
    return std::max(0.0, machine - server.total - simulator.total - self.total);
}

QString cpuText(const CpuSample &cpu, double seconds)
{
    QStringList threads;
    for (auto it = cpu.threads.cbegin(); it != cpu.threads.cend(); ++it) {
        const double share = 100 * it.value() / seconds;
        if (share >= 1)
            threads.append(QStringLiteral("%1 %2").arg(it.key()).arg(share, 0, 'f', 0));
    }
    return QStringLiteral("%1% (%2)")
        .arg(100 * cpu.total / seconds, 0, 'f', 0)
        .arg(threads.join(QStringLiteral(", ")));
}

} // namespace handover::bench
