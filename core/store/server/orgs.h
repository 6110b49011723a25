#pragma once

#include "core/domain/org.h"
#include "core/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <optional>

// Orgs, their settings (R12, R13b) and their one webhook (R5, R22).
namespace handover::store::server {

// The org webhook: where relays go and the secret they are signed with ("whsec_...").
struct WebhookTarget
{
    QString url;
    QString secret;
    friend bool operator==(const WebhookTarget &, const WebhookTarget &) = default;
};

// Org names are unique server-wide (the bootstrap looks an org up by name): a duplicate is
// UniqueConstraintFailed. Settings start at the schema's defaults.
Result<Org> createOrg(QSqlDatabase &db, const OrgId &id, const QString &name, const QDateTime &now);
Result<Org> orgById(QSqlDatabase &db, const OrgId &id);
Result<Org> orgByName(QSqlDatabase &db, const QString &name);
// How many orgs the server holds (single-org installs may use the server-wide WhatsApp token).
Result<qint64> orgCount(QSqlDatabase &db);

Result<OrgSettings> orgSettings(QSqlDatabase &db, const OrgId &orgId);
// The inbound group must be one of the org's groups (ValidationFailed on inbound_group_id otherwise); the day
// counts must be positive.
Result<void> updateOrgSettings(QSqlDatabase &db, const OrgId &orgId, const OrgSettings &settings);

// nullopt when the org has no webhook.
Result<std::optional<WebhookTarget>> orgWebhook(QSqlDatabase &db, const OrgId &orgId);
Result<void> setOrgWebhook(QSqlDatabase &db, const OrgId &orgId, const WebhookTarget &webhook);
Result<void> deleteOrgWebhook(QSqlDatabase &db, const OrgId &orgId);

} // namespace handover::store::server
