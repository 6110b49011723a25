#pragma once

#include "ui/media/thumbnailcache.h"

#include <QBuffer>
#include <QColor>
#include <QHash>
#include <QImage>
#include <QTimer>

namespace handover::testing {

// The JPEG file of `image`.
inline QByteArray jpegBytes(const QImage &image, int quality = 90)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", quality);
    return bytes;
}

// A real JPEG, its left half `left` and its right half `right`: a painted thumbnail shows where it went.
inline QByteArray twoColourJpeg(const QSize &size, const QColor &left, const QColor &right)
{
    QImage image(size, QImage::Format_RGB32);
    for (int x = 0; x < size.width(); ++x)
        for (int y = 0; y < size.height(); ++y)
            image.setPixelColor(x, y, x < size.width() / 2 ? left : right);
    return jpegBytes(image, 95);
}

// The same colour after JPEG and scaling have had their way with it.
inline bool nearColour(const QColor &a, const QColor &b, int tolerance = 40)
{
    return std::abs(a.red() - b.red()) < tolerance && std::abs(a.green() - b.green()) < tolerance &&
           std::abs(a.blue() - b.blue()) < tolerance;
}

// Plays the server's GET media for a ThumbnailCache: pictures by media id, answered from the event loop (or
// at once), counted.
class FakeMediaServer
{
public:
    QHash<QString, QByteArray> pictures;
    int fetches = 0;
    bool answerAtOnce = false;

    ThumbnailCache::Fetch fetch()
    {
        return [this](const MediaAttachment &media, bool, const QObject *context,
                      std::function<void(std::optional<QByteArray>)> done) {
            ++fetches;
            const std::optional<QByteArray> bytes = pictures.contains(media.id)
                                                        ? std::optional<QByteArray>(pictures.value(media.id))
                                                        : std::nullopt;
            if (answerAtOnce)
                done(bytes);
            else
                QTimer::singleShot(1, context, [done, bytes] { done(bytes); });
        };
    }
};

} // namespace handover::testing
