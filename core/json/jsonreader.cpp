#include "core/json/jsonreader.h"

#include "core/json/strictjson.h"
#include "core/json/timestamps.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace handover {

namespace {

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

} // namespace

JsonReader::JsonReader(QJsonObject object)
    : JsonReader(std::move(object), QString(), std::make_shared<Problems>())
{
}

JsonReader::JsonReader(QJsonObject object, QString path, std::shared_ptr<Problems> problems)
    : m_object(std::move(object))
    , m_path(std::move(path))
    , m_problems(std::move(problems))
{
}

QString JsonReader::pathOf(QAnyStringView key) const
{
    return m_path.isEmpty() ? key.toString() : m_path + QLatin1Char('.') + key.toString();
}

QJsonValue JsonReader::valueOf(QAnyStringView key) const
{
    // Keys are the API's ASCII field names: look them up without building a QString.
    return key.visit([this](auto view) -> QJsonValue {
        using KeyView = decltype(view);
        if constexpr (std::is_same_v<KeyView, QStringView> || std::is_same_v<KeyView, QLatin1StringView>) {
            return m_object.value(view);
        } else {
            for (const char c : view) {
                if (static_cast<unsigned char>(c) >= 0x80)
                    return m_object.value(view.toString());
            }
            return m_object.value(QLatin1StringView(view.data(), view.size()));
        }
    });
}

bool JsonReader::has(QAnyStringView key) const
{
    const QJsonValue value = valueOf(key);
    return !value.isUndefined() && !value.isNull();
}

void JsonReader::fail(ErrorCode code, QAnyStringView key, const QString &description)
{
    failAt(code, pathOf(key), description);
}

void JsonReader::failAt(ErrorCode code, const QString &fieldPath, const QString &description)
{
    m_problems->list.append(Problem{code, fieldPath, description});
}

bool JsonReader::ok() const
{
    return m_problems->list.isEmpty();
}

Error JsonReader::error() const
{
    const QList<Problem> &problems = m_problems->list;
    if (problems.isEmpty())
        return Error::make(ErrorCode::Internal, QStringLiteral("No problem was recorded."));
    ErrorCode code = problems.first().code;
    for (const Problem &p : problems) {
        if (p.code == ErrorCode::BadRequest) {
            code = ErrorCode::BadRequest;
            break;
        }
    }
    Error error{code, QString(), {}};
    for (const Problem &p : problems) {
        if (p.code != code)
            continue;
        if (error.description.isEmpty())
            error.description = p.description;
        if (!p.field.isEmpty() && !error.fields.contains(p.field))
            error.fields.append(p.field);
    }
    return error;
}

bool JsonReader::expectType(const Field &field, const QJsonValue &value, QJsonValue::Type type,
                            const char *typeName)
{
    if (value.type() == type)
        return true;
    const QString path = field.path();
    failAt(ErrorCode::BadRequest, path, path + QStringLiteral(" must be ") + QLatin1String(typeName) + u'.');
    return false;
}

void JsonReader::failMissing(const Field &field)
{
    const QString path = field.path();
    failAt(ErrorCode::ValidationFailed, path, path + QStringLiteral(" is required."));
}

QString JsonReader::unknownNameSentence(QAnyStringView key, const QString &name) const
{
    return pathOf(key) + QStringLiteral(" has an unknown value ") + quoted(name) + u'.';
}

// ---- strings

std::optional<QString> JsonReader::checkString(const Field &field, QString text, int maxLength,
                                               const StringRules &rules, bool required)
{
    if (rules.trim)
        text = text.trimmed();
    if (required && text.isEmpty() && !rules.allowEmpty) {
        const QString path = field.path();
        failAt(ErrorCode::ValidationFailed, path, path + QStringLiteral(" must not be empty."));
        return std::nullopt;
    }
    if (text.size() < rules.minLength) {
        const QString path = field.path();
        failAt(ErrorCode::ValidationFailed, path,
               path + QStringLiteral(" must be at least ") + QString::number(rules.minLength)
                   + QStringLiteral(" characters."));
        return std::nullopt;
    }
    if (text.size() > maxLength) {
        const QString path = field.path();
        failAt(ErrorCode::ValidationFailed, path,
               path + QStringLiteral(" must be at most ") + QString::number(maxLength)
                   + QStringLiteral(" characters."));
        return std::nullopt;
    }
    if (!rules.forbid.isEmpty()) {
        const QString forbidden = rules.forbid.toString();
        for (const QChar c : forbidden) {
            if (text.contains(c)) {
                const QString path = field.path();
                failAt(ErrorCode::ValidationFailed, path,
                       path + QStringLiteral(" must not contain '") + c + QStringLiteral("'."));
                return std::nullopt;
            }
        }
    }
    return text;
}

QString JsonReader::requiredString(QAnyStringView key, int maxLength, const StringRules &rules)
{
    const Field field(*this, key);
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull()) {
        failMissing(field);
        return {};
    }
    if (!expectType(field, value, QJsonValue::String, "a string"))
        return {};
    return checkString(field, value.toString(), maxLength, rules, true).value_or(QString());
}

std::optional<QString> JsonReader::optionalString(QAnyStringView key, int maxLength, const StringRules &rules)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const Field field(*this, key);
    if (!expectType(field, value, QJsonValue::String, "a string"))
        return std::nullopt;
    return checkString(field, value.toString(), maxLength, rules, false);
}

QString JsonReader::stringOrEmpty(QAnyStringView key, int maxLength)
{
    return optionalString(key, maxLength).value_or(QString());
}

// ---- booleans and numbers

bool JsonReader::requiredBool(QAnyStringView key)
{
    const QJsonValue value = valueOf(key);
    const Field field(*this, key);
    if (value.isUndefined() || value.isNull()) {
        failMissing(field);
        return false;
    }
    // The value at hand, not optionalBool(key): a second lookup of the key cost as much as the rest.
    return expectType(field, value, QJsonValue::Bool, "true or false") && value.toBool();
}

std::optional<bool> JsonReader::optionalBool(QAnyStringView key)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!expectType(Field(*this, key), value, QJsonValue::Bool, "true or false"))
        return std::nullopt;
    return value.toBool();
}

std::optional<qint64> JsonReader::readInteger(const Field &field, const QJsonValue &value, qint64 min,
                                              qint64 max)
{
    if (!expectType(field, value, QJsonValue::Double, "an integer"))
        return std::nullopt;
    // toInteger() answers its default for anything that is not an integer fitting qint64; two defaults tell.
    const qint64 number = value.toInteger(0);
    const bool integral = number != 0 || value.toInteger(1) != 1;
    const double d = value.toDouble();
    if (!integral && !(std::isfinite(d) && std::trunc(d) == d)) {
        const QString path = field.path();
        failAt(ErrorCode::BadRequest, path, path + QStringLiteral(" must be an integer."));
        return std::nullopt;
    }
    if (!integral || number < min || number > max) {
        const QString path = field.path();
        failAt(ErrorCode::ValidationFailed, path,
               path + QStringLiteral(" must be between ") + QString::number(min) + QStringLiteral(" and ")
                   + QString::number(max) + u'.');
        return std::nullopt;
    }
    return number;
}

int JsonReader::requiredInt(QAnyStringView key, int min, int max)
{
    return static_cast<int>(requiredInt64(key, min, max));
}

std::optional<int> JsonReader::optionalInt(QAnyStringView key, int min, int max)
{
    const std::optional<qint64> number = optionalInt64(key, min, max);
    return number ? std::optional<int>(static_cast<int>(*number)) : std::nullopt;
}

qint64 JsonReader::requiredInt64(QAnyStringView key, qint64 min, qint64 max)
{
    const Field field(*this, key);
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull()) {
        failMissing(field);
        return 0;
    }
    return readInteger(field, value, min, max).value_or(0);
}

std::optional<qint64> JsonReader::optionalInt64(QAnyStringView key, qint64 min, qint64 max)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    return readInteger(Field(*this, key), value, min, max);
}

// ---- timestamps

std::optional<QDateTime> JsonReader::readTimestamp(const Field &field, const QJsonValue &value)
{
    if (!expectType(field, value, QJsonValue::String, "a timestamp string"))
        return std::nullopt;
    std::optional<QDateTime> at = parseTimestamp(value.toString());
    if (!at)
        failAt(ErrorCode::ValidationFailed, field.path(),
               field.path() + QStringLiteral(
                           " must be an ISO-8601 timestamp with a zone, like 2026-01-01T09:00:00.000Z."));
    return at;
}

QDateTime JsonReader::requiredTimestamp(QAnyStringView key)
{
    const Field field(*this, key);
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull()) {
        failMissing(field);
        return {};
    }
    return readTimestamp(field, value).value_or(QDateTime());
}

QDateTime JsonReader::optionalTimestamp(QAnyStringView key)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return {};
    return readTimestamp(Field(*this, key), value).value_or(QDateTime());
}

QDateTime JsonReader::optionalTimestampOrEpoch(QAnyStringView key)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return {};
    const QString field = pathOf(key);
    if (!value.isString() && !value.isDouble()) {
        failAt(ErrorCode::BadRequest, field,
               field + QStringLiteral(" must be a timestamp string or epoch seconds."));
        return {};
    }
    const std::optional<QDateTime> at = parseTimestampOrEpoch(value);
    if (!at) {
        failAt(ErrorCode::ValidationFailed, field,
               field + QStringLiteral(" must be an ISO-8601 timestamp with a zone or epoch seconds."));
        return {};
    }
    return *at;
}

// ---- arrays and objects

std::optional<QJsonArray> JsonReader::readArray(const Field &field, const QJsonValue &value, int maxItems)
{
    if (!expectType(field, value, QJsonValue::Array, "an array"))
        return std::nullopt;
    QJsonArray array = value.toArray();
    if (array.size() > maxItems) {
        const QString path = field.path();
        failAt(ErrorCode::ValidationFailed, path,
               path + QStringLiteral(" must have at most ") + QString::number(maxItems) +
                   QStringLiteral(" items."));
        return std::nullopt;
    }
    return array;
}

QJsonArray JsonReader::requiredArray(QAnyStringView key, int maxItems)
{
    const Field field(*this, key);
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull()) {
        failMissing(field);
        return {};
    }
    return readArray(field, value, maxItems).value_or(QJsonArray());
}

std::optional<QJsonArray> JsonReader::optionalArray(QAnyStringView key, int maxItems)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    return readArray(Field(*this, key), value, maxItems);
}

std::optional<QStringList> JsonReader::stringsOf(const Field &field, const QJsonArray &array, int maxLength)
{
    QStringList strings;
    strings.reserve(array.size());
    bool allOk = true;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue value = array.at(i);
        if (value.isString() && !value.toString().isEmpty() && value.toString().size() <= maxLength) {
            strings.append(value.toString());
            continue;
        }
        const QString elementPath = field.path() + u'[' + QString::number(i) + u']';
        const Field element(elementPath);
        if (!expectType(element, value, QJsonValue::String, "a string")) {
            allOk = false;
            continue;
        }
        const std::optional<QString> text = checkString(element, value.toString(), maxLength, {}, true);
        if (text)
            strings.append(*text);
        else
            allOk = false;
    }
    return allOk ? std::optional<QStringList>(strings) : std::nullopt;
}

QStringList JsonReader::requiredStringArray(QAnyStringView key, int maxItems, int maxLength)
{
    const Field field(*this, key);
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull()) {
        failMissing(field);
        return {};
    }
    const std::optional<QJsonArray> array = readArray(field, value, maxItems);
    return array ? stringsOf(field, *array, maxLength).value_or(QStringList()) : QStringList();
}

std::optional<QStringList> JsonReader::optionalStringArray(QAnyStringView key, int maxItems, int maxLength)
{
    const std::optional<QJsonArray> array = optionalArray(key, maxItems);
    return array ? stringsOf(Field(*this, key), *array, maxLength) : std::nullopt;
}

QList<JsonReader> JsonReader::objectsOf(const Field &field, const QJsonArray &array)
{
    QList<JsonReader> readers;
    readers.reserve(array.size());
    const QString path = field.path();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString element = path + u'[' + QString::number(i) + u']';
        const QJsonValue value = array.at(i);
        if (expectType(Field(element), value, QJsonValue::Object, "an object"))
            readers.append(JsonReader(value.toObject(), element, m_problems));
    }
    return readers;
}

JsonReader JsonReader::requiredObject(QAnyStringView key)
{
    const QString path = pathOf(key);
    const Field field(path);
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        failMissing(field);
    else if (expectType(field, value, QJsonValue::Object, "an object"))
        return JsonReader(value.toObject(), path, m_problems);
    // The problem is recorded once, here; what the caller then reads from the stand-in goes nowhere.
    return JsonReader(QJsonObject(), path, std::make_shared<Problems>());
}

std::optional<JsonReader> JsonReader::optionalObject(QAnyStringView key)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const QString path = pathOf(key);
    if (!expectType(Field(path), value, QJsonValue::Object, "an object"))
        return std::nullopt;
    return JsonReader(value.toObject(), path, m_problems);
}

QList<JsonReader> JsonReader::requiredObjectArray(QAnyStringView key, int maxItems)
{
    const Field field(*this, key);
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull()) {
        failMissing(field);
        return {};
    }
    const std::optional<QJsonArray> array = readArray(field, value, maxItems);
    return array ? objectsOf(field, *array) : QList<JsonReader>();
}

std::optional<QList<JsonReader>> JsonReader::optionalObjectArray(QAnyStringView key, int maxItems)
{
    const std::optional<QJsonArray> array = optionalArray(key, maxItems);
    if (!array)
        return std::nullopt;
    return objectsOf(Field(*this, key), *array);
}

// ---- whole bodies and query strings

Result<QJsonObject> parseJsonObject(const QByteArray &body)
{
    return parseStrictJsonObject(body);
}

Result<bool> parseQueryBool(const QString &name, const QString &value)
{
    if (value == QLatin1String("true") || value == QLatin1String("1"))
        return true;
    if (value == QLatin1String("false") || value == QLatin1String("0"))
        return false;
    return Error::make(ErrorCode::BadRequest,
                       name + QStringLiteral(" must be true, false, 1 or 0."), QStringList{name});
}

} // namespace handover
