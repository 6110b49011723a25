#include "tests/support/serverprocess.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

#include <csignal>

namespace handover::testing {

namespace {
constexpr int kStartTimeoutMs = 20000;
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

ServerProcess::Options ServerProcess::Options::unthrottled(bool withSimulator)
{
    Options options;
    options.simulator = withSimulator;
    options.serveArguments = {QStringLiteral("--rate-limit"), QStringLiteral("100000"),
                              QStringLiteral("--rate-burst"), QStringLiteral("100000")};
    if (!withSimulator)
        options.serveArguments << QStringLiteral("--graph-url") << QStringLiteral("http://127.0.0.1:9");
    return options;
}

ServerProcess::ServerProcess() : ServerProcess(Options{}) {}

ServerProcess::ServerProcess(Options options) : m_options(std::move(options)) {}

ServerProcess::~ServerProcess()
{
    stopServe(true);
    if (m_simulator) {
        m_simulator->kill();
        m_simulator->waitForFinished(5000);
    }
}

QUrl ServerProcess::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port));
}

QUrl ServerProcess::simulatorUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_simPort));
}

qint64 ServerProcess::serverPid() const
{
    return m_server && m_server->state() == QProcess::Running ? m_server->processId() : 0;
}

QByteArray ServerProcess::serverOutput() const
{
    return m_serverOutput + (m_server ? m_server->readAll() : QByteArray());
}

HttpClient ServerProcess::client(const QString &token) const
{
    HttpClient client(url());
    client.setToken(token);
    return client;
}

HttpClient ServerProcess::simulatorClient() const
{
    return HttpClient(simulatorUrl());
}

bool ServerProcess::startProcess(QProcess &process, const QString &program, const QStringList &arguments,
                                 const QByteArray &readyPrefix, quint16 *port)
{
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(kStartTimeoutMs)) {
        m_error = program + QStringLiteral(" did not start: ") + process.errorString();
        return false;
    }
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < kStartTimeoutMs) {
        process.waitForReadyRead(200);
        out += process.readAllStandardOutput();
        const qsizetype at = out.indexOf(readyPrefix);
        if (at >= 0) {
            const qsizetype end = out.indexOf('\n', at);
            if (end < 0)
                continue;
            const QByteArray address = out.mid(at + readyPrefix.size(), end - at - readyPrefix.size()).trimmed();
            *port = quint16(address.mid(address.lastIndexOf(':') + 1).toUInt());
            return *port != 0;
        }
        if (process.state() == QProcess::NotRunning)
            break;
    }
    m_error = program + QStringLiteral(" never said it was ready: ") + QString::fromUtf8(out)
              + QString::fromUtf8(process.readAllStandardError());
    return false;
}

bool ServerProcess::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    QProcess init;
    init.start(QStringLiteral(HANDOVER_SERVER_PATH),
               {QStringLiteral("init"), QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--org-name"),
                QStringLiteral("Acme"), QStringLiteral("--admin-email"), QStringLiteral("admin@acme.test"),
                QStringLiteral("--admin-password"), QStringLiteral("correct-horse")});
    if (!init.waitForFinished(kStartTimeoutMs) || init.exitCode() != 0) {
        m_error = QStringLiteral("init failed: ") + QString::fromUtf8(init.readAllStandardError());
        return false;
    }
    const QJsonObject created = QJsonDocument::fromJson(init.readAllStandardOutput()).object();
    m_orgId = created.value(QLatin1String("org_id")).toString();
    m_adminUserId = created.value(QLatin1String("admin_user_id")).toString();
    m_apiKey = created.value(QLatin1String("api_key")).toString();

    m_port = freeLoopbackPort();
    if (m_options.simulator) {
        m_simulator = std::make_unique<QProcess>();
        const QStringList simArguments{
            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--webhook-url"),
            QStringLiteral("http://127.0.0.1:%1/webhooks/whatsapp").arg(m_port), QStringLiteral("--app-secret"),
            m_options.appSecret, QStringLiteral("--access-token"), m_options.accessToken,
            QStringLiteral("--verify-token"), m_options.verifyToken};
        if (!startProcess(*m_simulator, QStringLiteral(WA_SIM_PATH), simArguments,
                          QByteArrayLiteral("handover-wa-sim listening on "), &m_simPort)) {
            return false;
        }
    }
    return startServe();
}

bool ServerProcess::startServe()
{
    QStringList arguments{QStringLiteral("serve"),
                          QStringLiteral("--data-dir"),
                          m_dir.path(),
                          QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:%1").arg(m_port),
                          QStringLiteral("--wa-app-secret"),
                          m_options.appSecret,
                          QStringLiteral("--wa-verify-token"),
                          m_options.verifyToken,
                          QStringLiteral("--wa-access-token"),
                          m_options.accessToken,
                          QStringLiteral("--allow-private-webhooks")};
    if (m_options.simulator)
        arguments << QStringLiteral("--graph-url") << simulatorUrl().toString(QUrl::StripTrailingSlash);
    arguments << m_options.serveArguments;
    m_server = std::make_unique<QProcess>();
    quint16 port = 0;
    if (!startProcess(*m_server, QStringLiteral(HANDOVER_SERVER_PATH), arguments,
                      QByteArrayLiteral("handover-server listening on "), &port)) {
        return false;
    }
    return port == m_port;
}

void ServerProcess::stopServe(bool kill9)
{
    if (!m_server)
        return;
    if (m_server->state() != QProcess::NotRunning) {
        if (kill9) {
            m_server->kill();
        } else {
            m_server->terminate();
            if (!m_server->waitForFinished(10000))
                m_server->kill();
        }
        m_server->waitForFinished(10000);
    }
    m_serverOutput += m_server->readAllStandardOutput() + m_server->readAllStandardError();
    m_server.reset();
}

} // namespace handover::testing
