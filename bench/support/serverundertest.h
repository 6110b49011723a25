#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace handover::bench {

// handover-server (and handover-wa-sim as its Graph API) in a temporary data directory, started with rate
// limits out of the way. HANDOVER_BENCH_SERVER_WRAPPER, when set, is a command that runs the server (a
// profiler: "valgrind --tool=callgrind" for example).
class ServerUnderTest
{
public:
    ServerUnderTest() = default;
    ~ServerUnderTest();
    ServerUnderTest(const ServerUnderTest &) = delete;
    ServerUnderTest &operator=(const ServerUnderTest &) = delete;

    // `init` (an org with an admin and an API key), then `serve`, with the simulator first if asked for.
    bool start(bool withSimulator);
    // SIGKILL, unless a wrapper runs the server: it gets SIGTERM, so that a profiler can write its data.
    void killServer();
    bool wrapped() const { return m_wrapped; }
    void stop();
    qint64 serverPid() const { return m_server.processId(); }
    qint64 simulatorPid() const { return m_simulator.processId(); }
    QString databasePath() const;
    const QString &error() const { return m_error; }

    QString orgId;
    QString apiKey;
    quint16 port = 0;

private:
    bool fail(const QString &error);
    bool launch(QProcess &process, const QString &program, const QStringList &arguments, const char *ready,
                quint16 *readyPort);
    static void end(QProcess &process);

    QTemporaryDir m_dir;
    QProcess m_server;
    QProcess m_simulator;
    QString m_error;
    bool m_wrapped = false;
};

} // namespace handover::bench
