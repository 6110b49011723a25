#include "core/store/server/orgs.h"

#include "core/store/server/statementcache.h"

namespace handover::store::server {

namespace {

const QString selectOrg = QStringLiteral(
    "SELECT id, name, inbound_group_id, deactivate_after_days, expire_after_days, created_at FROM orgs ");

Org orgFromRow(const Statement &row)
{
    Org org;
    org.id = row.value(0).toString();
    org.name = row.value(1).toString();
    if (!row.value(2).isNull())
        org.settings.inboundGroupId = row.value(2).toString();
    org.settings.deactivateAfterDays = row.value(3).toInt();
    org.settings.expireAfterDays = row.value(4).toInt();
    org.createdAt = timeFrom(row.value(5));
    return org;
}

Result<Org> oneOrg(QSqlDatabase &db, const QString &where, const QString &key)
{
    auto row = run(db, selectOrg + where, {key});
    if (!row)
        return row.error();
    auto found = row->fetch();
    if (!found)
        return found.error();
    if (!*found)
        return Error::make(ErrorCode::NotFound, QStringLiteral("No such org."));
    return orgFromRow(*row);
}

Result<void> requireOrg(int rowsChanged)
{
    if (rowsChanged == 0)
        return Error::make(ErrorCode::NotFound, QStringLiteral("No such org."));
    return {};
}

} // namespace

Result<Org> createOrg(QSqlDatabase &db, const OrgId &id, const QString &name, const QDateTime &now)
{
    auto inserted = change(db, QStringLiteral("INSERT INTO orgs (id, name, created_at) VALUES (?, ?, ?)"),
                           {id, textNotNull(name), msOf(now)});
    if (!inserted)
        return describeConflict(inserted.error(), QStringLiteral("An org with this name already exists."),
                                {QStringLiteral("name")});
    return orgById(db, id);
}

Result<Org> orgById(QSqlDatabase &db, const OrgId &id)
{
    return oneOrg(db, QStringLiteral("WHERE id = ?"), id);
}

Result<Org> orgByName(QSqlDatabase &db, const QString &name)
{
    return oneOrg(db, QStringLiteral("WHERE name = ?"), name);
}

Result<qint64> orgCount(QSqlDatabase &db)
{
    return countOf(db, QStringLiteral("SELECT count(*) FROM orgs"));
}

Result<OrgSettings> orgSettings(QSqlDatabase &db, const OrgId &orgId)
{
    auto org = orgById(db, orgId);
    if (!org)
        return org.error();
    return org->settings;
}

Result<void> updateOrgSettings(QSqlDatabase &db, const OrgId &orgId, const OrgSettings &settings)
{
    QStringList invalid;
    if (settings.deactivateAfterDays <= 0)
        invalid << QStringLiteral("deactivate_after_days");
    if (settings.expireAfterDays <= 0)
        invalid << QStringLiteral("expire_after_days");
    if (!invalid.isEmpty())
        return Error::make(ErrorCode::ValidationFailed, QStringLiteral("Day counts must be positive."),
                           invalid);

    if (settings.inboundGroupId) {
        auto group = run(db, QStringLiteral("SELECT 1 FROM user_groups WHERE id = ? AND org_id = ?"),
                         {*settings.inboundGroupId, orgId});
        if (!group)
            return group.error();
        auto found = group->fetch();
        if (!found)
            return found.error();
        if (!*found)
            return Error::make(ErrorCode::ValidationFailed,
                               QStringLiteral("inbound_group_id does not name a group of this org."),
                               {QStringLiteral("inbound_group_id")});
    }
    auto updated = change(db,
                          QStringLiteral("UPDATE orgs SET inbound_group_id = ?, deactivate_after_days = ?, "
                                         "expire_after_days = ? WHERE id = ?"),
                          {settings.inboundGroupId ? QVariant(*settings.inboundGroupId) : QVariant(),
                           settings.deactivateAfterDays, settings.expireAfterDays, orgId});
    if (!updated)
        return updated.error();
    return requireOrg(*updated);
}

Result<std::optional<WebhookTarget>> orgWebhook(QSqlDatabase &db, const OrgId &orgId)
{
    auto row = run(db, QStringLiteral("SELECT webhook_url, webhook_secret FROM orgs WHERE id = ?"), {orgId});
    if (!row)
        return row.error();
    auto found = row->fetch();
    if (!found)
        return found.error();
    if (!*found)
        return Error::make(ErrorCode::NotFound, QStringLiteral("No such org."));
    if (row->value(0).isNull())
        return std::optional<WebhookTarget>();
    return std::optional<WebhookTarget>(WebhookTarget{row->value(0).toString(), textFrom(row->value(1))});
}

Result<void> setOrgWebhook(QSqlDatabase &db, const OrgId &orgId, const WebhookTarget &webhook)
{
    if (webhook.url.isEmpty())
        return Error::make(ErrorCode::ValidationFailed, QStringLiteral("The webhook needs a url."),
                           {QStringLiteral("url")});
    auto updated =
        change(db, QStringLiteral("UPDATE orgs SET webhook_url = ?, webhook_secret = ? WHERE id = ?"),
               {webhook.url, textOrNull(webhook.secret), orgId});
    if (!updated)
        return updated.error();
    return requireOrg(*updated);
}

Result<void> deleteOrgWebhook(QSqlDatabase &db, const OrgId &orgId)
{
    auto updated =
        change(db, QStringLiteral("UPDATE orgs SET webhook_url = NULL, webhook_secret = NULL WHERE id = ?"),
               {orgId});
    if (!updated)
        return updated.error();
    return requireOrg(*updated);
}

} // namespace handover::store::server
