#pragma once

#include <QColor>
#include <QFont>
#include <QFontMetrics>

namespace handover {

// The fonts of a bubble and the sizes that follow from them, so bubbles scale with font settings.
struct BubbleFonts
{
    explicit BubbleFonts(const QFont &base);

    QFont body, small, name, note;
    QFontMetrics bodyMetrics, smallMetrics, nameMetrics, noteMetrics;
    int pad = 0, gap = 0, side = 0, radius = 0;
};

// The colours of one bubble, from the view's palette (light and dark palettes alike).
struct BubbleColors
{
    QColor base; // the view's background
    QColor fill; // the bubble's
    QColor text;
    QColor muted; // secondary text
    QColor link;
    QColor accent;   // icons and progress: the palette's highlight
    QColor onAccent; // drawn on the accent: the palette's highlighted text
};

// `font` `factor` times as large, in points or pixels as it is given.
QFont scaledFont(QFont font, double factor);

// Text wrapped to `width`: its height, and (when asked) the width it takes.
int wrappedHeight(const QFontMetrics &metrics, int width, const QString &text, int *usedWidth = nullptr);

} // namespace handover
