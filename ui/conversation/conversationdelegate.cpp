#include "ui/conversation/conversationdelegate.h"

#include "core/clock.h"
#include "core/domain/message.h"
#include "ui/common/colormix.h"
#include "ui/conversation/bubblefonts.h"
#include "ui/conversation/bubblemedia.h"
#include "ui/conversation/bubblerich.h"
#include "ui/conversation/conversationmodel.h"
#include "ui/conversation/conversationtext.h"

#include <QAbstractItemView>
#include <QLocale>
#include <QPainter>
#include <algorithm>

namespace handover {

namespace {

// Everything a row needs, read once from the model.
struct RowData
{
    explicit RowData(const QModelIndex &index)
        : text(index.data(Qt::DisplayRole).toString())
        , kind(MessageKind(index.data(KindRole).toInt()))
        , senderType(SenderType(index.data(SenderTypeRole).toInt()))
        , senderName(index.data(SenderNameRole).toString())
        , templateName(index.data(TemplateNameRole).toString())
        , quoted(index.data(QuotedTextRole).toString())
        , failure(index.data(FailureRole).toString())
        , buttons(index.data(ButtonsRole).toStringList())
        , createdAt(index.data(CreatedAtRole).toDateTime())
        , delivery(index.data(DeliveryRole).toInt())
        , outgoing(index.data(OutgoingRole).toBool())
        , canRetry(index.data(CanRetryRole).toBool())
        , canEdit(index.data(CanEditRole).toBool())
    {}

    bool isNote() const { return kind == MessageKind::System; }
    bool failed() const { return delivery == int(ConversationDelivery::Failed); }
    QString nameLine() const
    {
        if (!templateName.isEmpty()) {
            return senderName.isEmpty()
                       ? ConversationDelegate::tr("Template %1").arg(templateName)
                       : ConversationDelegate::tr("%1 \u00b7 template %2").arg(senderName, templateName);
        }
        return outgoing ? senderName : QString();
    }

    QString text;
    MessageKind kind;
    SenderType senderType;
    QString senderName;
    QString templateName;
    QString quoted;
    QString failure;
    QStringList buttons;
    QDateTime createdAt;
    int delivery;
    bool outgoing;
    bool canRetry;
    bool canEdit;
};

} // namespace

ConversationDelegate::ConversationDelegate(const Clock &clock, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_clock(clock)
{}

ConversationDelegate::~ConversationDelegate() = default;

void ConversationDelegate::setMediaSources(ThumbnailCache *thumbnails,
                                           const client::MediaDownloads *downloads)
{
    m_thumbnails = thumbnails;
    m_downloads = downloads;
}

const BubbleFonts &ConversationDelegate::fontsFor(const QFont &font) const
{
    if (!m_fonts || m_fonts->body != font)
        m_fonts = std::make_unique<BubbleFonts>(font);
    return *m_fonts;
}

QString ConversationDelegate::timeText(const QDateTime &at) const
{
    if (!at.isValid())
        return {};
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss")); // some locales' short format has seconds: too much for a bubble
    const QString time = locale.toString(local.time(), format);
    if (local.date() == m_clock.now().toLocalTime().date())
        return time;
    return tr("%1 %2").arg(locale.toString(local.date(), QLocale::ShortFormat), time);
}

QString ConversationDelegate::deliveryMark(int delivery)
{
    switch (ConversationDelivery(delivery)) {
    case ConversationDelivery::Pending:
        return tr("sending\u2026");
    case ConversationDelivery::Queued:
    case ConversationDelivery::Sent:
        return QStringLiteral("\u2713");
    case ConversationDelivery::Delivered:
    case ConversationDelivery::Read:
        return QStringLiteral("\u2713\u2713");
    case ConversationDelivery::Failed:
        return tr("failed");
    }
    return {};
}

BubbleLayout ConversationDelegate::layout(const QStyleOptionViewItem &option, const QRect &rect,
                                          const QModelIndex &index) const
{
    const BubbleFonts &f = fontsFor(option.font);
    const RowData row(index);
    BubbleLayout out;
    const int width = std::max(rect.width(), f.side * 8);
    const int top = rect.top() + f.gap * 2;

    if (row.isNote()) {
        const QString line = tr("%1 \u00b7 %2").arg(row.text, timeText(row.createdAt));
        int used = 0;
        const int h = wrappedHeight(f.noteMetrics, width * 4 / 5, line, &used);
        out.body = QRect(rect.left() + (width - used) / 2, top + f.gap, used, h);
        out.bubble = out.body.adjusted(-f.pad, -f.gap, f.pad, f.gap);
        out.height = out.bubble.bottom() + 1 - rect.top() + f.gap * 2;
        return out;
    }

    const int maxText = std::max(f.side * 4, std::min(width - 2 * f.side, width * 3 / 4) - 2 * f.pad);
    int content = 0;
    const QString nameLine = row.nameLine();
    const int nameH = nameLine.isEmpty() ? 0 : f.nameMetrics.height();
    content = std::max(content, std::min(maxText, f.nameMetrics.horizontalAdvance(nameLine)));
    const int quoteH = row.quoted.isEmpty() ? 0 : f.smallMetrics.height() + f.gap * 2;
    if (quoteH)
        content = std::max(content, std::min(maxText, f.smallMetrics.horizontalAdvance(row.quoted) + f.pad));
    const RichParts rich(index);
    QSize mediaSize;
    if (rich.media) {
        mediaSize =
            BubbleMedia::isPicture(row.kind)
                ? BubbleMedia::pictureBox(
                      row.kind, m_thumbnails ? m_thumbnails->pictureSize(*rich.media) : QSize(), maxText, f)
                : BubbleMedia::chipSize(maxText, f);
        content = std::max(content, mediaSize.width());
    }
    const QList<RichLine> richLines = BubbleRich::lines(row.kind, rich);
    int richW = 0;
    const int richH = richLines.isEmpty() ? 0 : BubbleRich::height(richLines, f, maxText, &richW);
    content = std::max(content, richW);
    // A picture or a place without words has no text line.
    const bool textless = row.text.isEmpty() && (rich.media || richH > 0);
    int bodyW = 0;
    const int bodyH = textless ? 0 : wrappedHeight(f.bodyMetrics, maxText, row.text, &bodyW);
    content = std::max(content, bodyW);
    const int buttonH = f.bodyMetrics.height() + f.pad;
    for (const QString &button : row.buttons)
        content = std::max(content, std::min(maxText, f.bodyMetrics.horizontalAdvance(button) + 2 * f.pad));
    const QString failureText = row.failed() ? ConversationText::failure(row.failure) : QString();
    int failureW = 0;
    const int failureH =
        failureText.isEmpty() ? 0 : wrappedHeight(f.smallMetrics, maxText, failureText, &failureW);
    content = std::max(content, failureW);
    const QString footer = timeText(row.createdAt) +
                           (row.outgoing ? QStringLiteral("  ") + deliveryMark(row.delivery) : QString());
    const QString retry = row.canRetry ? tr("Retry") : QString();
    const QString edit = row.canEdit ? tr("Edit") : QString();
    const int footerW = f.smallMetrics.horizontalAdvance(footer) +
                        (retry.isEmpty() ? 0 : f.pad + f.smallMetrics.horizontalAdvance(retry)) +
                        (edit.isEmpty() ? 0 : f.pad + f.smallMetrics.horizontalAdvance(edit));
    content = std::max(content, std::min(maxText, footerW));

    const int bubbleW = content + 2 * f.pad;
    const int left = row.outgoing ? rect.left() + width - f.side - bubbleW : rect.left() + f.side;
    const int x = left + f.pad;
    int y = top + f.pad;
    if (nameH) {
        out.name = QRect(x, y, content, nameH);
        y += nameH + f.gap;
    }
    if (quoteH) {
        out.quote = QRect(x, y, content, quoteH - f.gap);
        y += quoteH;
    }
    bool placed = false; // something is above in the bubble's column already
    const auto next = [&](int h) {
        if (placed)
            y += f.gap;
        const int at = y;
        y += h;
        placed = true;
        return at;
    };
    if (!mediaSize.isEmpty())
        out.media = QRect(QPoint(x, next(mediaSize.height())), mediaSize);
    if (richH) {
        out.rich = QRect(x, next(richH), content, richH);
        out.link = BubbleRich::linkRect(out.rich, richLines, f);
    }
    if (!textless)
        out.body = QRect(x, next(bodyH), content, bodyH);
    for (qsizetype i = 0; i < row.buttons.size(); ++i) {
        y += f.gap;
        out.buttons.append(QRect(x, y, content, buttonH));
        y += buttonH;
    }
    if (failureH) {
        y += f.gap;
        out.failure = QRect(x, y, content, failureH);
        y += failureH;
    }
    y += f.gap;
    out.footer = QRect(x, y, content, f.smallMetrics.height());
    if (!retry.isEmpty()) {
        const int retryW = f.smallMetrics.horizontalAdvance(retry);
        out.retry = QRect(x, y, retryW, f.smallMetrics.height());
    }
    if (!edit.isEmpty()) {
        const int editX = out.retry.isEmpty() ? x : out.retry.right() + 1 + f.pad;
        out.edit = QRect(editX, y, f.smallMetrics.horizontalAdvance(edit), f.smallMetrics.height());
    }
    y += f.smallMetrics.height();
    out.bubble = QRect(left, top, bubbleW, y + f.pad - top);
    // The reactions' pill hangs over the bubble's lower edge, on the side the bubble leans to.
    const QSize pill = BubbleRich::reactionsSize(BubbleRich::reactionsText(rich.reactions), f);
    if (!pill.isEmpty()) {
        const int pillX =
            row.outgoing ? out.bubble.right() - f.pad - pill.width() : out.bubble.left() + f.pad;
        out.reactions = QRect(QPoint(pillX, out.bubble.bottom() - pill.height() / 3), pill);
    }
    out.height = std::max(out.bubble.bottom(), out.reactions.bottom()) + 1 - rect.top() + f.gap * 2;
    return out;
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Rows are as wide as the viewport: the wrapping depends on it.
    const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
    const int width = view ? view->viewport()->width() : std::max(option.rect.width(), 400);
    const BubbleLayout parts = layout(option, QRect(0, 0, width, 0), index);
    return QSize(width, parts.height);
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    const BubbleFonts &f = fontsFor(option.font);
    const RowData row(index);
    const BubbleLayout parts = layout(option, option.rect, index);
    const QPalette &palette = option.palette;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor highlight = palette.color(QPalette::Highlight);
    const QColor link = palette.color(QPalette::Link);
    const QColor muted = mixColors(text, base, 0.45);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    if (row.isNote()) {
        painter->setBrush(mixColors(base, text, 0.06));
        painter->drawRoundedRect(parts.bubble, f.radius, f.radius);
        painter->setFont(f.note);
        painter->setPen(muted);
        painter->drawText(parts.body, Qt::TextWordWrap | Qt::AlignHCenter,
                          tr("%1 \u00b7 %2").arg(row.text, timeText(row.createdAt)));
        painter->restore();
        return;
    }

    QColor fill = mixColors(base, text, 0.09); // the customer
    if (row.outgoing)
        fill = mixColors(base, highlight, row.senderType == SenderType::Bot ? 0.15 : 0.28);
    painter->setBrush(fill);
    painter->drawRoundedRect(parts.bubble, f.radius, f.radius);

    if (!parts.name.isEmpty()) {
        painter->setFont(f.name);
        painter->setPen(link);
        painter->drawText(parts.name, Qt::AlignLeft | Qt::AlignVCenter,
                          f.nameMetrics.elidedText(row.nameLine(), Qt::ElideRight, parts.name.width()));
    }
    if (!parts.quote.isEmpty()) {
        const int bar = std::max(2, f.gap);
        painter->fillRect(QRect(parts.quote.left(), parts.quote.top(), bar, parts.quote.height()), link);
        const QRect quoteText = parts.quote.adjusted(bar + f.gap * 2, 0, 0, 0);
        painter->setFont(f.small);
        painter->setPen(muted);
        painter->drawText(quoteText, Qt::AlignLeft | Qt::AlignVCenter,
                          f.smallMetrics.elidedText(row.quoted, Qt::ElideRight, quoteText.width()));
    }
    const RichParts rich(index);
    const BubbleColors colors{
        base, fill, text, muted, link, highlight, palette.color(QPalette::HighlightedText)};
    if (!parts.media.isEmpty() && rich.media) {
        if (BubbleMedia::isPicture(row.kind))
            BubbleMedia::paintPicture(painter, parts.media, *rich.media, row.kind, row.outgoing, m_thumbnails,
                                      f, colors);
        else
            BubbleMedia::paintChip(painter, parts.media, *rich.media, row.kind, row.outgoing,
                                   m_downloads ? m_downloads->state(rich.media->id) : client::DownloadState(),
                                   f, colors);
    }
    if (!parts.rich.isEmpty())
        BubbleRich::paint(painter, parts.rich, BubbleRich::lines(row.kind, rich), f, colors);
    painter->setFont(f.body);
    painter->setPen(text);
    if (!parts.body.isEmpty())
        painter->drawText(parts.body, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, row.text);
    for (qsizetype i = 0; i < parts.buttons.size(); ++i) {
        const QRect &r = parts.buttons.at(i);
        painter->setPen(mixColors(text, fill, 0.6));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), f.radius / 2.0, f.radius / 2.0);
        painter->setPen(link);
        painter->drawText(r, Qt::AlignCenter,
                          f.bodyMetrics.elidedText(row.buttons.at(i), Qt::ElideRight, r.width() - f.pad));
    }
    painter->setFont(f.small);
    if (!parts.failure.isEmpty()) {
        painter->setPen(text);
        painter->drawText(parts.failure, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop,
                          ConversationText::failure(row.failure));
    }
    if (!parts.retry.isEmpty()) {
        QFont underlined = f.small;
        underlined.setUnderline(true);
        painter->setFont(underlined);
        painter->setPen(link);
        painter->drawText(parts.retry, Qt::AlignLeft | Qt::AlignVCenter, tr("Retry"));
        if (!parts.edit.isEmpty())
            painter->drawText(parts.edit, Qt::AlignLeft | Qt::AlignVCenter, tr("Edit"));
        painter->setFont(f.small);
    }
    // Time, then the ticks; read ticks in the link colour.
    const QString mark = row.outgoing ? deliveryMark(row.delivery) : QString();
    const int markW = mark.isEmpty() ? 0 : f.smallMetrics.horizontalAdvance(mark);
    if (markW) {
        painter->setPen(row.delivery == int(ConversationDelivery::Read) ? link : muted);
        painter->drawText(parts.footer, Qt::AlignRight | Qt::AlignVCenter, mark);
    }
    painter->setPen(muted);
    const QRect timeRect = parts.footer.adjusted(0, 0, markW ? -(markW + f.gap * 2) : 0, 0);
    painter->drawText(timeRect, Qt::AlignRight | Qt::AlignVCenter, timeText(row.createdAt));
    BubbleRich::paintReactions(painter, parts.reactions, BubbleRich::reactionsText(rich.reactions), f,
                               colors);
    painter->restore();
}

} // namespace handover
