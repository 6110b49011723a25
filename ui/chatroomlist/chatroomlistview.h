#pragma once

#include "core/domain/ids.h"

#include <QAbstractScrollArea>
#include <QElapsedTimer>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <optional>

class QPainter;

namespace handover {

class ChatroomDelegate;
class ChatroomRowsModel;
class Clock;

// The chatroom list on screen. Not a QListView: that one lays out every row again on each move (O(n), about
// 3 ms at 100k rows), while this view's cost per change is O(1) and per frame depends only on the rows on
// screen, all of one height. Model changes mark the view dirty; it repaints at most once per frame
// (kFrameIntervalMs), whatever the rate of events.
//
// The selection is one chatroom, kept by id. The scroll position is kept as an anchor: the row at the top
// of the viewport and how far it is scrolled into. Rows moving, arriving or leaving around them move neither
// the selection nor the rows on screen; only when the list is scrolled to its very top does the view follow
// the top, so new bumps come into sight.
//
// The list holds still under the pointer: while the pointer is over it, the rows on screen stay where they
// are (their content still changes) and a click lands on the row it was aimed at. Moves wait until the
// pointer leaves, the list is scrolled or a key moves the selection; meanwhile a hint at the top counts the
// chatrooms that went above ("3 updated above"), and clicking it shows them.
class ChatroomListView final : public QAbstractScrollArea
{
    Q_OBJECT

public:
    static constexpr int kFrameIntervalMs = 16;

    // The clock (for "2 min" and the 24h window) must outlive the view.
    explicit ChatroomListView(const Clock &clock, QWidget *parent = nullptr);
    ~ChatroomListView() override;

    // Not owned; nullptr for none.
    void setModel(ChatroomRowsModel *model);
    ChatroomRowsModel *model() const;
    ChatroomDelegate *delegate() const { return m_delegate; }

    ChatroomId currentChatroom() const { return m_currentId; }
    int currentRow() const; // -1 for none
    // Selects the chatroom and scrolls it into view; an id that is not in the list clears the selection.
    void setCurrentChatroom(const ChatroomId &id);

    int rowHeight() const { return m_rowHeight; }
    int topRow() const;          // the row at the top of the viewport, -1 when the list is empty
    int visibleRowCount() const; // rows that fit in the viewport, counting a partly visible last one
    int rowAt(int y) const;      // the row at viewport coordinate y, -1 for none
    void scrollToRow(int row);   // makes it the top row, as far as the list allows
    // The rows on screen, top to bottom, as painted (while holding still, the held rows still in the list).
    QList<int> rowsOnScreen() const;
    // Where a row is painted, in viewport coordinates; empty when it is not on screen.
    QRect visualRect(int row) const;
    bool isFollowingTop() const { return m_followTop; }

    bool isHoldingStill() const { return m_held.has_value(); }
    int updatedAboveCount() const { return m_held ? int(m_held->updatedAbove.size()) : 0; }
    // Shows the list as it is now, scrolled where it was.
    void releaseHold();

    // For tests and benchmarks: paints of the viewport, and rows painted by them.
    quint64 repaintCount() const { return m_repaints; }
    quint64 paintedRowCount() const { return m_paintedRows; }
    // Ends the current frame now: brings the scroll bar up to date and repaints, if anything changed.
    void flushPendingFrame();

Q_SIGNALS:
    void currentChatroomChanged(const QString &chatroomId); // empty when nothing is selected
    void chatroomActivated(const QString &chatroomId);      // Enter, Return or a double click

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;

private:
    void connectModel();
    void requestFrame();
    void announceCurrent();
    void markRowsChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void rowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void rowsRemoved(const QModelIndex &parent, int first, int last);
    void modelAboutToBeReset();
    void modelReset();

    qint64 contentHeight() const;
    qint64 maximumOffset() const;
    qint64 scrollOffset() const; // from the anchor, clamped to the list
    void setScrollOffset(qint64 offset);
    void syncScrollBar();
    void updateRowHeight();
    void setCurrentRow(int row);
    void setCurrentIndex(const QModelIndex &index, bool scroll);
    void ensureRowVisible(int row);
    void activateCurrent();
    void holdIfHovered();
    void noteArrival(int row);
    QRect updatedHintRect() const;
    void paintUpdatedHint(QPainter &painter);

    QPointer<ChatroomRowsModel> m_model;
    ChatroomDelegate *m_delegate = nullptr;

    QPersistentModelIndex m_current;
    ChatroomId m_currentId;
    // The scroll anchor; unused while following the top.
    QPersistentModelIndex m_anchor;
    int m_anchorOffset = 0; // pixels of the anchor row scrolled out of sight
    bool m_followTop = true;
    int m_removedAnchorRow = -1; // where the anchor was, when its row is being removed
    ChatroomId m_anchorIdBeforeReset;

    // The rows on screen while the pointer is over the list, top to bottom, with the first one's top.
    struct HeldRows
    {
        QStringList ids;
        int firstTop = 0;
        QSet<ChatroomId> updatedAbove;
    };
    std::optional<HeldRows> m_held;
    bool m_hovered = false;

    int m_rowHeight = 1;
    bool m_dirty = false;
    bool m_syncingScrollBar = false;
    QTimer m_frameTimer;
    QElapsedTimer m_sinceFrame;
    QTimer m_minuteTimer; // relative times age
    quint64 m_repaints = 0;
    quint64 m_paintedRows = 0;
};

} // namespace handover
