#pragma once

#include "core/domain/template.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

// The org's message templates (R17).
namespace handover::store::server {

// remote_template_id is unique per org: a duplicate is UniqueConstraintFailed on "remote_template_id".
Result<void> insertTemplate(QSqlDatabase &db, const MessageTemplate &messageTemplate, const QDateTime &now);
// Replaces every field but the id and org of the org's template (NotFound otherwise).
Result<void> updateTemplate(QSqlDatabase &db, const MessageTemplate &messageTemplate, const QDateTime &now);
Result<MessageTemplate> templateById(QSqlDatabase &db, const OrgId &orgId, const TemplateId &templateId);
// The STM lookup; NotFound for an unknown id or another org's template.
Result<MessageTemplate> templateByRemoteId(QSqlDatabase &db, const OrgId &orgId,
                                           const QString &remoteTemplateId);
// In creation order; visibleOnly hides `visible` false ones (agents' pickers, R17).
Result<QList<MessageTemplate>> listTemplates(QSqlDatabase &db, const OrgId &orgId, bool visibleOnly);

} // namespace handover::store::server
