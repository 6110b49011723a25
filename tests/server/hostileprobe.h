#pragma once

#include <QAtomicInteger>
#include <QHostAddress>
#include <QThread>

namespace handover::testing {

// Watches a server process from its own thread while a test attacks it: samples its resident memory
// (Linux /proc) and times a GET /healthz from a second loopback address every 100 ms.
class ServerWatch : public QThread
{
public:
    ServerWatch(qint64 pid, quint16 port, QHostAddress from = QHostAddress(QStringLiteral("127.0.0.2")));
    ~ServerWatch() override;

    void stop();
    qint64 peakRssKiB() const { return m_peakRss.loadRelaxed(); }
    qint64 slowestHealthMs() const
    {
        return m_slowestHealth.loadRelaxed();
    } // -1: a probe got no answer in 2 s
    int healthProbes() const { return m_probes.loadRelaxed(); }

    static qint64 rssKiB(qint64 pid);

protected:
    void run() override;

private:
    qint64 probeHealth() const;

    qint64 m_pid;
    quint16 m_port;
    QHostAddress m_from;
    QAtomicInteger<bool> m_stop{false};
    QAtomicInteger<qint64> m_peakRss{0};
    QAtomicInteger<qint64> m_slowestHealth{0};
    QAtomicInteger<int> m_probes{0};
};

} // namespace handover::testing
