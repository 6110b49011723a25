#pragma once

#include "core/domain/ids.h"

#include <QHash>
#include <QStyledItemDelegate>
#include <memory>

namespace handover {

class Clock;
struct ChatroomRowMetrics;

// Paints one chatroom row from the roles of ChatroomRowsModel: the name and the time of the last message
// ("2 min", from the injected clock), the pending-handover marker and the 24h window's time left (R19), the
// preview (a silent automation message in italics behind a "silent" tag, R4s) and the viewer's unread badge.
// Closed chatrooms (deactivated or expired, R12) are greyed and tagged "closed", without a window or a badge.
// In the All view the second line also names who has the chatroom, or that it awaits a handover. Hovering a
// row explains its tags and its window in a tooltip.
// Every colour comes from the option's palette and every size from its font, so it follows dark palettes,
// font settings and high-DPI screens. All rows have the same height.
class ChatroomDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // The clock must outlive the delegate.
    explicit ChatroomDelegate(const Clock &clock, QObject *parent = nullptr);
    ~ChatroomDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The height of every row for this font.
    static int rowHeight(const QFont &font);

    // Rows also name who has each chatroom (the All view): from these names, the viewer as "You".
    void setAssignees(bool shown, const QHash<UserId, QString> &names = {}, const UserId &viewerId = {});
    bool showsAssignees() const { return m_showAssignees; }
    // "Alex Morgan", "Alex Morgan, Sam Patel", "Awaiting handover", "Nobody".
    QString assigneeText(const QModelIndex &index) const;

    // What the row's tags and window mean ("handover: ..."), one line each; empty for a row without any.
    QString toolTipFor(const QModelIndex &index) const;
    // Shows toolTipFor(index) at the event's position, or hides the tooltip; true when handled.
    bool showToolTip(QHelpEvent *event, QWidget *view, const QModelIndex &index) const;

    // "now", "5 min", "3 h", "2 d", then the date.
    static QString relativeTime(const QDateTime &at, const QDateTime &now);
    // "45 min left", "23 h left"; empty when the window is closed or never opened (R19).
    static QString windowTimeLeft(const QDateTime &expiresAt, const QDateTime &now);
    // The tag of a deactivated or expired chatroom.
    static QString closedTag();
    // "7", "99+"; empty for none.
    static QString unreadBadgeText(int count);

private:
    const ChatroomRowMetrics &metricsFor(const QFont &font) const;

    const Clock &m_clock;
    mutable std::unique_ptr<ChatroomRowMetrics> m_metrics; // for the last font painted with
    bool m_showAssignees = false;
    QHash<UserId, QString> m_names;
    UserId m_viewerId;
};

} // namespace handover
