#include "core/json/richcontentcodec.h"

#include "core/json/codecparts_p.h"
#include "core/json/jsonwriting.h"
#include "core/json/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>
#include <limits>

namespace handover {

namespace {

using codec::kAny;
using codec::kMaxCount;
using codec::kMayBeEmpty;
using codec::nullable;

QJsonValue mediaToJson(const std::optional<MediaAttachment> &media)
{
    if (!media)
        return QJsonValue::Null;
    QJsonObject o;
    putJson(o, "id", media->id);
    putJson(o, "mime_type", media->mimeType);
    putJson(o, "size", media->size);
    putJson(o, "filename", nullable(media->filename));
    putJson(o, "sha256", nullable(media->sha256));
    putJson(o, "caption", nullable(media->caption));
    putJson(o, "status", mediaStatusName(media->status));
    putJson(o, "voice", media->voice);
    return o;
}

QJsonValue locationToJson(const std::optional<Location> &location)
{
    if (!location)
        return QJsonValue::Null;
    QJsonObject o;
    putJson(o, "latitude", location->latitude);
    putJson(o, "longitude", location->longitude);
    putJson(o, "name", nullable(location->name));
    putJson(o, "address", nullable(location->address));
    return o;
}

QJsonArray contactsToJson(const QList<SharedContact> &contacts)
{
    QJsonArray array;
    for (const SharedContact &contact : contacts) {
        QJsonObject o;
        putJson(o, "name", contact.name);
        putJson(o, "phones", QJsonArray::fromStringList(contact.phones));
        array.append(o);
    }
    return array;
}

QJsonValue interactiveToJson(const std::optional<InteractiveReply> &reply)
{
    if (!reply)
        return QJsonValue::Null;
    QJsonObject o;
    putJson(o, "type", reply->type);
    putJson(o, "id", reply->id);
    putJson(o, "title", reply->title);
    putJson(o, "description", nullable(reply->description));
    return o;
}

QJsonArray reactionsToJson(const QList<Reaction> &reactions)
{
    QJsonArray array;
    for (const Reaction &reaction : reactions) {
        QJsonObject o;
        putJson(o, "emoji", reaction.emoji);
        putJson(o, "from", reaction.from);
        putJson(o, "at", timestampToJson(reaction.at));
        array.append(o);
    }
    return array;
}

// Latitude and longitude are JSON numbers in a range; anything else is the wrong type or out of range.
double readCoordinate(JsonReader &r, const char *key, double limit)
{
    const QJsonValue value = r.object().value(QLatin1String(key));
    if (!value.isDouble()) {
        r.fail(value.isUndefined() || value.isNull() ? ErrorCode::ValidationFailed : ErrorCode::BadRequest,
               QLatin1String(key), QStringLiteral("%1 must be a number").arg(QLatin1String(key)));
        return 0;
    }
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::abs(number) > limit) {
        r.fail(ErrorCode::ValidationFailed, QLatin1String(key),
               QStringLiteral("%1 must lie between -%2 and %2").arg(QLatin1String(key)).arg(limit));
        return 0;
    }
    return number;
}

} // namespace

void putRichContent(QJsonObject &message, const Message &m)
{
    putJson(message, "media", mediaToJson(m.media));
    putJson(message, "location", locationToJson(m.location));
    putJson(message, "contacts", contactsToJson(m.contacts));
    putJson(message, "interactive", interactiveToJson(m.interactive));
    putJson(message, "reactions", reactionsToJson(m.reactions));
}

void readRichContent(JsonReader &r, Message &m)
{
    if (std::optional<JsonReader> media = r.optionalObject("media")) {
        MediaAttachment a;
        a.id = media->requiredString("id", kAny);
        a.mimeType = media->requiredString("mime_type", kAny);
        a.size = media->optionalInt64("size", 0, kMaxWireInt64).value_or(0);
        a.filename = media->stringOrEmpty("filename");
        a.sha256 = media->stringOrEmpty("sha256");
        a.caption = media->stringOrEmpty("caption");
        a.status = media->requiredEnum("status", mediaStatusFromName, MediaStatus::Pending);
        a.voice = media->optionalBool("voice").value_or(false);
        m.media = a;
    }
    if (std::optional<JsonReader> location = r.optionalObject("location")) {
        Location l;
        l.latitude = readCoordinate(*location, "latitude", 90);
        l.longitude = readCoordinate(*location, "longitude", 180);
        l.name = location->stringOrEmpty("name");
        l.address = location->stringOrEmpty("address");
        m.location = l;
    }
    for (JsonReader c : r.optionalObjectArray("contacts", kMaxCount).value_or(QList<JsonReader>())) {
        SharedContact contact;
        contact.name = c.requiredString("name", kAny, kMayBeEmpty);
        contact.phones = c.optionalStringArray("phones", kMaxCount, kAny).value_or(QStringList());
        m.contacts.append(contact);
    }
    if (std::optional<JsonReader> reply = r.optionalObject("interactive")) {
        InteractiveReply i;
        i.type = reply->requiredString("type", kAny);
        i.id = reply->requiredString("id", kAny, kMayBeEmpty);
        i.title = reply->requiredString("title", kAny, kMayBeEmpty);
        i.description = reply->stringOrEmpty("description");
        m.interactive = i;
    }
    for (JsonReader x : r.optionalObjectArray("reactions", kMaxCount).value_or(QList<JsonReader>())) {
        Reaction reaction;
        reaction.emoji = x.requiredString("emoji", kAny);
        reaction.from = x.requiredString("from", kAny);
        reaction.at = x.requiredTimestamp("at");
        m.reactions.append(reaction);
    }
}

QString richContentToColumn(const Message &m)
{
    if (!m.media && !m.location && m.contacts.isEmpty() && !m.interactive && m.reactions.isEmpty())
        return {};
    QJsonObject o;
    putRichContent(o, m);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<void> richContentFromColumn(const QString &column, Message &m)
{
    if (column.isEmpty())
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(column.toUtf8());
    JsonReader r(document.object());
    readRichContent(r, m);
    if (!document.isObject() || !r.ok())
        return Error::make(ErrorCode::Internal, QStringLiteral("message ") + m.id +
                                                    QStringLiteral(" has unreadable rich content"));
    return {};
}

} // namespace handover
