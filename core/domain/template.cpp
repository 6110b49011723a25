#include "core/domain/template.h"

#include <QRegularExpression>
#include <algorithm>

namespace handover {

QString templateStatusName(TemplateStatus status)
{
    switch (status) {
    case TemplateStatus::Approved:
        return QStringLiteral("APPROVED");
    case TemplateStatus::Pending:
        return QStringLiteral("PENDING");
    case TemplateStatus::Rejected:
        return QStringLiteral("REJECTED");
    case TemplateStatus::Paused:
        return QStringLiteral("PAUSED");
    case TemplateStatus::Disabled:
        return QStringLiteral("DISABLED");
    }
    return QStringLiteral("PENDING");
}

std::optional<TemplateStatus> templateStatusFromName(const QString &name)
{
    for (auto s : {TemplateStatus::Approved, TemplateStatus::Pending, TemplateStatus::Rejected,
                   TemplateStatus::Paused, TemplateStatus::Disabled}) {
        if (templateStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

QString buttonTypeName(ButtonType type)
{
    return type == ButtonType::Url ? QStringLiteral("URL") : QStringLiteral("QUICK_REPLY");
}

std::optional<ButtonType> buttonTypeFromName(const QString &name)
{
    if (name == QLatin1String("QUICK_REPLY"))
        return ButtonType::QuickReply;
    if (name == QLatin1String("URL"))
        return ButtonType::Url;
    return std::nullopt;
}

QString paramTypeName(ParamType type)
{
    return type == ParamType::AutoFill ? QStringLiteral("AUTO_FILL") : QStringLiteral("USER_FILL");
}

std::optional<ParamType> paramTypeFromName(const QString &name)
{
    if (name == QLatin1String("USER_FILL"))
        return ParamType::UserFill;
    if (name == QLatin1String("AUTO_FILL"))
        return ParamType::AutoFill;
    return std::nullopt;
}

bool MessageTemplate::hasQuickReplies() const
{
    return std::any_of(buttons.cbegin(), buttons.cend(),
                       [](const TemplateButton &b) { return b.type == ButtonType::QuickReply; });
}

static const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*\\}\\}"));
    return pattern;
}

QString renderTemplateText(const QString &text, const QList<TemplateParamValue> &values)
{
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        const QString tag = match.captured(1);
        const auto found = std::find_if(values.cbegin(), values.cend(),
                                        [&](const TemplateParamValue &v) { return v.tag == tag; });
        out += found != values.cend() ? found->value : match.captured(0);
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

QStringList placeholderTags(const QString &text)
{
    QStringList tags;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QString tag = it.next().captured(1);
        if (!tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

QString parameterFormatName(ParameterFormat format)
{
    return format == ParameterFormat::Named ? QStringLiteral("NAMED") : QStringLiteral("POSITIONAL");
}

std::optional<ParameterFormat> parameterFormatFromName(const QString &name)
{
    if (name == QLatin1String("NAMED"))
        return ParameterFormat::Named;
    if (name == QLatin1String("POSITIONAL"))
        return ParameterFormat::Positional;
    return std::nullopt;
}

bool isMetaParameterName(const QString &tag)
{
    static const QRegularExpression name(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    return name.match(tag).hasMatch();
}

QList<TemplateParamValue> valuesInMetaOrder(const QString &text, const QList<TemplateParamValue> &values,
                                            ParameterFormat format)
{
    QStringList tags = placeholderTags(text);
    const bool numbered = std::all_of(tags.cbegin(), tags.cend(), [](const QString &tag) {
        bool number = false;
        (void)tag.toUInt(&number);
        return number;
    });
    if (format == ParameterFormat::Positional && numbered)
        std::stable_sort(tags.begin(), tags.end(),
                         [](const QString &a, const QString &b) { return a.toUInt() < b.toUInt(); });
    QList<TemplateParamValue> ordered;
    for (const QString &tag : std::as_const(tags)) {
        const auto found = std::find_if(values.cbegin(), values.cend(),
                                        [&](const TemplateParamValue &value) { return value.tag == tag; });
        if (found != values.cend())
            ordered.append(*found);
    }
    return ordered;
}

} // namespace handover
