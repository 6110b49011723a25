#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QTcpSocket>
#include <functional>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace handover::bench {

struct HttpAnswer
{
    int status = 0; // 0: the connection broke before an answer
    QByteArray body;
};

// A minimal keep-alive HTTP/1.1 client on a raw QTcpSocket, one request in flight (not
// QNetworkAccessManager, which opens at most 6 connections per host). Requests are bytes built beforehand.
class HttpConnection
{
public:
    using Done = std::function<void(const HttpAnswer &)>;

    // The socket's signals are delivered in `context`'s thread.
    HttpConnection(QObject *context, quint16 port);
    ~HttpConnection();
    HttpConnection(const HttpConnection &) = delete;
    HttpConnection &operator=(const HttpConnection &) = delete;

    bool busy() const { return bool(m_done); }
    // `done` is called once, with the answer or with status 0 if the connection broke first.
    void send(const QByteArray &request, Done done);

private:
    void open();
    void onReadyRead();
    void onDisconnected();
    void finish(const HttpAnswer &answer);

    quint16 m_port;
    QTcpSocket m_socket;
    QByteArray m_in;
    qint64 m_bodyLength = -1;
    int m_status = 0;
    bool m_close = false;
    Done m_done;
};

// The bytes of a request to 127.0.0.1, with a bearer token when one is given.
QByteArray httpRequest(const char *method, const QString &path, const QString &token,
                       const QByteArray &body = {});
QByteArray jsonBody(const QJsonObject &object);

} // namespace handover::bench
