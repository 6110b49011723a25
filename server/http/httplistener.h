#pragma once

#include "server/http/httpconnection.h"
#include "server/http/httplimits.h"

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QWebSocket;
class QWebSocketServer;
QT_END_NAMESPACE

namespace handover {

// The API's listening socket. Caps connections in total and per client address (past a cap a connection gets
// a 503 and is closed before anything of it is read), runs an HttpConnection on each, and hands WebSocket
// upgrades to a WebSocket server that completes the handshake.
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    HttpListener(HttpLimits limits, HttpRequestHandler &handler, QObject *parent = nullptr);
    ~HttpListener() override;

    void setWebSocketAcceptor(std::function<void(std::unique_ptr<QWebSocket>)> acceptor);
    // Stops accepting and lets every HTTP connection close once its current request is answered.
    void closeAll();

    int connectionCount() const { return m_total; }
    quint64 refusedConnections() const { return m_refused; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void refuseConnection(QTcpSocket *socket);
    void acceptUpgrade(QTcpSocket *socket);
    void adoptUpgraded(QWebSocket *webSocket);

    HttpLimits m_limits;
    HttpRequestHandler &m_handler;
    std::unique_ptr<QWebSocketServer> m_webSockets;
    std::function<void(std::unique_ptr<QWebSocket>)> m_webSocketAcceptor;
    QHash<QHostAddress, int> m_perAddress;
    QList<QPointer<HttpConnection>> m_connections;
    QHash<QTcpSocket *, std::function<void()>> m_releases; // each open connection's release of its count
    QList<QPointer<QTcpSocket>> m_upgrading;                // handed to the WebSocket server, not yet upgraded
    int m_total = 0;
    quint64 m_refused = 0;
};

} // namespace handover
