#include "server/http/byterange.h"

#include <QByteArray>

namespace handover {

namespace {

// Digits only (no sign, no spaces), at most 18 so the value fits; -1 otherwise.
qint64 position(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 18)
        return -1;
    qint64 value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

std::optional<ByteRange> parseByteRange(QByteArrayView header, qint64 size)
{
    const QByteArrayView unit("bytes=");
    if (!header.startsWith(unit) || size <= 0)
        return std::nullopt;
    const QByteArrayView spec = header.sliced(unit.size()).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0 || spec.indexOf(',') >= 0)
        return std::nullopt;
    const QByteArrayView firstText = spec.first(dash);
    const QByteArrayView lastText = spec.sliced(dash + 1);
    if (firstText.isEmpty()) { // the last N bytes
        const qint64 suffix = position(lastText);
        if (suffix <= 0)
            return std::nullopt;
        return ByteRange{std::max<qint64>(0, size - suffix), size - 1};
    }
    const qint64 first = position(firstText);
    if (first < 0 || first >= size)
        return std::nullopt;
    if (lastText.isEmpty())
        return ByteRange{first, size - 1};
    const qint64 last = position(lastText);
    if (last < first)
        return std::nullopt;
    return ByteRange{first, std::min(last, size - 1)};
}

} // namespace handover
