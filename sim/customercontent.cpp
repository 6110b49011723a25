#include "sim/customercontent.h"

#include "sim/jsonfields.h"
#include "sim/latin1.h"
#include "sim/mediaformat.h"
#include "sim/metaformat.h"

#include <QStringList>

namespace handover::sim {

namespace {

QJsonObject contextOf(const BusinessPhone &phone, const QString &messageId)
{
    return QJsonObject{{str("from"), phone.displayPhoneNumber}, {str("id"), messageId}};
}

QJsonObject locationJson(const SharedLocation &location)
{
    QJsonObject json{{str("latitude"), location.latitude}, {str("longitude"), location.longitude}};
    insertUnlessEmpty(json, "name", location.name);
    insertUnlessEmpty(json, "address", location.address);
    insertUnlessEmpty(json, "url", location.url);
    return json;
}

QJsonObject interactiveJson(const InteractiveReply &reply)
{
    QJsonObject chosen{{str("id"), reply.id}, {str("title"), reply.title}};
    if (reply.type == QLatin1String("list_reply") && !reply.description.isEmpty())
        chosen.insert(str("description"), reply.description);
    return QJsonObject{{str("type"), reply.type}, {reply.type, chosen}};
}

} // namespace

Result<QString> customerMessageKind(const CustomerMessage &message)
{
    QStringList kinds;
    if (!message.text.isEmpty())
        kinds.append(str("text"));
    if (message.button)
        kinds.append(str("button"));
    if (message.media)
        kinds.append(message.media->kind);
    if (message.location)
        kinds.append(str("location"));
    if (message.contacts)
        kinds.append(str("contacts"));
    if (message.reaction)
        kinds.append(str("reaction"));
    if (message.interactive)
        kinds.append(str("interactive"));
    if (message.unsupported)
        kinds.append(str("unsupported"));
    if (kinds.size() == 1)
        return kinds.first();
    if (kinds.isEmpty())
        return Error::make(ErrorCode::ValidationFailed,
                           str("A customer message needs text, a button tap, media, a location, contacts, a "
                               "reaction, an interactive reply or unsupported content."),
                           {str("text")});
    return Error::make(ErrorCode::ValidationFailed,
                       QStringLiteral("A customer message has one kind, not ") +
                           kinds.join(QStringLiteral(" and ")) + QLatin1Char('.'),
                       kinds);
}

void addCustomerContent(const BusinessPhone &phone, const CustomerMessage &message, QJsonObject &wire)
{
    if (message.button) {
        wire.insert(str("type"), str("button"));
        wire.insert(str("button"), QJsonObject{{str("text"), message.button->text},
                                               {str("payload"), message.button->payload}});
        wire.insert(str("context"), contextOf(phone, message.button->contextId));
    } else if (message.media) {
        wire.insert(str("type"), message.media->kind);
        wire.insert(message.media->kind, inboundMediaJson(*message.media));
    } else if (message.location) {
        wire.insert(str("type"), str("location"));
        wire.insert(str("location"), locationJson(*message.location));
    } else if (message.contacts) {
        wire.insert(str("type"), str("contacts"));
        wire.insert(str("contacts"), *message.contacts);
    } else if (message.reaction) {
        wire.insert(str("type"), str("reaction"));
        QJsonObject reaction{{str("message_id"), message.reaction->messageId}};
        insertUnlessEmpty(reaction, "emoji", message.reaction->emoji);
        wire.insert(str("reaction"), reaction);
    } else if (message.interactive) {
        wire.insert(str("type"), str("interactive"));
        wire.insert(str("interactive"), interactiveJson(*message.interactive));
        if (!message.interactive->contextId.isEmpty())
            wire.insert(str("context"), contextOf(phone, message.interactive->contextId));
    } else if (message.unsupported) {
        wire.insert(str("type"), str("unsupported"));
        wire.insert(str("errors"), QJsonArray{unsupportedMessageError()});
        if (!message.unsupported->type.isEmpty())
            wire.insert(str("unsupported"), QJsonObject{{str("type"), message.unsupported->type}});
    } else {
        wire.insert(str("type"), str("text"));
        wire.insert(str("text"), QJsonObject{{str("body"), message.text}});
    }
}

QJsonObject unsupportedMessageError()
{
    return QJsonObject{
        {str("code"), 131051},
        {str("title"), str("Message type unknown")},
        {str("message"), str("Message type unknown")},
        {str("error_data"), QJsonObject{{str("details"), str("Message type is currently not supported.")}}}};
}

} // namespace handover::sim
