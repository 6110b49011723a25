#include "server/http/router.h"

namespace handover {

namespace {

QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

bool matches(const Route &route, const QStringList &segments, QHash<QString, QString> *params)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &pattern = route.segments.at(i);
        if (pattern.startsWith(QLatin1Char('{')) && pattern.endsWith(QLatin1Char('}'))) {
            captured.insert(pattern.mid(1, pattern.size() - 2), segments.at(i));
        } else if (pattern != segments.at(i)) {
            return false;
        }
    }
    *params = std::move(captured);
    return true;
}

} // namespace

void Router::add(QHttpServerRequest::Method method, const QString &pattern, Access access, RouteHandler handler)
{
    const bool mutating = method == QHttpServerRequest::Method::Post || method == QHttpServerRequest::Method::Put
                          || method == QHttpServerRequest::Method::Delete;
    m_routes.append(Route{method, splitPath(pattern), std::move(access), std::move(handler), mutating});
}

Router::Match Router::match(QHttpServerRequest::Method method, const QString &path, const Route **route,
                            QHash<QString, QString> *params) const
{
    const QStringList segments = splitPath(path);
    bool pathKnown = false;
    for (const Route &candidate : m_routes) {
        QHash<QString, QString> captured;
        if (!matches(candidate, segments, &captured))
            continue;
        pathKnown = true;
        if (candidate.method == method) {
            *route = &candidate;
            *params = std::move(captured);
            return Match::Found;
        }
    }
    return pathKnown ? Match::WrongMethod : Match::NoPath;
}

} // namespace handover
