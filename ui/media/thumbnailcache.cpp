#include "ui/media/thumbnailcache.h"

#include "client/apiclient.h"
#include "client/mediacache.h"
#include "ui/media/imagedecoding.h"

#include <QMetaObject>

namespace handover {

namespace {

// Decoded pictures are needed only to make scaled ones; the scaled ones are what scrolling paints.
constexpr int kPicturesLimitKiB = 32 * 1024;
constexpr int kScaledLimitKiB = 96 * 1024;
const QSize kPictureLimit(media::kThumbnailEdge, media::kThumbnailEdge);

int costKiB(const QImage &image)
{
    return std::max(1, int(image.sizeInBytes() / 1024));
}

// A sticker is small (WhatsApp takes 500 KB) and transparent: its own file is its picture.
bool wantsOriginal(const MediaAttachment &media)
{
    return media.mimeType == QLatin1String("image/webp");
}

QString scaledKey(const QString &key, const QSize &size, qreal ratio)
{
    return key + QStringLiteral("@%1x%2x%3").arg(size.width()).arg(size.height()).arg(ratio);
}

} // namespace

ThumbnailCache::Fetch ThumbnailCache::fetchFrom(client::ApiClient &api)
{
    return [&api](const MediaAttachment &media, bool original, const QObject *context,
                  std::function<void(std::optional<QByteArray>)> done) {
        api.mediaBytes(media.id, original ? client::MediaVariant::Original : client::MediaVariant::Thumbnail,
                       context, [done = std::move(done)](client::ApiResult<QByteArray> bytes) {
                           done(bytes ? std::optional<QByteArray>(*bytes) : std::nullopt);
                       });
    };
}

ThumbnailCache::ThumbnailCache(Fetch fetch, const client::MediaCache *disk, QObject *parent)
    : QObject(parent)
    , m_fetch(std::move(fetch))
    , m_disk(disk)
{
    m_pool.setMaxThreadCount(2);
    m_pictures.setMaxCost(kPicturesLimitKiB);
    m_scaled.setMaxCost(kScaledLimitKiB);
}

ThumbnailCache::~ThumbnailCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void ThumbnailCache::setMemoryLimitsKiB(int pictures, int scaled)
{
    m_pictures.setMaxCost(pictures);
    m_scaled.setMaxCost(scaled);
}

ThumbnailCache::State ThumbnailCache::state(const MediaAttachment &media)
{
    if (media.status == MediaStatus::Failed)
        return State::Failed;
    if (media.status != MediaStatus::Ready || media.id.isEmpty())
        return State::Loading;
    const QString key = client::MediaCache::keyOf(media);
    if (m_pictures.contains(key))
        return State::Ready;
    if (m_failed.contains(key))
        return State::Failed;
    if (!m_loading.contains(key))
        load(media, key);
    return State::Loading;
}

QSize ThumbnailCache::pictureSize(const MediaAttachment &media) const
{
    return m_sizes.value(client::MediaCache::keyOf(media));
}

QPixmap ThumbnailCache::pixmap(const MediaAttachment &media, const QSize &size, qreal devicePixelRatio)
{
    const QString key = client::MediaCache::keyOf(media);
    const QString sized = scaledKey(key, size, devicePixelRatio);
    if (const QPixmap *made = m_scaled.object(sized))
        return *made;
    const QImage *picture = m_pictures.object(key);
    if (!picture)
        return {};
    const QSize device(qRound(size.width() * devicePixelRatio), qRound(size.height() * devicePixelRatio));
    const QImage covered = media::coverImage(*picture, device);
    auto *made = new QPixmap(QPixmap::fromImage(covered));
    made->setDevicePixelRatio(devicePixelRatio);
    const QPixmap copy = *made;
    m_scaled.insert(sized, made, costKiB(covered));
    return copy;
}

void ThumbnailCache::retry(const MediaAttachment &media)
{
    const QString key = client::MediaCache::keyOf(media);
    if (m_failed.remove(key))
        state(media);
}

void ThumbnailCache::load(const MediaAttachment &media, const QString &key)
{
    m_loading.insert(key);
    const QString thumbnail = m_disk ? m_disk->thumbnailPath(media) : QString();
    const QString original = m_disk ? m_disk->filePath(media) : QString();
    m_pool.start([this, media, key, thumbnail, original] {
        QImage image = media::decodeImageFile(thumbnail, kPictureLimit);
        if (image.isNull())
            image = media::decodeImageFile(original, kPictureLimit);
        QMetaObject::invokeMethod(
            this, [this, media, key, image] { loadedFromDisk(media, key, image); }, Qt::QueuedConnection);
    });
}

void ThumbnailCache::loadedFromDisk(const MediaAttachment &media, const QString &key, const QImage &image)
{
    if (!image.isNull()) {
        fetched(key, image);
        return;
    }
    const bool original = wantsOriginal(media);
    const QString target = !m_disk    ? QString()
                           : original ? m_disk->filePath(media)
                                      : m_disk->thumbnailPath(media);
    m_fetch(media, original, this, [this, key, target](std::optional<QByteArray> bytes) {
        if (!bytes) {
            fetched(key, {});
            return;
        }
        m_pool.start([this, key, target, bytes = *bytes] {
            const QImage decoded = media::decodeImage(bytes, kPictureLimit);
            if (!decoded.isNull() && !target.isEmpty())
                media::writeFileAtomically(target, bytes);
            QMetaObject::invokeMethod(
                this, [this, key, decoded] { fetched(key, decoded); }, Qt::QueuedConnection);
        });
    });
}

void ThumbnailCache::fetched(const QString &key, const QImage &image)
{
    m_loading.remove(key);
    if (image.isNull()) {
        m_failed.insert(key);
    } else {
        const bool learned = !m_sizes.contains(key);
        m_sizes.insert(key, image.size());
        m_pictures.insert(key, new QImage(image), costKiB(image));
        if (learned)
            Q_EMIT pictureSizeLearned(key);
    }
    Q_EMIT thumbnailChanged(key);
}

} // namespace handover
