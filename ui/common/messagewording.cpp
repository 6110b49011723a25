#include "ui/common/messagewording.h"

#include <QLocale>

namespace handover {

QString MessageWording::kindName(MessageKind kind)
{
    switch (kind) {
    case MessageKind::Image:
        return tr("Photo");
    case MessageKind::Document:
        return tr("Document");
    case MessageKind::Audio:
        return tr("Audio");
    case MessageKind::Video:
        return tr("Video");
    case MessageKind::Sticker:
        return tr("Sticker");
    case MessageKind::Location:
        return tr("Location");
    case MessageKind::Contacts:
        return tr("Contact");
    case MessageKind::Interactive:
        return tr("List reply");
    case MessageKind::Unsupported:
        return tr("Unsupported message");
    default: // text, templates, taps and notes are words already
        break;
    }
    return {};
}

QString MessageWording::kindIcon(MessageKind kind)
{
    switch (kind) {
    case MessageKind::Image:
        return QStringLiteral("\U0001F4F7"); // camera
    case MessageKind::Document:
        return QStringLiteral("\U0001F4C4"); // page
    case MessageKind::Audio:
        return QStringLiteral("\U0001F3A4"); // microphone
    case MessageKind::Video:
        return QStringLiteral("\U0001F3AC"); // clapper board
    case MessageKind::Sticker:
        return QStringLiteral("\U0001F5BC\uFE0F"); // framed picture
    case MessageKind::Location:
        return QStringLiteral("\U0001F4CD"); // pin
    case MessageKind::Contacts:
        return QStringLiteral("\U0001F464"); // bust
    case MessageKind::Interactive:
        return QStringLiteral("\u2611\uFE0F"); // ballot box with check
    case MessageKind::Unsupported:
        return QStringLiteral("\u26A0\uFE0F"); // warning sign
    default:                                   // text, templates, taps and notes are words already
        break;
    }
    return {};
}

QString MessageWording::listPreview(MessageKind kind, const QString &preview)
{
    const QString icon = kindIcon(kind);
    if (icon.isEmpty())
        return preview;
    QString words = preview;
    if (kind == MessageKind::Audio && preview.isEmpty())
        words = tr("Voice message"); // voice notes have neither caption nor file name
    else if (kind == MessageKind::Unsupported || kind == MessageKind::Sticker || words.isEmpty())
        words = kindName(kind); // Meta's error title is for the conversation, not the list
    return icon + u' ' + words;
}

QString MessageWording::arrival(MessageKind kind, const QString &text)
{
    const bool bare = text.isEmpty();
    switch (kind) {
    case MessageKind::Image:
        return bare ? tr("Sent a photo") : tr("Sent a photo: %1").arg(text);
    case MessageKind::Document:
        return bare ? tr("Sent a document") : tr("Sent a document: %1").arg(text);
    case MessageKind::Audio:
        return bare ? tr("Sent a voice message") : tr("Sent an audio file: %1").arg(text);
    case MessageKind::Video:
        return bare ? tr("Sent a video") : tr("Sent a video: %1").arg(text);
    case MessageKind::Sticker:
        return tr("Sent a sticker");
    case MessageKind::Location:
        return bare ? tr("Shared a location") : tr("Shared a location: %1").arg(text);
    case MessageKind::Contacts:
        return bare ? tr("Shared a contact") : tr("Shared a contact: %1").arg(text);
    case MessageKind::Interactive:
        return tr("Chose \u201c%1\u201d").arg(text);
    case MessageKind::Unsupported:
        return tr("Sent a message that cannot be shown here");
    default: // text, templates, taps and notes are words already
        break;
    }
    return text;
}

QString MessageWording::fileSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace handover
