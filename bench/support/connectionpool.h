#pragma once

#include "httpconnection.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <memory>
#include <vector>

namespace handover::bench {

// Keep-alive connections to one port, in this thread.
class ConnectionPool
{
public:
    // Opens the connections 32 at a time and proves each with GET /healthz: a burst of connects can overflow
    // the server's accept queue, and a connection caught in that is reset later, in the middle of a run.
    ConnectionPool(quint16 port, int size);
    int size() const { return int(m_connections.size()); }
    HttpConnection &at(int i) { return *m_connections[size_t(i)]; }

    // Sends every request (spread over the connections) and returns the answers in the same order.
    QList<HttpAnswer> all(const QList<QByteArray> &requests);
    HttpAnswer one(const QByteArray &request) { return all({request}).value(0); }

private:
    QObject m_context;
    std::vector<std::unique_ptr<HttpConnection>> m_connections;
};

} // namespace handover::bench
