#pragma once

#include "server/http/httpmethod.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace handover {

// Why a request was refused before it reached a route: the HTTP status and API.md error code it is answered
// with, and a sentence for the client. After a refusal the connection closes.
struct HttpRefusal
{
    int status = 400;
    int errorCode = 4000001;
    QString description;
};

struct HttpHeader
{
    QByteArray name; // lower case
    QByteArray value;
};

// A parsed HTTP/1.x request head.
struct HttpHead
{
    HttpMethod method = HttpMethod::Other;
    QByteArray methodToken;
    QByteArray target; // the request-target as sent
    int minorVersion = 1;
    QList<HttpHeader> headers;
    qint64 contentLength = 0; // 0 when there is no body
    bool chunked = false;
    bool keepAlive = true;
    bool expectContinue = false;
    bool upgradeToWebSocket = false;

    // The value of the first header with that (lower-case) name, or a null array.
    QByteArray value(QByteArrayView lowerName) const;
};

struct HttpHeadLimits
{
    qsizetype maxHeadBytes = 64 * 1024;       // request line, header fields and the empty line: 431 beyond
    qsizetype maxRequestLineBytes = 8 * 1024; // 414 beyond
    int maxHeaderFields = 100;                // 431 beyond
};

// Reads a request head from bytes as they arrive, in pieces of any size. Limits hold as the bytes come: a
// head that passes one is refused at that byte, whatever the segmentation, never after buffering more.
class HttpHeadReader
{
public:
    enum class State
    {
        NeedMore,
        Done,
        Refused
    };

    explicit HttpHeadReader(HttpHeadLimits limits = {})
        : m_limits(limits)
    {}

    // Takes bytes up to the end of the head and returns how many it took; bytes after the head (a body, the
    // next request) are left to the caller.
    qsizetype feed(QByteArrayView bytes);
    State state() const { return m_state; }
    bool started() const { return !m_buffer.isEmpty(); }
    const HttpHead &head() const { return m_head; }
    const HttpRefusal &refusal() const { return m_refusal; }
    void reset();

private:
    void refuse(int status, int errorCode, QString description);
    void finish(qsizetype headEnd);

    HttpHeadLimits m_limits;
    State m_state = State::NeedMore;
    QByteArray m_buffer;
    qsizetype m_scanned = 0; // bytes of m_buffer already searched for the end of the head
    qsizetype m_requestLineEnd = -1;
    bool m_methodEnded = false;
    HttpHead m_head;
    HttpRefusal m_refusal;
};

// Parses a complete head (request line, fields, the empty line). Exposed for tests and the fuzzer.
bool parseHttpHead(QByteArrayView text, const HttpHeadLimits &limits, HttpHead *head, HttpRefusal *refusal);

} // namespace handover
