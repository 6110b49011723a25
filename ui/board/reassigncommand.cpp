#include "ui/board/reassigncommand.h"

namespace handover {

ReassignCommand::ReassignCommand(client::ApiClient &api, IdSource &idempotencyKeys, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_keys(idempotencyKeys)
{}

ReassignCommand::~ReassignCommand() = default;

void ReassignCommand::reassign(const ChatroomId &chatroomId, const client::Assignee &to)
{
    ++m_inFlight;
    m_api.reassign(chatroomId, to, m_keys.newId(), this,
                   [this, chatroomId](const client::ApiResult<Chatroom> &answer) {
                       --m_inFlight;
                       if (answer)
                           Q_EMIT accepted(chatroomId);
                       else
                           Q_EMIT refused(chatroomId, answer.error().message());
                   });
}

} // namespace handover
