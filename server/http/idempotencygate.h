#pragma once

#include "server/http/router.h"

#include <QHash>
#include <QSet>

namespace handover {

struct StoredResponse
{
    QByteArray requestHash;
    HttpResponse response;
};

// The response as a replay shows it (secrets shown once are left out).
HttpResponse replayableResponse(const HttpResponse &response);

// Where first responses are kept for 24 h, per token and key.
class IdempotencyRecords
{
public:
    virtual ~IdempotencyRecords() = default;
    virtual std::optional<StoredResponse> find(const QString &tokenHash, const QString &key) = 0;
    virtual void save(const QString &tokenHash, const QString &key, const StoredResponse &stored) = 0;
    // The record is durable already (written with the command); only lookups before it is read back need it.
    virtual void remember(const QString &tokenHash, const QString &key, const StoredResponse &stored) = 0;
};

// Idempotency-Key on mutating POSTs: the first response is stored and replayed for a retry with the same key
// and body; the same key with another body is 4220001; a retry while the first is still running is 4090004.
class IdempotencyGate
{
public:
    explicit IdempotencyGate(IdempotencyRecords &records) : m_records(records) {}

    static constexpr int kMaxKeyLength = 255;
    void run(ApiRequest &request, const HttpReply &reply, const RouteHandler &handler);

private:
    IdempotencyRecords &m_records;
    QSet<QString> m_inProgress; // "<token hash>:<key>"
};

} // namespace handover
