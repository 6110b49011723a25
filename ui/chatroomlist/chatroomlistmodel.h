#pragma once

#include "core/domain/event.h"
#include "ui/chatroomlist/chatroomrowsmodel.h"

#include <QHash>
#include <QList>

namespace handover {

// One view of RULES.md (Mine, Awaiting handover or All) for one user, as a list model of up to 1M rows.
// Fed with Chatroom values (cold start) and Events (sync); every event carries its chatroom as it is after
// the event, so applying one is an upsert: the chatroom enters or leaves the view per chatroomInView(), and
// its row moves only when its sort key changed. Events that do not bump keep the key (R20), so a silent
// template (R4s), a status, a read or a deactivation changes the row's content (dataChanged) and never its
// place. Each event costs O(log n): one hash lookup and at most one index operation.
class ChatroomListModel final : public ChatroomRowsModel
{
    Q_OBJECT

public:
    ChatroomListModel(View view, UserId viewerId, QObject *parent = nullptr);
    ~ChatroomListModel() override;

    View view() const { return m_view; }
    UserId viewerId() const override { return m_viewerId; }

    // Replaces everything with the chatrooms of this view among `chatrooms`: one model reset.
    void resetWith(QList<Chatroom> chatrooms);
    // Applies a batch in order. Presence events and events of other views' chatrooms are ignored.
    void applyEvents(const QList<Event> &events);
    void applyEvent(const Event &event);

    const Chatroom *chatroom(const ChatroomId &id) const override;
    const QHash<ChatroomId, Chatroom> &chatrooms() const { return m_chatrooms; }

Q_SIGNALS:
    // After a chatroom entered the list or changed (moved or not); after one left the list, while it can
    // still be read through chatroom(). ChatroomFilterModel follows the list through these.
    void chatroomChanged(const QString &chatroomId);
    void chatroomRemoved(const QString &chatroomId);

protected:
    void resetDone() override;

private:
    bool belongsHere(const Event &event) const;

    const View m_view;
    const UserId m_viewerId;
    QHash<ChatroomId, Chatroom> m_chatrooms; // exactly the ids of rowOrder()
    QHash<ChatroomId, Chatroom> m_incoming;  // resetWith(): swapped in while the model resets
};

} // namespace handover
