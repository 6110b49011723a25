#include "ui/media/imagedecoding.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QSaveFile>

namespace handover::media {

namespace {

QImage readFrom(QImageReader &reader, const QSize &maxSize)
{
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    // The scaled size is of the stored image, which EXIF may turn by 90 degrees afterwards.
    const bool turned = reader.transformation() & QImageIOHandler::TransformationRotate90;
    const QSize limit = turned ? maxSize.transposed() : maxSize;
    if (limit.isValid() && size.isValid() && (size.width() > limit.width() || size.height() > limit.height()))
        reader.setScaledSize(size.scaled(limit, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
    QImage image = reader.read();
    if (image.isNull())
        return {};
    return image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied
                                                         : QImage::Format_RGB32);
}

} // namespace

QImage decodeImage(const QByteArray &bytes, const QSize &maxSize)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return readFrom(reader, maxSize);
}

QImage decodeImageFile(const QString &path, const QSize &maxSize)
{
    if (path.isEmpty() || !QFileInfo::exists(path))
        return {};
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true); // a name says little about what a customer sent
    return readFrom(reader, maxSize);
}

bool writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
}

QImage coverImage(const QImage &image, const QSize &box)
{
    if (image.isNull() || box.isEmpty())
        return {};
    const QSize scaled = image.size().scaled(box, Qt::KeepAspectRatioByExpanding);
    const QImage fitted = image.scaled(scaled, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return fitted.copy(
        QRect(QPoint((scaled.width() - box.width()) / 2, (scaled.height() - box.height()) / 2), box));
}

} // namespace handover::media
