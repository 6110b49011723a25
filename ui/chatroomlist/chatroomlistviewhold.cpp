// The list holding still under the pointer: what is on screen when the first move would shift it, the
// chatrooms that went above meanwhile, and the hint that counts them.
#include "ui/chatroomlist/chatroomdelegate.h"
#include "ui/chatroomlist/chatroomlistview.h"
#include "ui/chatroomlist/chatroomrowsmodel.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <algorithm>

namespace handover {

bool ChatroomListView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos().y());
        return m_delegate->showToolTip(help, viewport(), row >= 0 ? m_model->index(row, 0) : QModelIndex());
    }
    case QEvent::Enter:
    case QEvent::MouseMove:
        m_hovered = true;
        break;
    case QEvent::Leave:
    case QEvent::Hide:
        m_hovered = false;
        releaseHold();
        break;
    default:
        break;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void ChatroomListView::holdIfHovered()
{
    if (m_held || !m_hovered || !m_model || m_model->rowCount() == 0)
        return;
    // Just before the first change that would move rows under the pointer: what is on screen now.
    HeldRows held;
    const qint64 offset = scrollOffset();
    const int first = int(offset / m_rowHeight);
    held.firstTop = int(qint64(first) * m_rowHeight - offset);
    for (int row = first, end = std::min(m_model->rowCount(), first + visibleRowCount()); row < end; ++row)
        held.ids.append(m_model->idAt(row));
    m_held = std::move(held);
}

void ChatroomListView::noteArrival(int row)
{
    if (!m_held)
        return;
    const ChatroomId id = m_model->idAt(row);
    if (id.isEmpty() || m_held->ids.contains(id))
        return; // painted in its held place
    // Above the highest held row that is still in the list: out of sight until the hold ends.
    for (const ChatroomId &held : std::as_const(m_held->ids)) {
        const int heldRow = m_model->rowOf(held);
        if (heldRow >= 0) {
            if (row < heldRow)
                m_held->updatedAbove.insert(id);
            return;
        }
    }
    m_held->updatedAbove.insert(id);
}

void ChatroomListView::releaseHold()
{
    if (!m_held)
        return;
    m_held.reset();
    requestFrame();
}

QRect ChatroomListView::updatedHintRect() const
{
    if (!m_held || m_held->updatedAbove.isEmpty())
        return {};
    const QFontMetrics metrics = fontMetrics();
    const int count = int(m_held->updatedAbove.size());
    const int width =
        metrics.horizontalAdvance(tr("\u2191 %n updated above", nullptr, count)) + metrics.height();
    const int height = metrics.height() + metrics.height() / 3;
    return QRect((viewport()->width() - width) / 2, metrics.height() / 4, width, height);
}

void ChatroomListView::paintUpdatedHint(QPainter &painter)
{
    const QRect pill = updatedHintRect();
    if (pill.isEmpty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Highlight));
    painter.drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter.setPen(palette().color(QPalette::HighlightedText));
    painter.setFont(font());
    painter.drawText(pill, Qt::AlignCenter,
                     tr("\u2191 %n updated above", nullptr, int(m_held->updatedAbove.size())));
    painter.restore();
}

} // namespace handover
