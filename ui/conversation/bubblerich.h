#pragma once

#include "core/domain/message.h"
#include "ui/conversation/bubblefonts.h"

#include <QCoreApplication>
#include <QList>
#include <QModelIndex>
#include <QRect>
#include <QUrl>
#include <optional>

class QPainter;

namespace handover {

// The rich parts of one conversation row, read from ConversationModel's roles.
struct RichParts
{
    explicit RichParts(const QModelIndex &index);

    std::optional<MediaAttachment> media;
    std::optional<Location> location;
    QList<SharedContact> contacts;
    std::optional<InteractiveReply> interactive;
    QList<Reaction> reactions;
};

// One line of a bubble's rich block: a place, shared contacts, a list reply, the notice of an unsupported
// message.
struct RichLine
{
    enum class Style
    {
        Strong, // a place's or a contact's name, a list reply's title
        Body,
        Small, // an address, a phone number, a description
        Muted, // a notice
        Link,  // the location's map link
    };
    QString text;
    Style style = Style::Body;
};

// Lays out and paints the rich block and the reactions of a bubble.
class BubbleRich
{
    Q_DECLARE_TR_FUNCTIONS(BubbleRich)

public:
    // The lines of `parts` for a message of `kind`, top to bottom; empty when it has none.
    static QList<RichLine> lines(MessageKind kind, const RichParts &parts);
    // Their height wrapped to `width`, and the widest line's width.
    static int height(const QList<RichLine> &lines, const BubbleFonts &fonts, int width, int *usedWidth);
    static void paint(QPainter *painter, const QRect &rect, const QList<RichLine> &lines,
                      const BubbleFonts &fonts, const BubbleColors &colors);
    // Where the Link line lies when the block is in `rect` (empty when there is none).
    static QRect linkRect(const QRect &rect, const QList<RichLine> &lines, const BubbleFonts &fonts);
    // The map of a location: OpenStreetMap with a marker at it.
    static QUrl mapUrl(const Location &location);

    // The reactions' pill under a bubble: each emoji once, with a count when several parties chose it.
    static QString reactionsText(const QList<Reaction> &reactions);
    static QSize reactionsSize(const QString &text, const BubbleFonts &fonts);
    static QFont reactionsFont(const BubbleFonts &fonts);
    static void paintReactions(QPainter *painter, const QRect &rect, const QString &text,
                               const BubbleFonts &fonts, const BubbleColors &colors);
};

} // namespace handover
