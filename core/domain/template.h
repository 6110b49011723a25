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

// Meta's parameter format of a template. POSITIONAL: Meta numbers the placeholders ({{1}}, {{2}}) and the values
// go in that order; our tags may be numbers or names of our own for those slots. NAMED: Meta knows the
// placeholders by name ({{first_name}}) and each value goes with its parameter_name.
enum class ParameterFormat { Positional, Named };
QString parameterFormatName(ParameterFormat format);
std::optional<ParameterFormat> parameterFormatFromName(const QString &name);
// A name Meta accepts for a NAMED placeholder: lower-case letters, digits and underscores, not starting with a
// digit.
bool isMetaParameterName(const QString &tag);
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
    QString header; // text, with at most one {{tag}}; empty for a media header
    QString footer;
    QList<TemplateButton> buttons;
    QList<TemplateParam> params;
    // TEXT, or IMAGE, DOCUMENT, VIDEO for a header whose file each send supplies (header_media_id)
    QString headerFormat = QStringLiteral("TEXT");
    ParameterFormat parameterFormat = ParameterFormat::Positional;

    bool hasQuickReplies() const;
    bool hasMediaHeader() const { return headerFormat != QLatin1String("TEXT"); }
    friend bool operator==(const MessageTemplate &, const MessageTemplate &) = default;
};


// The values of the placeholders of `text`, in the order Meta fills them: for positional templates by number when
// the tags are numbers and by first appearance otherwise (Meta numbers a template's placeholders in the order they
// appear), for named ones by first appearance. Never in the order a request happened to list them.
QList<TemplateParamValue> valuesInMetaOrder(const QString &text, const QList<TemplateParamValue> &values,
                                            ParameterFormat format);

// Replaces each {{tag}} of `text` by its value; unknown tags stay as written.
QString renderTemplateText(const QString &text, const QList<TemplateParamValue> &values);

// Tags used as {{tag}} in the text, in order of first appearance.
QStringList placeholderTags(const QString &text);

} // namespace handover
