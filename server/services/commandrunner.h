#pragma once

#include "core/clock.h"
#include "core/domain/event.h"
#include "core/store/groupcommitwriter.h"
#include "server/http/httpreply.h"

#include <QObject>

#include <functional>

namespace handover {

// What a command did, known once it has committed.
struct CommandEffects
{
    HttpResponse response;
    OrgId orgId;
    QList<Event> events;       // published to the sync hub after the commit
    bool wakeOutbound = false; // new WhatsApp sends are queued
    bool wakeWebhooks = false; // new org webhook deliveries are queued
    bool wakeMedia = false;    // inbound files wait to be fetched
};

// A read-decide-write unit: runs on the writer thread, inside the group-commit transaction, against the write
// connection. Everything it reads is current, because all writes go through the same queue.
using Command = std::function<Result<CommandEffects>(QSqlDatabase &db)>;

// Runs commands through the group-commit writer and answers each request only after the commit that made it
// durable; then hands its effects to whoever publishes them.
class CommandRunner : public QObject
{
    Q_OBJECT
public:
    CommandRunner(store::GroupCommitWriter &writer, const Clock &clock, QObject *parent = nullptr);

    // When the reply carries an idempotency ticket, the answer is stored with the command, in its transaction.
    void run(Command command, const HttpReply &reply);
    // For work that answers no request (the WhatsApp webhook's replies, lifecycle jobs).
    void run(Command command, std::function<void(const Result<CommandEffects> &)> done);

Q_SIGNALS:
    void committed(const handover::CommandEffects &effects);

private:
    store::GroupCommitWriter &m_writer;
    const Clock &m_clock;
};

} // namespace handover
