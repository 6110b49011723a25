#include "core/store/server/templates.h"

#include "core/store/server/jsoncolumns.h"
#include "core/store/server/statementcache.h"

namespace handover::store::server {

namespace {

const QString selectTemplate = QStringLiteral(
    "SELECT id, org_id, remote_template_id, name, language, category, status, enabled, visible, "
    "body, header, footer, buttons, params, header_format, parameter_format FROM templates ");

Result<MessageTemplate> templateFromRow(const Statement &row)
{
    MessageTemplate t;
    t.id = row.value(0).toString();
    t.orgId = row.value(1).toString();
    t.remoteTemplateId = row.value(2).toString();
    t.name = row.value(3).toString();
    t.language = row.value(4).toString();
    t.category = row.value(5).toString();
    const auto status = templateStatusFromName(row.value(6).toString());
    if (!status)
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("template ") + t.id + QStringLiteral(" has an unknown status"));
    t.status = *status;
    t.enabled = row.value(7).toInt() != 0;
    t.visible = row.value(8).toInt() != 0;
    t.body = textFrom(row.value(9));
    t.header = textFrom(row.value(10));
    t.footer = textFrom(row.value(11));
    auto buttons = templateButtonsFromColumn(textFrom(row.value(12)));
    if (!buttons)
        return buttons.error();
    t.buttons = std::move(*buttons);
    auto params = templateParamsFromColumn(textFrom(row.value(13)));
    if (!params)
        return params.error();
    t.params = std::move(*params);
    t.headerFormat = row.value(14).isNull() ? QStringLiteral("TEXT") : row.value(14).toString();
    t.parameterFormat = parameterFormatFromName(row.value(15).toString()).value_or(ParameterFormat::Positional);
    return t;
}

// `sql` is a whole SELECT built on selectTemplate, kept in a static so the statement cache is hit without
// building the text again.
Result<QList<MessageTemplate>> templatesWhere(QSqlDatabase &db, const QString &sql,
                                              const QVariantList &values)
{
    auto rows = run(db, sql, values);
    if (!rows)
        return rows.error();
    QList<MessageTemplate> templates;
    while (rows->next()) {
        auto t = templateFromRow(*rows);
        if (!t)
            return t.error();
        templates.append(std::move(*t));
    }
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return templates;
}

Result<MessageTemplate> oneTemplate(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto found = templatesWhere(db, sql, values);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return notFound(QStringLiteral("template"));
    return found->first();
}

Error remoteIdConflict(const Error &error)
{
    return describeConflict(error, QStringLiteral("A template with this remote_template_id already exists."),
                            {QStringLiteral("remote_template_id")});
}

} // namespace

Result<void> insertTemplate(QSqlDatabase &db, const MessageTemplate &t, const QDateTime &now)
{
    auto inserted =
        change(db,
               QStringLiteral(
                   "INSERT INTO templates (id, org_id, remote_template_id, name, language, category, status, "
                   "enabled, visible, body, header, footer, buttons, params, created_at, updated_at, "
                   "header_format, parameter_format) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {t.id, t.orgId, textNotNull(t.remoteTemplateId), textNotNull(t.name), textNotNull(t.language),
                textNotNull(t.category), templateStatusName(t.status), flag(t.enabled), flag(t.visible),
                textNotNull(t.body), textOrNull(t.header), textOrNull(t.footer),
                templateButtonsToColumn(t.buttons), templateParamsToColumn(t.params), msOf(now), msOf(now),
                t.headerFormat, parameterFormatName(t.parameterFormat)});
    if (!inserted)
        return remoteIdConflict(inserted.error());
    return {};
}

Result<void> updateTemplate(QSqlDatabase &db, const MessageTemplate &t, const QDateTime &now)
{
    auto updated = change(
        db,
        QStringLiteral("UPDATE templates SET remote_template_id = ?, name = ?, language = ?, category = ?, "
                       "status = ?, enabled = ?, visible = ?, body = ?, header = ?, footer = ?, buttons = ?, "
                       "params = ?, updated_at = ?, header_format = ?, parameter_format = ? "
                       "WHERE id = ? AND org_id = ?"),
        {textNotNull(t.remoteTemplateId), textNotNull(t.name), textNotNull(t.language),
         textNotNull(t.category), templateStatusName(t.status), flag(t.enabled), flag(t.visible),
         textNotNull(t.body), textOrNull(t.header), textOrNull(t.footer), templateButtonsToColumn(t.buttons),
         templateParamsToColumn(t.params), msOf(now), t.headerFormat, parameterFormatName(t.parameterFormat), t.id,
         t.orgId});
    if (!updated)
        return remoteIdConflict(updated.error());
    if (*updated == 0)
        return notFound(QStringLiteral("template"));
    return {};
}

Result<MessageTemplate> templateById(QSqlDatabase &db, const OrgId &orgId, const TemplateId &templateId)
{
    static const QString sql = selectTemplate + QStringLiteral("WHERE id = ? AND org_id = ?");
    return oneTemplate(db, sql, {templateId, orgId});
}

Result<MessageTemplate> templateByRemoteId(QSqlDatabase &db, const OrgId &orgId,
                                           const QString &remoteTemplateId)
{
    static const QString sql = selectTemplate + QStringLiteral("WHERE org_id = ? AND remote_template_id = ?");
    return oneTemplate(db, sql, {orgId, remoteTemplateId});
}

Result<QList<MessageTemplate>> listTemplates(QSqlDatabase &db, const OrgId &orgId, bool visibleOnly)
{
    static const QString visible =
        selectTemplate + QStringLiteral("WHERE org_id = ? AND visible = 1 ORDER BY created_at, rowid");
    static const QString all = selectTemplate + QStringLiteral("WHERE org_id = ? ORDER BY created_at, rowid");
    return templatesWhere(db, visibleOnly ? visible : all, {orgId});
}

} // namespace handover::store::server
