#include "client/mediadownloads.h"

#include "client/apiclient.h"

#include <QTimer>

namespace handover::client {

MediaDownloads::MediaDownloads(ApiClient &api, const MediaCache &cache, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_cache(cache)
{}

MediaDownloads::~MediaDownloads() = default;

void MediaDownloads::download(const MediaAttachment &media)
{
    DownloadState &state = m_states[media.id];
    if (state.phase == DownloadState::Phase::Running)
        return;
    state = DownloadState{DownloadState::Phase::Running, 0, media.size > 0 ? media.size : -1, {}, {}};
    const QString mediaId = media.id;
    if (const QString onDisk = m_cache.existingFile(media); !onDisk.isEmpty()) {
        QTimer::singleShot(0, this, [this, mediaId, onDisk] { finish(mediaId, onDisk); });
        return;
    }
    m_api.downloadMedia(
        mediaId, m_cache.filePath(media), this,
        [this, mediaId](qint64 received, qint64 total) {
            DownloadState &running = m_states[mediaId];
            running.received = received;
            if (total > 0)
                running.total = total;
            Q_EMIT progressed(mediaId);
        },
        [this, mediaId](ApiResult<QString> path) { finish(mediaId, path); });
}

void MediaDownloads::finish(const QString &mediaId, const ApiResult<QString> &result)
{
    DownloadState &state = m_states[mediaId];
    if (!result) {
        state.phase = DownloadState::Phase::Failed;
        state.error = result.error();
        Q_EMIT failed(mediaId, state.error);
        return;
    }
    state.phase = DownloadState::Phase::Done;
    state.path = *result;
    if (state.total > 0)
        state.received = state.total;
    Q_EMIT finished(mediaId, state.path);
}

} // namespace handover::client
