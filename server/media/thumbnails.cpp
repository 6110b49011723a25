#include "server/media/thumbnails.h"

#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QSaveFile>

namespace handover {

Result<QString> thumbnailOf(const QString &sourcePath, const QString &targetPath)
{
    if (QFile::exists(targetPath))
        return targetPath;
    QImageReader reader(sourcePath);
    reader.setAutoTransform(true); // photos from phones carry their orientation in EXIF
    const QSize size = reader.size();
    if (!size.isValid())
        return Error::make(ErrorCode::ValidationFailed, QStringLiteral("The file is not an image."));
    if (size.width() > kThumbnailEdge || size.height() > kThumbnailEdge)
        reader.setScaledSize(size.scaled(kThumbnailEdge, kThumbnailEdge, Qt::KeepAspectRatio));
    const QImage image = reader.read();
    if (image.isNull())
        return Error::make(ErrorCode::ValidationFailed,
                           QStringLiteral("The image cannot be read: %1").arg(reader.errorString()));
    QSaveFile file(targetPath);
    if (!file.open(QIODevice::WriteOnly) ||
        !image.convertToFormat(QImage::Format_RGB32).save(&file, "JPEG", 82) || !file.commit()) {
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("Cannot write the thumbnail %1.").arg(targetPath));
    }
    return targetPath;
}

} // namespace handover
