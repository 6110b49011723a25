#include "ui/chatroomlist/chatroomdelegate.h"

#include "core/clock.h"
#include "core/domain/chatroom.h"
#include "ui/chatroomlist/chatroomrowsmodel.h"
#include "ui/common/colormix.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace handover {

// Sizes follow the font, so rows scale with font settings; QPainter maps them to device pixels. Built once
// per font: fonts and their metrics are not cheap to make for every row of every frame.
struct ChatroomRowMetrics
{
    explicit ChatroomRowMetrics(const QFont &base)
        : font(base)
        , nameFont(bold(base))
        , tagFont(smaller(base))
        , italicFont(italic(base))
        , metrics(font)
        , nameMetrics(nameFont)
        , tagMetrics(tagFont)
        , italicMetrics(italicFont)
    {
        margin = std::max(4, metrics.height() / 2);
        gap = std::max(2, metrics.height() / 5);
        firstLine = std::max(metrics.height(), nameMetrics.height());
        secondLine = metrics.height();
        height = 2 * margin + firstLine + gap + secondLine;
        tagPadding = std::max(2, tagMetrics.height() / 3);
    }

    static QFont bold(QFont font)
    {
        font.setBold(true);
        return font;
    }
    static QFont italic(QFont font)
    {
        font.setItalic(true);
        return font;
    }
    static QFont smaller(QFont font)
    {
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * 0.8);
        else
            font.setPixelSize(std::max(8, font.pixelSize() * 4 / 5));
        return font;
    }

    QFont font;
    QFont nameFont;
    QFont tagFont;
    QFont italicFont;
    QFontMetrics metrics;
    QFontMetrics nameMetrics;
    QFontMetrics tagMetrics;
    QFontMetrics italicMetrics;
    int margin = 0;
    int gap = 0;
    int firstLine = 0;
    int secondLine = 0;
    int height = 0;
    int tagPadding = 0;
};

namespace {

// Text at its baseline, centred on the line: much cheaper than drawText() into a rectangle with flags,
// which lays the text out again. The text is already elided to fit.
void drawTextIn(QPainter *painter, const QFont &font, const QFontMetrics &metrics, const QRect &slot,
                const QString &text)
{
    painter->setFont(font);
    const int baseline = slot.top() + (slot.height() - metrics.height()) / 2 + metrics.ascent();
    painter->drawText(QPoint(slot.left(), baseline), text);
}

struct RowColors
{
    QColor text;      // the name
    QColor secondary; // preview, time, window
    QColor accent;    // markers and the badge
    QColor onAccent;  // text on the badge
    QColor separator;
};

RowColors rowColors(const QStyleOptionViewItem &option, bool inactive)
{
    const QPalette &palette = option.palette;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const bool selected = option.state & QStyle::State_Selected;
    const QColor background = palette.color(group, selected ? QPalette::Highlight : QPalette::Base);
    RowColors colors;
    colors.text = palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    colors.secondary = mixColors(colors.text, background, 0.35);
    colors.accent = selected ? colors.text : palette.color(group, QPalette::Highlight);
    colors.onAccent = selected ? background : palette.color(group, QPalette::HighlightedText);
    colors.separator =
        mixColors(palette.color(group, QPalette::Text), palette.color(group, QPalette::Base), 0.88);
    if (inactive) { // greyed, in any palette: halfway to the background
        colors.text = mixColors(colors.text, background, 0.5);
        colors.secondary = mixColors(colors.secondary, background, 0.5);
        colors.accent = mixColors(colors.accent, background, 0.5);
    }
    return colors;
}

// A small outlined tag ("silent", "handover") filling `slot` across and centred in it vertically.
void drawTag(QPainter *painter, const ChatroomRowMetrics &row, const QString &text, const QColor &color,
             const QRect &slot)
{
    const int height = std::min(slot.height(), row.tagMetrics.height() + 2);
    const QRect box(slot.left(), slot.top() + (slot.height() - height) / 2, slot.width(), height);
    painter->setPen(QPen(color, 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), height / 2.5, height / 2.5);
    drawTextIn(painter, row.tagFont, row.tagMetrics, box.adjusted(row.tagPadding, 0, 0, 0), text);
}

} // namespace

ChatroomDelegate::ChatroomDelegate(const Clock &clock, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_clock(clock)
{}

ChatroomDelegate::~ChatroomDelegate() = default;

int ChatroomDelegate::rowHeight(const QFont &font)
{
    return ChatroomRowMetrics(font).height;
}

const ChatroomRowMetrics &ChatroomDelegate::metricsFor(const QFont &font) const
{
    if (!m_metrics || m_metrics->font != font)
        m_metrics = std::make_unique<ChatroomRowMetrics>(font);
    return *m_metrics;
}

QSize ChatroomDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex & /*index*/) const
{
    const ChatroomRowMetrics &row = metricsFor(option.font);
    return {row.metrics.averageCharWidth() * 32, row.height};
}

void ChatroomDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const QWidget *widget = option.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    painter->save();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, widget);

    const bool inactive = index.data(StateRole).toInt() != static_cast<int>(ChatroomState::Active);
    const RowColors colors = rowColors(option, inactive);
    const ChatroomRowMetrics &row = metricsFor(option.font);
    const QDateTime now = m_clock.now();

    if (!(option.state & QStyle::State_Selected)) {
        painter->setPen(colors.separator);
        painter->drawLine(option.rect.left() + row.margin, option.rect.bottom(),
                          option.rect.right() - row.margin, option.rect.bottom());
    }
    painter->setRenderHint(QPainter::Antialiasing, true);

    const QRect content = option.rect.adjusted(row.margin, row.margin, -row.margin, -row.margin);
    const QRect first(content.left(), content.top(), content.width(), row.firstLine);
    const QRect second(content.left(), first.bottom() + 1 + row.gap, content.width(), row.secondLine);
    const int spacing = row.margin / 2;
    // A slot `width` wide whose right edge is `fromRight` from the line's end, mirrored for right-to-left.
    const auto place = [&](const QRect &line, int fromRight, int width) {
        const QRect logical(line.right() - fromRight - width + 1, line.top(), width, line.height());
        return QStyle::visualRect(option.direction, line, logical);
    };

    // First line, from the right: time, window left, handover marker; the name takes what remains.
    int usedRight = 0;
    painter->setPen(colors.secondary);
    const QString time = relativeTime(index.data(LastActivityAtRole).toDateTime(), now);
    if (!time.isEmpty()) {
        const int width = row.metrics.horizontalAdvance(time);
        drawTextIn(painter, row.font, row.metrics, place(first, usedRight, width), time);
        usedRight += width + spacing;
    }
    // A closed chatroom says so; its window and unread count no longer matter (R12).
    if (inactive) {
        const QString tag = closedTag();
        const int width = row.tagMetrics.horizontalAdvance(tag) + 2 * row.tagPadding;
        drawTag(painter, row, tag, colors.secondary, place(first, usedRight, width));
        usedRight += width + spacing;
    }
    const QString windowLeft =
        inactive ? QString() : windowTimeLeft(index.data(WindowExpiresAtRole).toDateTime(), now);
    if (!windowLeft.isEmpty()) {
        const int width = row.tagMetrics.horizontalAdvance(windowLeft);
        drawTextIn(painter, row.tagFont, row.tagMetrics, place(first, usedRight, width), windowLeft);
        usedRight += width + spacing;
    }
    if (index.data(PendingHandoverRole).toBool()) {
        const QString marker = tr("handover");
        const int width = row.tagMetrics.horizontalAdvance(marker) + 2 * row.tagPadding;
        drawTag(painter, row, marker, colors.accent, place(first, usedRight, width));
        usedRight += width + spacing;
    }
    const int nameWidth = std::max(0, first.width() - usedRight);
    const QString name =
        row.nameMetrics.elidedText(index.data(DisplayNameRole).toString(), Qt::ElideRight, nameWidth);
    painter->setPen(colors.text);
    const QRect nameSlot = place(first, first.width() - nameWidth, nameWidth);
    const int nameShift =
        option.direction == Qt::RightToLeft ? nameWidth - row.nameMetrics.horizontalAdvance(name) : 0;
    drawTextIn(painter, row.nameFont, row.nameMetrics, nameSlot.adjusted(nameShift, 0, 0, 0), name);

    // Second line: the unread badge on the right, then the silent tag and the preview.
    usedRight = 0;
    const QString badge = inactive ? QString() : unreadBadgeText(index.data(UnreadCountRole).toInt());
    if (!badge.isEmpty()) {
        const int height = std::min(second.height(), row.tagMetrics.height() + 2);
        const int textWidth = row.tagMetrics.horizontalAdvance(badge);
        const int width = std::max(height, textWidth + height / 2 + 2);
        const QRect line(second.left(), second.top() + (second.height() - height) / 2, second.width(),
                         height);
        const QRect pill = place(line, 0, width);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colors.accent);
        painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
        painter->setPen(colors.onAccent);
        drawTextIn(painter, row.tagFont, row.tagMetrics, pill.adjusted((width - textWidth) / 2, 0, 0, 0),
                   badge);
        usedRight += width + spacing;
    }
    if (m_showAssignees) {
        const QString assignee = assigneeText(index);
        // Elided only when longer than its share: at exactly its rounded width elidedText() may cut it.
        const int full = row.tagMetrics.horizontalAdvance(assignee);
        const int width = std::min(full, second.width() * 2 / 5);
        const QString shown =
            full <= width ? assignee : row.tagMetrics.elidedText(assignee, Qt::ElideRight, width);
        painter->setPen(colors.secondary);
        drawTextIn(painter, row.tagFont, row.tagMetrics, place(second, usedRight, width), shown);
        usedRight += width + spacing;
    }
    int usedLeft = 0;
    const bool silent = index.data(LastMessageSilentRole).toBool();
    if (silent) {
        const QString tag = tr("silent");
        const int width = row.tagMetrics.horizontalAdvance(tag) + 2 * row.tagPadding;
        drawTag(painter, row, tag, colors.secondary, place(second, second.width() - width, width));
        usedLeft += width + spacing;
    }
    const QFont &previewFont = silent ? row.italicFont : row.font;
    const QFontMetrics &previewMetrics = silent ? row.italicMetrics : row.metrics;
    const int previewWidth = std::max(0, second.width() - usedLeft - usedRight);
    const QString preview = previewMetrics.elidedText(index.data(PreviewRole).toString().simplified(),
                                                      Qt::ElideRight, previewWidth);
    painter->setPen(colors.secondary);
    const QRect previewSlot = place(second, usedRight, previewWidth);
    const int previewShift =
        option.direction == Qt::RightToLeft ? previewWidth - previewMetrics.horizontalAdvance(preview) : 0;
    drawTextIn(painter, previewFont, previewMetrics, previewSlot.adjusted(previewShift, 0, 0, 0), preview);

    painter->restore();
}

void ChatroomDelegate::setAssignees(bool shown, const QHash<UserId, QString> &names, const UserId &viewerId)
{
    m_showAssignees = shown;
    m_names = names;
    m_viewerId = viewerId;
}

QString ChatroomDelegate::assigneeText(const QModelIndex &index) const
{
    QStringList names;
    for (const QString &id : index.data(ParticipantIdsRole).toStringList()) {
        if (id == m_viewerId)
            names.append(tr("You"));
        else
            names.append(m_names.value(id).isEmpty() ? tr("an agent") : m_names.value(id));
    }
    if (!names.isEmpty())
        return names.join(QStringLiteral(", "));
    return index.data(PendingHandoverRole).toBool() ? tr("Awaiting handover") : tr("Nobody");
}

QString ChatroomDelegate::toolTipFor(const QModelIndex &index) const
{
    // The same words the row shows, then what they mean: a newcomer learns the tags by pointing at them.
    QStringList lines;
    const bool inactive = index.data(StateRole).toInt() != static_cast<int>(ChatroomState::Active);
    if (inactive)
        lines.append(tr("%1: deactivated or expired; it no longer counts as waiting work.").arg(closedTag()));
    const QString windowLeft =
        inactive ? QString() : windowTimeLeft(index.data(WindowExpiresAtRole).toDateTime(), m_clock.now());
    if (!windowLeft.isEmpty())
        lines.append(tr("%1: the customer's 24-hour window; free replies until it ends, then templates only.")
                         .arg(windowLeft));
    if (index.data(PendingHandoverRole).toBool())
        lines.append(tr("%1: the automation handed the chatroom over and it waits for an agent to take it.")
                         .arg(tr("handover")));
    if (index.data(LastMessageSilentRole).toBool())
        lines.append(tr("%1: the last message came from the automation without notifying anyone or moving "
                        "the chatroom up.")
                         .arg(tr("silent")));
    return lines.join(QLatin1Char('\n'));
}

bool ChatroomDelegate::showToolTip(QHelpEvent *event, QWidget *view, const QModelIndex &index) const
{
    const QString text = index.isValid() ? toolTipFor(index) : QString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPos(), text, view);
    return true;
}

bool ChatroomDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                 const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip && view)
        return showToolTip(event, view, index);
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

QString ChatroomDelegate::relativeTime(const QDateTime &at, const QDateTime &now)
{
    if (!at.isValid())
        return {};
    const qint64 minutes = std::max<qint64>(0, at.secsTo(now)) / 60;
    if (minutes < 1)
        return tr("now");
    if (minutes < 60)
        return tr("%n min", nullptr, int(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return tr("%n h", nullptr, int(hours));
    const qint64 days = hours / 24;
    if (days < 7)
        return tr("%n d", nullptr, int(days));
    return QLocale().toString(at.toLocalTime().date(), QLocale::ShortFormat);
}

QString ChatroomDelegate::windowTimeLeft(const QDateTime &expiresAt, const QDateTime &now)
{
    if (!expiresAt.isValid() || now >= expiresAt)
        return {};
    const qint64 seconds = now.secsTo(expiresAt);
    if (seconds < 3600)
        return tr("%n min left", nullptr, int(std::max<qint64>(1, seconds / 60)));
    return tr("%n h left", nullptr, int(seconds / 3600));
}

QString ChatroomDelegate::closedTag()
{
    return tr("closed");
}

QString ChatroomDelegate::unreadBadgeText(int count)
{
    if (count <= 0)
        return {};
    return count > 99 ? tr("99+") : QLocale().toString(count);
}

} // namespace handover
