#include "ui/conversation/bubblerich.h"

#include "ui/common/colormix.h"
#include "ui/conversation/conversationmodel.h"

#include <QLocale>
#include <QPainter>
#include <QUrlQuery>

namespace handover {

namespace {

struct LineFont
{
    const QFont &font;
    const QFontMetrics &metrics;
};

LineFont fontOf(RichLine::Style style, const BubbleFonts &f)
{
    switch (style) {
    case RichLine::Style::Strong:
        return {f.name, f.nameMetrics};
    case RichLine::Style::Body:
        return {f.body, f.bodyMetrics};
    case RichLine::Style::Muted:
        return {f.note, f.noteMetrics};
    case RichLine::Style::Small:
    case RichLine::Style::Link:
        break;
    }
    return {f.small, f.smallMetrics};
}

QString coordinates(const Location &location)
{
    const QLocale locale;
    return BubbleRich::tr("%1, %2").arg(locale.toString(location.latitude, 'f', 5),
                                        locale.toString(location.longitude, 'f', 5));
}

} // namespace

RichParts::RichParts(const QModelIndex &index)
{
    if (const QVariant v = index.data(MediaRole); v.isValid())
        media = v.value<MediaAttachment>();
    if (const QVariant v = index.data(LocationRole); v.isValid())
        location = v.value<Location>();
    if (const QVariant v = index.data(ContactsRole); v.isValid())
        contacts = v.value<QList<SharedContact>>();
    if (const QVariant v = index.data(InteractiveRole); v.isValid())
        interactive = v.value<InteractiveReply>();
    if (const QVariant v = index.data(ReactionsRole); v.isValid())
        reactions = v.value<QList<Reaction>>();
}

QList<RichLine> BubbleRich::lines(MessageKind kind, const RichParts &parts)
{
    QList<RichLine> out;
    using Style = RichLine::Style;
    if (parts.location) {
        const Location &l = *parts.location;
        out.append(
            {QStringLiteral("\U0001F4CD ") + (l.name.isEmpty() ? tr("Location") : l.name), Style::Strong});
        if (!l.address.isEmpty())
            out.append({l.address, Style::Small});
        if (l.name.isEmpty() && l.address.isEmpty())
            out.append({coordinates(l), Style::Small});
        out.append({tr("Open the map"), Style::Link});
    }
    for (const SharedContact &contact : parts.contacts) {
        out.append({QStringLiteral("\U0001F464 ") + (contact.name.isEmpty() ? tr("Contact") : contact.name),
                    Style::Strong});
        for (const QString &phone : contact.phones)
            out.append({phone, Style::Small});
    }
    if (parts.interactive) {
        out.append({parts.interactive->type == QLatin1String("button_reply") ? tr("Chose the button")
                                                                             : tr("Chose from the list"),
                    Style::Muted});
        out.append({parts.interactive->title, Style::Body});
        if (!parts.interactive->description.isEmpty())
            out.append({parts.interactive->description, Style::Small});
    }
    if (kind == MessageKind::Unsupported)
        out.append({tr("\u26A0 WhatsApp does not pass this kind of message on to businesses. Ask the "
                       "customer to send it another way."),
                    Style::Muted});
    return out;
}

int BubbleRich::height(const QList<RichLine> &lines, const BubbleFonts &fonts, int width, int *usedWidth)
{
    int total = 0;
    int widest = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        int used = 0;
        total += wrappedHeight(fontOf(lines.at(i).style, fonts).metrics, width, lines.at(i).text, &used);
        widest = std::max(widest, used);
        if (i + 1 < lines.size())
            total += fonts.gap;
    }
    if (usedWidth)
        *usedWidth = widest;
    return total;
}

void BubbleRich::paint(QPainter *painter, const QRect &rect, const QList<RichLine> &lines,
                       const BubbleFonts &fonts, const BubbleColors &colors)
{
    int y = rect.top();
    for (const RichLine &line : lines) {
        const LineFont styled = fontOf(line.style, fonts);
        QFont font = styled.font;
        font.setUnderline(line.style == RichLine::Style::Link);
        const int h = wrappedHeight(styled.metrics, rect.width(), line.text);
        painter->setFont(font);
        painter->setPen(line.style == RichLine::Style::Link    ? colors.link
                        : line.style == RichLine::Style::Muted ? colors.muted
                        : line.style == RichLine::Style::Small ? mixColors(colors.text, colors.fill, 0.2)
                                                               : colors.text);
        painter->drawText(QRect(rect.left(), y, rect.width(), h),
                          Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, line.text);
        y += h + fonts.gap;
    }
}

QRect BubbleRich::linkRect(const QRect &rect, const QList<RichLine> &lines, const BubbleFonts &fonts)
{
    int y = rect.top();
    for (const RichLine &line : lines) {
        int used = 0;
        const int h = wrappedHeight(fontOf(line.style, fonts).metrics, rect.width(), line.text, &used);
        if (line.style == RichLine::Style::Link)
            return QRect(rect.left(), y, used, h);
        y += h + fonts.gap;
    }
    return {};
}

QUrl BubbleRich::mapUrl(const Location &location)
{
    const QString lat = QString::number(location.latitude, 'f', 6);
    const QString lon = QString::number(location.longitude, 'f', 6);
    QUrl url(QStringLiteral("https://www.openstreetmap.org/"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("mlat"), lat);
    query.addQueryItem(QStringLiteral("mlon"), lon);
    url.setQuery(query);
    url.setFragment(QStringLiteral("map=17/%1/%2").arg(lat, lon));
    return url;
}

QString BubbleRich::reactionsText(const QList<Reaction> &reactions)
{
    QStringList emojis;
    QList<int> counts;
    for (const Reaction &reaction : reactions) {
        if (reaction.emoji.isEmpty())
            continue;
        const qsizetype at = emojis.indexOf(reaction.emoji);
        if (at < 0) {
            emojis.append(reaction.emoji);
            counts.append(1);
        } else {
            ++counts[at];
        }
    }
    QString text;
    for (qsizetype i = 0; i < emojis.size(); ++i) {
        if (!text.isEmpty())
            text += u' ';
        text += emojis.at(i);
        if (counts.at(i) > 1)
            text += QLocale().toString(counts.at(i));
    }
    return text;
}

QFont BubbleRich::reactionsFont(const BubbleFonts &fonts)
{
    return scaledFont(fonts.body, 1.25); // emoji are small at text size
}

QSize BubbleRich::reactionsSize(const QString &text, const BubbleFonts &fonts)
{
    if (text.isEmpty())
        return {};
    const QFontMetrics metrics(reactionsFont(fonts));
    return QSize(metrics.horizontalAdvance(text) + 2 * fonts.pad, metrics.height() + fonts.gap * 2);
}

void BubbleRich::paintReactions(QPainter *painter, const QRect &rect, const QString &text,
                                const BubbleFonts &fonts, const BubbleColors &colors)
{
    if (rect.isEmpty())
        return;
    painter->setPen(QPen(colors.base, std::max(1.0, fonts.gap / 2.0)));
    painter->setBrush(mixColors(colors.base, colors.text, 0.12));
    const qreal r = rect.height() / 2.0;
    painter->drawRoundedRect(QRectF(rect), r, r);
    painter->setFont(reactionsFont(fonts));
    painter->setPen(colors.text);
    painter->drawText(rect, Qt::AlignCenter, text);
}

} // namespace handover
