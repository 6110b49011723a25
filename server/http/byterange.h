#pragma once

#include <QByteArrayView>
#include <optional>

namespace handover {

// One range of a resource of `size` bytes, both ends included.
struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0;
    qint64 length() const { return last - first + 1; }
    friend bool operator==(const ByteRange &, const ByteRange &) = default;
};

// A Range header of one byte range (RFC 9110 §14.1.2): "bytes=10-19", "bytes=10-" (to the end) or
// "bytes=-5" (the last five). A last position past the end is cut to the end. Nothing satisfiable (a first
// position at or past the end, an empty resource, several ranges, another unit, or malformed): nullopt.
std::optional<ByteRange> parseByteRange(QByteArrayView header, qint64 size);

} // namespace handover
