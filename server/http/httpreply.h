#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <functional>
#include <optional>
#include <memory>

QT_BEGIN_NAMESPACE
class QHttpServerResponder;
class QTcpSocket;
QT_END_NAMESPACE

namespace handover {

struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;
    // What an Idempotency-Key retry gets instead of `body`, for answers that show a secret only once.
    std::optional<QByteArray> replayBody;

    static HttpResponse json(int status, const QJsonObject &object);
    static HttpResponse text(int status, QByteArray body, QByteArray contentType);
    static HttpResponse error(const Error &error, const QString &requestId);
    static HttpResponse empty(int status);
};

// The answer to one request; may be given later (after a durable commit). Copies share the same answer; only the
// first send counts. If the client has gone away meanwhile, the answer is dropped.
// What the idempotency gate knows of a request with an Idempotency-Key. A command that commits the request's
// effects stores the answer under this ticket in the same transaction, so a retry after a crash is replayed.
struct IdempotencyTicket
{
    QString tokenHash;
    QString key;
    QByteArray requestHash;
    bool storedWithCommand = false; // set by the writer once the record is part of the command's transaction
};

class HttpReply
{
public:
    using Observer = std::function<void(const HttpResponse &)>;

    HttpReply(QHttpServerResponder &&responder, QTcpSocket *socket, QString requestId, Observer observer);

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
