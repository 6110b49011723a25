#pragma once

#include "server/http/httphead.h"

#include <QHostAddress>
#include <QList>

#include <functional>
#include <memory>

namespace handover {

// What one connection may cost the server, and how long it may take. Every limit holds as bytes arrive.
struct HttpLimits
{
    HttpHeadLimits head;
    qint64 maxBodyBytes = 1024 * 1024;
    int headTimeoutMs = 10000;       // a request head must arrive whole within this, from its first byte
    int idleTimeoutMs = 60000;       // a kept-alive connection may wait this long for its next request
    int bodyStallTimeoutMs = 10000;  // the body may pause this long between two reads
    int bodyTimeoutMs = 60000;       // and take this long in all
    int writeStallTimeoutMs = 30000; // a client that reads no answer for this long is cut off
    qint64 maxUnreadAnswerBytes = 1024 * 1024; // answers not yet taken by the client before reading stops
    int maxConnections = 4096;
    int maxConnectionsPerAddress = 256; // 0: no limit per address; proxies the server trusts are exempt
    QList<QHostAddress> trustedProxies; // their clients are counted by the proxy, not here

    // Requests that may carry more than maxBodyBytes (media uploads): the limit for a head, 0 for the usual one.
    // Only a head with credentials (Authorization) gets it, and only maxLargeBodies of them at once across all
    // connections, so the memory they may hold is bounded; one more is answered 503 with Retry-After.
    std::function<qint64(const HttpHead &)> largeBodyLimit;
    int maxLargeBodies = 2;
    std::shared_ptr<int> largeBodiesInFlight = std::make_shared<int>(0);
};

} // namespace handover
