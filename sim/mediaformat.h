#pragma once

// Meta's media rules and formats, as pure functions: which MIME types each kind of media message takes and
// how large it may be
// (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types), the media
// node GET /{media-id} answers, the media object of a messages webhook, and the media object of a send
// request, checked as the Graph API checks it.

#include "sim/metaformat.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <optional>

namespace handover::sim {

inline constexpr int kMaxMediaCaptionLength = 1024;

// image, document, audio, video, sticker: the kinds of media message.
bool isMediaKind(const QString &kind);
// A MIME type without parameters, in lower case: "audio/ogg; codecs=opus" -> "audio/ogg".
QString baseMimeType(const QString &mimeType);
// The kind an upload of this MIME type is filed under, or an empty string when Meta takes no such upload.
QString uploadKindOf(const QString &mimeType);
// Whether a message of `kind` can carry media of this MIME type: images JPEG or PNG, stickers WebP, audio and
// video their own types, documents any type Meta takes.
bool kindTakesMimeType(const QString &kind, const QString &mimeType);
// Meta's size limit for media of `kind`, in bytes (MB read as MiB); 0 for an unknown kind. Stickers are held
// to the animated sticker's 500 KB.
qint64 maxMediaBytes(const QString &kind);
// "image/jpeg, image/png, ..." for error messages.
QString supportedMimeTypesText();

// A media asset as the simulator holds it.
struct MediaAsset
{
    QString id;
    QString phoneNumberId; // the business phone it belongs to
    QString mimeType;
    QString filename;
    QByteArray bytes;
    QByteArray sha256; // the raw digest of bytes
    QDateTime createdAt;
};

// GET /{media-id}: {"messaging_product":"whatsapp","url","mime_type","sha256" (64 hex digits),"file_size" (a
// decimal string, as Meta's OpenAPI example writes it),"id"}.
QJsonObject mediaNodeJson(const MediaAsset &asset, const QUrl &downloadUrl);

// The <kind> object of an inbound messages webhook: {"id","mime_type","sha256" (base64, as Meta's webhook
// examples write it)}, with caption (image, video, document), filename (document), voice (audio) and animated
// (sticker).
struct InboundMedia;
QJsonObject inboundMediaJson(const InboundMedia &media);

// Reads the media object of a send request of type image, document, audio, video or sticker into
// message.media: exactly one of id or link, a caption only where Meta allows one (at most 1024 characters), a
// filename only for documents. Whether the id exists is for the caller to check.
std::optional<MetaError> parseOutboundMedia(const QJsonObject &request, OutboundMessage &message);
// A header parameter {"type":"image","image":{"id"|"link"}} of a template, read the same way (no caption).
std::optional<MetaError> parseHeaderMedia(const QJsonObject &parameter, const QString &path,
                                          OutboundMedia &media);

// What the Graph API answers for a media id the token cannot use, or of the wrong kind, in a send request.
MetaError invalidMediaReference(const QString &path, const QString &details);

} // namespace handover::sim
