#include "ui/board/reassigncommand.h"

namespace handover {

ReassignCommand::ReassignCommand(client::ApiClient &api, IdSource &idempotencyKeys, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_keys(idempotencyKeys)
{}

ReassignCommand::~ReassignCommand() = default;

void ReassignCommand::reassign(const ChatroomId &chatroomId, const UserId &to)
{
    ++m_inFlight;
    m_api.reassign(chatroomId, client::Assignee::user(to), m_keys.newId(), this,
                   [this, chatroomId, to](const client::ApiResult<Chatroom> &answer) {
                       --m_inFlight;
                       if (answer)
                           Q_EMIT accepted(chatroomId, to);
                       else
                           Q_EMIT refused(chatroomId, to, answer.error().message());
                   });
}

} // namespace handover
