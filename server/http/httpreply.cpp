#include "server/http/httpreply.h"

#include "core/json/apicodec.h"
#include "core/logging.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>

namespace handover {

struct HttpReply::State
{
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    QString requestId;
    QList<Observer> observers;
    bool sent = false;
    std::shared_ptr<IdempotencyTicket> ticket;
};

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return text(status, QJsonDocument(object).toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"));
}

HttpResponse HttpResponse::error(const Error &error, const QString &requestId)
{
    // A bug's answer carries the request id, so the log line can be found from what the client saw.
    if (error.code == ErrorCode::Internal) {
        qCCritical(lcHttp).noquote() << requestId << error.description;
        return json(httpStatus(error.code), errorToJson(error, requestId));
    }
    return json(httpStatus(error.code), errorToJson(error));
}

HttpResponse HttpResponse::empty(int status)
{
    return text(status, {}, {});
}

HttpResponse HttpResponse::text(int status, QByteArray body, QByteArray contentType)
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.contentType = std::move(contentType);
    return response;
}

HttpReply::HttpReply(QHttpServerResponder &&responder, QTcpSocket *socket, QString requestId, Observer observer)
    : m_state(std::make_shared<State>(State{std::move(responder), socket, std::move(requestId), {}, false, {}}))
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
    if (!state.socket || state.socket->state() != QAbstractSocket::ConnectedState)
        return;
    state.responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    state.responder.writeHeader(QByteArrayLiteral("X-Request-Id"), state.requestId.toLatin1());
    if (!response.contentType.isEmpty())
        state.responder.writeHeader(QByteArrayLiteral("Content-Type"), response.contentType);
    for (const auto &[name, value] : std::as_const(response.headers))
        state.responder.writeHeader(name, value);
    state.responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(response.body.size()));
    state.responder.writeBody(response.body);
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
