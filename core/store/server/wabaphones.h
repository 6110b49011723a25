#pragma once

#include "core/domain/org.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <optional>

// The org's WhatsApp Business sender numbers.
namespace handover::store::server {

// remote_phone_id is unique server-wide (an inbound webhook finds its org through it): a duplicate is
// UniqueConstraintFailed on "remote_phone_id".
Result<void> insertWabaPhone(QSqlDatabase &db, const WabaPhone &phone, const QDateTime &now);
// In the order they were added: the first is the org's default for Create Chatroom. R13's order (lowest
// remote_phone_id) is the rules' business (phonesInAssignmentOrder).
Result<QList<WabaPhone>> wabaPhonesOf(QSqlDatabase &db, const OrgId &orgId);
// Whatever org it belongs to; nullopt for an unknown phone_number_id (acknowledged and ignored).
Result<std::optional<WabaPhone>> wabaPhoneByRemoteId(QSqlDatabase &db, const QString &remotePhoneId);

} // namespace handover::store::server
