#pragma once

#include "core/domain/message.h"

#include <QCoreApplication>
#include <QString>

namespace handover {

// The words the console uses for messages that are not plain text (photos, files, places, contacts, list
// replies), in the agent's language. The server sends such a message's preview without its kind in words
// (a caption, a file name, a place's name: `messagePreview()`), so each language can say "Photo" its way.
class MessageWording
{
    Q_DECLARE_TR_FUNCTIONS(MessageWording)

public:
    // The chatroom list's preview of the newest message: "📷 Photo", "📷 The box arrived like this",
    // "📄 invoice.pdf", "🎤 Voice message", "📍 Location"; text and templates as they are.
    static QString listPreview(MessageKind kind, const QString &preview);
    // What the customer did, for a notification: "Sent a photo", "Sent a document: invoice.pdf", "Shared a
    // location: Harbour Café"; text as it is.
    static QString arrival(MessageKind kind, const QString &text);
    // The kind alone ("Photo", "Document", "Location"), for spoken text and placeholders; empty for text.
    static QString kindName(MessageKind kind);
    // The emoji that stands for a kind in previews; empty for text.
    static QString kindIcon(MessageKind kind);
    // "1.2 MB", "340 KB" in the user's locale.
    static QString fileSize(qint64 bytes);
};

} // namespace handover
