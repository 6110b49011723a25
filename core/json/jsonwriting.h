#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <limits>

namespace handover {

// The largest sequence number, id counter or instant a wire field may carry.
inline constexpr qint64 kMaxWireInt64 = std::numeric_limits<qint64>::max();

// Sets `key` (ASCII, as the wire names are) of `object` to `value`.
inline void putJson(QJsonObject &object, const char *key, const QJsonValue &value)
{
    object.insert(QLatin1String(key), value);
}

} // namespace handover
