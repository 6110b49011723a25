#pragma once

#include "core/rules/outcome.h"
#include "server/services/commandrunner.h"

#include <QSqlDatabase>

namespace handover {

// Reads the org's next event sequence number and builds the rule context for one command.
Result<qint64> nextSeqFor(QSqlDatabase &db, const OrgId &orgId);

// Writes what a rule decided (chatroom, messages, events, relays, outbound sends) in the command's transaction
// and turns it into the command's effects, answering `status` with `body`.
Result<CommandEffects> commitOutcome(QSqlDatabase &db, const Outcome &outcome, const QDateTime &now, int status,
                                     const QJsonObject &body);

} // namespace handover
