#pragma once

#include <QImage>
#include <QString>

namespace handover::media {

// The longest edge of a thumbnail, as the server makes them (docs/media.md).
inline constexpr int kThumbnailEdge = 320;

// Decoding for the conversation's pictures. These run on worker threads (QImage is safe there), never on the
// GUI thread: a photo of a few megabytes takes long enough to drop frames.

// The image in `bytes` (or the file at `path`), turned as its EXIF says, scaled down to fit `maxSize` when
// larger (JPEG decodes at the reduced size directly), in a format that paints without conversion: RGB32, or
// premultiplied ARGB32 when it has transparency. Null when it is no image this Qt can read.
QImage decodeImage(const QByteArray &bytes, const QSize &maxSize = {});
QImage decodeImageFile(const QString &path, const QSize &maxSize = {});

// Writes `bytes` to `path` whole or not at all (its folder is made); false when it could not.
bool writeFileAtomically(const QString &path, const QByteArray &bytes);

// The part of `image` that fills `box` (device pixels) when scaled to cover it, centred, in the image's own
// format (opaque images stay opaque, so painting them is a copy). What a bubble paints, made once per size.
QImage coverImage(const QImage &image, const QSize &box);

} // namespace handover::media
