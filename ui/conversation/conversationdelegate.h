#pragma once

#include <QList>
#include <QRect>
#include <QStyledItemDelegate>
#include <memory>

namespace handover {

class Clock;
class ThumbnailCache;
struct BubbleFonts;
namespace client {
class MediaDownloads;
}

// Where the parts of one row go, for painting and for clicks (the retry link).
struct BubbleLayout
{
    QRect bubble; // the bubble, or the note's box
    QRect name;   // sender (and template) line
    QRect quote;  // the template message a button reply answers
    QRect media;  // an image's or a sticker's picture, or a file's chip
    QRect rich;   // a place, shared contacts, a list reply, an unsupported message's notice
    QRect link;   // the place's map link
    QRect body;   // the text or caption; empty when a picture or a place has none
    QList<QRect> buttons;
    QRect failure;
    QRect retry;     // the link that queues a refused send again
    QRect edit;      // the link that puts a refused text back into the composer
    QRect footer;    // time and delivery ticks
    QRect reactions; // the reactions' pill over the bubble's lower edge
    int height = 0;
};

// Paints the timeline's rows from ConversationModel's roles: customer bubbles on the left, the bot's and
// agents' on the right (agents with their name), system notes centred and muted, templates with their body
// and buttons, a button reply under a quote of its template, pictures of images and stickers and chips of
// files (BubbleMedia) above their caption, places, shared contacts, list replies and unsupported messages
// (BubbleRich), reactions in a pill over the lower edge, the time and the delivery ticks (sent ✓,
// delivered ✓✓, read ✓✓ in the link colour) or why a send failed with a Retry link (and, for a text, an Edit
// link that gives its words back to the composer). Colours come from the
// palette (dark palettes work) and sizes from the font.
class ConversationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // The clock (for "today") must outlive the delegate.
    explicit ConversationDelegate(const Clock &clock, QObject *parent = nullptr);
    ~ConversationDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The parts of the row at `index` laid out in `rect` (its top-left is the row's).
    BubbleLayout layout(const QStyleOptionViewItem &option, const QRect &rect,
                        const QModelIndex &index) const;
    // "14:05" today, "3 Mar 14:05" another day (local time).
    QString timeText(const QDateTime &at) const;
    // The footer's delivery mark for a ConversationDelivery.
    static QString deliveryMark(int delivery);
    // Where pictures and download progress come from; null: placeholders only. Both must outlive the
    // delegate or be replaced first.
    void setMediaSources(ThumbnailCache *thumbnails, const client::MediaDownloads *downloads);
    ThumbnailCache *thumbnails() const { return m_thumbnails; }

private:
    const BubbleFonts &fontsFor(const QFont &font) const;

    const Clock &m_clock;
    ThumbnailCache *m_thumbnails = nullptr;
    const client::MediaDownloads *m_downloads = nullptr;
    mutable std::unique_ptr<BubbleFonts> m_fonts; // for the last font used: fonts and metrics cost to make
};

} // namespace handover
