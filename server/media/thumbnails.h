#pragma once

#include "core/result.h"

#include <QString>

namespace handover {

inline constexpr int kThumbnailEdge = 320;

// A JPEG of the image file at `sourcePath` whose longer edge is at most kThumbnailEdge, written to
// `targetPath` once and reused after. The image is decoded at the reduced size where the format allows
// (JPEG), so a large photo costs little. Not an image Qt can read: ValidationFailed.
Result<QString> thumbnailOf(const QString &sourcePath, const QString &targetPath);

} // namespace handover
