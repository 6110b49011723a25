#include "server/http/httpconnection.h"

#include "core/json/apicodec.h"
#include "core/logging.h"
#include "server/http/httpresponse.h"

#include <QTcpSocket>

namespace handover {

namespace {

// After a refusal the rest of what the client sends is read and dropped for a while before the socket closes:
// closing with unread bytes makes the kernel reset the connection, and the client may then lose the answer.
// Dropping costs no memory; the drain is bounded in bytes and time anyway.
constexpr qint64 kMaxDrainBytes = 16LL * 1024 * 1024;
constexpr int kDrainTimeoutMs = 5000;
// Bytes of a request head the socket may buffer beyond the head limit, so the reader sees the limit passed.
constexpr qint64 kReadBufferSlack = 16 * 1024;
constexpr qint64 kFirstHeadChunk = 1024;
constexpr qint64 kMaxHeadChunk = 16 * 1024;

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, HttpRequestHandler &handler,
                               UpgradeAcceptor upgrades)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_handler(handler)
    , m_upgrades(std::move(upgrades))
    , m_peer(socket->peerAddress())
    , m_headReader(limits.head)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
}

HttpConnection::~HttpConnection()
{
    releaseLargeBody();
}

void HttpConnection::start()
{
    // Qt must not buffer more of a request than the reader is allowed to look at.
    m_socket->setReadBufferSize(m_limits.head.maxHeadBytes + kReadBufferSlack);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readAvailable);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_phase = Phase::Closed;
        m_timer.stop();
        m_socket->deleteLater();
    });
    armTimer(m_limits.headTimeoutMs); // a new connection has this long for its first head
    readAvailable();
}

bool HttpConnection::isIdle() const
{
    return m_phase == Phase::Head && !m_headReader.started();
}

void HttpConnection::closeWhenIdle()
{
    m_closeAfterAnswer = true;
    if (isIdle())
        close();
}

void HttpConnection::armTimer(int ms)
{
    m_timer.start(ms);
}

void HttpConnection::readAvailable()
{
    // Each reader asks the socket for more than it holds and reports no progress once it is empty: Qt stops
    // reading from the network when its bounded buffer is full and starts again only on such a read.
    // Nothing more is read while the client leaves too many answers unread.
    while (!m_waitingForWrites) {
        bool progressed = false;
        switch (m_phase) {
        case Phase::Head:
            progressed = readHead();
            break;
        case Phase::Body:
            progressed = readBody();
            break;
        case Phase::Draining:
            drain();
            return;
        case Phase::Handling:
        case Phase::Closed:
            return; // the next request is read once this one is answered
        }
        if (!progressed)
            return;
    }
}

bool HttpConnection::readHead()
{
    // The head is read inside a transaction, so that a WebSocket upgrade can be handed over with its bytes
    // still in the socket; the socket's read buffer is bounded, so the transaction is too.
    if (!m_socket->isTransactionStarted()) {
        m_socket->startTransaction();
        m_headBytes = 0;
        m_headChunk = kFirstHeadChunk;
    }
    const bool wasStarted = m_headReader.started();
    // Read in growing pieces: a head is usually a few hundred bytes, and pipelined requests behind it must
    // not be copied again for every head.
    while (m_headReader.state() == HttpHeadReader::State::NeedMore) {
        const QByteArray bytes = m_socket->read(m_headChunk);
        if (bytes.isEmpty())
            break;
        m_headBytes += m_headReader.feed(bytes);
        m_headChunk = std::min<qint64>(m_headChunk * 4, kMaxHeadChunk);
    }
    if (!wasStarted && m_headReader.started() && !m_firstRequest)
        armTimer(m_limits.headTimeoutMs); // from idle to a head in progress: the head's deadline starts now
    switch (m_headReader.state()) {
    case HttpHeadReader::State::NeedMore:
        return false;
    case HttpHeadReader::State::Refused:
        m_socket->commitTransaction();
        refuse(m_headReader.refusal(), 0);
        return false;
    case HttpHeadReader::State::Done:
        break;
    }
    m_socket->rollbackTransaction();
    const HttpHead &head = m_headReader.head();
    if (head.upgradeToWebSocket && m_upgrades) {
        m_timer.stop();
        m_phase = Phase::Closed;
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->setReadBufferSize(0);
        QTcpSocket *socket = m_socket;
        deleteLater();
        m_upgrades(socket);
        return false;
    }
    m_socket->skip(m_headBytes);
    beginBody();
    return true;
}

qint64 HttpConnection::bodyLimitFor(const HttpHead &head, bool *busy)
{
    *busy = false;
    const qint64 large = m_limits.largeBodyLimit ? m_limits.largeBodyLimit(head) : 0;
    if (large <= m_limits.maxBodyBytes || head.value("authorization").isEmpty())
        return m_limits.maxBodyBytes;
    if (!head.chunked && head.contentLength <= m_limits.maxBodyBytes)
        return m_limits.maxBodyBytes; // small enough for the usual limit: takes no slot
    if (*m_limits.largeBodiesInFlight >= m_limits.maxLargeBodies) {
        *busy = true;
        return 0;
    }
    ++*m_limits.largeBodiesInFlight;
    m_holdsLargeBody = true;
    return large;
}

void HttpConnection::releaseLargeBody()
{
    if (!m_holdsLargeBody)
        return;
    m_holdsLargeBody = false;
    --*m_limits.largeBodiesInFlight;
}

void HttpConnection::beginBody()
{
    const HttpHead &head = m_headReader.head();
    bool busy = false;
    HttpBodyReader::Limits limits;
    limits.maxBodyBytes = bodyLimitFor(head, &busy);
    if (busy) {
        refuse(HttpRefusal{503, 5030001, QStringLiteral("Too many uploads at once; try again shortly.")},
               head.contentLength);
        return;
    }
    if (!head.chunked && head.contentLength > limits.maxBodyBytes) {
        releaseLargeBody();
        refuse(HttpRefusal{413, 4130001,
                           QStringLiteral("The body is larger than %1 bytes.").arg(limits.maxBodyBytes)},
               head.contentLength);
        return;
    }
    if (head.chunked)
        m_bodyReader.startChunked(limits);
    else
        m_bodyReader.startFixed(head.contentLength, limits);
    if (m_bodyReader.state() == HttpBodyReader::State::Done) {
        dispatch();
        return;
    }
    if (head.expectContinue)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_phase = Phase::Body;
    m_bodyStarted.start();
    armTimer(m_limits.bodyStallTimeoutMs);
}

bool HttpConnection::readBody()
{
    qsizetype used = 0;
    if (m_headReader.head().chunked) {
        // Chunked bodies end at a marker, and what follows belongs to the next request: read ahead inside a
        // transaction and take back what the body did not use.
        m_socket->startTransaction();
        const QByteArray bytes = m_socket->read(m_socket->bytesAvailable() + 1);
        used = m_bodyReader.feed(bytes);
        m_socket->rollbackTransaction();
        m_socket->skip(used);
        if (bytes.isEmpty())
            return false;
    } else {
        // Never past the body's end: what follows is the next request's.
        const qint64 left = m_headReader.head().contentLength - m_bodyReader.received();
        const QByteArray bytes = m_socket->read(std::min(left, m_socket->bytesAvailable() + 1));
        if (bytes.isEmpty() && left > 0)
            return false;
        used = m_bodyReader.feed(bytes);
    }
    switch (m_bodyReader.state()) {
    case HttpBodyReader::State::NeedMore:
        if (m_bodyStarted.elapsed() > m_limits.bodyTimeoutMs) {
            refuse(HttpRefusal{408, 4080001, QStringLiteral("The body took too long to arrive.")}, 0);
            return false;
        }
        armTimer(
            std::min<qint64>(m_limits.bodyStallTimeoutMs, m_limits.bodyTimeoutMs - m_bodyStarted.elapsed()));
        return used > 0;
    case HttpBodyReader::State::Refused:
        refuse(m_bodyReader.refusal(), 0);
        return false;
    case HttpBodyReader::State::Done:
        dispatch();
        return false;
    }
    return false;
}

void HttpConnection::dispatch()
{
    m_timer.stop();
    m_phase = Phase::Handling;
    HttpRequest request;
    request.head = m_headReader.head();
    request.body = m_bodyReader.takeBody();
    request.peerAddress = m_peer;
    if (!request.head.keepAlive)
        m_closeAfterAnswer = true;
    m_handler.handle(this, ++m_serial, std::move(request));
}

void HttpConnection::respond(quint64 serial, const QString &requestId, const HttpResponse &response)
{
    if (m_phase != Phase::Handling || serial != m_serial)
        return;
    releaseLargeBody();
    m_socket->write(serializeHttpResponse(response, requestId.toLatin1(), m_closeAfterAnswer));
    m_socket->flush(); // out now, not on the next turn of the event loop
    if (m_closeAfterAnswer) {
        close();
        return;
    }
    nextRequest();
}

void HttpConnection::nextRequest()
{
    m_headReader.reset();
    m_firstRequest = false;
    m_phase = Phase::Head;
    // A client that sends requests but does not read the answers gets no more answers until it does.
    if (m_socket->bytesToWrite() > m_limits.maxUnreadAnswerBytes) {
        m_waitingForWrites = true;
        armTimer(m_limits.writeStallTimeoutMs);
        return;
    }
    armTimer(m_limits.idleTimeoutMs);
    // Also when nothing is buffered: the read it makes lets Qt read from the network again.
    QMetaObject::invokeMethod(this, &HttpConnection::readAvailable, Qt::QueuedConnection);
}

void HttpConnection::onBytesWritten()
{
    if (!m_waitingForWrites)
        return;
    if (m_socket->bytesToWrite() > m_limits.maxUnreadAnswerBytes / 2) {
        armTimer(m_limits.writeStallTimeoutMs); // the client is reading, if slowly: not a stall
        return;
    }
    m_waitingForWrites = false;
    nextRequest();
}

void HttpConnection::refuse(const HttpRefusal &refusal, qint64 drainBytes)
{
    releaseLargeBody();
    const Error error = Error::make(static_cast<ErrorCode>(refusal.errorCode), refusal.description);
    HttpResponse response = HttpResponse::json(refusal.status, errorToJson(error));
    if (refusal.status == 503)
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
    m_socket->write(serializeHttpResponse(response, randomRequestId(), true));
    m_phase = Phase::Draining;
    m_drainLeft = drainBytes > 0 ? std::min(drainBytes, kMaxDrainBytes) : kMaxDrainBytes;
    armTimer(kDrainTimeoutMs);
    drain();
}

void HttpConnection::drain()
{
    const qint64 skipped = m_socket->skip(m_drainLeft);
    m_drainLeft -= std::max<qint64>(skipped, 0);
    if (m_drainLeft <= 0)
        close();
}

void HttpConnection::onTimeout()
{
    switch (m_phase) {
    case Phase::Head:
        if (m_waitingForWrites) {
            m_socket->abort(); // answers left unread for too long
            return;
        }
        if (m_headReader.started()) {
            refuse(HttpRefusal{408, 4080001, QStringLiteral("The request head took too long to arrive.")}, 0);
            return;
        }
        close(); // idle: nothing to answer
        return;
    case Phase::Body:
        refuse(HttpRefusal{408, 4080001, QStringLiteral("The body took too long to arrive.")}, 0);
        return;
    case Phase::Draining:
        m_socket->abort();
        return;
    case Phase::Handling:
    case Phase::Closed:
        return;
    }
}

void HttpConnection::close()
{
    releaseLargeBody();
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_timer.stop();
    // Written answers still go out; a client that does not take them is cut off after the stall timeout.
    if (m_socket->bytesToWrite() > 0)
        QTimer::singleShot(m_limits.writeStallTimeoutMs, m_socket, &QTcpSocket::abort);
    m_socket->disconnectFromHost();
}

} // namespace handover
