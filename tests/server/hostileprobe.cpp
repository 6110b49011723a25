#include "tests/server/hostileprobe.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>

namespace handover::testing {

ServerWatch::ServerWatch(qint64 pid, quint16 port, QHostAddress from)
    : m_pid(pid)
    , m_port(port)
    , m_from(std::move(from))
{}

ServerWatch::~ServerWatch()
{
    stop();
}

void ServerWatch::stop()
{
    m_stop.storeRelaxed(true);
    wait();
}

qint64 ServerWatch::rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

qint64 ServerWatch::probeHealth() const
{
    QElapsedTimer timer;
    timer.start();
    QTcpSocket socket;
    socket.bind(m_from);
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(2000))
        return -1;
    socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    while (!answer.contains("{\"status\":\"ok\"}") && timer.elapsed() < 2000) {
        if (!socket.waitForReadyRead(int(2000 - timer.elapsed())))
            break;
        answer += socket.readAll();
    }
    return answer.contains("{\"status\":\"ok\"}") ? timer.elapsed() : -1;
}

void ServerWatch::run()
{
    QElapsedTimer sinceProbe;
    sinceProbe.start();
    while (!m_stop.loadRelaxed()) {
        m_peakRss.storeRelaxed(std::max(m_peakRss.loadRelaxed(), rssKiB(m_pid)));
        if (sinceProbe.elapsed() >= 100) {
            const qint64 ms = probeHealth();
            m_probes.fetchAndAddRelaxed(1);
            if (ms < 0)
                m_slowestHealth.storeRelaxed(-1);
            else if (m_slowestHealth.loadRelaxed() >= 0)
                m_slowestHealth.storeRelaxed(std::max(m_slowestHealth.loadRelaxed(), ms));
            sinceProbe.restart();
        }
        QThread::msleep(20);
    }
}

} // namespace handover::testing
