#include "ui/chatroomlist/chatroomlistaccessible.h"

#include "ui/chatroomlist/chatroomlistview.h"
#include "ui/chatroomlist/chatroomrowsmodel.h"

#include <QStringList>
#include <QWidget>

namespace handover {

QString ChatroomSpokenText::of(const Chatroom &chatroom, const UserId &viewerId)
{
    QStringList parts{ChatroomRowsModel::chatroomData(chatroom, DisplayNameRole, viewerId).toString()};
    const int unread = ChatroomRowsModel::chatroomData(chatroom, UnreadCountRole, viewerId).toInt();
    if (unread > 0)
        parts.append(tr("%n unread", nullptr, unread));
    if (chatroom.pendingHandover)
        parts.append(tr("awaiting handover"));
    if (!chatroom.isActive())
        parts.append(tr("closed"));
    const QString preview = ChatroomRowsModel::chatroomData(chatroom, PreviewRole, viewerId).toString();
    if (!preview.isEmpty())
        parts.append(preview);
    return parts.join(QStringLiteral(", "));
}

ChatroomListAccessible::ChatroomListAccessible(ChatroomListView *view)
    : QAccessibleWidget(view, QAccessible::List)
{}

ChatroomListAccessible::~ChatroomListAccessible()
{
    for (const QAccessible::Id id : std::as_const(m_slots))
        QAccessible::deleteAccessibleInterface(id);
}

QAccessibleInterface *ChatroomListAccessible::factory(const QString &, QObject *object)
{
    auto *view = qobject_cast<ChatroomListView *>(object);
    return view ? new ChatroomListAccessible(view) : nullptr;
}

ChatroomListView *ChatroomListAccessible::view() const
{
    return static_cast<ChatroomListView *>(widget());
}

int ChatroomListAccessible::childCount() const
{
    return int(view()->rowsOnScreen().size());
}

QAccessibleInterface *ChatroomListAccessible::child(int index) const
{
    if (index < 0 || index >= childCount())
        return nullptr;
    const auto found = m_slots.constFind(index);
    if (found != m_slots.cend()) {
        if (QAccessibleInterface *known = QAccessible::accessibleInterface(*found))
            return known;
    }
    auto *row = new ChatroomRowAccessible(view(), index);
    m_slots.insert(index, QAccessible::registerAccessibleInterface(row));
    return row;
}

int ChatroomListAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    if (!child || child->role() != QAccessible::ListItem || child->parent() != this)
        return -1;
    const int slot = static_cast<const ChatroomRowAccessible *>(child)->slot();
    return slot < childCount() ? slot : -1;
}

QAccessibleInterface *ChatroomListAccessible::childAt(int x, int y) const
{
    const QPoint local = view()->viewport()->mapFromGlobal(QPoint(x, y));
    const int row = view()->rowAt(local.y());
    const int slot = int(view()->rowsOnScreen().indexOf(row));
    return row < 0 || slot < 0 ? nullptr : child(slot);
}

ChatroomRowAccessible::ChatroomRowAccessible(ChatroomListView *view, int slot)
    : m_view(view)
    , m_slot(slot)
{}

int ChatroomRowAccessible::row() const
{
    if (!m_view)
        return -1;
    const QList<int> rows = m_view->rowsOnScreen();
    return m_slot < rows.size() ? rows.at(m_slot) : -1;
}

bool ChatroomRowAccessible::isValid() const
{
    return m_view && m_view->model();
}

QWindow *ChatroomRowAccessible::window() const
{
    return m_view ? m_view->window()->windowHandle() : nullptr;
}

QAccessibleInterface *ChatroomRowAccessible::parent() const
{
    return m_view ? QAccessible::queryAccessibleInterface(m_view.data()) : nullptr;
}

QString ChatroomRowAccessible::text(QAccessible::Text t) const
{
    const int at = row();
    if (at < 0 || t != QAccessible::Name)
        return {};
    const Chatroom *chatroom = m_view->model()->chatroomAt(at);
    return chatroom ? ChatroomSpokenText::of(*chatroom, m_view->model()->viewerId()) : QString();
}

QRect ChatroomRowAccessible::rect() const
{
    const int at = row();
    if (at < 0)
        return {};
    const QRect local = m_view->visualRect(at);
    return QRect(m_view->viewport()->mapToGlobal(local.topLeft()), local.size());
}

QAccessible::State ChatroomRowAccessible::state() const
{
    QAccessible::State state;
    state.selectable = true;
    state.focusable = true;
    const int at = row();
    if (at < 0) {
        state.invisible = true;
        return state;
    }
    if (at == m_view->currentRow()) {
        state.selected = true;
        state.focused = m_view->hasFocus();
    }
    return state;
}

} // namespace handover
