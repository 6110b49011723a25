#pragma once

#include "core/result.h"
#include "core/rules/outcome.h"
#include "core/store/server/orgs.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>

// Stores what a rule decided, inside the caller's transaction (a GroupCommitWriter job): the server's one
// write path for chatroom changes.
namespace handover::store::server {

inline const QString kButtonReplyEventType = QStringLiteral("template.button_reply");

// Writes `outcome`:
// - the chatroom (saveChatroom), unless the outcome changed nothing (R3 gives no events and no messages);
// - each message: inserted when the outcome has its message.created event (the first time it appears),
//   otherwise updated (status, error, wa_message_id);
// - every event, appended to the org's log; the counter moves to the last event's seq, and a first seq that
//   does not follow the counter is Internal (RuleContext must start from nextEventSeq());
// - for each relay (R5), with a webhook configured, a pending template.button_reply delivery whose body is
//   API.md's (relayPayload); with none, nothing (R22);
// - every new outbound text or template message, queued for the WhatsApp sender;
// - the assignment time (R21) of each assigned user, at `now`.
// Any failure returns the error; the caller's savepoint then undoes the whole outcome.
Result<void> writeOutcome(QSqlDatabase &db, const Outcome &outcome, const WebhookTarget *webhookOrNull,
                          const QDateTime &now);

// API.md's template.button_reply body for a relay:
// {"type", "timestamp", "data": {"org_id", "chatroom_id", "contact": {"id", "crm_id", "phone_number"},
//  "message_id", "remote_template_id", "template_name", "button": {"index", "text", "payload"},
//  "reply_message_id", "received_at"}}
QByteArray relayPayload(const OrgId &orgId, const RelayRequest &relay, const Contact &contact,
                        const QDateTime &timestamp);

} // namespace handover::store::server
