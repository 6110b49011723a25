#include "ui/chatroomlist/chatroomfiltermodel.h"

#include "ui/chatroomlist/chatroomlistmodel.h"

#include <vector>

namespace handover {

bool ChatroomFilter::accepts(const Chatroom &chatroom) const
{
    if ((states == States::Open && !chatroom.isActive()) || (states == States::Closed && chatroom.isActive()))
        return false;
    if (query.isEmpty())
        return !queryRequired;
    return ChatroomFilterModel::matches(chatroom, query);
}

ChatroomFilterModel::ChatroomFilterModel(ChatroomListModel *source, ChatroomFilter filter, QObject *parent)
    : ChatroomRowsModel(parent)
    , m_source(source)
    , m_filter(std::move(filter))
{
    m_filter.query = m_filter.query.trimmed();
    Q_ASSERT(source);
    connect(source, &ChatroomListModel::chatroomChanged, this, &ChatroomFilterModel::follow);
    connect(source, &ChatroomListModel::chatroomRemoved, this, &ChatroomFilterModel::forget);
    connect(source, &QAbstractItemModel::modelReset, this, &ChatroomFilterModel::rebuild);
    connect(source, &QObject::destroyed, this, [this] { editRowOrder().assign({}); });
    rebuild();
}

ChatroomFilterModel::~ChatroomFilterModel() = default;

const Chatroom *ChatroomFilterModel::chatroom(const ChatroomId &id) const
{
    return m_source && rowOrder().contains(id) ? m_source->chatroom(id) : nullptr;
}

UserId ChatroomFilterModel::viewerId() const
{
    return m_source ? m_source->viewerId() : UserId();
}

bool ChatroomFilterModel::matches(const Chatroom &chatroom, const QString &query)
{
    if (query.isEmpty())
        return false;
    return chatroom.displayName.contains(query, Qt::CaseInsensitive) ||
           chatroom.phoneNumber.contains(query, Qt::CaseInsensitive);
}

void ChatroomFilterModel::setQuery(const QString &query)
{
    const QString trimmed = query.trimmed();
    if (trimmed == m_filter.query)
        return;
    m_filter.query = trimmed;
    rebuild();
}

void ChatroomFilterModel::rebuild()
{
    std::vector<std::pair<QString, SortKey>> rows;
    if (m_source && (!m_filter.queryRequired || !m_filter.query.isEmpty())) {
        const QHash<ChatroomId, Chatroom> &all = m_source->chatrooms();
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            if (m_filter.accepts(*it))
                rows.emplace_back(it.key(), it->sortKey);
        }
    }
    if (rows.empty() && rowCount() == 0)
        return;                             // nothing before, nothing now: no reset to announce
    editRowOrder().assign(std::move(rows)); // one reset, sorted in the list's order
}

// The list added or changed this chatroom: it may start or stop matching, move, or show new content.
void ChatroomFilterModel::follow(const QString &chatroomId)
{
    const Chatroom *changed = m_source ? m_source->chatroom(chatroomId) : nullptr;
    if (!changed || !m_filter.accepts(*changed)) {
        editRowOrder().remove(chatroomId);
        return;
    }
    const bool present = rowOrder().contains(chatroomId);
    const int row = editRowOrder().insert(chatroomId, changed->sortKey); // moves it if already present
    if (present)
        emitRowChanged(row);
}

void ChatroomFilterModel::forget(const QString &chatroomId)
{
    editRowOrder().remove(chatroomId);
}

} // namespace handover
