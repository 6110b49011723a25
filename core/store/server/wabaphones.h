#pragma once

#include "core/domain/org.h"
#include "core/result.h"

#include <QByteArray>
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
// Re-registration by its org: new WABA id and display number for the phone with this id.
Result<void> updateWabaPhone(QSqlDatabase &db, const WabaPhone &phone);

// The org's own access token for a phone, sealed by the server (the store only ever holds the sealed bytes).
// A phone without one sends with the server-wide token. nullopt removes it.
Result<void> setSealedAccessToken(QSqlDatabase &db, const QString &wabaPhoneId,
                                  const std::optional<QByteArray> &sealed, const QDateTime &now);
Result<std::optional<QByteArray>> sealedAccessTokenOf(QSqlDatabase &db, const QString &remotePhoneId);
// Any one sealed token, to check at start that the key file opens what the database holds.
Result<std::optional<QByteArray>> anySealedAccessToken(QSqlDatabase &db);

} // namespace handover::store::server
