#pragma once

#include "core/domain/message.h"
#include "core/domain/template.h"
#include "core/result.h"

#include <QList>
#include <QString>

// The JSON kept in TEXT columns: a template's buttons and params, a message's sent template and tapped
// button. Field names follow the API objects (snake_case). A column that does not parse is Internal: only
// this code writes them.
namespace handover::store::server {

QString templateButtonsToColumn(const QList<TemplateButton> &buttons);
Result<QList<TemplateButton>> templateButtonsFromColumn(const QString &json);

QString templateParamsToColumn(const QList<TemplateParam> &params);
Result<QList<TemplateParam>> templateParamsFromColumn(const QString &json);

QString sentTemplateToColumn(const SentTemplate &sent);
Result<SentTemplate> sentTemplateFromColumn(const QString &json);

QString buttonReplyToColumn(const ButtonReply &button);
Result<ButtonReply> buttonReplyFromColumn(const QString &json);

} // namespace handover::store::server
