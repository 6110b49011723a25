#pragma once

#include <QColor>

namespace handover {

// `a` moved toward `b` by `towardB` (0: a, 1: b), channel by channel: secondary text, separators and tints
// derived from the palette, so they follow light and dark themes.
inline QColor mixColors(const QColor &a, const QColor &b, qreal towardB)
{
    const auto blend = [towardB](qreal x, qreal y) { return float(x + (y - x) * towardB); };
    return QColor::fromRgbF(blend(a.redF(), b.redF()), blend(a.greenF(), b.greenF()),
                            blend(a.blueF(), b.blueF()));
}

} // namespace handover
