#include "ui/conversation/bubblemedia.h"

#include "ui/common/colormix.h"
#include "ui/common/messagewording.h"

#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace handover {

namespace {

using Phase = client::DownloadState::Phase;

constexpr double kTallest = 0.6; // width / height
constexpr double kWidest = 1.9;

QString typeName(const MediaAttachment &media)
{
    const QString suffix = QFileInfo(media.filename).suffix();
    if (!suffix.isEmpty() && suffix.size() <= 5)
        return suffix.toUpper();
    return media.mimeType.section(u'/', 1).section(u'+', 0, 0).section(u'.', -1).toUpper();
}

// The chip's icon: a page for documents, a wave for audio, a play triangle for video, drawn in `color`
// inside the circle `box`, so it is sharp at any scale.
void paintGlyph(QPainter *painter, const QRectF &box, MessageKind kind, const QColor &color)
{
    const qreal d = box.width();
    const QPointF c = box.center();
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    if (kind == MessageKind::Video) {
        QPainterPath play;
        play.moveTo(c.x() - d * 0.13, c.y() - d * 0.2);
        play.lineTo(c.x() + d * 0.22, c.y());
        play.lineTo(c.x() - d * 0.13, c.y() + d * 0.2);
        play.closeSubpath();
        painter->drawPath(play);
        return;
    }
    if (kind == MessageKind::Audio) {
        const qreal bar = d * 0.07;
        const qreal heights[] = {0.18, 0.36, 0.26, 0.42, 0.2};
        for (int i = 0; i < 5; ++i) {
            const qreal x = c.x() + (i - 2) * bar * 1.8 - bar / 2;
            const qreal h = d * heights[i];
            painter->drawRoundedRect(QRectF(x, c.y() - h / 2, bar, h), bar / 2, bar / 2);
        }
        return;
    }
    const QRectF page(c.x() - d * 0.18, c.y() - d * 0.24, d * 0.36, d * 0.48);
    const qreal fold = d * 0.12;
    QPainterPath sheet;
    sheet.moveTo(page.topLeft());
    sheet.lineTo(page.right() - fold, page.top());
    sheet.lineTo(page.right(), page.top() + fold);
    sheet.lineTo(page.bottomRight());
    sheet.lineTo(page.bottomLeft());
    sheet.closeSubpath();
    painter->drawPath(sheet);
}

// What lies outside a rectangle's rounded corners.
QPainterPath roundedCorners(const QRectF &r, qreal radius)
{
    const qreal d = 2 * radius;
    QPainterPath path;
    path.moveTo(r.topLeft());
    path.lineTo(r.left() + radius, r.top());
    path.arcTo(QRectF(r.left(), r.top(), d, d), 90, 90);
    path.closeSubpath();
    path.moveTo(r.topRight());
    path.lineTo(r.right(), r.top() + radius);
    path.arcTo(QRectF(r.right() - d, r.top(), d, d), 0, 90);
    path.closeSubpath();
    path.moveTo(r.bottomRight());
    path.lineTo(r.right() - radius, r.bottom());
    path.arcTo(QRectF(r.right() - d, r.bottom() - d, d, d), 270, 90);
    path.closeSubpath();
    path.moveTo(r.bottomLeft());
    path.lineTo(r.left(), r.bottom() - radius);
    path.arcTo(QRectF(r.left(), r.bottom() - d, d, d), 180, 90);
    path.closeSubpath();
    return path;
}

} // namespace

bool BubbleMedia::isPicture(MessageKind kind)
{
    return kind == MessageKind::Image || kind == MessageKind::Sticker;
}

QSize BubbleMedia::pictureBox(MessageKind kind, const QSize &pictureSize, int maxWidth,
                              const BubbleFonts &fonts)
{
    const bool sticker = kind == MessageKind::Sticker;
    const int edge = std::max(fonts.side * 4, std::min(maxWidth, fonts.side * (sticker ? 8 : 15)));
    double aspect = sticker ? 1.0 : 4.0 / 3.0;
    if (pictureSize.isValid() && !pictureSize.isEmpty())
        aspect = std::clamp(double(pictureSize.width()) / pictureSize.height(), kTallest, kWidest);
    if (aspect >= 1.0)
        return QSize(edge, std::max(1, int(edge / aspect)));
    return QSize(std::max(1, int(edge * aspect)), edge);
}

QSize BubbleMedia::chipSize(int maxWidth, const BubbleFonts &fonts)
{
    const int height = fonts.bodyMetrics.height() + fonts.smallMetrics.height() + fonts.pad * 2;
    return QSize(std::max(fonts.side * 6, std::min(maxWidth, fonts.side * 16)), height);
}

QString BubbleMedia::pictureNotice(const MediaAttachment &media, bool outgoing, ThumbnailCache::State state)
{
    if (media.status == MediaStatus::Pending)
        return outgoing ? tr("Sending\u2026") : tr("Arriving from WhatsApp\u2026");
    if (media.status == MediaStatus::Failed)
        return tr("Could not be fetched from WhatsApp");
    if (state == ThumbnailCache::State::Failed)
        return tr("Could not be loaded. Click to try again.");
    return {};
}

void BubbleMedia::paintPicture(QPainter *painter, const QRect &rect, const MediaAttachment &media,
                               MessageKind kind, bool outgoing, ThumbnailCache *thumbnails,
                               const BubbleFonts &fonts, const BubbleColors &colors)
{
    const qreal radius = fonts.radius * 0.6;
    const ThumbnailCache::State state = !thumbnails                          ? ThumbnailCache::State::Failed
                                        : media.status == MediaStatus::Ready ? thumbnails->state(media)
                                        : media.status == MediaStatus::Failed
                                            ? ThumbnailCache::State::Failed
                                            : ThumbnailCache::State::Loading;
    if (state == ThumbnailCache::State::Ready) {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const QPixmap picture = thumbnails->pixmap(media, rect.size(), ratio);
        if (!picture.isNull()) {
            painter->drawPixmap(rect.topLeft(), picture); // a copy: opaque, at the device's pixels
            if (!picture.hasAlphaChannel()) {
                // Rounded like the bubble: its colour over the picture's corners, cheaper than a clip.
                painter->setPen(Qt::NoPen);
                painter->setBrush(colors.fill);
                painter->drawPath(roundedCorners(QRectF(rect), radius));
            }
            return;
        }
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(mixColors(colors.fill, colors.text, 0.08));
    painter->drawRoundedRect(QRectF(rect), radius, radius);
    const bool failed = state == ThumbnailCache::State::Failed;
    const QString icon = failed ? QStringLiteral("\u26A0") : MessageWording::kindIcon(kind);
    const QString notice = pictureNotice(media, outgoing, state);
    // The kind's sign, large, and under it what happens to the picture.
    const QFont large = scaledFont(fonts.body, 2);
    const int iconHeight = QFontMetrics(large).height();
    const QRect inner = rect.adjusted(fonts.pad, fonts.pad, -fonts.pad, -fonts.pad);
    const int noticeHeight =
        notice.isEmpty() ? 0 : wrappedHeight(fonts.smallMetrics, inner.width(), notice) + fonts.gap;
    const int top = inner.top() + std::max(0, (inner.height() - iconHeight - noticeHeight) / 2);
    painter->setPen(colors.muted);
    painter->setFont(large);
    painter->drawText(QRect(inner.left(), top, inner.width(), iconHeight), Qt::AlignCenter, icon);
    if (notice.isEmpty())
        return;
    painter->setFont(fonts.small);
    painter->drawText(QRect(inner.left(), top + iconHeight + fonts.gap, inner.width(), noticeHeight),
                      Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, notice);
}

QString BubbleMedia::chipTitle(const MediaAttachment &media, MessageKind kind)
{
    if (kind == MessageKind::Audio && media.voice)
        return MessageWording::tr("Voice message");
    if (!media.filename.isEmpty())
        return media.filename;
    return MessageWording::kindName(kind);
}

QString BubbleMedia::chipDetail(const MediaAttachment &media, bool outgoing,
                                const client::DownloadState &download)
{
    if (media.status == MediaStatus::Pending)
        return outgoing ? tr("Sending\u2026") : tr("Arriving from WhatsApp\u2026");
    if (media.status == MediaStatus::Failed)
        return tr("Could not be fetched from WhatsApp");
    const QString type = typeName(media);
    const QString about = media.size > 0 && !type.isEmpty()
                              ? tr("%1 \u00b7 %2").arg(MessageWording::fileSize(media.size), type)
                          : media.size > 0 ? MessageWording::fileSize(media.size)
                                           : type;
    switch (download.phase) {
    case Phase::Running:
        return download.total > 0 ? tr("%1%").arg(download.received * 100 / download.total)
                                  : tr("Downloading\u2026");
    case Phase::Failed:
        return tr("Download failed. Click to try again.");
    case Phase::Done:
        return about.isEmpty() ? tr("Open") : tr("%1 \u00b7 Open").arg(about);
    case Phase::Idle:
        break;
    }
    return about.isEmpty() ? tr("Download") : tr("%1 \u00b7 Download").arg(about);
}

void BubbleMedia::paintChip(QPainter *painter, const QRect &rect, const MediaAttachment &media,
                            MessageKind kind, bool outgoing, const client::DownloadState &download,
                            const BubbleFonts &fonts, const BubbleColors &colors)
{
    const qreal radius = fonts.radius * 0.6;
    painter->setPen(Qt::NoPen);
    painter->setBrush(mixColors(colors.fill, colors.text, 0.07));
    painter->drawRoundedRect(QRectF(rect), radius, radius);

    const int d = rect.height() - fonts.pad * 2;
    const QRectF circle(rect.left() + fonts.pad, rect.top() + fonts.pad, d, d);
    const bool usable = media.status == MediaStatus::Ready;
    painter->setBrush(usable ? colors.accent : colors.muted);
    painter->drawEllipse(circle);
    paintGlyph(painter, circle, kind, colors.onAccent);

    const int x = int(circle.right()) + fonts.pad + 1;
    const int width = rect.right() - fonts.pad - x;
    const QRect title(x, rect.top() + fonts.pad, width, fonts.bodyMetrics.height());
    painter->setFont(fonts.body);
    painter->setPen(colors.text);
    painter->drawText(title, Qt::AlignLeft | Qt::AlignVCenter,
                      fonts.bodyMetrics.elidedText(chipTitle(media, kind), Qt::ElideMiddle, width));

    QRect detail(x, title.bottom() + 1, width, fonts.smallMetrics.height());
    const QString words = chipDetail(media, outgoing, download);
    painter->setFont(fonts.small);
    if (download.phase == Phase::Running && usable) {
        // The bar, then the percentage after it.
        const int wordsWidth = fonts.smallMetrics.horizontalAdvance(tr("%1%").arg(100)) + fonts.pad;
        const int barHeight = std::max(3, fonts.gap * 3 / 2);
        const QRectF bar(detail.left(), detail.center().y() - barHeight / 2.0, detail.width() - wordsWidth,
                         barHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(mixColors(colors.fill, colors.text, 0.2));
        painter->drawRoundedRect(bar, barHeight / 2.0, barHeight / 2.0);
        if (download.total > 0 && download.received > 0) {
            const double done = std::min(1.0, double(download.received) / double(download.total));
            QRectF filled = bar;
            filled.setWidth(std::max<qreal>(barHeight, bar.width() * done));
            painter->setBrush(colors.accent);
            painter->drawRoundedRect(filled, barHeight / 2.0, barHeight / 2.0);
        }
        detail.setLeft(int(bar.right()) + fonts.pad);
    }
    painter->setPen(colors.muted);
    painter->drawText(detail, Qt::AlignLeft | Qt::AlignVCenter,
                      fonts.smallMetrics.elidedText(words, Qt::ElideRight, detail.width()));
}

} // namespace handover
