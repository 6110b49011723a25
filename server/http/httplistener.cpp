#include "server/http/httplistener.h"

#include "core/json/apicodec.h"
#include "server/http/httpresponse.h"

#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace handover {

namespace {

constexpr int kRefusalLingerMs = 2000;

QHostAddress addressKey(const QHostAddress &address)
{
    // An IPv4 client seen through a dual-stack socket counts as the same client as over IPv4.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

HttpListener::HttpListener(HttpLimits limits, HttpRequestHandler &handler, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_handler(handler)
    , m_webSockets(
          std::make_unique<QWebSocketServer>(QStringLiteral("handover"), QWebSocketServer::NonSecureMode))
{
    // The handshake was already read within the head's limits; what is left is Qt's check of it.
    m_webSockets->setHandshakeTimeout(m_limits.headTimeoutMs);
    connect(m_webSockets.get(), &QWebSocketServer::newConnection, this, [this] {
        while (m_webSockets->hasPendingConnections()) {
            QWebSocket *socket = m_webSockets->nextPendingConnection();
            socket->setParent(nullptr); // owned by whoever accepts it
            adoptUpgraded(socket);
            if (m_webSocketAcceptor)
                m_webSocketAcceptor(std::unique_ptr<QWebSocket>(socket));
            else
                delete socket;
        }
    });
}

HttpListener::~HttpListener() = default;

void HttpListener::setWebSocketAcceptor(std::function<void(std::unique_ptr<QWebSocket>)> acceptor)
{
    m_webSocketAcceptor = std::move(acceptor);
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // Answers and stream frames are small and go out at once; Nagle's delay would add tens of milliseconds.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);

    const QHostAddress address = addressKey(socket->peerAddress());
    const bool capped = m_limits.maxConnectionsPerAddress > 0 && !m_limits.trustedProxies.contains(address);
    int &fromAddress = m_perAddress[address];
    if (m_total >= m_limits.maxConnections || (capped && fromAddress >= m_limits.maxConnectionsPerAddress)) {
        if (fromAddress == 0)
            m_perAddress.remove(address);
        refuseConnection(socket);
        return;
    }
    ++fromAddress;
    ++m_total;
    // Counted until the socket is gone, including the life of a WebSocket it was upgraded to (see
    // adoptUpgraded); released exactly once whichever way it ends.
    auto released = std::make_shared<bool>(false);
    auto release = [this, address, released] {
        if (std::exchange(*released, true))
            return;
        --m_total;
        auto it = m_perAddress.find(address);
        if (it != m_perAddress.end() && --it.value() <= 0)
            m_perAddress.erase(it);
    };
    connect(socket, &QObject::destroyed, this, release);
    m_releases.insert(socket, release);
    connect(socket, &QObject::destroyed, this, [this, socket] { m_releases.remove(socket); });
    auto *connection =
        new HttpConnection(socket, m_limits, m_handler, [this](QTcpSocket *s) { acceptUpgrade(s); });
    m_connections.removeIf([](const QPointer<HttpConnection> &c) { return c.isNull(); });
    m_connections.append(connection);
    connection->start();
}

void HttpListener::refuseConnection(QTcpSocket *socket)
{
    ++m_refused;
    const Error error =
        Error::make(ErrorCode::ServerBusy, QStringLiteral("Too many connections; retry later."));
    HttpResponse response = HttpResponse::json(503, errorToJson(error));
    response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
    socket->write(serializeHttpResponse(response, randomRequestId(), true));
    // Nothing of the connection is read; it is closed once the answer is out, or cut off shortly after.
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(kRefusalLingerMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->disconnectFromHost();
}

void HttpListener::adoptUpgraded(QWebSocket *webSocket)
{
    // Qt WebSockets cuts every connection of the TCP socket once it holds it (QWebSocket's
    // releaseConnections), so neither the socket's end nor its deletion would be seen: the WebSocket carries
    // the TCP socket as its child, and its end releases the connection's count.
    for (auto it = m_upgrading.begin(); it != m_upgrading.end(); ++it) {
        QTcpSocket *tcp = it->data();
        if (!tcp || tcp->peerPort() != webSocket->peerPort() || tcp->peerAddress() != webSocket->peerAddress())
            continue;
        tcp->setParent(webSocket);
        connect(webSocket, &QObject::destroyed, this, m_releases.value(tcp));
        m_upgrading.erase(it);
        break;
    }
    m_upgrading.removeIf([](const QPointer<QTcpSocket> &s) { return s.isNull(); });
}

void HttpListener::acceptUpgrade(QTcpSocket *socket)
{
    m_upgrading.append(socket);
    m_webSockets->handleConnection(socket);
    // The handshake is already in the socket's buffer; nothing new may arrive to announce it.
    if (socket->bytesAvailable() > 0)
        QTimer::singleShot(0, socket, [socket] { Q_EMIT socket->readyRead(); });
}

void HttpListener::closeAll()
{
    close();
    for (const QPointer<HttpConnection> &connection : std::as_const(m_connections)) {
        if (connection)
            connection->closeWhenIdle();
    }
}

} // namespace handover
