#include "server/whatsapp/metaoutbound.h"

#include "core/domain/contact.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace handover {

QJsonObject metaSendRequest(const Message &message, const QString &toE164, const QString &waMediaId)
{
    QJsonObject request{{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                        {QStringLiteral("recipient_type"), QStringLiteral("individual")},
                        {QStringLiteral("to"), metaPhoneFromE164(toE164)}};
    if (message.media && !message.sentTemplate) {
        const QString type = messageKindName(message.kind);
        QJsonObject media{{QStringLiteral("id"), waMediaId}};
        if (!message.media->caption.isEmpty() && message.kind != MessageKind::Audio)
            media.insert(QStringLiteral("caption"), message.media->caption);
        if (message.kind == MessageKind::Document && !message.media->filename.isEmpty())
            media.insert(QStringLiteral("filename"), message.media->filename);
        request.insert(QStringLiteral("type"), type);
        request.insert(type, media);
        return request;
    }
    if (!message.sentTemplate) {
        request.insert(QStringLiteral("type"), QStringLiteral("text"));
        request.insert(QStringLiteral("text"), QJsonObject{{QStringLiteral("preview_url"), false},
                                                           {QStringLiteral("body"), message.text}});
        return request;
    }
    const SentTemplate &sent = *message.sentTemplate;
    QJsonArray components;
    // Values go in the order Meta fills them (the rule stored them so); a named template names each.
    const auto addComponent = [&](const QString &type, const QList<TemplateParamValue> &values) {
        if (values.isEmpty())
            return;
        QJsonArray parameters;
        for (const TemplateParamValue &param : values) {
            QJsonObject parameter{{QStringLiteral("type"), QStringLiteral("text")},
                                  {QStringLiteral("text"), param.value}};
            if (sent.parameterFormat == ParameterFormat::Named)
                parameter.insert(QStringLiteral("parameter_name"), param.tag);
            parameters.append(parameter);
        }
        components.append(
            QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("parameters"), parameters}});
    };
    addComponent(QStringLiteral("header"), sent.headerParams);
    if (message.media) { // a media header: its file, uploaded to Meta first
        const QString family = message.media->mimeType.section(u'/', 0, 0);
        const QString type = family == QLatin1String("image")   ? QStringLiteral("image")
                             : family == QLatin1String("video") ? QStringLiteral("video")
                                                                : QStringLiteral("document");
        const QJsonObject file{{QStringLiteral("id"), waMediaId}};
        components.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("header")},
            {QStringLiteral("parameters"), QJsonArray{QJsonObject{{QStringLiteral("type"), type}, {type, file}}}}});
    }
    addComponent(QStringLiteral("body"), sent.params);
    for (const SentButton &button : sent.buttons) {
        if (button.type != ButtonType::QuickReply)
            continue;
        components.append(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("button")},
                        {QStringLiteral("sub_type"), QStringLiteral("quick_reply")},
                        {QStringLiteral("index"), QString::number(button.index)},
                        {QStringLiteral("parameters"),
                         QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("payload")},
                                                {QStringLiteral("payload"), button.payload}}}}});
    }
    QJsonObject tmpl{{QStringLiteral("name"), sent.name},
                     {QStringLiteral("language"), QJsonObject{{QStringLiteral("code"), sent.language}}}};
    if (!components.isEmpty())
        tmpl.insert(QStringLiteral("components"), components);
    request.insert(QStringLiteral("type"), QStringLiteral("template"));
    request.insert(QStringLiteral("template"), tmpl);
    return request;
}

QString metaSentMessageId(const QByteArray &answer)
{
    const QJsonArray messages =
        QJsonDocument::fromJson(answer).object().value(QLatin1String("messages")).toArray();
    return messages.isEmpty() ? QString() : messages.first().toObject().value(QLatin1String("id")).toString();
}

QString metaErrorText(const QByteArray &answer, int httpStatus)
{
    const QJsonObject error =
        QJsonDocument::fromJson(answer).object().value(QLatin1String("error")).toObject();
    const QString text = error.value(QLatin1String("message")).toString();
    return text.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus) : text.left(500);
}

} // namespace handover
