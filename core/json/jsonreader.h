#pragma once

#include "core/result.h"

#include <QAnyStringView>
#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <limits>
#include <memory>
#include <optional>

namespace handover {

// How JsonReader checks a string (besides its maximum length).
struct JsonStringRules
{
    int minLength = 0;
    bool trim = false;          // strip surrounding whitespace before checking and returning
    bool allowEmpty = false;    // a required string must be non-empty unless this is set
    QAnyStringView forbid = {}; // characters that must not appear, e.g. "*" in names
};

// Reads fields of a JSON object strictly, recording a typed error that names the field's path
// ("template_params[2].tag") instead of failing on the first problem:
//
//     JsonReader r(body);
//     const QString crmId = r.requiredString("crm_id", 128);
//     const auto firstName = r.optionalString("first_name", 128, {.forbid = "*"});
//     if (!r.ok())
//         return r.error();
//
// Errors, following API.md:
// - a value of the wrong JSON type -> ErrorCode::BadRequest;
// - a required value that is absent or null, a string too short/long or with a forbidden character, a number
//   out of range, an unknown enum name, a malformed timestamp -> ErrorCode::ValidationFailed.
// All problems are collected. error() reports one code: BadRequest if any wrong type was seen (the body does
// not have the agreed shape at all), otherwise the code of the first problem; its `fields` lists every field
// recorded with that code, in the order read, and its description is the first such problem's sentence.
// Values read after a problem are still checked; the getters return an empty/default value on a problem.
//
// Absent and null mean the same: "not given". Keys not read are ignored, so additive fields never break a
// reader. Lengths count UTF-16 code units (QString::size()).
class JsonReader
{
public:
    static constexpr int kUnlimited = std::numeric_limits<int>::max();

    using StringRules = JsonStringRules;

    explicit JsonReader(QJsonObject object);

    const QJsonObject &object() const { return m_object; }
    QString path() const { return m_path; }        // this reader's place in the document; empty at the root
    QString pathOf(QAnyStringView key) const;      // "parent.key"
    bool has(QAnyStringView key) const;            // present and not null

    QString requiredString(QAnyStringView key, int maxLength, const StringRules &rules = {});
    std::optional<QString> optionalString(QAnyStringView key, int maxLength, const StringRules &rules = {});
    // A nullable field: the string, or an empty one when absent or null.
    QString stringOrEmpty(QAnyStringView key, int maxLength = kUnlimited);

    bool requiredBool(QAnyStringView key);
    std::optional<bool> optionalBool(QAnyStringView key);

    // Integral JSON numbers only (1.5 is a wrong type); outside [min, max] fails validation.
    int requiredInt(QAnyStringView key, int min, int max);
    std::optional<int> optionalInt(QAnyStringView key, int min, int max);
    qint64 requiredInt64(QAnyStringView key, qint64 min, qint64 max);
    std::optional<qint64> optionalInt64(QAnyStringView key, qint64 min, qint64 max);

    // Timestamps as in timestamps.h. The optional forms return a null QDateTime when absent or null.
    QDateTime requiredTimestamp(QAnyStringView key);
    QDateTime optionalTimestamp(QAnyStringView key);
    QDateTime optionalTimestampOrEpoch(QAnyStringView key); // opt_in_date

    // A string naming an enum value through one of the domain's *FromName() converters.
    template <typename E>
    E requiredEnum(QAnyStringView key, std::optional<E> (*fromName)(const QString &), E fallback = E{})
    {
        const QString name = requiredString(key, kNameLimit);
        if (name.isEmpty())
            return fallback;
        if (const std::optional<E> value = fromName(name))
            return *value;
        failAt(ErrorCode::ValidationFailed, pathOf(key), unknownNameSentence(key, name));
        return fallback;
    }
    template <typename E>
    std::optional<E> optionalEnum(QAnyStringView key, std::optional<E> (*fromName)(const QString &))
    {
        const std::optional<QString> name = optionalString(key, kNameLimit);
        if (!name)
            return std::nullopt;
        const std::optional<E> value = fromName(*name);
        if (!value)
            failAt(ErrorCode::ValidationFailed, pathOf(key), unknownNameSentence(key, *name));
        return value;
    }

    // Arrays. maxItems bounds the count (ValidationFailed); element problems name "key[i]".
    QJsonArray requiredArray(QAnyStringView key, int maxItems);
    std::optional<QJsonArray> optionalArray(QAnyStringView key, int maxItems);
    QStringList requiredStringArray(QAnyStringView key, int maxItems, int maxLength);
    std::optional<QStringList> optionalStringArray(QAnyStringView key, int maxItems, int maxLength);

    // Nested objects: the returned readers share this reader's errors and extend its path, so a problem deep
    // inside shows up in the outer reader's ok() and error(). A missing or ill-typed required object is
    // reported once and gives an empty stand-in reader whose own complaints are dropped.
    JsonReader requiredObject(QAnyStringView key);
    std::optional<JsonReader> optionalObject(QAnyStringView key);
    QList<JsonReader> requiredObjectArray(QAnyStringView key, int maxItems);
    std::optional<QList<JsonReader>> optionalObjectArray(QAnyStringView key, int maxItems);

    // Records a problem found by the caller's own check (a phone not E.164...), naming `key` under this path;
    // failAt() takes the full path as it should appear in Error::fields.
    void fail(ErrorCode code, QAnyStringView key, const QString &description);
    void failAt(ErrorCode code, const QString &fieldPath, const QString &description);

    bool ok() const;
    Error error() const; // meaningful only when !ok()

private:
    static constexpr int kNameLimit = 64;
    struct Problem
    {
        ErrorCode code;
        QString field;
        QString description;
    };
    struct Problems
    {
        QList<Problem> list;
    };

    // A field's full path, spelled out only when a problem is recorded: most reads find none, and building
    // every path cost more than the reads themselves (decoding sync frames, TARGETS.md P4).
    class Field
    {
    public:
        Field(const JsonReader &reader, QAnyStringView key)
            : m_reader(&reader)
            , m_key(key)
        {}
        explicit Field(const QString &path)
            : m_path(&path)
        {}
        QString path() const { return m_path ? *m_path : m_reader->pathOf(m_key); }

    private:
        const JsonReader *m_reader = nullptr;
        QAnyStringView m_key;
        const QString *m_path = nullptr;
    };

    JsonReader(QJsonObject object, QString path, std::shared_ptr<Problems> problems);
    QJsonValue valueOf(QAnyStringView key) const;
    // The helpers below take the field, so they serve object members and array elements alike.
    bool expectType(const Field &field, const QJsonValue &value, QJsonValue::Type type, const char *typeName);
    void failMissing(const Field &field);
    std::optional<QString> checkString(const Field &field, QString text, int maxLength,
                                       const StringRules &rules, bool required);
    std::optional<qint64> readInteger(const Field &field, const QJsonValue &value, qint64 min, qint64 max);
    std::optional<QDateTime> readTimestamp(const Field &field, const QJsonValue &value);
    std::optional<QJsonArray> readArray(const Field &field, const QJsonValue &value, int maxItems);
    std::optional<QStringList> stringsOf(const Field &field, const QJsonArray &array, int maxLength);
    QList<JsonReader> objectsOf(const Field &field, const QJsonArray &array);
    QString unknownNameSentence(QAnyStringView key, const QString &name) const;

    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<Problems> m_problems;
};

// A request body or frame: must be JSON whose top level is an object, else ErrorCode::BadRequest.
Result<QJsonObject> parseJsonObject(const QByteArray &body);

// A boolean in a query string: "true"/"1" or "false"/"0"; anything else is ErrorCode::BadRequest naming
// `name`.
Result<bool> parseQueryBool(const QString &name, const QString &value);

} // namespace handover
