#include "httpconnection.h"

#include <QJsonDocument>
#include <QList>
#include <utility>

namespace handover::bench {

HttpConnection::HttpConnection(QObject *context, quint16 port)
    : m_port(port)
{
    QObject::connect(&m_socket, &QTcpSocket::readyRead, context, [this] { onReadyRead(); });
    QObject::connect(&m_socket, &QTcpSocket::disconnected, context, [this] { onDisconnected(); });
    QObject::connect(&m_socket, &QTcpSocket::errorOccurred, context, [this] { onDisconnected(); });
    open();
}

// The socket's signals must not reach this object while its members go: a socket still open says
// "disconnected" from its destructor.
HttpConnection::~HttpConnection()
{
    QObject::disconnect(&m_socket, nullptr, nullptr, nullptr);
}

void HttpConnection::send(const QByteArray &request, Done done)
{
    m_done = std::move(done);
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        open();
    m_socket.write(request); // written once connected if the socket is still connecting
}

void HttpConnection::open()
{
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void HttpConnection::onReadyRead()
{
    m_in += m_socket.readAll();
    const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    if (m_bodyLength < 0) {
        m_bodyLength = 0;
        m_close = false;
        const QList<QByteArray> lines = m_in.left(headEnd).split('\n');
        m_status = lines.value(0).split(' ').value(1).toInt();
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = line.left(colon).trimmed().toLower();
            if (name == "content-length")
                m_bodyLength = line.mid(colon + 1).trimmed().toLongLong();
            else if (name == "connection" && line.mid(colon + 1).trimmed().toLower() == "close")
                m_close = true;
        }
    }
    if (m_in.size() < headEnd + 4 + m_bodyLength)
        return;
    HttpAnswer answer{m_status, m_in.mid(headEnd + 4, m_bodyLength)};
    m_in.remove(0, headEnd + 4 + m_bodyLength);
    m_bodyLength = -1;
    if (m_close)
        m_socket.disconnectFromHost(); // the next send reconnects
    finish(answer);
}

void HttpConnection::onDisconnected()
{
    m_in.clear();
    m_bodyLength = -1;
    if (m_done && m_socket.state() != QAbstractSocket::ConnectedState)
        finish(HttpAnswer{0, m_socket.errorString().toUtf8()}); // the body says why
}

void HttpConnection::finish(const HttpAnswer &answer)
{
    Done done = std::exchange(m_done, {});
    if (done)
        done(answer);
}

QByteArray httpRequest(const char *method, const QString &path, const QString &token, const QByteArray &body)
{
    QByteArray request = QByteArray(method) + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token.toUtf8() + "\r\n";
    if (!body.isEmpty())
        request += "Content-Type: application/json\r\n";
    if (!body.isEmpty() || qstrcmp(method, "GET") != 0)
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return request + "\r\n" + body;
}

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace handover::bench
