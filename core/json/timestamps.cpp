#include "core/json/timestamps.h"

#include <array>
#include <cmath>

namespace handover {

namespace {

constexpr qint64 kMsPerDay = 24LL * 60 * 60 * 1000;
// 9999-12-31T23:59:59.999Z: the last instant a four-digit year can write.
constexpr qint64 kLastMs = 253402300799999LL;

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's civil calendar algorithms).
// Hand-rolled because the server formats several timestamps per event and QDateTime::toString is slow.
constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2 ? 1 : 0;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

struct CivilDate
{
    qint64 year;
    unsigned month;
    unsigned day;
};

constexpr CivilDate civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<qint64>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

// 0000-01-01T00:00:00.000Z: the first instant a four-digit year can write.
constexpr qint64 kFirstMs = daysFromCivil(0, 1, 1) * kMsPerDay;

static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(daysFromCivil(2026, 1, 1) == 20454);
static_assert(civilFromDays(20454).year == 2026);

bool isLeap(qint64 y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned daysInMonth(qint64 y, unsigned m)
{
    static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// A cursor over the text that reads fixed-width digit groups and literal characters.
class Scanner
{
public:
    explicit Scanner(QStringView text) : m_text(text) {}

    bool digits(int count, int *out)
    {
        int value = 0;
        for (int i = 0; i < count; ++i) {
            if (m_pos >= m_text.size() || !isDigit(m_text[m_pos]))
                return false;
            value = value * 10 + (m_text[m_pos++].unicode() - u'0');
        }
        *out = value;
        return true;
    }
    bool literal(char16_t c)
    {
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool peekDigit() const { return m_pos < m_text.size() && isDigit(m_text[m_pos]); }
    bool atEnd() const { return m_pos == m_text.size(); }

private:
    static bool isDigit(QChar c) { return c >= u'0' && c <= u'9'; }
    QStringView m_text;
    qsizetype m_pos = 0;
};

// The fraction after the seconds' '.', cut to milliseconds.
bool readFraction(Scanner &s, int *ms)
{
    int digitsRead = 0;
    int value = 0;
    int digit = 0;
    while (s.peekDigit()) {
        if (++digitsRead > 9)
            return false;
        s.digits(1, &digit);
        if (digitsRead <= 3)
            value = value * 10 + digit;
    }
    if (digitsRead == 0)
        return false;
    for (int i = digitsRead; i < 3; ++i)
        value *= 10;
    *ms = value;
    return true;
}

// "Z", "+HH:MM", "+HHMM" or "+HH" as minutes east of UTC.
bool readZone(Scanner &s, int *offsetMinutes)
{
    if (s.literal(u'Z')) {
        *offsetMinutes = 0;
        return true;
    }
    int sign = 0;
    if (s.literal(u'+'))
        sign = 1;
    else if (s.literal(u'-'))
        sign = -1;
    else
        return false;
    int hours = 0;
    int minutes = 0;
    if (!s.digits(2, &hours) || hours > 23)
        return false;
    const bool colon = s.literal(u':');
    if ((colon || s.peekDigit()) && (!s.digits(2, &minutes) || minutes > 59))
        return false;
    *offsetMinutes = sign * (hours * 60 + minutes);
    return true;
}

} // namespace

QString formatTimestampMs(qint64 msSinceEpoch)
{
    if (msSinceEpoch < kFirstMs || msSinceEpoch > kLastMs) // outside four-digit years: let Qt write it
        return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
    // Days before 1970 round down, so that the time of day stays positive.
    const qint64 days = (msSinceEpoch >= 0 ? msSinceEpoch : msSinceEpoch - (kMsPerDay - 1)) / kMsPerDay;
    auto msOfDay = static_cast<int>(msSinceEpoch - days * kMsPerDay);
    const CivilDate date = civilFromDays(days);

    std::array<char16_t, 24> buf{};
    auto put = [&buf](int at, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buf[static_cast<std::size_t>(at + i)] = static_cast<char16_t>(u'0' + value % 10);
            value /= 10;
        }
    };
    put(0, static_cast<int>(date.year), 4);
    buf[4] = u'-';
    put(5, static_cast<int>(date.month), 2);
    buf[7] = u'-';
    put(8, static_cast<int>(date.day), 2);
    buf[10] = u'T';
    put(11, msOfDay / 3600000, 2);
    msOfDay %= 3600000;
    buf[13] = u':';
    put(14, msOfDay / 60000, 2);
    msOfDay %= 60000;
    buf[16] = u':';
    put(17, msOfDay / 1000, 2);
    buf[19] = u'.';
    put(20, msOfDay % 1000, 3);
    buf[23] = u'Z';
    return QString(reinterpret_cast<const QChar *>(buf.data()), static_cast<qsizetype>(buf.size()));
}

QString formatTimestamp(const QDateTime &at)
{
    return at.isValid() ? formatTimestampMs(at.toMSecsSinceEpoch()) : QString();
}

QJsonValue timestampToJson(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(formatTimestampMs(at.toMSecsSinceEpoch()))
                        : QJsonValue(QJsonValue::Null);
}

std::optional<QDateTime> parseTimestamp(QStringView text)
{
    Scanner s(text);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0, offset = 0;
    const bool shapeOk = s.digits(4, &year) && s.literal(u'-') && s.digits(2, &month) && s.literal(u'-')
                         && s.digits(2, &day) && s.literal(u'T') && s.digits(2, &hour) && s.literal(u':')
                         && s.digits(2, &minute) && s.literal(u':') && s.digits(2, &second)
                         && (!s.literal(u'.') || readFraction(s, &ms)) && readZone(s, &offset) && s.atEnd();
    if (!shapeOk)
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 ||
        static_cast<unsigned>(day) > daysInMonth(year, static_cast<unsigned>(month)) || hour > 23 ||
        minute > 59 || second > 59)
        return std::nullopt;
    const qint64 days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const qint64 msSinceEpoch =
        days * kMsPerDay + ((hour * 60LL + minute - offset) * 60 + second) * 1000 + ms;
    if (msSinceEpoch < kFirstMs || msSinceEpoch > kLastMs) // an offset moved it out of four-digit years
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
}

std::optional<QDateTime> parseTimestampOrEpoch(const QJsonValue &value)
{
    if (value.isString())
        return parseTimestamp(value.toString());
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds) || seconds < 0 || seconds * 1000.0 > static_cast<double>(kLastMs))
        return std::nullopt;
    // An integer keeps its exact value; a fraction is rounded to the millisecond.
    const qint64 whole = value.toInteger(-1);
    const qint64 ms = whole >= 0 ? whole * 1000 : std::llround(seconds * 1000.0);
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace handover
