#include "sim/richinbound.h"

#include "sim/jsonfields.h"
#include "sim/latin1.h"
#include "sim/mediaformat.h"

#include <QJsonArray>
#include <QStringList>

namespace handover::sim {

namespace {

Error invalid(const QString &field, const QString &what)
{
    return Error::make(ErrorCode::ValidationFailed,
                       field + QStringLiteral(" is required and must be ") + what + QLatin1Char('.'),
                       {field});
}

bool isGiven(const QJsonValue &value)
{
    return !value.isUndefined() && !value.isNull();
}

bool readText(const QJsonObject &object, const char *key, QString *out)
{
    return readOptionalString(object, str(key), out);
}

bool readFlag(const QJsonObject &object, const char *key, bool *out)
{
    const QJsonValue value = object.value(str(key));
    if (!isGiven(value))
        return true;
    if (!value.isBool())
        return false;
    *out = value.toBool();
    return true;
}

Result<InboundMedia> readMedia(const QString &kind, const QJsonValue &value)
{
    if (!value.isObject())
        return invalid(kind, str("an object {bytes_base64, mime_type, filename, caption}"));
    const QJsonObject object = value.toObject();
    const auto field = [&kind](const char *name) -> QString { return kind + QLatin1Char('.') + str(name); };
    InboundMedia media;
    media.kind = kind;
    const QJsonValue bytes = object.value(str("bytes_base64"));
    const auto decoded =
        QByteArray::fromBase64Encoding(bytes.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!bytes.isString() || !decoded || decoded.decoded.isEmpty())
        return invalid(field("bytes_base64"), str("the file's bytes in base64"));
    media.bytes = decoded.decoded;
    if (!readText(object, "mime_type", &media.mimeType) || media.mimeType.isEmpty())
        return invalid(field("mime_type"), str("a MIME type such as image/jpeg"));
    if (!readText(object, "caption", &media.caption))
        return invalid(field("caption"), str("a string when given"));
    if (!media.caption.isEmpty() && (kind == QLatin1String("audio") || kind == QLatin1String("sticker")))
        return Error::make(ErrorCode::ValidationFailed, kind + QStringLiteral(" media takes no caption."),
                           {field("caption")});
    if (media.caption.size() > kMaxMediaCaptionLength)
        return invalid(field("caption"), QStringLiteral("at most %1 characters").arg(kMaxMediaCaptionLength));
    if (!readText(object, "filename", &media.filename))
        return invalid(field("filename"), str("a string when given"));
    if (kind == QLatin1String("document") && media.filename.isEmpty())
        media.filename = str("document");
    if (!readFlag(object, "voice", &media.voice) || (media.voice && kind != QLatin1String("audio")))
        return invalid(field("voice"), str("a boolean, for audio only"));
    if (!readFlag(object, "animated", &media.animated) ||
        (media.animated && kind != QLatin1String("sticker")))
        return invalid(field("animated"), str("a boolean, for stickers only"));
    return media;
}

Result<SharedLocation> readLocation(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    SharedLocation location;
    const QJsonValue latitude = object.value(str("latitude"));
    const QJsonValue longitude = object.value(str("longitude"));
    if (!latitude.isDouble() || qAbs(latitude.toDouble()) > 90)
        return invalid(str("location.latitude"), str("a number from -90 to 90"));
    if (!longitude.isDouble() || qAbs(longitude.toDouble()) > 180)
        return invalid(str("location.longitude"), str("a number from -180 to 180"));
    location.latitude = latitude.toDouble();
    location.longitude = longitude.toDouble();
    if (!readText(object, "name", &location.name) || !readText(object, "address", &location.address) ||
        !readText(object, "url", &location.url))
        return invalid(str("location.name"), str("a string when given, as are address and url"));
    return location;
}

Result<QJsonArray> readContacts(const QJsonValue &value)
{
    const QJsonArray cards = value.toArray();
    if (!value.isArray() || cards.isEmpty())
        return invalid(str("contacts"), str("a non-empty array of contact cards"));
    for (qsizetype i = 0; i < cards.size(); ++i) {
        const QString field = QStringLiteral("contacts[%1]").arg(i);
        const QJsonObject card = cards.at(i).toObject();
        if (card.value(str("name")).toObject().value(str("formatted_name")).toString().isEmpty())
            return invalid(field + QStringLiteral(".name.formatted_name"), str("a non-empty string"));
        const QJsonValue phones = card.value(str("phones"));
        if (isGiven(phones) && !phones.isArray())
            return invalid(field + QStringLiteral(".phones"), str("an array when given"));
    }
    return cards;
}

Result<Reaction> readReaction(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    Reaction reaction;
    reaction.messageId = object.value(str("message_id")).toString();
    if (reaction.messageId.isEmpty())
        return invalid(str("reaction.message_id"), str("the wa_message_id reacted to"));
    if (!readText(object, "emoji", &reaction.emoji))
        return invalid(str("reaction.emoji"),
                       str("a string when given (empty or absent takes the reaction back)"));
    return reaction;
}

Result<InteractiveReply> readInteractive(const QString &type, const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    InteractiveReply reply;
    reply.type = type;
    reply.id = object.value(str("id")).toString();
    reply.title = object.value(str("title")).toString();
    if (!value.isObject() || reply.id.isEmpty())
        return invalid(type + QStringLiteral(".id"), str("a non-empty string"));
    if (reply.title.isEmpty())
        return invalid(type + QStringLiteral(".title"), str("a non-empty string"));
    if (!readText(object, "context_id", &reply.contextId))
        return invalid(type + QStringLiteral(".context_id"), str("a string when given"));
    if (!readText(object, "description", &reply.description) ||
        (!reply.description.isEmpty() && type != QLatin1String("list_reply")))
        return invalid(type + QStringLiteral(".description"), str("a string, for list replies only"));
    return reply;
}

Result<UnsupportedContent> readUnsupported(const QJsonValue &value)
{
    UnsupportedContent content;
    if (value.isBool() && value.toBool())
        return content;
    if (!value.isObject() || !readText(value.toObject(), "type", &content.type))
        return invalid(str("unsupported"), str("true or an object {type}"));
    return content;
}

// Stores a read value into the message, or returns its error.
template <typename T, typename Slot> Result<void> take(Result<T> read, Slot &slot)
{
    if (!read)
        return read.error();
    slot = std::move(*read);
    return {};
}

} // namespace

Result<void> readRichInbound(const QJsonObject &request, CustomerMessage &message)
{
    for (const QString &kind : {str("image"), str("document"), str("audio"), str("video"), str("sticker")}) {
        const QJsonValue value = request.value(kind);
        if (!isGiven(value))
            continue;
        if (message.media)
            return Error::make(ErrorCode::ValidationFailed, str("A customer message carries one media file."),
                               {kind});
        if (auto stored = take(readMedia(kind, value), message.media); !stored)
            return stored;
    }
    if (const QJsonValue value = request.value(str("location")); isGiven(value)) {
        if (auto read = take(readLocation(value), message.location); !read)
            return read;
    }
    if (const QJsonValue value = request.value(str("contacts")); isGiven(value)) {
        if (auto read = take(readContacts(value), message.contacts); !read)
            return read;
    }
    if (const QJsonValue value = request.value(str("reaction")); isGiven(value)) {
        if (auto read = take(readReaction(value), message.reaction); !read)
            return read;
    }
    for (const QString &type : {str("list_reply"), str("button_reply")}) {
        const QJsonValue value = request.value(type);
        if (!isGiven(value))
            continue;
        if (message.interactive)
            return Error::make(ErrorCode::ValidationFailed, str("Give list_reply or button_reply, not both."),
                               {str("list_reply"), str("button_reply")});
        if (auto read = take(readInteractive(type, value), message.interactive); !read)
            return read;
    }
    if (const QJsonValue value = request.value(str("unsupported")); isGiven(value)) {
        if (auto read = take(readUnsupported(value), message.unsupported); !read)
            return read;
    }
    return {};
}

} // namespace handover::sim
