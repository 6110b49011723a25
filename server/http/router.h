#pragma once

#include "server/http/apirequest.h"
#include "server/http/httpreply.h"

#include <QList>
#include <QStringList>
#include <functional>

namespace handover {

// Who may call a route.
struct Access
{
    bool authenticated = true;
    QList<Role> roles; // empty: any role

    static Access open() { return Access{false, {}}; }
    static Access anyRole() { return Access{true, {}}; }
    static Access roles_(QList<Role> allowed) { return Access{true, std::move(allowed)}; }
    bool allows(Role role) const { return roles.isEmpty() || roles.contains(role); }
};

using RouteHandler = std::function<void(ApiRequest &, const HttpReply &)>;

struct Route
{
    HttpMethod method;
    QStringList segments; // "{name}" segments capture
    Access access;
    RouteHandler handler;
    bool mutating = false; // POST/PUT/PATCH/DELETE: idempotency applies to POST
};

// Maps (method, path) to a route. Paths are matched segment by segment; "{name}" captures one segment.
class Router
{
public:
    void add(HttpMethod method, const QString &pattern, Access access, RouteHandler handler);

    enum class Match
    {
        Found,
        NoPath,
        WrongMethod
    };
    Match match(HttpMethod method, const QStringList &segments, const Route **route,
                QHash<QString, QString> *params) const;

private:
    QList<Route> m_routes;
};

} // namespace handover
