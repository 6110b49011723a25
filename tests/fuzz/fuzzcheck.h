#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QtGlobal>
#include <cstddef>
#include <cstdint>

namespace handover::fuzz {

// A promise of the code under test. A broken one stops the run as a crash would, so libFuzzer keeps the
// input.
inline void require(bool holds, const char *promise)
{
    if (!holds)
        qFatal("broken promise: %s", promise);
}

// What a decoder answers bad input with: API.md's 4000001 or 4000002 and a sentence to show, never anything
// else (no 500 for a body the client got wrong).
inline void requireClientError(const Error &error)
{
    require(error.code == ErrorCode::BadRequest || error.code == ErrorCode::ValidationFailed,
            "a decoder refuses bad input with BadRequest or ValidationFailed");
    require(!error.description.isEmpty(), "a refusal says why");
}

// Decodes `input`; what decodes must encode to something that decodes to the same value.
template <typename T, typename Input, typename Decode, typename Encode>
void requireRoundTrip(const Input &input, Decode decode, Encode encode, const char *promise)
{
    const Result<T> decoded = decode(input);
    if (!decoded) {
        requireClientError(decoded.error());
        return;
    }
    const Result<T> again = decode(encode(*decoded));
    require(again.ok() && *again == *decoded, promise);
}

inline QByteArray bytesOf(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

} // namespace handover::fuzz
