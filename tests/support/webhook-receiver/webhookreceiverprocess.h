#pragma once

// Drives receiver.mjs (the reference receiver beside this file) from a Qt test: prepares its node_modules,
// starts it, sets its clock, and reads what it logged. Header-only; needs Qt Core, Network and Test.
//
// The receiver's folder comes from WEBHOOK_RECEIVER_DIR (a compile definition). If that folder has no
// node_modules, the files are copied to a work folder (HANDOVER_WEBHOOK_RECEIVER_WORKDIR, or
// "webhook-receiver" beside the test executable) and `npm ci` runs there once.

#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <memory>

namespace webhooktest {

inline QString nodeExecutable()
{
    QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        node = QStandardPaths::findExecutable(QStringLiteral("nodejs"));
    return node;
}

// Copies from to to unless to already has that content; *changed tells whether it did.
inline bool copyIfChanged(const QString &from, const QString &to, bool *changed)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly))
        return false;
    const QByteArray content = source.readAll();
    QFile target(to);
    if (target.open(QIODevice::ReadOnly) && target.readAll() == content) {
        *changed = false;
        return true;
    }
    target.close();
    *changed = true;
    return target.open(QIODevice::WriteOnly | QIODevice::Truncate) && target.write(content) == content.size();
}

// The folder to run receiver.mjs in, with the standardwebhooks package installed; empty and *error set when
// that cannot be arranged.
inline QString prepareReceiverDir(QString *error)
{
    const QString sourceDir = QStringLiteral(WEBHOOK_RECEIVER_DIR);
    const QString package = QStringLiteral("/node_modules/standardwebhooks/package.json");
    if (QFile::exists(sourceDir + package))
        return sourceDir;

    QString workDir = qEnvironmentVariable("HANDOVER_WEBHOOK_RECEIVER_WORKDIR");
    if (workDir.isEmpty())
        workDir = QCoreApplication::applicationDirPath() + QStringLiteral("/webhook-receiver");
    if (!QDir().mkpath(workDir)) {
        *error = QStringLiteral("cannot create ") + workDir;
        return {};
    }
    bool dependenciesChanged = false;
    for (const QString &name : {QStringLiteral("receiver.mjs"), QStringLiteral("package.json"),
                                QStringLiteral("package-lock.json")}) {
        bool changed = false;
        if (!copyIfChanged(sourceDir + QLatin1Char('/') + name, workDir + QLatin1Char('/') + name,
                           &changed)) {
            *error = QStringLiteral("cannot copy ") + name + QStringLiteral(" from ") + sourceDir +
                     QStringLiteral(" to ") + workDir;
            return {};
        }
        if (changed && name != QLatin1String("receiver.mjs"))
            dependenciesChanged = true;
    }
    if (QFile::exists(workDir + package) && !dependenciesChanged)
        return workDir;

    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (npm.isEmpty()) {
        *error = QStringLiteral("node is installed but npm is not (apt-get install npm)");
        return {};
    }
    QProcess install;
    install.setWorkingDirectory(workDir);
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.start(npm, {QStringLiteral("ci"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund")});
    if (!install.waitForFinished(300000) || install.exitStatus() != QProcess::NormalExit ||
        install.exitCode() != 0) {
        *error = QStringLiteral("npm ci in ") + workDir + QStringLiteral(" failed: ") +
                 QString::fromLocal8Bit(install.readAll());
        return {};
    }
    return workDir;
}

// One request as the receiver logged it.
struct ReceivedRequest
{
    QJsonObject json;

    QString webhookId() const { return json.value(QStringLiteral("webhook_id")).toString(); }
    QString timestamp() const { return json.value(QStringLiteral("timestamp")).toString(); }
    bool verified() const { return json.value(QStringLiteral("verified")).toBool(); }
    int statusSent() const { return json.value(QStringLiteral("status_sent")).toInt(); }
    QByteArray body() const { return json.value(QStringLiteral("body")).toString().toUtf8(); }
    QString error() const { return json.value(QStringLiteral("error")).toString(); }
};

class ReceiverProcess
{
public:
    ReceiverProcess(QString node, QString dir)
        : m_node(std::move(node))
        , m_dir(std::move(dir))
    {}
    ~ReceiverProcess() { stop(); }
    ReceiverProcess(const ReceiverProcess &) = delete;
    ReceiverProcess &operator=(const ReceiverProcess &) = delete;

    // Starts `node receiver.mjs --secret S --log FILE --clock-control ARGS` and waits for "listening on".
    bool start(const QString &secret, const QStringList &arguments, quint16 port = 0)
    {
        stop();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->setWorkingDirectory(m_dir);
        QStringList all{m_dir + QStringLiteral("/receiver.mjs"),
                        QStringLiteral("--secret"),
                        secret,
                        QStringLiteral("--port"),
                        QString::number(port),
                        QStringLiteral("--log"),
                        logPath(),
                        QStringLiteral("--clock-control")};
        all += arguments;
        m_process->start(m_node, all);
        if (!m_process->waitForStarted(10000))
            return false;
        QByteArray out;
        QDeadlineTimer deadline(15000);
        while (!out.contains('\n') && !deadline.hasExpired() && m_process->state() == QProcess::Running) {
            m_process->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
            out += m_process->readAllStandardOutput();
        }
        const QByteArray line = out.left(out.indexOf('\n')).trimmed();
        if (!line.startsWith("listening on ")) {
            qWarning("receiver did not start: %s %s", line.constData(),
                     m_process->readAllStandardError().constData());
            return false;
        }
        m_port = quint16(line.mid(int(qstrlen("listening on "))).toUInt());
        return m_port != 0;
    }

    void stop()
    {
        if (!m_process)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
        m_process.reset();
    }

    quint16 port() const { return m_port; }
    QUrl url(const QString &host = QStringLiteral("127.0.0.1")) const
    {
        return QUrl(QStringLiteral("http://") + host + QLatin1Char(':') + QString::number(m_port) +
                    QStringLiteral("/hooks/handover"));
    }
    QString logPath() const { return m_logDir.filePath(QStringLiteral("requests.jsonl")); }

    // The library checks timestamps against its clock: keep it with the test's fake clock.
    bool setClock(const QDateTime &now)
    {
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(m_port) +
                                     QStringLiteral("/_receiver/clock")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("now"), now.toSecsSinceEpoch()}})
                                    .toJson(QJsonDocument::Compact);
        std::unique_ptr<QNetworkReply> reply(network.put(request, body));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            return false;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 204;
    }

    QList<ReceivedRequest> requests() const
    {
        QList<ReceivedRequest> result;
        QFile file(logPath());
        if (!file.open(QIODevice::ReadOnly))
            return result;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (!line.trimmed().isEmpty())
                result.append({QJsonDocument::fromJson(line).object()});
        }
        return result;
    }

private:
    QString m_node;
    QString m_dir;
    QTemporaryDir m_logDir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace webhooktest
