#pragma once

#include "core/domain/org.h"
#include "server/http/httphead.h"
#include "server/http/requesttarget.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <optional>

namespace handover {

// Who is calling: an API key of an org, or a user's session.
struct Principal
{
    OrgId orgId;
    UserId userId;    // empty for an API key
    QString apiKeyId; // empty for a session
    Role role = Role::Member;
    QString tokenHash;

    bool isApiKey() const { return !apiKeyId.isEmpty(); }
};

// A request as the routes see it: matched path parameters, the caller, a request id.
struct ApiRequest
{
    HttpMethod method = HttpMethod::Get;
    QString path;                   // canonical
    QStringList segments;           // of the path, decoded
    QHash<QString, QString> params; // from {name} segments of the route
    QueryParams query;
    QByteArray body;
    QList<HttpHeader> headers; // lower-case names
    QString requestId;
    QHostAddress peerAddress; // the client: the TCP peer, or what a trusted proxy says it is
    std::optional<Principal> principal;

    QString param(const QString &name) const { return params.value(name); }
    QByteArray header(QByteArrayView lowerName) const
    {
        for (const HttpHeader &h : headers) {
            if (h.name == lowerName)
                return h.value;
        }
        return {};
    }
    const Principal &caller() const { return *principal; }
};

} // namespace handover
