#pragma once

// Helpers for the tests that drive the real handover-wa-sim executable (its path comes from CMake as
// WA_SIM_PATH): starting it, and checking its signatures independently of its own code.

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <initializer_list>
#include <utility>

namespace simtest {

// Computed with Qt's HMAC, independently of the simulator's signing code.
inline QByteArray expectedSignature(const QByteArray &body, const QByteArray &appSecret)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, appSecret);
    mac.addData(body);
    return QByteArrayLiteral("sha256=") + mac.result().toHex();
}

inline QJsonObject object(std::initializer_list<std::pair<const char *, QJsonValue>> members)
{
    QJsonObject result;
    for (const auto &[key, value] : members)
        result.insert(QString::fromLatin1(key), value);
    return result;
}

// Starts the executable on a free loopback port with `arguments` and the app secret; the port it names in its
// ready line, or 0 with that line (or nothing) in *readyLine.
inline quint16 startSimulator(QProcess &process, QStringList arguments, const QByteArray &appSecret,
                              QString *readyLine)
{
    arguments << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0") << QStringLiteral("--app-secret")
              << QString::fromLatin1(appSecret);
    process.setProgram(QStringLiteral(WA_SIM_PATH));
    process.setArguments(arguments);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start();
    if (!process.waitForStarted(10000))
        return 0;
    // The simulator logs one line when it is ready.
    QElapsedTimer waited;
    waited.start();
    while (!process.canReadLine() && process.state() == QProcess::Running && waited.elapsed() < 10000)
        process.waitForReadyRead(200);
    *readyLine = QString::fromUtf8(process.readLine()).trimmed();
    static const QRegularExpression ready(
        QStringLiteral("^handover-wa-sim listening on 127\\.0\\.0\\.1:(\\d+)$"));
    const QRegularExpressionMatch match = ready.match(*readyLine);
    return match.hasMatch() ? static_cast<quint16>(match.captured(1).toUInt()) : 0;
}

// Ends a simulator a test started.
inline void stopSimulator(QProcess &process)
{
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(10000);
    }
}

} // namespace simtest
