#pragma once

#include "client/mediadownloads.h"
#include "core/domain/message.h"
#include "ui/conversation/bubblefonts.h"
#include "ui/media/thumbnailcache.h"

#include <QCoreApplication>
#include <QRect>

class QPainter;

namespace handover {

// The media part of a bubble: an image's or a sticker's picture, or a file's chip (a document, audio,
// video) with its icon, name, size and, while it downloads, a progress bar.
class BubbleMedia
{
    Q_DECLARE_TR_FUNCTIONS(BubbleMedia)

public:
    // Images and stickers show their picture; the other kinds a chip.
    static bool isPicture(MessageKind kind);
    // The picture's box: the picture's own shape once it is known (`pictureSize`; very tall or wide ones are
    // cropped to 3:5 and 19:10), 4:3 (a sticker square) until then; at most `maxWidth` wide.
    static QSize pictureBox(MessageKind kind, const QSize &pictureSize, int maxWidth,
                            const BubbleFonts &fonts);
    static QSize chipSize(int maxWidth, const BubbleFonts &fonts);

    // The picture, or while there is none a placeholder that says why (on its way, failed).
    static void paintPicture(QPainter *painter, const QRect &rect, const MediaAttachment &media,
                             MessageKind kind, bool outgoing, ThumbnailCache *thumbnails,
                             const BubbleFonts &fonts, const BubbleColors &colors);
    static void paintChip(QPainter *painter, const QRect &rect, const MediaAttachment &media,
                          MessageKind kind, bool outgoing, const client::DownloadState &download,
                          const BubbleFonts &fonts, const BubbleColors &colors);

    // What the chip says: the file's name ("Voice message" for a voice note), then its size and type, or
    // how its download goes.
    static QString chipTitle(const MediaAttachment &media, MessageKind kind);
    static QString chipDetail(const MediaAttachment &media, bool outgoing,
                              const client::DownloadState &download);
    // What a picture's placeholder says; empty while it only loads.
    static QString pictureNotice(const MediaAttachment &media, bool outgoing, ThumbnailCache::State state);
};

} // namespace handover
