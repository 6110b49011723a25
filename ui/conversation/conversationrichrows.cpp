// ConversationModel's rows of rich messages: their roles, their words for assistive technology, and the
// rows of media the user is sending.
#include "ui/common/messagewording.h"
#include "ui/conversation/conversationmodel.h"

#include <QJsonObject>
#include <QStringList>

namespace handover {

QVariant ConversationModel::richData(const Message &message, int role)
{
    switch (role) {
    case MediaRole:
        return message.media ? QVariant::fromValue(*message.media) : QVariant();
    case LocationRole:
        return message.location ? QVariant::fromValue(*message.location) : QVariant();
    case ContactsRole:
        return message.contacts.isEmpty() ? QVariant() : QVariant::fromValue(message.contacts);
    case InteractiveRole:
        return message.interactive ? QVariant::fromValue(*message.interactive) : QVariant();
    case ReactionsRole:
        return message.reactions.isEmpty() ? QVariant() : QVariant::fromValue(message.reactions);
    default:
        return {};
    }
}

QString ConversationModel::spokenText(const Message &message) const
{
    const QString kind = MessageWording::kindName(message.kind);
    QStringList parts;
    if (message.media) {
        if (message.kind == MessageKind::Document || message.kind == MessageKind::Video ||
            (message.kind == MessageKind::Audio && !message.media->voice))
            parts.append(message.media->filename);
        if (message.kind == MessageKind::Audio && message.media->voice)
            parts.append(MessageWording::tr("Voice message"));
        if (message.media->status == MediaStatus::Failed)
            parts.append(tr("could not be fetched from WhatsApp"));
    }
    if (message.location)
        parts << message.location->name << message.location->address;
    for (const SharedContact &contact : message.contacts)
        parts << contact.name << contact.phones.join(QStringLiteral(", "));
    if (message.interactive)
        parts << message.interactive->title << message.interactive->description;
    parts.append(displayText(message));
    parts.removeAll(QString());
    QString spoken = parts.join(QStringLiteral(", "));
    if (!kind.isEmpty())
        spoken = spoken.isEmpty() ? kind : tr("%1: %2").arg(kind, spoken);
    for (const Reaction &reaction : message.reactions)
        spoken += u' ' + reaction.emoji;
    return spoken;
}

void ConversationModel::noteUpload(const MediaAttachment &upload)
{
    m_uploads.insert(upload.id, upload);
}

void ConversationModel::sentMedia(const QJsonObject &payload, Message &message) const
{
    message.kind =
        messageKindFromName(payload.value(QLatin1String("type")).toString()).value_or(MessageKind::Document);
    message.text = payload.value(QLatin1String("caption")).toString();
    const QString mediaId = payload.value(QLatin1String("media_id")).toString();
    MediaAttachment media = m_uploads.value(mediaId);
    media.id = mediaId;
    media.caption = message.text;
    // Ready on the server, but a member may fetch it only once it is a message of the chatroom: the bubble
    // shows it as on its way until the server's message replaces this row.
    media.status = MediaStatus::Pending;
    message.media = media;
}

} // namespace handover
