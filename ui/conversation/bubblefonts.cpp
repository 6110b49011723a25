#include "ui/conversation/bubblefonts.h"

#include <algorithm>

namespace handover {

namespace {

constexpr int kUnbounded = 1 << 20;

QFont styled(QFont font, bool bold, bool italic)
{
    font.setBold(bold);
    font.setItalic(italic);
    return font;
}

} // namespace

BubbleFonts::BubbleFonts(const QFont &base)
    : body(base)
    , small(scaledFont(base, 0.85))
    , name(styled(small, true, false))
    , note(styled(small, false, true))
    , bodyMetrics(body)
    , smallMetrics(small)
    , nameMetrics(name)
    , noteMetrics(note)
{
    pad = std::max(4, bodyMetrics.height() / 2);
    gap = std::max(2, smallMetrics.height() / 4);
    side = bodyMetrics.height();
    radius = std::max(4, bodyMetrics.height() / 2);
}

QFont scaledFont(QFont font, double factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(std::max(8, qRound(font.pixelSize() * factor)));
    return font;
}

int wrappedHeight(const QFontMetrics &metrics, int width, const QString &text, int *usedWidth)
{
    const QRect r = metrics.boundingRect(QRect(0, 0, width, kUnbounded), Qt::TextWordWrap, text);
    if (usedWidth)
        *usedWidth = std::min(width, r.width());
    return r.height();
}

} // namespace handover
