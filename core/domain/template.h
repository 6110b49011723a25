#pragma once

#include "core/domain/ids.h"

#include <QList>

#include <optional>

namespace handover {

enum class TemplateStatus { Approved, Pending, Rejected, Paused, Disabled };
QString templateStatusName(TemplateStatus status);
std::optional<TemplateStatus> templateStatusFromName(const QString &name);

enum class ButtonType { QuickReply, Url };
QString buttonTypeName(ButtonType type);
std::optional<ButtonType> buttonTypeFromName(const QString &name);

enum class ParamType { UserFill, AutoFill };
QString paramTypeName(ParamType type);
std::optional<ParamType> paramTypeFromName(const QString &name);

struct TemplateButton
{
    ButtonType type = ButtonType::QuickReply;
    QString text;
    QString url;
    friend bool operator==(const TemplateButton &, const TemplateButton &) = default;
};

struct TemplateParam
{
    QString tag;
    ParamType type = ParamType::UserFill;
    QString source; // for AUTO_FILL: "contact.first_name", "agent.first_name"...
    friend bool operator==(const TemplateParam &, const TemplateParam &) = default;
};

struct TemplateParamValue
{
    QString tag;
    QString value;
    friend bool operator==(const TemplateParamValue &, const TemplateParamValue &) = default;
};

// A pre-approved WhatsApp message template.
struct MessageTemplate
{
    TemplateId id;
    OrgId orgId;
    QString remoteTemplateId;
    QString name;
    QString language = QStringLiteral("en");
    QString category = QStringLiteral("UTILITY");
    TemplateStatus status = TemplateStatus::Approved;
    bool enabled = true;
    bool visible = true;
    QString body; // with {{tag}} placeholders
    QString header;
    QString footer;
    QList<TemplateButton> buttons;
    QList<TemplateParam> params;

    bool hasQuickReplies() const;
    friend bool operator==(const MessageTemplate &, const MessageTemplate &) = default;
};

// Meta's parameter format of a template: POSITIONAL when every placeholder of its header and body is a number
// ({{1}}, {{2}}), NAMED otherwise ({{first_name}}; each value then goes to Meta with its parameter_name).
enum class ParameterFormat { Positional, Named };
QString parameterFormatName(ParameterFormat format);
std::optional<ParameterFormat> parameterFormatFromName(const QString &name);
ParameterFormat parameterFormatOf(const MessageTemplate &messageTemplate);

// The values of the placeholders of `text`, in the order Meta fills them: by number for positional templates,
// by first appearance for named ones. Never in the order a request happened to list them.
QList<TemplateParamValue> valuesInMetaOrder(const QString &text, const QList<TemplateParamValue> &values,
                                            ParameterFormat format);

// Replaces each {{tag}} of `text` by its value; unknown tags stay as written.
QString renderTemplateText(const QString &text, const QList<TemplateParamValue> &values);

// Tags used as {{tag}} in the text, in order of first appearance.
QStringList placeholderTags(const QString &text);

} // namespace handover
