#include "server/http/httphead.h"

#include <cstring>

namespace handover {

namespace {

// The length of the request line ending at the LF at `lineEnd`, without its CR.
qsizetype requestLineLength(const QByteArray &buffer, qsizetype lineEnd)
{
    return lineEnd - (lineEnd > 0 && buffer.at(lineEnd - 1) == '\r' ? 1 : 0);
}

constexpr int kMaxContentLengthDigits = 18; // fits in qint64 with room to spare

bool isTokenChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
        return true;
    return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f); // VCHAR, SP, HTAB and obs-text; never CTLs
}

bool isTargetChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
}

QByteArrayView trimmedOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// Calls `visit` for each comma-separated element of a field value, trimmed, skipping empty ones.
template <typename Visit> void forEachListElement(QByteArrayView value, Visit visit)
{
    while (!value.isEmpty()) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView element = trimmedOws(comma < 0 ? value : value.first(comma));
        if (!element.isEmpty())
            visit(element);
        if (comma < 0)
            break;
        value = value.sliced(comma + 1);
    }
}

struct Parser
{
    const HttpHeadLimits &limits;
    HttpHead *head;
    HttpRefusal *refusal;

    bool fail(int status, int code, QString description)
    {
        *refusal = HttpRefusal{status, code, std::move(description)};
        return false;
    }

    bool requestLine(QByteArrayView line)
    {
        if (line.size() > limits.maxRequestLineBytes)
            return fail(
                414, refusalCode(ErrorCode::UriTooLong),
                QStringLiteral("The request line is longer than %1 bytes.").arg(limits.maxRequestLineBytes));
        const qsizetype firstSpace = line.indexOf(' ');
        const qsizetype lastSpace = line.lastIndexOf(' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
            return fail(400, refusalCode(ErrorCode::BadRequest),
                        QStringLiteral("The request line is malformed."));
        const QByteArrayView method = line.first(firstSpace);
        const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
        const QByteArrayView version = line.sliced(lastSpace + 1);
        for (char c : method) {
            if (!isTokenChar(c))
                return fail(400, refusalCode(ErrorCode::BadRequest),
                            QStringLiteral("The request method is malformed."));
        }
        for (char c : target) {
            if (!isTargetChar(c))
                return fail(400, refusalCode(ErrorCode::BadRequest),
                            QStringLiteral("The request target holds a character it may not."));
        }
        if (version == "HTTP/1.1")
            head->minorVersion = 1;
        else if (version == "HTTP/1.0")
            head->minorVersion = 0;
        else
            return fail(400, refusalCode(ErrorCode::BadRequest),
                        QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are served."));
        head->methodToken = method.toByteArray();
        head->method = httpMethodFromToken(method);
        head->target = target.toByteArray();
        return true;
    }

    bool field(QByteArrayView line)
    {
        if (line.front() == ' ' || line.front() == '\t')
            return fail(400, refusalCode(ErrorCode::BadRequest),
                        QStringLiteral("Folded header lines are not accepted."));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, refusalCode(ErrorCode::BadRequest),
                        QStringLiteral("A header line has no name."));
        const QByteArrayView name = line.first(colon);
        for (char c : name) {
            if (!isTokenChar(c))
                return fail(400, refusalCode(ErrorCode::BadRequest),
                            QStringLiteral("A header name holds a character it may not."));
        }
        const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
        for (char c : value) {
            if (!isFieldValueChar(c))
                return fail(400, refusalCode(ErrorCode::BadRequest),
                            QStringLiteral("A header value holds a control character."));
        }
        if (head->headers.size() >= limits.maxHeaderFields)
            return fail(
                431, refusalCode(ErrorCode::HeadersTooLarge),
                QStringLiteral("The request has more than %1 header fields.").arg(limits.maxHeaderFields));
        head->headers.append(HttpHeader{name.toByteArray().toLower(), value.toByteArray()});
        return true;
    }

    bool semantics()
    {
        int hosts = 0;
        bool sawLength = false;
        bool sawTransferEncoding = false;
        bool connectionClose = false;
        bool connectionKeepAlive = false;
        bool connectionUpgrade = false;
        bool upgradeWebSocket = false;
        for (const HttpHeader &h : std::as_const(head->headers)) {
            if (h.name == "content-length") {
                if (h.value.isEmpty() || h.value.size() > kMaxContentLengthDigits)
                    return fail(400, refusalCode(ErrorCode::BadRequest),
                                QStringLiteral("Content-Length is not a length."));
                qint64 length = 0;
                for (char c : h.value) {
                    if (c < '0' || c > '9')
                        return fail(400, refusalCode(ErrorCode::BadRequest),
                                    QStringLiteral("Content-Length is not a length."));
                    length = length * 10 + (c - '0');
                }
                if (sawLength && length != head->contentLength)
                    return fail(400, refusalCode(ErrorCode::BadRequest),
                                QStringLiteral("Content-Length is given twice with different values."));
                sawLength = true;
                head->contentLength = length;
            } else if (h.name == "transfer-encoding") {
                bool onlyChunked = !sawTransferEncoding;
                int codings = 0;
                forEachListElement(h.value, [&](QByteArrayView coding) {
                    ++codings;
                    onlyChunked = onlyChunked && equalsIgnoringCase(coding, "chunked");
                });
                if (!onlyChunked || codings != 1)
                    return fail(400, refusalCode(ErrorCode::BadRequest),
                                QStringLiteral("Only the chunked transfer coding is accepted."));
                sawTransferEncoding = true;
            } else if (h.name == "host") {
                ++hosts;
            } else if (h.name == "connection") {
                forEachListElement(h.value, [&](QByteArrayView option) {
                    connectionClose = connectionClose || equalsIgnoringCase(option, "close");
                    connectionKeepAlive = connectionKeepAlive || equalsIgnoringCase(option, "keep-alive");
                    connectionUpgrade = connectionUpgrade || equalsIgnoringCase(option, "upgrade");
                });
            } else if (h.name == "upgrade") {
                forEachListElement(h.value, [&](QByteArrayView protocol) {
                    upgradeWebSocket = upgradeWebSocket || equalsIgnoringCase(protocol, "websocket");
                });
            } else if (h.name == "expect") {
                head->expectContinue = equalsIgnoringCase(h.value, "100-continue");
            }
        }
        if (head->minorVersion == 1 && hosts != 1)
            return fail(400, refusalCode(ErrorCode::BadRequest),
                        QStringLiteral("An HTTP/1.1 request has exactly one Host header."));
        if (sawTransferEncoding) {
            // A length beside a transfer coding is how requests are smuggled past proxies (RFC 9112 §6.3).
            if (sawLength)
                return fail(400, refusalCode(ErrorCode::BadRequest),
                            QStringLiteral("Content-Length and Transfer-Encoding exclude each other."));
            if (head->minorVersion == 0)
                return fail(400, refusalCode(ErrorCode::BadRequest),
                            QStringLiteral("HTTP/1.0 has no transfer codings."));
            head->chunked = true;
        }
        head->keepAlive =
            head->minorVersion == 1 ? !connectionClose : (connectionKeepAlive && !connectionClose);
        head->upgradeToWebSocket = head->method == HttpMethod::Get && connectionUpgrade && upgradeWebSocket;
        return true;
    }
};

} // namespace

QByteArray HttpHead::value(QByteArrayView lowerName) const
{
    for (const HttpHeader &h : headers) {
        if (h.name == lowerName)
            return h.value;
    }
    return {};
}

bool parseHttpHead(QByteArrayView text, const HttpHeadLimits &limits, HttpHead *head, HttpRefusal *refusal)
{
    *head = HttpHead();
    Parser parser{limits, head, refusal};
    bool first = true;
    while (!text.isEmpty()) {
        const qsizetype newline = text.indexOf('\n');
        if (newline < 0)
            return parser.fail(400, refusalCode(ErrorCode::BadRequest),
                               QStringLiteral("The request head does not end."));
        QByteArrayView line = text.first(newline);
        text = text.sliced(newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.contains('\r'))
            return parser.fail(400, refusalCode(ErrorCode::BadRequest),
                               QStringLiteral("A bare carriage return is not a line end."));
        if (line.isEmpty()) {
            if (first)
                return parser.fail(400, refusalCode(ErrorCode::BadRequest),
                                   QStringLiteral("The request line is missing."));
            if (!text.isEmpty())
                return parser.fail(400, refusalCode(ErrorCode::BadRequest),
                                   QStringLiteral("The request head goes on after its end."));
            return parser.semantics();
        }
        if (first ? !parser.requestLine(line) : !parser.field(line))
            return false;
        first = false;
    }
    return parser.fail(400, refusalCode(ErrorCode::BadRequest),
                       QStringLiteral("The request head does not end."));
}

void HttpHeadReader::reset()
{
    m_state = State::NeedMore;
    m_buffer.clear();
    m_scanned = 0;
    m_requestLineEnd = -1;
    m_methodEnded = false;
    m_head = HttpHead();
    m_refusal = HttpRefusal();
}

void HttpHeadReader::refuse(int status, int errorCode, QString description)
{
    m_state = State::Refused;
    m_refusal = HttpRefusal{status, errorCode, std::move(description)};
    m_buffer.clear();
}

void HttpHeadReader::finish(qsizetype headEnd)
{
    if (headEnd > m_limits.maxHeadBytes) {
        refuse(431, refusalCode(ErrorCode::HeadersTooLarge),
               QStringLiteral("The request head is longer than %1 bytes.").arg(m_limits.maxHeadBytes));
        return;
    }
    m_buffer.truncate(headEnd);
    HttpRefusal refusal;
    if (parseHttpHead(m_buffer, m_limits, &m_head, &refusal))
        m_state = State::Done;
    else
        refuse(refusal.status, refusal.errorCode, refusal.description);
    m_buffer.clear();
}

void HttpHeadReader::refuseLongRequestLine()
{
    refuse(414, refusalCode(ErrorCode::UriTooLong),
           QStringLiteral("The request line is longer than %1 bytes.").arg(m_limits.maxRequestLineBytes));
}

qsizetype HttpHeadReader::feed(QByteArrayView bytes)
{
    if (m_state != State::NeedMore)
        return 0;
    qsizetype taken = 0;
    // Empty lines before a request line are ignored (RFC 9112 §2.2), so a keep-alive client may end its last
    // body with an extra CRLF.
    while (m_buffer.isEmpty() && taken < bytes.size() && (bytes[taken] == '\r' || bytes[taken] == '\n'))
        ++taken;
    bytes = bytes.sliced(taken);
    if (bytes.isEmpty())
        return taken;

    // Never hold more than the limit: take at most what fits, plus one byte to tell "over" from "exactly".
    const qsizetype room = m_limits.maxHeadBytes + 1 - m_buffer.size();
    const QByteArrayView accepted = bytes.first(std::min(bytes.size(), room));
    const qsizetype before = m_buffer.size();
    m_buffer.append(accepted);

    // A request line starts with a method token: anything else (a TLS hello, garbage) is refused at once. Only
    // within the request line's limit: past it the line is too long (414), whichever byte comes first there, so
    // the answer does not depend on how the bytes were split.
    const qsizetype methodScanEnd = std::min<qsizetype>(m_buffer.size(), m_limits.maxRequestLineBytes + 1);
    for (qsizetype i = before; i < methodScanEnd && !m_methodEnded; ++i) {
        const char c = m_buffer.at(i);
        if (c == ' ') {
            m_methodEnded = true;
            break;
        }
        if (!isTokenChar(c)) {
            refuse(400, refusalCode(ErrorCode::BadRequest), QStringLiteral("This is not an HTTP request."));
            return taken + (i - before) + 1;
        }
    }

    // Find the end of the head: a line end followed by an empty line. Resume a little before where the last
    // search stopped, so a marker split across pieces is found.
    qsizetype pos = std::max<qsizetype>(0, m_scanned - 2);
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    while (pos < size) {
        const void *found = std::memchr(data + pos, '\n', static_cast<size_t>(size - pos));
        if (!found)
            break;
        const qsizetype nl = static_cast<const char *>(found) - data;
        if (m_requestLineEnd < 0) {
            m_requestLineEnd = nl;
            if (requestLineLength(m_buffer, nl) > m_limits.maxRequestLineBytes) {
                refuseLongRequestLine();
                return taken + accepted.size();
            }
        }
        if (nl + 1 < size && data[nl + 1] == '\n') {
            finish(nl + 2);
            return taken + (nl + 2 - before);
        }
        if (nl + 2 < size && data[nl + 1] == '\r' && data[nl + 2] == '\n') {
            finish(nl + 3);
            return taken + (nl + 3 - before);
        }
        if (nl + 2 >= size) { // not enough bytes yet to tell; look at this line end again next time
            pos = nl;
            break;
        }
        pos = nl + 1;
    }
    m_scanned = std::max(pos, size - 2);

    // The request line's limit holds before its end has arrived too (its CR does not count).
    if (m_requestLineEnd < 0 && m_buffer.size() - 1 > m_limits.maxRequestLineBytes) {
        refuseLongRequestLine();
    } else if (m_buffer.size() > m_limits.maxHeadBytes) {
        refuse(431, refusalCode(ErrorCode::HeadersTooLarge),
               QStringLiteral("The request head is longer than %1 bytes.").arg(m_limits.maxHeadBytes));
    }
    return taken + accepted.size();
}

} // namespace handover
