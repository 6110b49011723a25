#pragma once

#include "server/http/httphead.h"

#include <QByteArray>

namespace handover {

// Reads a request body as it arrives, from a Content-Length or in chunks (RFC 9112 §7.1), and refuses it the
// moment it passes the limit: a chunk whose announced size would go over is refused before its data is read.
class HttpBodyReader
{
public:
    enum class State
    {
        NeedMore,
        Done,
        Refused
    };

    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024;
        qsizetype maxChunkLineBytes = 4096; // a size line with its extensions
        qsizetype maxTrailerBytes = 8192;
    };

    // A body of exactly `length` bytes (0: none). The caller refuses lengths over the limit before reading.
    void startFixed(qint64 length, Limits limits);
    void startChunked(Limits limits);

    // Takes bytes up to the end of the body and returns how many it took.
    qsizetype feed(QByteArrayView bytes);
    State state() const { return m_state; }
    qint64 received() const { return m_body.size(); }
    QByteArray takeBody() { return std::exchange(m_body, {}); }
    const HttpRefusal &refusal() const { return m_refusal; }

private:
    enum class Chunk
    {
        SizeLine,
        Data,
        DataEnd,
        Trailer
    };

    qsizetype feedChunked(QByteArrayView bytes);
    bool takeSizeLine(QByteArrayView line);
    void refuse(int status, int errorCode, QString description);

    Limits m_limits;
    State m_state = State::Done;
    bool m_chunked = false;
    qint64 m_remaining = 0; // of the fixed body, or of the current chunk
    Chunk m_chunk = Chunk::SizeLine;
    QByteArray m_line; // a size line or a trailer line being gathered
    qsizetype m_trailerBytes = 0;
    QByteArray m_body;
    HttpRefusal m_refusal;
};

} // namespace handover
