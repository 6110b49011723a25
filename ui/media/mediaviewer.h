#pragma once

#include "core/domain/message.h"

#include <QDialog>
#include <QImage>
#include <QPixmap>
#include <QThreadPool>

namespace handover {

class ThumbnailCache;
namespace client {
class MediaDownloads;
struct ApiError;
} // namespace client

// A photo on its own, as large as the window lets it be (never larger than it is), on a dark ground with its
// caption under it. It shows the thumbnail at once, downloads the file (MediaDownloads, so it is kept on disk
// like any download), decodes it off the GUI thread at the screen's size at most, and then shows it. Esc
// closes it.
class MediaViewer final : public QDialog
{
    Q_OBJECT

public:
    // `downloads` and `thumbnails` (may be null) must outlive the viewer.
    MediaViewer(const MediaAttachment &media, client::MediaDownloads &downloads, ThumbnailCache *thumbnails,
                QWidget *parent = nullptr);
    ~MediaViewer() override;

    const MediaAttachment &media() const { return m_media; }
    bool showsFullPicture() const { return !m_picture.isNull(); }
    // What is drawn now, in the widget's coordinates.
    QRect pictureRect() const;

Q_SIGNALS:
    void fullPictureShown();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void downloaded(const QString &mediaId, const QString &path);
    void failed(const QString &mediaId, const client::ApiError &error);
    void decoded(const QImage &image);
    QSize naturalSize() const;

    MediaAttachment m_media;
    ThumbnailCache *m_thumbnails = nullptr;
    QImage m_picture;       // the full picture, decoded
    QPixmap m_scaled;       // m_picture at the size last painted
    QString m_problem;      // why there is no full picture
    QThreadPool m_decoding; // one decode at a time, waited for when the viewer goes
};

} // namespace handover
