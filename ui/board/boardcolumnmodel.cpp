#include "ui/board/boardcolumnmodel.h"

#include "ui/chatroomlist/chatroomlistaccessible.h"

#include <QMimeData>
#include <algorithm>
#include <utility>
#include <vector>

namespace handover {

BoardColumnModel::BoardColumnModel(const QHash<ChatroomId, Chatroom> &chatrooms, OrgId orgId,
                                   BoardAgent agent, QObject *parent)
    : ChatroomRowsModel(parent)
    , m_chatrooms(chatrooms)
    , m_orgId(std::move(orgId))
    , m_agent(std::move(agent))
{}

BoardColumnModel::~BoardColumnModel() = default;

void BoardColumnModel::setAgent(const BoardAgent &agent)
{
    Q_ASSERT(agent.id == m_agent.id &&
             agent.groupId == m_agent.groupId); // a column never changes whose it is
    if (agent == m_agent)
        return;
    m_agent = agent;
    Q_EMIT agentChanged();
}

bool BoardColumnModel::holds(const Chatroom &chatroom) const
{
    if (!chatroom.isActive())
        return false; // closed chatrooms are nobody's work any more (R12)
    if (isGroup())
        return chatroom.pendingHandover && chatroom.pendingHandover->groupId == m_agent.groupId;
    if (isAwaitingHandover()) // those awaiting a group wait in the group's own column
        return chatroomInView(chatroom, View::AwaitingHandover, {}) &&
               !(chatroom.pendingHandover && !chatroom.pendingHandover->groupId.isEmpty());
    return chatroom.hasParticipant(m_agent.id);
}

void BoardColumnModel::follow(const ChatroomId &id)
{
    const auto found = m_chatrooms.constFind(id);
    if (found == m_chatrooms.cend() || !holds(*found)) {
        editRowOrder().remove(id);
        return;
    }
    if (!rowOrder().contains(id)) {
        editRowOrder().insert(id, found->sortKey);
        return;
    }
    // A key that did not change leaves the row in place (R20); its content may still have.
    emitRowChanged(editRowOrder().update(id, found->sortKey));
}

void BoardColumnModel::reload()
{
    std::vector<std::pair<QString, SortKey>> rows;
    for (const Chatroom &chatroom : m_chatrooms) {
        if (holds(chatroom))
            rows.emplace_back(chatroom.id, chatroom.sortKey);
    }
    editRowOrder().assign(std::move(rows));
}

const Chatroom *BoardColumnModel::chatroom(const ChatroomId &id) const
{
    if (!rowOrder().contains(id))
        return nullptr;
    const auto found = m_chatrooms.constFind(id);
    return found == m_chatrooms.cend() ? nullptr : &*found;
}

QVariant BoardColumnModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::AccessibleTextRole)
        return ChatroomRowsModel::data(index, role);
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Chatroom *found = chatroomAt(index.row());
    return found ? ChatroomSpokenText::of(*found, viewerId()) : QVariant();
}

Qt::ItemFlags BoardColumnModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // a drop on the empty part of the column
    return ChatroomRowsModel::flags(index) | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled |
           Qt::ItemNeverHasChildren;
}

QStringList BoardColumnModel::mimeTypes() const
{
    return {QString::fromLatin1(kChatroomMimeType)};
}

QMimeData *BoardColumnModel::mimeData(const QModelIndexList &indexes) const
{
    std::vector<int> rows;
    for (const QModelIndex &index : indexes) {
        if (checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            rows.push_back(index.row());
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.empty())
        return nullptr;
    DraggedChatrooms dragged{m_orgId, {}};
    for (int row : rows) {
        if (dragged.chatroomIds.size() == kMaxDraggedChatrooms)
            break;
        dragged.chatroomIds.append(idAt(row));
    }
    return chatroomMimeData(dragged);
}

Qt::DropActions BoardColumnModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions BoardColumnModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

bool BoardColumnModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int /*row*/,
                                       int /*column*/, const QModelIndex & /*parent*/) const
{
    return (supportedDropActions() & action) && data &&
           data->hasFormat(QString::fromLatin1(kChatroomMimeType));
}

bool BoardColumnModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                    const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const std::optional<DraggedChatrooms> dragged = draggedChatrooms(data);
    if (!dragged)
        return false;
    // Accepted as a command; the rows stay as they are until its events arrive.
    Q_EMIT chatroomsDropped(*dragged);
    return true;
}

} // namespace handover
