#include "server/services/commandrunner.h"

#include "server/services/storecallers.h"

#include <memory>

namespace handover {

CommandRunner::CommandRunner(store::GroupCommitWriter &writer, const Clock &clock, QObject *parent)
    : QObject(parent), m_writer(writer), m_clock(clock)
{
}

void CommandRunner::run(Command command, std::function<void(const Result<CommandEffects> &)> done)
{
    auto effects = std::make_shared<std::optional<CommandEffects>>();
    m_writer.submit(
        [command = std::move(command), effects](QSqlDatabase &db) -> Result<QVariant> {
            auto result = command(db);
            if (!result)
                return result.error();
            *effects = std::move(result).value();
            return QVariant();
        },
        this,
        [this, effects, done = std::move(done)](const Result<QVariant> &committed) {
            if (!committed) {
                done(committed.error());
                return;
            }
            Q_EMIT this->committed(**effects);
            done(**effects);
        });
}

void CommandRunner::run(Command command, const HttpReply &reply)
{
    if (std::shared_ptr<IdempotencyTicket> ticket = reply.idempotencyTicket()) {
        command = [command = std::move(command), ticket, &clock = m_clock](QSqlDatabase &db) -> Result<CommandEffects> {
            auto effects = command(db);
            if (!effects || effects->response.status >= 500)
                return effects;
            const StoredResponse stored{ticket->requestHash, replayableResponse(effects->response)};
            if (auto saved = store::server::saveIdempotencyRecord(
                    db, idempotencyRecord(ticket->tokenHash, ticket->key, stored, clock.now()));
                !saved)
                return saved.error();
            ticket->storedWithCommand = true; // read on the main thread after the commit's signal
            return effects;
        };
    }
    run(std::move(command), [reply](const Result<CommandEffects> &result) {
        if (result)
            reply.send(result->response);
        else
            reply.error(result.error());
    });
}

} // namespace handover
