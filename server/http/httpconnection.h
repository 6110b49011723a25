#pragma once

#include "server/http/httpbodyreader.h"
#include "server/http/httphead.h"
#include "server/http/httplimits.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <functional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace handover {

class HttpConnection;
struct HttpResponse;

// A whole request as the transport read it.
struct HttpRequest
{
    HttpHead head;
    QByteArray body;
    QHostAddress peerAddress;
};

// Where complete requests go. The answer comes back through HttpConnection::respond, at once or later.
class HttpRequestHandler
{
public:
    virtual ~HttpRequestHandler() = default;
    virtual void handle(HttpConnection *connection, quint64 serial, HttpRequest request) = 0;
};

// One HTTP/1.1 connection: reads a request head and body with the limits held as bytes arrive, hands the
// request on, writes its answer, then reads the next (keep-alive), one request at a time. A refused request
// is answered with its error and the connection closes after a bounded drain of what the client still sends.
// A WebSocket upgrade is handed over with its handshake bytes untouched.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    using UpgradeAcceptor = std::function<void(QTcpSocket *)>;

    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, HttpRequestHandler &handler,
                   UpgradeAcceptor upgrades);
    ~HttpConnection() override;

    void start();
    // Answers request `serial` (the current one); later or stale answers are dropped.
    void respond(quint64 serial, const QString &requestId, const HttpResponse &response);
    // No more requests: close once the one being handled is answered (at once when idle).
    void closeWhenIdle();
    bool isIdle() const;

private:
    enum class Phase
    {
        Head,
        Body,
        Handling,
        Draining,
        Closed
    };

    void readAvailable();
    bool readHead();
    bool readBody();
    void beginBody();
    void dispatch();
    void refuse(const HttpRefusal &refusal, qint64 drainBytes);
    void nextRequest();
    void drain();
    void onTimeout();
    void onBytesWritten();
    void close();
    void armTimer(int ms);
    qint64 bodyLimitFor(const HttpHead &head, bool *busy);
    void releaseLargeBody();

    QTcpSocket *m_socket;
    const HttpLimits &m_limits;
    HttpRequestHandler &m_handler;
    UpgradeAcceptor m_upgrades;
    QHostAddress m_peer;
    Phase m_phase = Phase::Head;
    HttpHeadReader m_headReader;
    HttpBodyReader m_bodyReader;
    qsizetype m_headBytes = 0; // bytes of the head read so far, inside the socket's read transaction
    qint64 m_headChunk = 0;    // how much the next read of the head takes
    bool m_firstRequest = true;
    bool m_closeAfterAnswer = false;
    bool m_waitingForWrites = false;
    bool m_holdsLargeBody = false; // counts in HttpLimits::largeBodiesInFlight
    qint64 m_drainLeft = 0;
    quint64 m_serial = 0;
    QElapsedTimer m_bodyStarted;
    QTimer m_timer;
};

} // namespace handover
