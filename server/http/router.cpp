#include "server/http/router.h"

namespace handover {

namespace {

bool isCapture(const QString &pattern)
{
    return pattern.startsWith(QLatin1Char('{')) && pattern.endsWith(QLatin1Char('}'));
}

bool matches(const Route &route, const QStringList &segments, QHash<QString, QString> *params)
{
    if (route.segments.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &pattern = route.segments.at(i);
        if (!isCapture(pattern) && pattern != segments.at(i))
            return false;
    }
    params->clear();
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &pattern = route.segments.at(i);
        if (isCapture(pattern))
            params->insert(pattern.mid(1, pattern.size() - 2), segments.at(i));
    }
    return true;
}

} // namespace

void Router::add(HttpMethod method, const QString &pattern, Access access, RouteHandler handler)
{
    const bool mutating = method == HttpMethod::Post || method == HttpMethod::Put ||
                          method == HttpMethod::Patch || method == HttpMethod::Delete;
    m_routes.append(Route{method, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), std::move(access),
                          std::move(handler), mutating});
}

Router::Match Router::match(HttpMethod method, const QStringList &segments, const Route **route,
                            QHash<QString, QString> *params) const
{
    bool pathKnown = false;
    QHash<QString, QString> captured;
    for (const Route &candidate : m_routes) {
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
