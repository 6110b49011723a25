#include "core/store/server/jsoncolumns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace handover::store::server {

namespace {

QString compact(const QJsonDocument &document)
{
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

Error corrupt(const QString &what)
{
    return Error::make(ErrorCode::Internal,
                       QStringLiteral("a stored ") + what + QStringLiteral(" is not valid JSON"));
}

Result<QJsonArray> arrayFrom(const QString &json, const QString &what)
{
    if (json.isEmpty())
        return QJsonArray();
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8());
    if (!document.isArray())
        return corrupt(what);
    return document.array();
}

Result<QJsonObject> objectFrom(const QString &json, const QString &what)
{
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8());
    if (!document.isObject())
        return corrupt(what);
    return document.object();
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString stringOf(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

QString templateButtonsToColumn(const QList<TemplateButton> &buttons)
{
    QJsonArray array;
    for (const TemplateButton &button : buttons) {
        array.append(QJsonObject{{QStringLiteral("type"), buttonTypeName(button.type)},
                                 {QStringLiteral("text"), button.text},
                                 {QStringLiteral("url"), nullable(button.url)}});
    }
    return compact(QJsonDocument(array));
}

Result<QList<TemplateButton>> templateButtonsFromColumn(const QString &json)
{
    auto array = arrayFrom(json, QStringLiteral("template button list"));
    if (!array)
        return array.error();
    QList<TemplateButton> buttons;
    for (const QJsonValue &value : std::as_const(*array)) {
        const QJsonObject o = value.toObject();
        TemplateButton button;
        button.type = buttonTypeFromName(stringOf(o, "type")).value_or(ButtonType::QuickReply);
        button.text = stringOf(o, "text");
        button.url = stringOf(o, "url");
        buttons.append(button);
    }
    return buttons;
}

QString templateParamsToColumn(const QList<TemplateParam> &params)
{
    QJsonArray array;
    for (const TemplateParam &param : params) {
        array.append(QJsonObject{{QStringLiteral("tag"), param.tag},
                                 {QStringLiteral("type"), paramTypeName(param.type)},
                                 {QStringLiteral("source"), nullable(param.source)}});
    }
    return compact(QJsonDocument(array));
}

Result<QList<TemplateParam>> templateParamsFromColumn(const QString &json)
{
    auto array = arrayFrom(json, QStringLiteral("template parameter list"));
    if (!array)
        return array.error();
    QList<TemplateParam> params;
    for (const QJsonValue &value : std::as_const(*array)) {
        const QJsonObject o = value.toObject();
        TemplateParam param;
        param.tag = stringOf(o, "tag");
        param.type = paramTypeFromName(stringOf(o, "type")).value_or(ParamType::UserFill);
        param.source = stringOf(o, "source");
        params.append(param);
    }
    return params;
}

namespace {

QJsonArray paramValuesToColumn(const QList<TemplateParamValue> &values)
{
    QJsonArray params;
    for (const TemplateParamValue &p : values)
        params.append(QJsonObject{{QStringLiteral("tag"), p.tag}, {QStringLiteral("value"), p.value}});
    return params;
}

QList<TemplateParamValue> paramValuesFromColumn(const QJsonArray &params)
{
    QList<TemplateParamValue> values;
    for (const QJsonValue &value : params) {
        const QJsonObject p = value.toObject();
        values.append(TemplateParamValue{stringOf(p, "tag"), stringOf(p, "value")});
    }
    return values;
}

} // namespace

QString sentTemplateToColumn(const SentTemplate &sent)
{
    const QJsonArray params = paramValuesToColumn(sent.params);
    QJsonArray buttons;
    for (const SentButton &b : sent.buttons) {
        buttons.append(QJsonObject{{QStringLiteral("index"), b.index},
                                   {QStringLiteral("type"), buttonTypeName(b.type)},
                                   {QStringLiteral("text"), b.text},
                                   {QStringLiteral("url"), nullable(b.url)},
                                   {QStringLiteral("payload"), nullable(b.payload)}});
    }
    const QJsonObject o{{QStringLiteral("remote_template_id"), sent.remoteTemplateId},
                        {QStringLiteral("name"), sent.name},
                        {QStringLiteral("language"), sent.language},
                        {QStringLiteral("params"), params},
                        {QStringLiteral("buttons"), buttons},
                        {QStringLiteral("parameter_format"), parameterFormatName(sent.parameterFormat)},
                        {QStringLiteral("header_params"), paramValuesToColumn(sent.headerParams)}};
    return compact(QJsonDocument(o));
}

Result<SentTemplate> sentTemplateFromColumn(const QString &json)
{
    auto object = objectFrom(json, QStringLiteral("sent template"));
    if (!object)
        return object.error();
    const QJsonObject &o = *object;
    SentTemplate sent;
    sent.remoteTemplateId = stringOf(o, "remote_template_id");
    sent.name = stringOf(o, "name");
    sent.language = stringOf(o, "language");
    sent.params = paramValuesFromColumn(o.value(QLatin1String("params")).toArray());
    sent.headerParams = paramValuesFromColumn(o.value(QLatin1String("header_params")).toArray());
    sent.parameterFormat =
        parameterFormatFromName(stringOf(o, "parameter_format")).value_or(ParameterFormat::Positional);
    const QJsonArray buttons = o.value(QLatin1String("buttons")).toArray();
    for (const QJsonValue &value : buttons) {
        const QJsonObject b = value.toObject();
        SentButton button;
        button.index = b.value(QLatin1String("index")).toInt();
        button.type = buttonTypeFromName(stringOf(b, "type")).value_or(ButtonType::QuickReply);
        button.text = stringOf(b, "text");
        button.url = stringOf(b, "url");
        button.payload = stringOf(b, "payload");
        sent.buttons.append(button);
    }
    return sent;
}

QString buttonReplyToColumn(const ButtonReply &button)
{
    const QJsonObject o{{QStringLiteral("index"), button.index},
                        {QStringLiteral("text"), button.text},
                        {QStringLiteral("payload"), nullable(button.payload)}};
    return compact(QJsonDocument(o));
}

Result<ButtonReply> buttonReplyFromColumn(const QString &json)
{
    auto object = objectFrom(json, QStringLiteral("button reply"));
    if (!object)
        return object.error();
    return ButtonReply{object->value(QLatin1String("index")).toInt(), stringOf(*object, "text"),
                       stringOf(*object, "payload")};
}

} // namespace handover::store::server
