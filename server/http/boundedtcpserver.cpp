#include "server/http/boundedtcpserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace handover {

namespace {

const char *const kRefused = "handover_refused";
const char *const kDrainLeft = "handover_drain_left";

// After a refusal the rest of the request is read and thrown away before the socket closes: closing with unread
// bytes makes the kernel reset the connection, and most clients then lose the answer they were sent. The drain
// is bounded in bytes and in time, so a client that never stops sending is cut off anyway.
constexpr qint64 kMaxDrainBytes = 64LL * 1024 * 1024;
constexpr int kDrainTimeoutMs = 10000;

bool looksLikeRequestLine(const QByteArray &head)
{
    static const QByteArray methods[] = {"GET ", "POST ", "PUT ", "DELETE ", "PATCH ", "HEAD ", "OPTIONS "};
    for (const QByteArray &method : methods) {
        if (head.startsWith(method))
            return true;
    }
    return false;
}

qint64 contentLength(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qint64 length = line.mid(colon + 1).trimmed().toLongLong(&ok);
            return ok ? length : -1;
        }
    }
    return 0;
}

} // namespace

BoundedTcpServer::BoundedTcpServer(qint64 maxBodyBytes, qint64 maxHeaderBytes, QObject *parent)
    : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes), m_maxHeaderBytes(maxHeaderBytes)
{
}

void BoundedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // Answers and stream frames are small and go out at once; Nagle's delay would add tens of milliseconds.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Connected before Qt HttpServer's own handler, so this runs first on every read.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    addPendingConnection(socket);
}

void BoundedTcpServer::inspect(QTcpSocket *socket)
{
    if (socket->property(kRefused).toBool()) {
        drain(socket); // nothing reaches the HTTP parser after a refusal
        return;
    }
    const QByteArray head = socket->peek(m_maxHeaderBytes + 4);
    if (!looksLikeRequestLine(head))
        return; // the middle of a body or a WebSocket frame: not a request head
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() > m_maxHeaderBytes) {
            refuse(socket, 400, 4000001, "BAD_REQUEST",
                   QStringLiteral("The request head is longer than %1 bytes.").arg(m_maxHeaderBytes));
        }
        return;
    }
    const qint64 length = contentLength(head.left(end));
    if (length > m_maxBodyBytes) {
        socket->setProperty(kDrainLeft, end + 4 + std::min(length, kMaxDrainBytes));
        refuse(socket, 413, 4130001, "PAYLOAD_TOO_LARGE",
               QStringLiteral("The body is larger than %1 bytes.").arg(m_maxBodyBytes));
    } else if (length < 0) {
        refuse(socket, 400, 4000001, "BAD_REQUEST", QStringLiteral("Content-Length is not a number."));
    }
}

void BoundedTcpServer::refuse(QTcpSocket *socket, int status, int errorCode, const char *message,
                              const QString &description)
{
    socket->setProperty(kRefused, true);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("error_code"), errorCode},
                                                      {QStringLiteral("error_message"), QLatin1String(message)},
                                                      {QStringLiteral("error_description"), description},
                                                      {QStringLiteral("payload"), QJsonObject()}})
                                .toJson(QJsonDocument::Compact);
    const QByteArray reason = status == 413 ? "Payload Too Large" : "Bad Request";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                  + "\r\nX-Request-Id: req_" + QUuid::createUuid().toString(QUuid::Id128).left(20).toLatin1()
                  + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QTimer::singleShot(kDrainTimeoutMs, socket, [socket] { socket->abort(); });
    drain(socket);
}

void BoundedTcpServer::drain(QTcpSocket *socket)
{
    // Without a known length (a head that never ended) the drain lasts until the timeout or the client's close.
    const QVariant left = socket->property(kDrainLeft);
    const qint64 read = socket->skip(socket->bytesAvailable());
    if (!left.isValid())
        return;
    const qint64 remaining = left.toLongLong() - std::max<qint64>(read, 0);
    socket->setProperty(kDrainLeft, remaining);
    if (remaining <= 0)
        socket->disconnectFromHost();
}

} // namespace handover
