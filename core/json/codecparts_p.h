#pragma once

// Shared by the API codecs: how they read lengths and counts, and how optional texts go on the wire.

#include "core/json/jsonreader.h"

#include <QJsonValue>
#include <limits>

namespace handover::codec {

// Objects the server wrote itself are read without length limits (the limits apply to requests).
inline constexpr int kAny = JsonReader::kUnlimited;
inline constexpr int kMaxCount = std::numeric_limits<int>::max();
inline const JsonStringRules kMayBeEmpty{.allowEmpty = true};

// Optional ids and texts are empty strings in the domain and null on the wire.
inline QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace handover::codec
