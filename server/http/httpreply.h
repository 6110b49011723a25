#pragma once

#include "server/http/httpresponse.h"

#include <QPointer>
#include <functional>
#include <memory>

namespace handover {

class HttpConnection;

// What the idempotency gate knows of a request with an Idempotency-Key. A command that commits the request's
// effects stores the answer under this ticket in the same transaction, so a retry after a crash is replayed.
struct IdempotencyTicket
{
    QString tokenHash;
    QString key;
    QByteArray requestHash;
    bool storedWithCommand = false; // set by the writer once the record is part of the command's transaction
};

// The answer to one request; may be given later (after a durable commit). Copies share the same answer; only
// the first send counts. If the client has gone away meanwhile, the answer is dropped.
class HttpReply
{
public:
    using Observer = std::function<void(const HttpResponse &)>;

    HttpReply(QPointer<HttpConnection> connection, quint64 serial, QString requestId, Observer observer);

    // The same reply, also telling `observer` what is sent (before it goes out).
    HttpReply withObserver(Observer observer) const;
    HttpReply withIdempotencyTicket(std::shared_ptr<IdempotencyTicket> ticket) const;
    const std::shared_ptr<IdempotencyTicket> &idempotencyTicket() const;
    void send(HttpResponse response) const;
    void json(int status, const QJsonObject &object) const { send(HttpResponse::json(status, object)); }
    void error(const Error &error) const;
    const QString &requestId() const;
    bool sent() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace handover
