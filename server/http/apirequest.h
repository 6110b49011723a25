#pragma once

#include "core/domain/org.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QUrlQuery>

#include <optional>

namespace handover {

// Who is calling: an API key of an org, or a user's session.
struct Principal
{
    OrgId orgId;
    UserId userId;   // empty for an API key
    QString apiKeyId; // empty for a session
    Role role = Role::Member;
    QString tokenHash;

    bool isApiKey() const { return !apiKeyId.isEmpty(); }
};

// A request as the routes see it: matched path parameters, the caller, a request id.
struct ApiRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Get;
    QString path;
    QHash<QString, QString> params; // from {name} segments of the route
    QUrlQuery query;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QString requestId;
    QHostAddress peerAddress; // the TCP peer: the client, or the reverse proxy in front of the server
    std::optional<Principal> principal;

    QString param(const QString &name) const { return params.value(name); }
    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    const Principal &caller() const { return *principal; }
};

} // namespace handover
