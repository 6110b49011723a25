#include "server/http/requesttarget.h"

#include "server/http/hexdigit.h"

#include <QStringDecoder>
#include <QUrl>
#include <algorithm>

namespace handover {

namespace {

// Decodes %XX escapes (and "+" as a space when `plusIsSpace`) into UTF-8 text. False for a malformed escape
// or bytes that are not UTF-8.
bool percentDecode(QByteArrayView text, bool plusIsSpace, QString *out)
{
    QByteArray bytes;
    bytes.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size())
                return false;
            const int high = hexDigitValue(text[i + 1]);
            const int low = hexDigitValue(text[i + 2]);
            if (high < 0 || low < 0)
                return false;
            bytes.append(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            bytes.append(' ');
        } else {
            bytes.append(c);
        }
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *out = utf8.decode(bytes);
    return !utf8.hasError();
}

bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

Error notFound()
{
    return Error::make(ErrorCode::NotFound, QStringLiteral("No such path."));
}

} // namespace

bool QueryParams::has(const QString &name) const
{
    return std::any_of(m_items.cbegin(), m_items.cend(),
                       [&](const auto &item) { return item.first == name; });
}

QString QueryParams::value(const QString &name) const
{
    for (const auto &[key, value] : m_items) {
        if (key == name)
            return value;
    }
    return {};
}

QByteArray QueryParams::canonical() const
{
    QList<QPair<QString, QString>> sorted = m_items;
    std::sort(sorted.begin(), sorted.end());
    QByteArray out;
    for (const auto &[key, value] : std::as_const(sorted)) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

Result<QueryParams> QueryParams::parse(QByteArrayView query)
{
    QueryParams params;
    while (!query.isEmpty()) {
        const qsizetype amp = query.indexOf('&');
        const QByteArrayView pair = amp < 0 ? query : query.first(amp);
        query = amp < 0 ? QByteArrayView() : query.sliced(amp + 1);
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QString name;
        QString value;
        if (!percentDecode(eq < 0 ? pair : pair.first(eq), true, &name) ||
            (eq >= 0 && !percentDecode(pair.sliced(eq + 1), true, &value))) {
            return Error::make(ErrorCode::BadRequest, QStringLiteral("The query holds a malformed escape."),
                               {QStringLiteral("query")});
        }
        if (params.has(name)) {
            return Error::make(ErrorCode::BadRequest,
                               QStringLiteral("The query gives %1 more than once.").arg(name), {name});
        }
        params.m_items.append({name, value});
    }
    return params;
}

Result<RequestTarget> parseRequestTarget(QByteArrayView target)
{
    // The absolute form ("http://host/path") names the same resource as its path (RFC 9112 §3.2.2).
    if (target.startsWith("http://") || target.startsWith("https://")) {
        const qsizetype authority = target.indexOf("//") + 2;
        const qsizetype slash = target.indexOf('/', authority);
        target = slash < 0 ? QByteArrayView("/") : target.sliced(slash);
    }
    if (!target.startsWith('/'))
        return Error::make(ErrorCode::BadRequest, QStringLiteral("The request target is not a path."));
    if (target.contains('#'))
        return Error::make(ErrorCode::BadRequest, QStringLiteral("The request target holds a fragment."));
    const qsizetype question = target.indexOf('?');
    const QByteArrayView path = question < 0 ? target : target.first(question);

    RequestTarget result;
    if (path.size() > 1) {
        QByteArrayView rest = path.sliced(1);
        while (true) {
            const qsizetype slash = rest.indexOf('/');
            const QByteArrayView raw = slash < 0 ? rest : rest.first(slash);
            QString segment;
            if (raw.isEmpty() || !percentDecode(raw, false, &segment))
                return notFound();
            if (segment == QLatin1String(".") || segment == QLatin1String("..") ||
                segment.contains(QLatin1Char('/')) || hasControlCharacter(segment))
                return notFound();
            result.segments.append(segment);
            if (slash < 0)
                break;
            rest = rest.sliced(slash + 1);
        }
    }
    result.path = QLatin1Char('/') + result.segments.join(QLatin1Char('/'));
    if (question >= 0) {
        auto query = QueryParams::parse(target.sliced(question + 1));
        if (!query)
            return query.error();
        result.query = std::move(query).value();
    }
    return result;
}

} // namespace handover
