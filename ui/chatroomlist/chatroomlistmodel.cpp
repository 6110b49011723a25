#include "ui/chatroomlist/chatroomlistmodel.h"

#include <utility>
#include <vector>

namespace handover {

ChatroomListModel::ChatroomListModel(View view, UserId viewerId, QObject *parent)
    : ChatroomRowsModel(parent)
    , m_view(view)
    , m_viewerId(std::move(viewerId))
{}

ChatroomListModel::~ChatroomListModel() = default;

const Chatroom *ChatroomListModel::chatroom(const ChatroomId &id) const
{
    const auto found = m_chatrooms.constFind(id);
    return found == m_chatrooms.cend() ? nullptr : &*found;
}

void ChatroomListModel::resetWith(QList<Chatroom> chatrooms)
{
    QHash<ChatroomId, Chatroom> inView;
    inView.reserve(chatrooms.size());
    std::vector<std::pair<QString, SortKey>> rows;
    rows.reserve(static_cast<size_t>(chatrooms.size()));
    for (Chatroom &chatroom : chatrooms) {
        if (!chatroomInView(chatroom, m_view, m_viewerId))
            continue;
        rows.emplace_back(chatroom.id, chatroom.sortKey);
        const ChatroomId id = chatroom.id;
        inView.insert(id, std::move(chatroom)); // a repeated id: the last one wins, as in the index
    }
    m_incoming = std::move(inView);
    editRowOrder().assign(std::move(rows)); // announces the reset; resetDone() swaps the chatrooms in
}

void ChatroomListModel::resetDone()
{
    m_chatrooms = std::move(m_incoming);
    m_incoming = {};
    ChatroomRowsModel::resetDone();
}

void ChatroomListModel::applyEvents(const QList<Event> &events)
{
    for (const Event &event : events)
        applyEvent(event);
}

bool ChatroomListModel::belongsHere(const Event &event) const
{
    // The unassigned event of a reassignment (R11) takes the chatroom out of the user's Mine, whatever else
    // its chatroom says.
    if (m_view == View::Mine && event.kind == EventKind::ChatroomUnassigned && event.userId == m_viewerId)
        return false;
    return chatroomInView(event.chatroom, m_view, m_viewerId);
}

void ChatroomListModel::applyEvent(const Event &event)
{
    if (event.kind == EventKind::PresenceUpdated || event.chatroom.id.isEmpty())
        return;
    const Chatroom &incoming = event.chatroom;
    const ChatroomId &id = incoming.id;
    const auto stored = m_chatrooms.find(id);

    if (!belongsHere(event)) {
        if (stored == m_chatrooms.end())
            return;
        editRowOrder().remove(id);  // rows are announced while the chatroom can still be read
        Q_EMIT chatroomRemoved(id); // ...and so is this
        m_chatrooms.remove(id);
        return;
    }

    if (stored == m_chatrooms.end()) {
        m_chatrooms.insert(id, incoming); // readable when the row is announced
        editRowOrder().insert(id, incoming.sortKey);
        Q_EMIT chatroomChanged(id);
        return;
    }

    if (*stored == incoming)
        return; // a replay, or an event that changed nothing about the chatroom
    // Moves only when the key changed: a bump. Everything else keeps its row (R20).
    Chatroom &current = *stored; // stays valid: nothing is added to or taken from the hash until the end
    const int row = editRowOrder().update(id, incoming.sortKey);
    current = incoming;
    emitRowChanged(row);
    Q_EMIT chatroomChanged(id);
}

} // namespace handover
