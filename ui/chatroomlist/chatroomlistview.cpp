#include "ui/chatroomlist/chatroomlistview.h"

#include "ui/chatroomlist/chatroomdelegate.h"
#include "ui/chatroomlist/chatroomlistaccessible.h"
#include "ui/chatroomlist/chatroomrowsmodel.h"

#include <QAccessible>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <chrono>
#include <limits>

namespace handover {

using namespace std::chrono_literals;

ChatroomListView::ChatroomListView(const Clock &clock, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_delegate(new ChatroomDelegate(clock, this))
{
    setObjectName(QStringLiteral("chatroomListView"));
    viewport()->setObjectName(QStringLiteral("chatroomListViewport"));
    static const bool accessible = [] {
        QAccessible::installFactory(&ChatroomListAccessible::factory);
        return true;
    }();
    Q_UNUSED(accessible)
    setAccessibleName(tr("Chatroom list"));
    setAccessibleDescription(tr("No chatroom selected"));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setBackgroundRole(QPalette::Base);

    m_frameTimer.setSingleShot(true);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &ChatroomListView::flushPendingFrame);
    m_minuteTimer.setInterval(30s);
    connect(&m_minuteTimer, &QTimer::timeout, this, &ChatroomListView::requestFrame);
    m_minuteTimer.start();
    updateRowHeight();
}

ChatroomListView::~ChatroomListView() = default;

ChatroomRowsModel *ChatroomListView::model() const
{
    return m_model.data();
}

void ChatroomListView::setModel(ChatroomRowsModel *model)
{
    if (model && model == m_model)
        return; // (nullptr goes on: a destroyed model leaves its state behind)
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_current = QPersistentModelIndex();
    m_anchor = QPersistentModelIndex();
    m_anchorOffset = 0;
    m_followTop = true;
    m_held.reset();
    if (m_model)
        connectModel();
    if (!m_currentId.isEmpty()) {
        m_currentId.clear();
        setAccessibleDescription(tr("No chatroom selected"));
        Q_EMIT currentChatroomChanged(m_currentId);
    }
    requestFrame();
}

// Each handler is O(1) (or O(log n) on a reset): the work of drawing waits for the frame.
void ChatroomListView::connectModel()
{
    ChatroomRowsModel *model = m_model;
    connect(model, &QAbstractItemModel::dataChanged, this, &ChatroomListView::markRowsChanged);
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, &ChatroomListView::holdIfHovered);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        noteArrival(first);
        requestFrame();
    });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, &ChatroomListView::rowsAboutToBeRemoved);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ChatroomListView::rowsRemoved);
    connect(model, &QAbstractItemModel::rowsAboutToBeMoved, this,
            [this](const QModelIndex &, int first, int last) {
                holdIfHovered();
                // The anchor row itself leaves its place: the row after it takes over, as on a removal.
                const int anchor = m_anchor.isValid() ? m_anchor.row() : -1;
                if (!m_followTop && anchor >= first && anchor <= last)
                    rowsAboutToBeRemoved({}, first, last);
            });
    connect(model, &QAbstractItemModel::rowsMoved, this,
            [this](const QModelIndex &, int first, int, const QModelIndex &, int destination) {
                noteArrival(destination > first ? destination - 1 : destination);
                requestFrame();
            });
    connect(model, &QAbstractItemModel::layoutChanged, this, &ChatroomListView::requestFrame);
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &ChatroomListView::modelAboutToBeReset);
    connect(model, &QAbstractItemModel::modelReset, this, &ChatroomListView::modelReset);
    connect(model, &QObject::destroyed, this, [this] { setModel(nullptr); });
}

void ChatroomListView::markRowsChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (m_held) {
        requestFrame(); // the held rows are not in model order: cheaper to draw than to find
        return;
    }
    const int top = topRow();
    if (top < 0 || bottomRight.row() < top || topLeft.row() >= top + visibleRowCount())
        return; // off screen: nothing to draw
    requestFrame();
}

void ChatroomListView::rowsAboutToBeRemoved(const QModelIndex &, int first, int last)
{
    holdIfHovered();
    const int anchor = m_anchor.isValid() ? m_anchor.row() : -1;
    if (m_followTop || anchor < first || anchor > last)
        return;
    const int rows = m_model->rowCount();
    const int successor = last + 1 < rows ? last + 1 : first - 1;
    m_anchor = successor >= 0 ? QPersistentModelIndex(m_model->index(successor, 0)) : QPersistentModelIndex();
    m_anchorOffset = 0;
}

void ChatroomListView::rowsRemoved(const QModelIndex &, int, int)
{
    if (!m_current.isValid() && !m_currentId.isEmpty()) { // the selected chatroom left the list
        m_currentId.clear();
        setAccessibleDescription(tr("No chatroom selected"));
        Q_EMIT currentChatroomChanged(m_currentId);
    }
    requestFrame();
}

void ChatroomListView::modelAboutToBeReset()
{
    m_held.reset(); // a reset shows everything anew
    m_anchorIdBeforeReset = !m_followTop && m_anchor.isValid() ? m_model->idAt(m_anchor.row()) : ChatroomId();
}

void ChatroomListView::modelReset()
{
    const int anchorRow = m_anchorIdBeforeReset.isEmpty() ? -1 : m_model->rowOf(m_anchorIdBeforeReset);
    m_anchor = anchorRow >= 0 ? QPersistentModelIndex(m_model->index(anchorRow, 0)) : QPersistentModelIndex();
    if (anchorRow < 0) {
        m_followTop = true;
        m_anchorOffset = 0;
    }
    m_anchorIdBeforeReset.clear();

    const int currentRow = m_currentId.isEmpty() ? -1 : m_model->rowOf(m_currentId);
    if (currentRow >= 0) {
        m_current = QPersistentModelIndex(m_model->index(currentRow, 0));
    } else if (!m_currentId.isEmpty()) {
        m_currentId.clear();
        setAccessibleDescription(tr("No chatroom selected"));
        Q_EMIT currentChatroomChanged(m_currentId);
    }
    requestFrame();
}

// ---- frames

void ChatroomListView::requestFrame()
{
    m_dirty = true;
    if (m_frameTimer.isActive())
        return;
    // At once if the last frame is old enough, otherwise when a frame's time has passed since it.
    const qint64 since = m_sinceFrame.isValid() ? m_sinceFrame.elapsed() : kFrameIntervalMs;
    m_frameTimer.start(int(std::max<qint64>(0, kFrameIntervalMs - since)));
}

void ChatroomListView::flushPendingFrame()
{
    m_frameTimer.stop();
    if (!m_dirty)
        return;
    m_dirty = false;
    m_sinceFrame.start();
    if (!m_held) // the bar says where the list is; while it holds still, it stays where it was
        syncScrollBar();
    viewport()->repaint();
    if (QAccessible::isActive()) {
        // The rows on screen changed: their names, or which chatrooms they are.
        QAccessibleEvent reorder(this, QAccessible::ObjectReorder);
        QAccessible::updateAccessibility(&reorder);
    }
}

void ChatroomListView::paintEvent(QPaintEvent *event)
{
    ++m_repaints;
    QPainter painter(viewport());
    painter.fillRect(event->rect(), palette().color(QPalette::Base));
    if (!m_model)
        return;

    QStyleOptionViewItem option;
    option.initFrom(this);
    option.font = font();
    option.fontMetrics = fontMetrics();
    option.widget = this;
    option.showDecorationSelected = true;
    option.viewItemPosition = QStyleOptionViewItem::OnlyOne;
    option.state &= ~(QStyle::State_HasFocus | QStyle::State_MouseOver);
    const QStyle::State normal = option.state;

    const int width = viewport()->width();
    const int current = currentRow();
    const auto paintRow = [&](int row, int y) {
        option.rect = QRect(0, y, width, m_rowHeight);
        if (row < 0 || !event->rect().intersects(option.rect))
            return;
        option.state = normal;
        if (row == current)
            option.state |=
                hasFocus() ? QStyle::State_Selected | QStyle::State_HasFocus : QStyle::State_Selected;
        m_delegate->paint(&painter, option, m_model->index(row, 0));
        ++m_paintedRows;
    };
    if (m_held) {
        // The held rows where they were, as they are now; one that left the list leaves a gap.
        for (qsizetype i = 0; i < m_held->ids.size(); ++i)
            paintRow(m_model->rowOf(m_held->ids.at(i)), m_held->firstTop + int(i) * m_rowHeight);
        paintUpdatedHint(painter);
        return;
    }
    const int rows = m_model->rowCount();
    const qint64 offset = scrollOffset();
    int row = int(offset / m_rowHeight);
    for (int y = int(qint64(row) * m_rowHeight - offset); row < rows && y < viewport()->height();
         ++row, y += m_rowHeight)
        paintRow(row, y);
}

// ---- geometry and scrolling

void ChatroomListView::updateRowHeight()
{
    m_rowHeight = std::max(1, ChatroomDelegate::rowHeight(font()));
}

int ChatroomListView::topRow() const
{
    if (!m_model || m_model->rowCount() == 0)
        return -1;
    return int(scrollOffset() / m_rowHeight);
}

QList<int> ChatroomListView::rowsOnScreen() const
{
    QList<int> rows;
    if (!m_model)
        return rows;
    if (m_held) {
        for (const ChatroomId &id : m_held->ids) {
            if (const int row = m_model->rowOf(id); row >= 0)
                rows.append(row);
        }
        return rows;
    }
    const qint64 offset = scrollOffset();
    const int first = int(offset / m_rowHeight);
    const int end = std::min<qint64>(m_model->rowCount(),
                                     (offset + viewport()->height() + m_rowHeight - 1) / m_rowHeight);
    for (int row = first; row < end; ++row)
        rows.append(row);
    return rows;
}

QRect ChatroomListView::visualRect(int row) const
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return {};
    qint64 top = 0;
    if (m_held) {
        const qsizetype slot = m_held->ids.indexOf(m_model->idAt(row));
        if (slot < 0)
            return {};
        top = m_held->firstTop + qint64(slot) * m_rowHeight;
    } else {
        top = qint64(row) * m_rowHeight - scrollOffset();
    }
    const QRect rect(0, int(std::clamp<qint64>(top, -m_rowHeight, viewport()->height())), viewport()->width(),
                     m_rowHeight);
    return rect.intersects(viewport()->rect()) ? rect : QRect();
}

int ChatroomListView::visibleRowCount() const
{
    return (viewport()->height() + m_rowHeight - 1) / m_rowHeight + 1; // +1: a row cut at the top and bottom
}

int ChatroomListView::rowAt(int y) const
{
    if (!m_model || y < 0)
        return -1;
    if (m_held) {
        const int slot = y >= m_held->firstTop ? (y - m_held->firstTop) / m_rowHeight : -1;
        return slot >= 0 && slot < m_held->ids.size() ? m_model->rowOf(m_held->ids.at(slot)) : -1;
    }
    const qint64 row = (scrollOffset() + y) / m_rowHeight;
    return row < m_model->rowCount() ? int(row) : -1;
}

qint64 ChatroomListView::contentHeight() const
{
    return m_model ? qint64(m_model->rowCount()) * m_rowHeight : 0;
}

qint64 ChatroomListView::maximumOffset() const
{
    return std::clamp<qint64>(contentHeight() - viewport()->height(), 0, std::numeric_limits<int>::max());
}

qint64 ChatroomListView::scrollOffset() const
{
    if (m_followTop || !m_model)
        return 0;
    const qint64 row = m_anchor.isValid() ? m_anchor.row() : 0;
    return std::clamp<qint64>(row * m_rowHeight + m_anchorOffset, 0, maximumOffset());
}

void ChatroomListView::setScrollOffset(qint64 offset)
{
    offset = std::clamp<qint64>(offset, 0, maximumOffset());
    m_followTop = offset == 0;
    if (m_followTop || !m_model) {
        m_anchor = QPersistentModelIndex();
        m_anchorOffset = 0;
    } else {
        m_anchor = QPersistentModelIndex(m_model->index(int(offset / m_rowHeight), 0));
        m_anchorOffset = int(offset % m_rowHeight);
    }
    requestFrame();
}

void ChatroomListView::scrollToRow(int row)
{
    setScrollOffset(qint64(std::max(0, row)) * m_rowHeight);
}

void ChatroomListView::syncScrollBar()
{
    m_syncingScrollBar = true;
    QScrollBar *bar = verticalScrollBar();
    bar->setRange(0, int(maximumOffset()));
    bar->setPageStep(viewport()->height());
    bar->setSingleStep(m_rowHeight);
    bar->setValue(int(scrollOffset()));
    m_syncingScrollBar = false;
}

void ChatroomListView::scrollContentsBy(int, int)
{
    if (m_syncingScrollBar)
        return;
    // The user moved the scroll bar (drag, wheel, keys on the bar): the list as it is now, from there.
    m_held.reset();
    setScrollOffset(verticalScrollBar()->value());
}

void ChatroomListView::ensureRowVisible(int row)
{
    const qint64 top = qint64(row) * m_rowHeight;
    const qint64 bottom = top + m_rowHeight;
    const qint64 offset = scrollOffset();
    if (top < offset)
        setScrollOffset(top);
    else if (bottom > offset + viewport()->height())
        setScrollOffset(bottom - viewport()->height());
}

void ChatroomListView::resizeEvent(QResizeEvent *event)
{
    m_held.reset();
    QAbstractScrollArea::resizeEvent(event);
    requestFrame();
}

void ChatroomListView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
        updateRowHeight();
        requestFrame();
        break;
    case QEvent::PaletteChange:
    case QEvent::LayoutDirectionChange:
    case QEvent::EnabledChange:
        requestFrame();
        break;
    default:
        break;
    }
}

// ---- selection and input

int ChatroomListView::currentRow() const
{
    return m_current.isValid() ? m_current.row() : -1;
}

void ChatroomListView::setCurrentChatroom(const ChatroomId &id)
{
    if (id != m_currentId)
        releaseHold(); // the selection moves elsewhere, from the keyboard or a notification: show it there
    const int row = m_model && !id.isEmpty() ? m_model->rowOf(id) : -1;
    setCurrentIndex(row >= 0 ? m_model->index(row, 0) : QModelIndex(), true);
}

void ChatroomListView::setCurrentRow(int row)
{
    if (!m_model || m_model->rowCount() == 0)
        return;
    setCurrentIndex(m_model->index(std::clamp(row, 0, m_model->rowCount() - 1), 0), true);
}

void ChatroomListView::setCurrentIndex(const QModelIndex &index, bool scroll)
{
    if (index.isValid() && scroll)
        ensureRowVisible(index.row());
    const ChatroomId id = index.isValid() ? m_model->idAt(index.row()) : ChatroomId();
    if (id == m_currentId && QModelIndex(m_current) == index)
        return;
    m_current = QPersistentModelIndex(index);
    m_currentId = id;
    setAccessibleDescription(id.isEmpty() ? tr("No chatroom selected")
                                          : tr("Selected: %1").arg(index.data(DisplayNameRole).toString()));
    requestFrame();
    announceCurrent();
    Q_EMIT currentChatroomChanged(m_currentId);
}

void ChatroomListView::announceCurrent()
{
    if (!QAccessible::isActive() || !hasFocus())
        return;
    const int slot = int(rowsOnScreen().indexOf(currentRow()));
    if (slot < 0)
        return;
    QAccessibleEvent focus(this, QAccessible::Focus);
    focus.setChild(slot);
    QAccessible::updateAccessibility(&focus);
    QAccessibleEvent selection(this, QAccessible::Selection);
    selection.setChild(slot);
    QAccessible::updateAccessibility(&selection);
}

void ChatroomListView::activateCurrent()
{
    if (!m_currentId.isEmpty())
        Q_EMIT chatroomActivated(m_currentId);
}

void ChatroomListView::keyPressEvent(QKeyEvent *event)
{
    releaseHold(); // keys move through the list as it is
    const int current = currentRow();
    const int from = current >= 0 ? current : std::max(0, topRow());
    const int page = std::max(1, viewport()->height() / m_rowHeight);
    switch (event->key()) {
    case Qt::Key_Up:
        setCurrentRow(current >= 0 ? from - 1 : from);
        break;
    case Qt::Key_Down:
        setCurrentRow(current >= 0 ? from + 1 : from);
        break;
    case Qt::Key_PageUp:
        setCurrentRow(from - page);
        break;
    case Qt::Key_PageDown:
        setCurrentRow(from + page);
        break;
    case Qt::Key_Home:
        setCurrentRow(0);
        break;
    case Qt::Key_End:
        setCurrentRow(std::numeric_limits<int>::max());
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        activateCurrent();
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void ChatroomListView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    if (m_held && updatedHintRect().contains(event->position().toPoint())) {
        releaseHold();
        scrollToRow(0);
        event->accept();
        return;
    }
    // While the list holds still, the row clicked is the one painted there, and nothing scrolls.
    const int row = rowAt(event->position().toPoint().y());
    if (row >= 0)
        setCurrentIndex(m_model->index(row, 0), !m_held);
    event->accept();
}

void ChatroomListView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        event->accept(); // the press selected already
    else
        QAbstractScrollArea::mouseReleaseEvent(event);
}

void ChatroomListView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rowAt(event->position().toPoint().y()) == currentRow()) {
        activateCurrent();
        event->accept();
        return;
    }
    QAbstractScrollArea::mouseDoubleClickEvent(event);
}

void ChatroomListView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    requestFrame();
    announceCurrent();
}

void ChatroomListView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    requestFrame();
}

} // namespace handover
