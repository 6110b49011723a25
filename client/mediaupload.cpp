#include "client/mediaupload.h"

#include "client/apiclient.h"

#include <QFileInfo>
#include <QMimeDatabase>
#include <chrono>

namespace handover::client {

namespace {

bool oneOf(const QString &mimeType, std::initializer_list<const char *> types)
{
    for (const char *type : types) {
        if (mimeType == QLatin1String(type))
            return true;
    }
    return false;
}

} // namespace

MessageKind mediaKindFor(const QString &mimeType)
{
    // Meta's supported media types for each message type (Cloud API, "Supported media types").
    if (oneOf(mimeType, {"image/jpeg", "image/png"}))
        return MessageKind::Image;
    if (oneOf(mimeType, {"audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"}))
        return MessageKind::Audio;
    if (oneOf(mimeType, {"video/mp4", "video/3gpp"}))
        return MessageKind::Video;
    return MessageKind::Document;
}

Attachment Attachment::fromFile(const QString &path)
{
    Attachment attachment;
    const QFileInfo info(path);
    attachment.path = info.absoluteFilePath();
    attachment.fileName = info.fileName();
    if (!info.isFile() || !info.isReadable()) {
        attachment.problem = Problem::Unreadable;
        return attachment;
    }
    attachment.size = info.size();
    attachment.mimeType = QMimeDatabase().mimeTypeForFile(info).name();
    attachment.kind = mediaKindFor(attachment.mimeType);
    attachment.limit = maxUploadBytes(attachment.mimeType);
    if (attachment.size == 0)
        attachment.problem = Problem::Empty;
    else if (attachment.size > attachment.limit)
        attachment.problem = Problem::TooLarge;
    return attachment;
}

MediaUpload::MediaUpload(ApiClient &api, Attachment attachment, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_attachment(std::move(attachment))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &MediaUpload::attempt);
}

MediaUpload::~MediaUpload() = default;

void MediaUpload::start()
{
    if (m_running || m_result)
        return;
    m_running = true;
    m_attempts = 0;
    attempt();
}

void MediaUpload::attempt()
{
    ++m_attempts;
    m_sent = 0;
    m_api.uploadMedia(
        m_attachment.path, m_attachment.mimeType, m_attachment.fileName, this,
        [this](qint64 sent, qint64 total) {
            m_sent = sent;
            Q_EMIT progressed(sent, total > 0 ? total : m_attachment.size);
        },
        [this](ApiResult<UploadedMedia> answer) { answered(answer); });
}

void MediaUpload::answered(const ApiResult<UploadedMedia> &answer)
{
    if (answer) {
        m_running = false;
        m_result = *answer;
        Q_EMIT uploaded(*answer);
        return;
    }
    const ApiError &error = answer.error();
    const bool busy = error.kind == ApiError::Kind::Http && error.httpStatus == 503;
    if ((busy || error.kind == ApiError::Kind::Network) && m_attempts < kAttempts) {
        const int seconds = error.retryAfterSecs > 0 ? error.retryAfterSecs : m_attempts;
        m_retry.start(std::chrono::seconds(seconds));
        return;
    }
    m_running = false;
    Q_EMIT failed(error);
}

} // namespace handover::client
