#include "server/http/httpreply.h"

#include "server/http/httpconnection.h"

namespace handover {

struct HttpReply::State
{
    QPointer<HttpConnection> connection;
    quint64 serial = 0;
    QString requestId;
    QList<Observer> observers;
    bool sent = false;
    std::shared_ptr<IdempotencyTicket> ticket;
};

HttpReply::HttpReply(QPointer<HttpConnection> connection, quint64 serial, QString requestId,
                     Observer observer)
    : m_state(
          std::make_shared<State>(State{std::move(connection), serial, std::move(requestId), {}, false, {}}))
{
    if (observer)
        m_state->observers.append(std::move(observer));
}

HttpReply HttpReply::withObserver(Observer observer) const
{
    m_state->observers.append(std::move(observer));
    return *this;
}

HttpReply HttpReply::withIdempotencyTicket(std::shared_ptr<IdempotencyTicket> ticket) const
{
    m_state->ticket = std::move(ticket);
    return *this;
}

const std::shared_ptr<IdempotencyTicket> &HttpReply::idempotencyTicket() const
{
    return m_state->ticket;
}

void HttpReply::send(HttpResponse response) const
{
    State &state = *m_state;
    if (state.sent)
        return;
    state.sent = true;
    for (const Observer &observer : std::as_const(state.observers))
        observer(response);
    if (state.connection)
        state.connection->respond(state.serial, state.requestId, response);
}

void HttpReply::error(const Error &error) const
{
    send(HttpResponse::error(error, m_state->requestId));
}

const QString &HttpReply::requestId() const
{
    return m_state->requestId;
}

bool HttpReply::sent() const
{
    return m_state->sent;
}

} // namespace handover
