#pragma once

#include "server/whatsapp/metainbound.h"

#include <QJsonObject>

namespace handover {

// Fills `in` from a customer message of Meta's webhook whose `type` is not text or a quick-reply tap: media
// (image, document, audio, video, sticker), location, contacts, interactive list and button replies,
// reaction, and anything else as unsupported with Meta's error title. Returns false for a message without the
// part its type names, which is skipped.
bool readRichInbound(const QString &type, const QJsonObject &message, MetaInboundMessage &in);

// Meta gives a media file's sha256 in base64 in webhooks and in hex in the media endpoint; both become hex.
QString sha256Hex(const QString &metaSha256);

} // namespace handover
