#include "core/json/strictjson.h"

#include <QJsonArray>
#include <QList>
#include <simdjson.h>
#include <string_view>

namespace handover {

namespace {

namespace dom = simdjson::dom;

// Where in the document a problem is, spelled only when there is one.
struct PathStep
{
    std::string_view key; // empty for an array index
    qsizetype index = -1;
};

QString spell(const QList<PathStep> &path)
{
    QString out;
    for (const PathStep &step : path) {
        if (step.index >= 0) {
            out += QLatin1Char('[') + QString::number(step.index) + QLatin1Char(']');
        } else {
            if (!out.isEmpty())
                out += QLatin1Char('.');
            out += QString::fromUtf8(step.key.data(), qsizetype(step.key.size()));
        }
    }
    return out;
}

class Converter
{
public:
    std::optional<Error> problem;

    QJsonValue value(dom::element element)
    {
        switch (element.type()) {
        case dom::element_type::OBJECT: {
            const dom::object fields = element.get_object().value_unsafe();
            return object(fields);
        }
        case dom::element_type::ARRAY: {
            const dom::array items = element.get_array().value_unsafe();
            QJsonArray array;
            qsizetype index = 0;
            for (dom::element item : items) {
                m_path.append(PathStep{{}, index++});
                array.append(value(item));
                m_path.removeLast();
                if (problem)
                    return {};
            }
            return array;
        }
        case dom::element_type::STRING: {
            const std::string_view text = element.get_string().value_unsafe();
            return string(text);
        }
        case dom::element_type::INT64:
            return QJsonValue(qint64(element.get_int64().value_unsafe()));
        case dom::element_type::UINT64:
            return QJsonValue(double(element.get_uint64().value_unsafe()));
        case dom::element_type::DOUBLE:
            return QJsonValue(element.get_double().value_unsafe());
        case dom::element_type::BOOL:
            return QJsonValue(element.get_bool().value_unsafe());
        case dom::element_type::NULL_VALUE:
            return QJsonValue(QJsonValue::Null);
        }
        return {};
    }

    QJsonObject object(dom::object object)
    {
        QJsonObject out;
        // Objects of a request have a handful of keys: a linear scan of the ones seen finds duplicates.
        QVarLengthArray<std::string_view, 32> seen;
        for (dom::key_value_pair field : object) {
            m_path.append(PathStep{field.key, -1});
            for (std::string_view earlier : seen) {
                if (earlier == field.key) {
                    fail(ErrorCode::BadRequest, QStringLiteral("%1 is given twice.").arg(spell(m_path)));
                    return {};
                }
            }
            seen.append(field.key);
            if (field.key.find('\0') != std::string_view::npos) {
                fail(ErrorCode::BadRequest, QStringLiteral("A key holds U+0000."));
                return {};
            }
            const QJsonValue v = value(field.value);
            if (problem)
                return {};
            out.insert(QString::fromUtf8(field.key.data(), qsizetype(field.key.size())), v);
            m_path.removeLast();
        }
        return out;
    }

private:
    QJsonValue string(std::string_view text)
    {
        if (text.find('\0') != std::string_view::npos) {
            fail(ErrorCode::ValidationFailed, QStringLiteral("%1 may not hold U+0000.").arg(spell(m_path)));
            return {};
        }
        return QString::fromUtf8(text.data(), qsizetype(text.size()));
    }

    void fail(ErrorCode code, const QString &description)
    {
        if (!problem)
            problem =
                Error::make(code, description, m_path.isEmpty() ? QStringList() : QStringList{spell(m_path)});
    }

    QList<PathStep> m_path;
};

QString describe(simdjson::error_code error)
{
    switch (error) {
    case simdjson::UTF8_ERROR:
        return QStringLiteral("The body is not valid UTF-8.");
    case simdjson::UNESCAPED_CHARS:
        return QStringLiteral("The body is not valid JSON: a string holds a raw control character.");
    case simdjson::DEPTH_ERROR:
        return QStringLiteral("The body nests deeper than %1 levels.").arg(kMaxJsonDepth);
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
        return QStringLiteral("The body is not valid JSON: a number is malformed or out of range.");
    case simdjson::CAPACITY:
        return QStringLiteral("The body is too large to parse.");
    default:
        break;
    }
    return QStringLiteral("The body is not valid JSON: %1.")
        .arg(QString::fromLatin1(simdjson::error_message(error)));
}

} // namespace

Result<QJsonObject> parseStrictJsonObject(QByteArrayView text)
{
    // One parser per thread: it keeps its buffers between documents (and copies each into its own padded
    // buffer, which simdjson reads past the end of).
    thread_local dom::parser parser;
    thread_local const bool sized = parser.allocate(64 * 1024, kMaxJsonDepth) == simdjson::SUCCESS;
    if (!sized)
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("The JSON parser could not allocate its buffers."));
    dom::element root;
    const char *bytes = text.isEmpty() ? "" : text.data(); // an empty view may have no data at all
    if (const simdjson::error_code error = parser.parse(bytes, size_t(text.size()), true).get(root);
        error != simdjson::SUCCESS)
        return Error::make(ErrorCode::BadRequest, describe(error));
    if (root.type() != dom::element_type::OBJECT)
        return Error::make(ErrorCode::BadRequest, QStringLiteral("The body must be a JSON object."));
    Converter converter;
    const dom::object fields = root.get_object().value_unsafe();
    QJsonObject object = converter.object(fields);
    if (converter.problem)
        return *converter.problem;
    return object;
}

} // namespace handover
