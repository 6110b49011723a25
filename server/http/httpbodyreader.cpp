#include "server/http/httpbodyreader.h"

#include "server/http/hexdigit.h"

namespace handover {

namespace {
constexpr int kMaxChunkSizeDigits = 15; // 2^60: far over any limit, no overflow
} // namespace

void HttpBodyReader::startFixed(qint64 length, Limits limits)
{
    m_limits = limits;
    m_chunked = false;
    m_remaining = length;
    m_body.clear();
    m_body.reserve(static_cast<qsizetype>(std::min(length, limits.maxBodyBytes)));
    m_state = length > 0 ? State::NeedMore : State::Done;
}

void HttpBodyReader::startChunked(Limits limits)
{
    m_limits = limits;
    m_chunked = true;
    m_chunk = Chunk::SizeLine;
    m_line.clear();
    m_trailerBytes = 0;
    m_remaining = 0;
    m_body.clear();
    m_state = State::NeedMore;
}

void HttpBodyReader::refuse(int status, int errorCode, QString description)
{
    m_state = State::Refused;
    m_refusal = HttpRefusal{status, errorCode, std::move(description)};
    m_body.clear();
    m_line.clear();
}

qsizetype HttpBodyReader::feed(QByteArrayView bytes)
{
    if (m_state != State::NeedMore)
        return 0;
    if (m_chunked)
        return feedChunked(bytes);
    const qsizetype take = static_cast<qsizetype>(std::min<qint64>(bytes.size(), m_remaining));
    m_body.append(bytes.first(take));
    m_remaining -= take;
    if (m_remaining == 0)
        m_state = State::Done;
    return take;
}

bool HttpBodyReader::takeSizeLine(QByteArrayView line)
{
    qsizetype digits = 0;
    qint64 size = 0;
    while (digits < line.size() && hexDigitValue(line[digits]) >= 0) {
        if (digits == kMaxChunkSizeDigits) {
            refuse(400, refusalCode(ErrorCode::BadRequest), QStringLiteral("A chunk size is too long."));
            return false;
        }
        size = size * 16 + hexDigitValue(line[digits]);
        ++digits;
    }
    // After the size only chunk extensions may follow (";name=value"), which are ignored.
    const QByteArrayView rest = line.sliced(digits);
    if (digits == 0 ||
        (!rest.isEmpty() && rest.front() != ';' && rest.front() != ' ' && rest.front() != '\t')) {
        refuse(400, refusalCode(ErrorCode::BadRequest), QStringLiteral("A chunk size is malformed."));
        return false;
    }
    if (size > m_limits.maxBodyBytes - m_body.size()) {
        refuse(413, refusalCode(ErrorCode::PayloadTooLarge),
               QStringLiteral("The body is larger than %1 bytes.").arg(m_limits.maxBodyBytes));
        return false;
    }
    m_remaining = size;
    m_chunk = size == 0 ? Chunk::Trailer : Chunk::Data;
    return true;
}

qsizetype HttpBodyReader::feedChunked(QByteArrayView bytes)
{
    qsizetype taken = 0;
    while (taken < bytes.size() && m_state == State::NeedMore) {
        const QByteArrayView rest = bytes.sliced(taken);
        switch (m_chunk) {
        case Chunk::Data: {
            const qsizetype take = static_cast<qsizetype>(std::min<qint64>(rest.size(), m_remaining));
            m_body.append(rest.first(take));
            m_remaining -= take;
            taken += take;
            if (m_remaining == 0)
                m_chunk = Chunk::DataEnd;
            break;
        }
        case Chunk::SizeLine:
        case Chunk::DataEnd:
        case Chunk::Trailer: {
            // Lines are gathered byte by byte up to their LF, bounded, so a line split anywhere reads the
            // same.
            const qsizetype newline = rest.indexOf('\n');
            const QByteArrayView piece = newline < 0 ? rest : rest.first(newline);
            const qsizetype bound = m_chunk == Chunk::Trailer ? m_limits.maxTrailerBytes - m_trailerBytes
                                                              : m_limits.maxChunkLineBytes;
            if (m_line.size() + piece.size() > bound) {
                refuse(400, refusalCode(ErrorCode::BadRequest),
                       QStringLiteral("A chunk line or the trailer is too long."));
                return taken + piece.size();
            }
            m_line.append(piece);
            if (newline < 0) {
                taken += rest.size();
                break;
            }
            taken += newline + 1;
            QByteArrayView line = m_line;
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.contains('\r')) {
                refuse(400, refusalCode(ErrorCode::BadRequest),
                       QStringLiteral("A bare carriage return is not a line end."));
                return taken;
            }
            if (m_chunk == Chunk::DataEnd) {
                if (!line.isEmpty()) {
                    refuse(400, refusalCode(ErrorCode::BadRequest),
                           QStringLiteral("A chunk is longer than its size says."));
                    return taken;
                }
                m_chunk = Chunk::SizeLine;
            } else if (m_chunk == Chunk::SizeLine) {
                if (!takeSizeLine(line))
                    return taken;
            } else if (line.isEmpty()) {
                m_state = State::Done; // the empty line after the last chunk's trailer fields
            } else {
                m_trailerBytes += m_line.size() + 1; // trailer fields are read and dropped
            }
            m_line.clear();
            break;
        }
        }
    }
    return taken;
}

} // namespace handover
