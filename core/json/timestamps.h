#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace handover {

// API.md: timestamps are ISO-8601 UTC with milliseconds, always written as "2026-01-01T09:00:00.000Z".
// An invalid (null) QDateTime is written as an empty string / JSON null.
QString formatTimestamp(const QDateTime &at);
QJsonValue timestampToJson(const QDateTime &at);
// The milliseconds of a sort key, written as a timestamp.
QString formatTimestampMs(qint64 msSinceEpoch);

// Reads "YYYY-MM-DDTHH:MM:SS[.fraction]" followed by "Z" or an offset "+HH:MM", "+HHMM" or "+HH".
// The fraction may have 1 to 9 digits and is cut to milliseconds. The result is in UTC.
// Anything else (no zone, a space instead of 'T', out-of-range fields) gives nullopt, and so does an instant
// outside the years 0000 to 9999 in UTC (an offset can move it there), which could not be written back.
std::optional<QDateTime> parseTimestamp(QStringView text);

// For opt_in_date: a timestamp string as above, or epoch seconds as a JSON number (a fraction keeps its
// milliseconds). Epoch seconds must lie between 1970 and the end of year 9999. Any other value gives nullopt.
std::optional<QDateTime> parseTimestampOrEpoch(const QJsonValue &value);

} // namespace handover
