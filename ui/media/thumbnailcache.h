#pragma once

#include "core/domain/message.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QThreadPool>
#include <functional>
#include <optional>

namespace handover {

namespace client {
class ApiClient;
class MediaCache;
} // namespace client

// The pictures of the conversation's images and stickers, for the bubbles to paint. A picture is looked for,
// in this order: in memory; on disk in the MediaCache (the server's thumbnail, or the whole file when it is
// there, as after the viewer showed it); then fetched from the server (GET media/{id}?variant=thumb, or the
// file itself for a sticker, whose transparency a JPEG thumbnail would lose) and kept on disk. Reading files,
// decoding and writing run on a thread pool of the cache's own, never on the GUI thread; the answer comes
// back to the GUI thread and thumbnailChanged() says which picture is ready (or failed).
//
// Painting asks state() and, when ready, pixmap() at the size it paints: the picture is scaled (and its
// corners rounded) once per size and kept, so scrolling only copies pixels.
class ThumbnailCache : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Loading, // on its way (or not asked for yet)
        Ready,
        Failed, // the server has no picture for it, or it cannot be read; retry() asks again
    };

    // Fetches the bytes of a picture: the thumbnail of `media`, or the whole file when `original`. Answers
    // through `done` in the GUI thread, nullopt when there is none, unless `context` is gone.
    using Fetch = std::function<void(const MediaAttachment &media, bool original, const QObject *context,
                                     std::function<void(std::optional<QByteArray>)> done)>;
    // What the session's ApiClient fetches (GET media/{id}, with the session's token).
    static Fetch fetchFrom(client::ApiClient &api);

    // `disk` may be null (nothing kept on disk); it must outlive the cache.
    ThumbnailCache(Fetch fetch, const client::MediaCache *disk, QObject *parent = nullptr);
    // Waits for the decoding that is running: its answers would have nowhere to go.
    ~ThumbnailCache() override;

    // The picture's state; loading starts on the first ask (for ready media only: pending media has no
    // picture yet, failed media never will).
    State state(const MediaAttachment &media);
    // The picture's size in pixels once it has been decoded in this session (kept when the picture itself
    // leaves memory), else invalid: bubbles take their shape from it.
    QSize pictureSize(const MediaAttachment &media) const;
    // The picture covering `size` (logical pixels, at `devicePixelRatio`); null unless Ready.
    QPixmap pixmap(const MediaAttachment &media, const QSize &size, qreal devicePixelRatio);
    // A failed picture is asked for again.
    void retry(const MediaAttachment &media);

    // Memory held by decoded pictures and by scaled ones, in KiB (defaults 32 MiB, some 100 thumbnails, and
    // 96 MiB, some 400 photos painted at 1x or 100 at 2x).
    void setMemoryLimitsKiB(int pictures, int scaled);
    // Decoding tasks running or waiting, for tests and benchmarks.
    int decodingInProgress() const { return m_pool.activeThreadCount(); }

Q_SIGNALS:
    // The picture of `key` (MediaCache::keyOf) became ready or failed.
    void thumbnailChanged(const QString &key);
    // A picture's size became known for the first time this session (pictureSize()): bubbles take its shape.
    void pictureSizeLearned(const QString &key);

private:
    void load(const MediaAttachment &media, const QString &key);
    void loadedFromDisk(const MediaAttachment &media, const QString &key, const QImage &image);
    void fetched(const QString &key, const QImage &image);

    Fetch m_fetch;
    const client::MediaCache *m_disk = nullptr;
    QThreadPool m_pool;
    QCache<QString, QImage> m_pictures; // by key; cost in KiB
    QCache<QString, QPixmap> m_scaled;  // by key and size; cost in KiB
    QHash<QString, QSize> m_sizes;      // every picture decoded this session
    QSet<QString> m_loading;
    QSet<QString> m_failed;
};

} // namespace handover
