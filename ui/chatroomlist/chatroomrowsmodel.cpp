#include "ui/chatroomlist/chatroomrowsmodel.h"

#include "ui/common/messagewording.h"

namespace handover {

ChatroomRowsModel::ChatroomRowsModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_order.setObserver(this);
}

ChatroomRowsModel::~ChatroomRowsModel()
{
    m_order.setObserver(nullptr);
}

const Chatroom *ChatroomRowsModel::chatroomAt(int row) const
{
    if (row < 0 || row >= m_order.size())
        return nullptr;
    return chatroom(m_order.idAt(row));
}

ChatroomId ChatroomRowsModel::idAt(int row) const
{
    return m_order.idAt(row);
}

int ChatroomRowsModel::rowOf(const ChatroomId &id) const
{
    return m_order.indexOf(id);
}

int ChatroomRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_order.size();
}

QVariant ChatroomRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Chatroom *found = chatroomAt(index.row());
    return found ? chatroomData(*found, role, viewerId()) : QVariant();
}

QVariant ChatroomRowsModel::chatroomData(const Chatroom &chatroom, int role, const UserId &viewerId)
{
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return chatroom.displayName.isEmpty() ? chatroom.phoneNumber : chatroom.displayName;
    case ChatroomIdRole:
        return chatroom.id;
    case PreviewRole:
        return chatroom.lastMessage
                   ? MessageWording::listPreview(chatroom.lastMessage->kind, chatroom.lastMessage->preview)
                   : QString();
    case LastActivityAtRole:
        return chatroom.lastMessage && chatroom.lastMessage->createdAt.isValid()
                   ? chatroom.lastMessage->createdAt
                   : chatroom.createdAt;
    case UnreadCountRole: {
        const Participant *viewer = chatroom.participant(viewerId);
        return viewer ? viewer->unreadCount : 0;
    }
    case PendingHandoverRole:
        return chatroom.pendingHandover.has_value();
    case WindowExpiresAtRole:
        return chatroom.windowExpiresAt();
    case StateRole:
        return static_cast<int>(chatroom.state);
    case LastMessageSilentRole:
        return chatroom.lastMessage && chatroom.lastMessage->silent;
    case ParticipantIdsRole:
        return QStringList(chatroom.participantIds());
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatroomRowsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ChatroomIdRole, QByteArrayLiteral("chatroomId"));
    names.insert(DisplayNameRole, QByteArrayLiteral("displayName"));
    names.insert(PreviewRole, QByteArrayLiteral("preview"));
    names.insert(LastActivityAtRole, QByteArrayLiteral("lastActivityAt"));
    names.insert(UnreadCountRole, QByteArrayLiteral("unreadCount"));
    names.insert(PendingHandoverRole, QByteArrayLiteral("pendingHandover"));
    names.insert(WindowExpiresAtRole, QByteArrayLiteral("windowExpiresAt"));
    names.insert(StateRole, QByteArrayLiteral("state"));
    names.insert(LastMessageSilentRole, QByteArrayLiteral("lastMessageSilent"));
    names.insert(ParticipantIdsRole, QByteArrayLiteral("participantIds"));
    return names;
}

void ChatroomRowsModel::emitRowChanged(int row)
{
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
}

// ---- the index's announcements, translated

void ChatroomRowsModel::rowAboutToBeInserted(int row)
{
    beginInsertRows({}, row, row);
}

void ChatroomRowsModel::rowInserted(int /*row*/)
{
    endInsertRows();
}

void ChatroomRowsModel::rowAboutToBeRemoved(int row)
{
    beginRemoveRows({}, row, row);
}

void ChatroomRowsModel::rowRemoved(int /*row*/)
{
    endRemoveRows();
}

void ChatroomRowsModel::rowAboutToMove(int from, int to)
{
    const bool allowed = beginMoveRows({}, from, from, {}, moveDestinationRow(from, to));
    Q_ASSERT(allowed); // the index never announces a move onto itself
    Q_UNUSED(allowed)
}

void ChatroomRowsModel::rowMoved(int /*from*/, int /*to*/)
{
    endMoveRows();
}

void ChatroomRowsModel::aboutToReset()
{
    beginResetModel();
}

void ChatroomRowsModel::resetDone()
{
    endResetModel();
}

} // namespace handover
