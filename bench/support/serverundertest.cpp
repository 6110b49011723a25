#include "serverundertest.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace handover::bench {

ServerUnderTest::~ServerUnderTest()
{
    stop();
}

bool ServerUnderTest::start(bool withSimulator)
{
    if (!m_dir.isValid())
        return fail(QStringLiteral("no temporary directory"));
    QProcess init;
    init.start(QStringLiteral(HANDOVER_SERVER_PATH),
               {QStringLiteral("init"), QStringLiteral("--data-dir"), m_dir.path(),
                QStringLiteral("--org-name"), QStringLiteral("Bench"), QStringLiteral("--admin-email"),
                QStringLiteral("admin@bench.test"), QStringLiteral("--admin-password"),
                QStringLiteral("bench-password")});
    if (!init.waitForFinished(30000) || init.exitCode() != 0)
        return fail(QStringLiteral("init failed: ") + QString::fromUtf8(init.readAllStandardError()));
    const QJsonObject created = QJsonDocument::fromJson(init.readAllStandardOutput()).object();
    orgId = created.value(QStringLiteral("org_id")).toString();
    apiKey = created.value(QStringLiteral("api_key")).toString();

    QStringList serve{QStringLiteral("serve"),
                      QStringLiteral("--data-dir"),
                      m_dir.path(),
                      QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--wa-access-token"),
                      QStringLiteral("bench-access-token"),
                      QStringLiteral("--rate-limit"),
                      QStringLiteral("1000000"),
                      QStringLiteral("--rate-burst"),
                      QStringLiteral("1000000")};
    if (withSimulator) {
        quint16 simPort = 0;
        if (!launch(m_simulator, QStringLiteral(WA_SIM_PATH),
                    {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--app-secret"), QStringLiteral("bench-app-secret"),
                     QStringLiteral("--access-token"), QStringLiteral("bench-access-token")},
                    "handover-wa-sim listening on ", &simPort)) {
            return false;
        }
        serve << QStringLiteral("--graph-url") << QStringLiteral("http://127.0.0.1:%1").arg(simPort);
    }
    QStringList wrapper =
        qEnvironmentVariable("HANDOVER_BENCH_SERVER_WRAPPER").split(u' ', Qt::SkipEmptyParts);
    m_wrapped = !wrapper.isEmpty();
    QString program = QStringLiteral(HANDOVER_SERVER_PATH);
    if (m_wrapped) {
        serve.prepend(program);
        program = wrapper.takeFirst();
        serve = wrapper + serve;
    }
    return launch(m_server, program, serve, "handover-server listening on ", &port);
}

void ServerUnderTest::killServer()
{
    if (m_wrapped && m_server.state() != QProcess::NotRunning) {
        m_server.terminate();
        m_server.waitForFinished(120000);
    }
    end(m_server);
}

void ServerUnderTest::stop()
{
    killServer();
    end(m_simulator);
}

QString ServerUnderTest::databasePath() const
{
    return m_dir.filePath(QStringLiteral("handover.db"));
}

bool ServerUnderTest::fail(const QString &error)
{
    m_error = error;
    return false;
}

bool ServerUnderTest::launch(QProcess &process, const QString &program, const QStringList &arguments,
                             const char *ready, quint16 *readyPort)
{
    // Logs go to a file: a pipe nobody reads would cost the benchmark an event per line.
    process.setStandardErrorFile(m_dir.filePath(QFileInfo(program).fileName() + QStringLiteral(".log")));
    process.start(program, arguments);
    QByteArray out;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 30000 && process.state() != QProcess::NotRunning) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
        const qsizetype at = out.indexOf(ready);
        const qsizetype end = at < 0 ? -1 : out.indexOf('\n', at);
        if (end > at) {
            const QByteArray address = out.mid(at, end - at).trimmed();
            *readyPort = quint16(address.mid(address.lastIndexOf(':') + 1).toUInt());
            return *readyPort != 0;
        }
    }
    return fail(program + QStringLiteral(" did not start: ") + QString::fromUtf8(out));
}

void ServerUnderTest::end(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.kill(); // SIGKILL: what is durable must survive it
    process.waitForFinished(10000);
}

} // namespace handover::bench
