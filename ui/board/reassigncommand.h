#pragma once

#include "client/apiclient.h"
#include "client/apitypes.h"
#include "core/domain/ids.h"

#include <QObject>

namespace handover {

// Sends the Chatroom Reassign command (R11) for the board, each request with its own Idempotency-Key, and
// reports the server's answer. It sends at once rather than through the outbox: a supervisor drags on what
// the board shows now, so a refusal or an unreachable server is reported while they look, not replayed
// later against a board that has moved on. Sending the same reassignment again is harmless (R11: to the
// sole participant it changes nothing), so a new key per attempt cannot double anything.
class ReassignCommand : public QObject
{
    Q_OBJECT

public:
    // Neither reference is owned; both must outlive this object.
    ReassignCommand(client::ApiClient &api, IdSource &idempotencyKeys, QObject *parent = nullptr);
    ~ReassignCommand() override;

    // To an agent, or to a group whose least busy agent the server picks (R21).
    void reassign(const ChatroomId &chatroomId, const client::Assignee &to);
    int inFlight() const { return m_inFlight; }

Q_SIGNALS:
    // The server applied it; the chatroom's events follow on the stream.
    void accepted(const QString &chatroomId);
    // Nothing changed; `reason` is the server's (or the network's) sentence.
    void refused(const QString &chatroomId, const QString &reason);

private:
    client::ApiClient &m_api;
    IdSource &m_keys;
    int m_inFlight = 0;
};

} // namespace handover
