#include "server/whatsapp/metarichinbound.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>

namespace handover {

namespace {

QString textOf(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

QJsonObject part(const QJsonObject &object, const QString &key)
{
    return object.value(key).toObject();
}

std::optional<MessageKind> mediaKindOf(const QString &type)
{
    static const QHash<QString, MessageKind> kinds{{QStringLiteral("image"), MessageKind::Image},
                                                   {QStringLiteral("document"), MessageKind::Document},
                                                   {QStringLiteral("audio"), MessageKind::Audio},
                                                   {QStringLiteral("video"), MessageKind::Video},
                                                   {QStringLiteral("sticker"), MessageKind::Sticker}};
    const auto found = kinds.constFind(type);
    return found == kinds.cend() ? std::nullopt : std::optional<MessageKind>(*found);
}

bool readMedia(MessageKind kind, const QJsonObject &media, MetaInboundMessage &in)
{
    MediaAttachment attachment;
    attachment.waMediaId = textOf(media, "id");
    if (attachment.waMediaId.isEmpty())
        return false;
    attachment.mimeType = textOf(media, "mime_type");
    attachment.sha256 = sha256Hex(textOf(media, "sha256"));
    attachment.filename = textOf(media, "filename");
    attachment.caption = textOf(media, "caption");
    attachment.voice = media.value(QLatin1String("voice")).toBool();
    attachment.status = MediaStatus::Pending;
    in.messageKind = kind;
    in.text = attachment.caption;
    in.media = attachment;
    return true;
}

// Meta sends coordinates as numbers; a number written as text is read too.
std::optional<double> coordinate(const QJsonObject &location, const char *key, double limit)
{
    const QJsonValue value = location.value(QLatin1String(key));
    bool ok = value.isDouble();
    const double number = ok ? value.toDouble() : value.toString().toDouble(&ok);
    if (!ok || !std::isfinite(number) || std::abs(number) > limit)
        return std::nullopt;
    return number;
}

bool readLocation(const QJsonObject &location, MetaInboundMessage &in)
{
    const auto latitude = coordinate(location, "latitude", 90);
    const auto longitude = coordinate(location, "longitude", 180);
    if (!latitude || !longitude)
        return false;
    in.messageKind = MessageKind::Location;
    in.location = Location{*latitude, *longitude, textOf(location, "name"), textOf(location, "address")};
    return true;
}

bool readContacts(const QJsonArray &contacts, MetaInboundMessage &in)
{
    for (const QJsonValue &value : contacts) {
        const QJsonObject contact = value.toObject();
        const QJsonObject name = part(contact, QStringLiteral("name"));
        SharedContact shared;
        shared.name = textOf(name, "formatted_name");
        if (shared.name.isEmpty())
            shared.name =
                QString(textOf(name, "first_name") + QLatin1Char(' ') + textOf(name, "last_name")).trimmed();
        for (const QJsonValue &phone : contact.value(QLatin1String("phones")).toArray()) {
            const QString number = textOf(phone.toObject(), "phone");
            if (!number.isEmpty())
                shared.phones.append(number);
        }
        in.contacts.append(shared);
    }
    in.messageKind = MessageKind::Contacts;
    return !in.contacts.isEmpty();
}

bool readInteractive(const QJsonObject &interactive, const QJsonObject &context, MetaInboundMessage &in)
{
    const QString type = textOf(interactive, "type");
    const QJsonObject reply = part(interactive, type);
    if (reply.isEmpty())
        return false;
    in.interactive =
        InteractiveReply{type, textOf(reply, "id"), textOf(reply, "title"), textOf(reply, "description")};
    in.messageKind = MessageKind::Interactive;
    in.text = in.interactive->title;
    if (type == QLatin1String("button_reply")) {
        // A reply button of an interactive message may answer one of our templates' quick replies.
        in.kind = MetaInboundMessage::Kind::Button;
        in.payload = in.interactive->id;
        in.contextId = textOf(context, "id");
    }
    return true;
}

} // namespace

QString sha256Hex(const QString &metaSha256)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (hex.match(metaSha256).hasMatch())
        return metaSha256.toLower();
    const auto decoded =
        QByteArray::fromBase64Encoding(metaSha256.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (decoded && decoded.decoded.size() == 32)
        return QString::fromLatin1(decoded.decoded.toHex());
    return {};
}

bool readRichInbound(const QString &type, const QJsonObject &message, MetaInboundMessage &in)
{
    if (const std::optional<MessageKind> media = mediaKindOf(type))
        return readMedia(*media, part(message, type), in);
    if (type == QLatin1String("location"))
        return readLocation(part(message, type), in);
    if (type == QLatin1String("contacts"))
        return readContacts(message.value(type).toArray(), in);
    if (type == QLatin1String("interactive"))
        return readInteractive(part(message, type), part(message, QStringLiteral("context")), in);
    if (type == QLatin1String("reaction")) {
        const QJsonObject reaction = part(message, type);
        in.kind = MetaInboundMessage::Kind::Reaction;
        in.reactedWaId = textOf(reaction, "message_id");
        in.emoji = textOf(reaction, "emoji");
        return !in.reactedWaId.isEmpty();
    }
    // "unsupported", and kinds this server does not read (order, system...): kept with Meta's error title.
    in.messageKind = MessageKind::Unsupported;
    const QJsonArray errors = message.value(QLatin1String("errors")).toArray();
    in.text = errors.isEmpty() ? type : textOf(errors.first().toObject(), "title");
    if (in.text.isEmpty())
        in.text = QStringLiteral("unsupported");
    return true;
}

} // namespace handover
