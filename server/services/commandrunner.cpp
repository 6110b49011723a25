#include "server/services/commandrunner.h"

#include <memory>

namespace handover {

CommandRunner::CommandRunner(store::GroupCommitWriter &writer, QObject *parent) : QObject(parent), m_writer(writer)
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
    run(std::move(command), [reply](const Result<CommandEffects> &result) {
        if (result)
            reply.send(result->response);
        else
            reply.error(result.error());
    });
}

} // namespace handover
