#pragma once

#include "core/domain/chatroom.h"

#include <QAccessibleWidget>
#include <QCoreApplication>
#include <QHash>
#include <QPointer>

namespace handover {

class ChatroomListView;

// What assistive technology says of a chatroom row: its name, the viewer's unread count, whether it awaits
// a handover or is closed, and the newest message ("Maya Lindqvist, 2 unread, Is the sofa in stock?").
// The chatroom list and the board's columns say the same.
class ChatroomSpokenText
{
    Q_DECLARE_TR_FUNCTIONS(ChatroomSpokenText)

public:
    static QString of(const Chatroom &chatroom, const UserId &viewerId);
};

// The chatroom list to assistive technology: a list whose children are the rows on screen, in the order they
// are painted (while the list holds still under the pointer, the held rows). Only the rows on screen, so
// what it costs follows the viewport, as the view's painting does (P2); moving the selection scrolls the
// current row into view, so keyboard users reach every row. ChatroomListView installs the factory.
class ChatroomListAccessible final : public QAccessibleWidget
{
public:
    explicit ChatroomListAccessible(ChatroomListView *view);
    ~ChatroomListAccessible() override;

    static QAccessibleInterface *factory(const QString &className, QObject *object);

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;

    ChatroomListView *view() const;

private:
    // One interface per slot on screen, made when first asked for; a slot speaks for whichever row is there.
    mutable QHash<int, QAccessible::Id> m_slots;
};

// A row on screen: a list item whose name is ChatroomSpokenText, selected when it is the open chatroom.
class ChatroomRowAccessible final : public QAccessibleInterface
{
public:
    ChatroomRowAccessible(ChatroomListView *view, int slot);

    bool isValid() const override;
    QObject *object() const override { return nullptr; }
    QWindow *window() const override;
    QAccessibleInterface *parent() const override;
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QString text(QAccessible::Text t) const override;
    void setText(QAccessible::Text, const QString &) override {}
    QRect rect() const override;
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override;

    int slot() const { return m_slot; }

private:
    int row() const; // -1 when the slot is empty now

    QPointer<ChatroomListView> m_view;
    int m_slot;
};

} // namespace handover
