#include "server/http/idempotencygate.h"

#include <QCryptographicHash>

namespace handover {

namespace {

QByteArray requestHash(const ApiRequest &request)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(request.path.toUtf8());
    hash.addData(QByteArrayView("?"));
    hash.addData(request.query.canonical());
    hash.addData(QByteArrayView("\n"));
    hash.addData(request.body);
    return hash.result();
}

} // namespace

HttpResponse replayableResponse(const HttpResponse &response)
{
    HttpResponse stored = response;
    if (stored.replayBody)
        stored.body = *stored.replayBody;
    return stored;
}

void IdempotencyGate::run(ApiRequest &request, const HttpReply &reply, const RouteHandler &handler)
{
    const QString key = QString::fromUtf8(request.header("idempotency-key"));
    if (key.isEmpty()) {
        handler(request, reply);
        return;
    }
    if (key.size() > kMaxKeyLength) {
        reply.error(Error::make(ErrorCode::ValidationFailed,
                                QStringLiteral("Idempotency-Key is longer than %1 characters.").arg(kMaxKeyLength),
                                {QStringLiteral("Idempotency-Key")}));
        return;
    }
    const QString tokenHash = request.caller().tokenHash;
    const QString slot = tokenHash + QLatin1Char(':') + key;
    if (m_inProgress.contains(slot)) {
        reply.error(Error::make(ErrorCode::IdempotencyInProgress,
                                QStringLiteral("A request with this Idempotency-Key is still being processed.")));
        return;
    }
    const QByteArray hash = requestHash(request);
    if (const auto stored = m_records.find(tokenHash, key)) {
        if (stored->requestHash != hash) {
            reply.error(Error::make(ErrorCode::IdempotencyKeyReused,
                                    QStringLiteral("This Idempotency-Key was used with another request."),
                                    {QStringLiteral("Idempotency-Key")}));
            return;
        }
        HttpResponse replay = stored->response;
        replay.headers.append({QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
        reply.send(std::move(replay));
        return;
    }
    m_inProgress.insert(slot);
    // The handler answers through a reply that records the first response before it goes out.
    auto ticket = std::make_shared<IdempotencyTicket>(IdempotencyTicket{tokenHash, key, hash, false});
    HttpReply recording = reply.withIdempotencyTicket(ticket).withObserver(
        [this, slot, ticket](const HttpResponse &response) {
            m_inProgress.remove(slot);
            if (response.status >= 500)
                return;
            const StoredResponse stored{ticket->requestHash, replayableResponse(response)};
            if (ticket->storedWithCommand)
                m_records.remember(ticket->tokenHash, ticket->key, stored);
            else
                m_records.save(ticket->tokenHash, ticket->key, stored);
        });
    handler(request, recording);
}

} // namespace handover
