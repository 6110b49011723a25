#include "ui/media/mediaviewer.h"

#include "client/mediadownloads.h"
#include "ui/common/messagewording.h"
#include "ui/media/imagedecoding.h"
#include "ui/media/thumbnailcache.h"

#include <QGuiApplication>
#include <QPainter>
#include <QScreen>

namespace handover {

namespace {

const QColor kGround(0x12, 0x12, 0x12);
const QColor kWords(0xe8, 0xe8, 0xe8);

} // namespace

MediaViewer::MediaViewer(const MediaAttachment &media, client::MediaDownloads &downloads,
                         ThumbnailCache *thumbnails, QWidget *parent)
    : QDialog(parent)
    , m_media(media)
    , m_thumbnails(thumbnails)
{
    setObjectName(QStringLiteral("mediaViewer"));
    setWindowTitle(media.filename.isEmpty() ? MessageWording::kindName(MessageKind::Image) : media.filename);
    setAccessibleName(tr("Photo viewer"));
    setAccessibleDescription(media.caption);
    m_decoding.setMaxThreadCount(1);
    const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const QSize available = screen ? screen->availableSize() : QSize(1280, 800);
    resize(available * 3 / 4);
    connect(&downloads, &client::MediaDownloads::finished, this, &MediaViewer::downloaded);
    connect(&downloads, &client::MediaDownloads::failed, this, &MediaViewer::failed);
    const client::DownloadState state = downloads.state(media.id);
    if (state.phase == client::DownloadState::Phase::Done)
        downloaded(media.id, state.path);
    else
        downloads.download(media);
}

MediaViewer::~MediaViewer()
{
    m_decoding.clear();
    m_decoding.waitForDone();
}

void MediaViewer::downloaded(const QString &mediaId, const QString &path)
{
    if (mediaId != m_media.id)
        return;
    const QScreen *screen = this->screen();
    const QSize largest = screen ? screen->size() * screen->devicePixelRatio() : QSize(3840, 2160);
    m_decoding.start([this, path, largest] {
        const QImage image = media::decodeImageFile(path, largest);
        QMetaObject::invokeMethod(
            this, [this, image] { decoded(image); }, Qt::QueuedConnection);
    });
}

void MediaViewer::failed(const QString &mediaId, const client::ApiError &)
{
    if (mediaId != m_media.id)
        return;
    m_problem = tr("The photo could not be downloaded.");
    update();
}

void MediaViewer::decoded(const QImage &image)
{
    if (image.isNull()) {
        m_problem = tr("The photo could not be read.");
        update();
        return;
    }
    m_picture = image;
    m_scaled = QPixmap();
    update();
    Q_EMIT fullPictureShown();
}

QSize MediaViewer::naturalSize() const
{
    if (!m_picture.isNull())
        return m_picture.size() / std::max(1.0, devicePixelRatioF());
    return m_thumbnails ? m_thumbnails->pictureSize(m_media) : QSize();
}

QRect MediaViewer::pictureRect() const
{
    const int captionHeight = m_media.caption.isEmpty() ? 0 : fontMetrics().lineSpacing() * 3;
    const QRect room = rect().adjusted(8, 8, -8, -8 - captionHeight);
    QSize size = naturalSize();
    if (!size.isValid() || size.isEmpty())
        return {};
    // As large as the room lets it be; a thumbnail is stretched to where the photo will be.
    if (m_picture.isNull() || size.width() > room.width() || size.height() > room.height())
        size = size.scaled(room.size(), Qt::KeepAspectRatio);
    return QRect(QPoint(room.center().x() - size.width() / 2, room.center().y() - size.height() / 2), size);
}

void MediaViewer::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), kGround);
    const QRect target = pictureRect();
    const qreal ratio = devicePixelRatioF();
    if (!m_picture.isNull() && !target.isEmpty()) {
        const QSize device = target.size() * ratio;
        if (m_scaled.size() != device) {
            m_scaled =
                QPixmap::fromImage(m_picture.scaled(device, Qt::KeepAspectRatio, Qt::SmoothTransformation));
            m_scaled.setDevicePixelRatio(ratio);
        }
        painter.drawPixmap(target.topLeft(), m_scaled);
    } else if (m_thumbnails && !target.isEmpty()) {
        painter.drawPixmap(target.topLeft(), m_thumbnails->pixmap(m_media, target.size(), ratio));
    }
    painter.setPen(kWords);
    if (!m_media.caption.isEmpty()) {
        const QRect caption(8, target.isEmpty() ? height() / 2 : target.bottom() + 8, width() - 16,
                            fontMetrics().lineSpacing() * 3);
        painter.drawText(caption, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_media.caption);
    }
    const QString state = !m_problem.isEmpty() ? m_problem
                          : m_picture.isNull() ? tr("Loading the photo\u2026")
                                               : QString();
    if (!state.isEmpty())
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignHCenter | Qt::AlignBottom, state);
}

} // namespace handover
