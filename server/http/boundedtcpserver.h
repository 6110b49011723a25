#pragma once

#include <QTcpServer>

namespace handover {

// The listening socket of the API. Qt HttpServer 6.4 reads a whole request into memory before anyone sees it,
// so this looks at each request's head first: a Content-Length over the body limit is answered 413 at once,
// and a head that does not end within the header limit is answered 400; either way nothing more reaches the
// HTTP parser, the rest of the request is read and dropped, and the connection is closed.
class BoundedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    BoundedTcpServer(qint64 maxBodyBytes, qint64 maxHeaderBytes, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void inspect(QTcpSocket *socket);
    void drain(QTcpSocket *socket);
    void refuse(QTcpSocket *socket, int status, int errorCode, const char *message, const QString &description);

    qint64 m_maxBodyBytes;
    qint64 m_maxHeaderBytes;
};

} // namespace handover
