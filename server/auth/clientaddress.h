#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

namespace handover {

// The reverse proxies whose X-Forwarded-For the server believes, so the login throttle counts the client
// behind the proxy, not the proxy. By default loopback: the packaged nginx site proxies from there, and a
// process on the machine itself could reach the server directly anyway.
class TrustedProxies
{
public:
    TrustedProxies();
    // A comma-separated list of addresses and subnets ("127.0.0.1, ::1, 10.0.0.0/8"); empty trusts nobody.
    static Result<TrustedProxies> parse(const QString &list);

    bool contains(const QHostAddress &address) const;

    // The client of a request: the TCP peer, unless it is a trusted proxy; then the nearest address in
    // X-Forwarded-For (read from the right) that is not one, or the leftmost if all are. An entry that is not
    // an address stops the walk at the hop before it.
    QHostAddress clientOf(const QHostAddress &peer, const QByteArray &forwardedFor) const;

private:
    QList<QPair<QHostAddress, int>> m_subnets;
};

// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, as a dual-stack socket reports IPv4 peers) as plain IPv4.
QHostAddress plainAddress(const QHostAddress &address);

} // namespace handover
