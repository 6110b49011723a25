#pragma once

#include "client/apierror.h"
#include "client/mediacache.h"

#include <QHash>
#include <QObject>

namespace handover::client {

class ApiClient;

// How far the download of one media file has got.
struct DownloadState
{
    enum class Phase
    {
        Idle,    // not asked for in this session (it may still be on disk: MediaCache::existingFile)
        Running, // `received` of `total` bytes (-1 while unknown)
        Done,    // whole, at `path`
        Failed,  // `error` says why; download() tries again
    };
    Phase phase = Phase::Idle;
    qint64 received = 0;
    qint64 total = -1;
    QString path;
    ApiError error;
};

// The files a user downloads from the conversation (documents, audio, video, photos for the viewer), each
// once at a time, into the MediaCache's folder. The UI shows their progress from state() and opens a file
// on finished().
class MediaDownloads : public QObject
{
    Q_OBJECT

public:
    // `api` and `cache` must outlive this.
    MediaDownloads(ApiClient &api, const MediaCache &cache, QObject *parent = nullptr);
    ~MediaDownloads() override;

    const MediaCache &cache() const { return m_cache; }
    // Starts the download of `media` unless it is running. A file already on disk is Done at once (finished()
    // follows from the event loop, like any other).
    void download(const MediaAttachment &media);
    DownloadState state(const QString &mediaId) const { return m_states.value(mediaId); }

Q_SIGNALS:
    void progressed(const QString &mediaId);
    void finished(const QString &mediaId, const QString &path);
    void failed(const QString &mediaId, const handover::client::ApiError &error);

private:
    void finish(const QString &mediaId, const ApiResult<QString> &result);

    ApiClient &m_api;
    const MediaCache &m_cache;
    QHash<QString, DownloadState> m_states; // by media id
};

} // namespace handover::client
