#include "sim/multipart.h"

#include <QByteArrayView>
#include <QUrl>

namespace handover::sim {

namespace {

constexpr qsizetype kMaxBoundaryLength = 70;

struct HeaderParameter
{
    QByteArray name; // lower case
    QByteArray value;
};

// "form-data; name=\"a;b\"; filename=x" -> the value before the first ';' (lower case) and its parameters,
// with quoted strings unquoted. Returns false for an unterminated quoted string.
bool splitHeaderValue(const QByteArray &header, QByteArray *token, QList<HeaderParameter> *parameters)
{
    const qsizetype firstSemicolon = header.indexOf(';');
    *token = header.left(firstSemicolon < 0 ? header.size() : firstSemicolon).trimmed().toLower();
    qsizetype at = firstSemicolon < 0 ? header.size() : firstSemicolon + 1;
    while (at < header.size()) {
        const qsizetype equals = header.indexOf('=', at);
        const qsizetype nextSemicolon = header.indexOf(';', at);
        if (equals < 0 || (nextSemicolon >= 0 && nextSemicolon < equals)) {
            // A parameter without a value: skipped.
            at = nextSemicolon < 0 ? header.size() : nextSemicolon + 1;
            continue;
        }
        HeaderParameter parameter;
        parameter.name = header.mid(at, equals - at).trimmed().toLower();
        qsizetype valueAt = equals + 1;
        while (valueAt < header.size() && (header.at(valueAt) == ' ' || header.at(valueAt) == '\t'))
            ++valueAt;
        if (valueAt < header.size() && header.at(valueAt) == '"') {
            qsizetype i = valueAt + 1;
            bool closed = false;
            for (; i < header.size(); ++i) {
                const char c = header.at(i);
                if (c == '\\' && i + 1 < header.size()) {
                    parameter.value.append(header.at(++i));
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    parameter.value.append(c);
                }
            }
            if (!closed)
                return false;
            const qsizetype after = header.indexOf(';', i + 1);
            at = after < 0 ? header.size() : after + 1;
        } else {
            const qsizetype end = nextSemicolon < 0 ? header.size() : nextSemicolon;
            parameter.value = header.mid(valueAt, end - valueAt).trimmed();
            at = end + 1;
        }
        parameters->append(parameter);
    }
    return true;
}

QByteArray parameterValue(const QList<HeaderParameter> &parameters, const QByteArray &name, bool *found)
{
    for (const HeaderParameter &parameter : parameters) {
        if (parameter.name == name) {
            *found = true;
            return parameter.value;
        }
    }
    *found = false;
    return {};
}

// RFC 5987's filename*=UTF-8''percent-encoded; other charsets are read as Latin-1.
QString extendedValue(const QByteArray &value)
{
    const qsizetype firstQuote = value.indexOf('\'');
    const qsizetype secondQuote = firstQuote < 0 ? -1 : value.indexOf('\'', firstQuote + 1);
    if (secondQuote < 0)
        return QString::fromUtf8(value);
    const QByteArray charset = value.left(firstQuote).toLower();
    const QByteArray decoded = QByteArray::fromPercentEncoding(value.mid(secondQuote + 1));
    return charset == "utf-8" ? QString::fromUtf8(decoded) : QString::fromLatin1(decoded);
}

Error badForm(const QString &why)
{
    return Error::make(ErrorCode::BadRequest,
                       QStringLiteral("The multipart/form-data body is malformed: ") + why,
                       {QStringLiteral("file")});
}

// Reads the header lines of one part (up to the empty line) into the part; `at` moves past the empty line.
Result<void> readPartHeaders(const QByteArray &body, qsizetype &at, const MultipartLimits &limits,
                             FormPart &part)
{
    const qsizetype end = body.indexOf(QByteArrayView("\r\n\r\n"), at - 2);
    if (end < 0)
        return badForm(QStringLiteral("a part's headers do not end (the body is truncated)."));
    if (end - at > limits.maxPartHeaderBytes)
        return badForm(
            QStringLiteral("a part's headers are longer than %1 bytes.").arg(limits.maxPartHeaderBytes));
    const QByteArray block = end > at ? body.mid(at, end - at) : QByteArray();
    at = end + 4;
    bool sawDisposition = false;
    for (const QByteArray &line : block.split('\n')) {
        const QByteArray trimmed = line.endsWith('\r') ? line.chopped(1) : line;
        if (trimmed.isEmpty())
            continue;
        const qsizetype colon = trimmed.indexOf(':');
        if (colon <= 0)
            return badForm(QStringLiteral("a part header has no name."));
        const QByteArray name = trimmed.left(colon).trimmed().toLower();
        const QByteArray value = trimmed.mid(colon + 1).trimmed();
        if (name == "content-type") {
            part.contentType = value;
        } else if (name == "content-disposition") {
            QByteArray disposition;
            QList<HeaderParameter> parameters;
            if (!splitHeaderValue(value, &disposition, &parameters))
                return badForm(QStringLiteral("a Content-Disposition has an unterminated quoted string."));
            if (disposition != "form-data")
                return badForm(QStringLiteral("a part's Content-Disposition is not form-data."));
            bool found = false;
            part.name = QString::fromUtf8(parameterValue(parameters, "name", &found));
            bool extended = false;
            const QByteArray starred = parameterValue(parameters, "filename*", &extended);
            const QByteArray plain = parameterValue(parameters, "filename", &part.hasFilename);
            if (extended) {
                part.hasFilename = true;
                part.filename = extendedValue(starred);
            } else if (part.hasFilename) {
                part.filename = QString::fromUtf8(plain);
            }
            sawDisposition = true;
        }
    }
    if (!sawDisposition || part.name.isEmpty())
        return badForm(QStringLiteral("a part has no Content-Disposition with a name."));
    return {};
}

} // namespace

QByteArray multipartBoundary(const QByteArray &contentType)
{
    QByteArray type;
    QList<HeaderParameter> parameters;
    if (!splitHeaderValue(contentType, &type, &parameters) || type != "multipart/form-data")
        return {};
    bool found = false;
    const QByteArray boundary = parameterValue(parameters, "boundary", &found);
    if (!found || boundary.isEmpty() || boundary.size() > kMaxBoundaryLength || boundary.endsWith(' '))
        return {};
    for (const char c : boundary) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
            return {};
    }
    return boundary;
}

Result<QList<FormPart>> parseMultipartFormData(const QByteArray &contentType, const QByteArray &body,
                                               const MultipartLimits &limits)
{
    if (body.size() > limits.maxBodyBytes)
        return Error::make(ErrorCode::PayloadTooLarge,
                           QStringLiteral("The upload is larger than %1 bytes.").arg(limits.maxBodyBytes),
                           {QStringLiteral("file")});
    const QByteArray boundary = multipartBoundary(contentType);
    if (boundary.isEmpty())
        return badForm(QStringLiteral("the Content-Type is not multipart/form-data with a boundary."));
    const QByteArray delimiter = QByteArrayLiteral("--") + boundary;
    const QByteArray innerDelimiter = QByteArrayLiteral("\r\n") + delimiter;

    // The first delimiter starts the body or a line after a preamble.
    qsizetype at = 0;
    if (!body.startsWith(delimiter)) {
        at = body.indexOf(innerDelimiter);
        if (at < 0)
            return badForm(QStringLiteral("the body has no opening boundary."));
        at += 2;
    }
    at += delimiter.size();

    QList<FormPart> parts;
    for (;;) {
        // After a delimiter: "--" closes the body; otherwise optional whitespace and a line break.
        if (body.mid(at, 2) == "--")
            break;
        while (at < body.size() && (body.at(at) == ' ' || body.at(at) == '\t'))
            ++at;
        if (body.mid(at, 2) != "\r\n")
            return badForm(at >= body.size() ? QStringLiteral("the body ends after a boundary (truncated).")
                                             : QStringLiteral("a boundary is not followed by a line break."));
        at += 2;
        if (parts.size() >= limits.maxParts)
            return badForm(QStringLiteral("it has more than %1 parts.").arg(limits.maxParts));
        FormPart part;
        if (const Result<void> headers = readPartHeaders(body, at, limits, part); !headers)
            return headers.error();
        const qsizetype end = body.indexOf(innerDelimiter, at);
        if (end < 0)
            return badForm(
                QStringLiteral("the part '%1' has no closing boundary (truncated).").arg(part.name));
        part.data = body.mid(at, end - at);
        parts.append(std::move(part));
        at = end + innerDelimiter.size();
    }
    return parts;
}

const FormPart *findFormPart(const QList<FormPart> &parts, const QString &name)
{
    for (const FormPart &part : parts) {
        if (part.name == name)
            return &part;
    }
    return nullptr;
}

} // namespace handover::sim
