#pragma once

#include "tests/support/httpclient.h"

#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace handover::testing {

// A real handover-server on loopback with its own SQLite file, and optionally a real handover-wa-sim playing
// Meta, both started as processes. Paths to the executables come from the build (HANDOVER_SERVER_PATH,
// WA_SIM_PATH).
class ServerProcess
{
public:
    struct Options
    {
        bool simulator = true;
        QStringList serveArguments; // extra options for `serve`
        QString appSecret = QStringLiteral("test-app-secret");
        QString verifyToken = QStringLiteral("test-verify-token");
        QString accessToken = QStringLiteral("test-access-token");

        // For tests that send many requests with one token (the rate limit is not under test). Without the
        // simulator, sends to Meta go to a closed port and stay queued.
        static Options unthrottled(bool withSimulator);
    };

    ServerProcess();
    explicit ServerProcess(Options options);
    ~ServerProcess();

    bool start();                 // init + simulator + serve
    bool startServe();            // serve again on the same data and port (after stopServe)
    void stopServe(bool kill9 = false);
    QString errorString() const { return m_error; }
    // The running `serve` process (null after stopServe), for tests of how it ends.
    QProcess *serveProcess() const { return m_server.get(); }

    QUrl url() const;
    QUrl simulatorUrl() const;
    quint16 port() const { return m_port; }
    QString dataDir() const { return m_dir.path(); }
    QString orgId() const { return m_orgId; }
    QString adminUserId() const { return m_adminUserId; }
    QString apiKey() const { return m_apiKey; }
    const Options &options() const { return m_options; }
    QByteArray serverOutput() const;
    qint64 serverPid() const; // 0 when the server is not running

    HttpClient client(const QString &token = {}) const; // a client of the server, with a token
    HttpClient simulatorClient() const;

private:
    bool startProcess(QProcess &process, const QString &program, const QStringList &arguments,
                      const QByteArray &readyPrefix, quint16 *port);

    Options m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_server;
    std::unique_ptr<QProcess> m_simulator;
    QByteArray m_serverOutput;
    quint16 m_port = 0;
    quint16 m_simPort = 0;
    QString m_orgId;
    QString m_adminUserId;
    QString m_apiKey;
    QString m_error;
};

// A free TCP port on 127.0.0.1 at the time of asking.
quint16 freeLoopbackPort();

} // namespace handover::testing
