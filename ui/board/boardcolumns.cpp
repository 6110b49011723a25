#include "ui/board/boardcolumns.h"

#include "client/userdirectory.h"

#include <QVarLengthArray>
#include <algorithm>

namespace handover {

BoardColumns::BoardColumns(OrgId orgId, QObject *parent)
    : QObject(parent)
    , m_orgId(std::move(orgId))
{
    m_columns.push_back(new BoardColumnModel(m_chatrooms, m_orgId, BoardAgent{}, this));
}

BoardColumns::~BoardColumns() = default;

BoardColumnModel *BoardColumns::column(int index) const
{
    return index >= 0 && index < columnCount() ? m_columns[size_t(index)] : nullptr;
}

BoardColumnModel *BoardColumns::columnOf(const UserId &userId) const
{
    return m_columnOfUser.value(userId, nullptr);
}

int BoardColumns::indexOf(const BoardColumnModel *column) const
{
    const auto found = std::find(m_columns.cbegin(), m_columns.cend(), column);
    return found == m_columns.cend() ? -1 : int(found - m_columns.cbegin());
}

const Chatroom *BoardColumns::chatroom(const ChatroomId &id) const
{
    const auto found = m_chatrooms.constFind(id);
    return found == m_chatrooms.cend() ? nullptr : &*found;
}

BoardColumnModel *BoardColumns::columnOfGroup(const GroupId &groupId) const
{
    return m_columnOfGroup.value(groupId, nullptr);
}

BoardAgent BoardColumns::group(const GroupId &groupId) const
{
    BoardAgent bare;
    bare.groupId = groupId;
    return m_groups.value(groupId, bare);
}

BoardAgent BoardColumns::agent(const UserId &userId) const
{
    return m_agents.value(userId, BoardAgent{userId, {}, Role::Member, false, false, {}, {}});
}

QList<BoardAgent> BoardColumns::reassignTargets() const
{
    QList<BoardAgent> targets;
    for (const BoardColumnModel *column : m_columns) {
        if (column->isGroup() || (column->agent().known && column->agent().role == Role::Member))
            targets.append(column->agent());
    }
    return targets;
}

void BoardColumns::setUsers(const QList<client::UserSummary> &users)
{
    m_hasUsers = true;
    for (const client::UserSummary &summary : users) {
        const User &user = summary.user;
        updateAgent(
            BoardAgent{user.id, client::displayNameOf(user), user.role, true, summary.online, {}, {}});
        if (user.role == Role::Member)
            columnFor(user.id);
    }
    sortColumns();
}

void BoardColumns::setGroups(const QList<Group> &groups)
{
    for (const Group &known : groups) {
        BoardAgent column;
        column.groupId = known.id;
        column.name = known.name;
        column.known = true;
        column.members = known.userIds;
        m_groups.insert(known.id, column);
        if (BoardColumnModel *existing = columnOfGroup(known.id))
            existing->setAgent(column);
        else
            columnForGroup(known.id);
    }
    sortColumns();
}

void BoardColumns::updateAgent(const BoardAgent &agent)
{
    m_agents.insert(agent.id, agent);
    if (BoardColumnModel *column = columnOf(agent.id))
        column->setAgent(agent);
}

BoardColumnModel *BoardColumns::columnFor(const UserId &userId)
{
    if (BoardColumnModel *existing = columnOf(userId))
        return existing;
    const auto known = m_agents.constFind(userId);
    if (known == m_agents.cend() || !known->known) {
        if (known == m_agents.cend())
            m_agents.insert(userId, agent(userId));
        if (m_hasUsers)
            Q_EMIT unknownUserSeen(userId);
    }
    auto *column = new BoardColumnModel(m_chatrooms, m_orgId, m_agents.value(userId), this);
    m_columnOfUser.insert(userId, column);
    insertColumn(column);
    return column;
}

BoardColumnModel *BoardColumns::columnForGroup(const GroupId &groupId)
{
    if (BoardColumnModel *existing = columnOfGroup(groupId))
        return existing;
    auto *column = new BoardColumnModel(m_chatrooms, m_orgId, group(groupId), this);
    m_columnOfGroup.insert(groupId, column);
    insertColumn(column);
    return column;
}

void BoardColumns::insertColumn(BoardColumnModel *column)
{
    // The first column of its user or group: whatever the table already holds for them is read once.
    column->reload();
    const auto place = std::upper_bound(m_columns.begin() + 1, m_columns.end(), column, comesBefore);
    const int index = int(place - m_columns.begin());
    m_columns.insert(place, column);
    Q_EMIT columnInserted(index);
}

bool BoardColumns::comesBefore(const BoardColumnModel *a, const BoardColumnModel *b)
{
    const BoardAgent &x = a->agent();
    const BoardAgent &y = b->agent();
    // Groups first, then agents, then other roles.
    const auto rank = [](const BoardAgent &agent) {
        return agent.isGroup() ? 0 : agent.role == Role::Member ? 1 : 2;
    };
    if (rank(x) != rank(y))
        return rank(x) < rank(y);
    // Unknown users (no name yet) go last, by id.
    if (x.name.isEmpty() != y.name.isEmpty())
        return y.name.isEmpty();
    if (const int byName = x.name.compare(y.name, Qt::CaseInsensitive); byName != 0)
        return byName < 0;
    return x.id != y.id ? x.id < y.id : x.groupId < y.groupId;
}

void BoardColumns::sortColumns()
{
    if (std::is_sorted(m_columns.begin() + 1, m_columns.end(), comesBefore))
        return;
    std::stable_sort(m_columns.begin() + 1, m_columns.end(), comesBefore);
    Q_EMIT columnsReordered();
}

void BoardColumns::resetWith(const QList<Chatroom> &chatrooms)
{
    m_chatrooms.clear();
    m_chatrooms.reserve(chatrooms.size());
    for (const Chatroom &chatroom : chatrooms)
        m_chatrooms.insert(chatroom.id, chatroom);
    // Existing columns first, so a column made below for a new participant is not read twice.
    for (BoardColumnModel *column : m_columns)
        column->reload();
    for (const Chatroom &chatroom : std::as_const(m_chatrooms)) {
        if (!chatroom.isActive())
            continue; // a user who only has closed chatrooms gets no column for them
        for (const Participant &participant : chatroom.participants)
            columnFor(participant.userId);
        if (chatroom.pendingHandover && !chatroom.pendingHandover->groupId.isEmpty())
            columnForGroup(chatroom.pendingHandover->groupId);
    }
}

void BoardColumns::applyEvents(const QList<Event> &events)
{
    // Each chatroom once, with its state after the batch's last event about it.
    QHash<ChatroomId, const Chatroom *> latest;
    QList<ChatroomId> changed;
    for (const Event &event : events) {
        if (event.kind == EventKind::PresenceUpdated) {
            BoardAgent who = agent(event.userId);
            who.online = event.online;
            updateAgent(who);
            continue;
        }
        if (!latest.contains(event.chatroom.id))
            changed.append(event.chatroom.id);
        latest.insert(event.chatroom.id, &event.chatroom);
    }
    for (const ChatroomId &id : std::as_const(changed)) {
        const Chatroom &now = *latest.value(id);
        QVarLengthArray<UserId, 4> users;
        QVarLengthArray<GroupId, 2> groups;
        bool awaiting = now.pendingHandover.has_value();
        if (now.pendingHandover && !now.pendingHandover->groupId.isEmpty())
            groups.append(now.pendingHandover->groupId);
        if (const Chatroom *before = chatroom(id)) {
            for (const Participant &p : before->participants)
                users.append(p.userId);
            awaiting = awaiting || before->pendingHandover.has_value();
            if (before->pendingHandover && !before->pendingHandover->groupId.isEmpty() &&
                !groups.contains(before->pendingHandover->groupId))
                groups.append(before->pendingHandover->groupId);
        }
        for (const Participant &p : now.participants) {
            if (!users.contains(p.userId))
                users.append(p.userId);
        }
        m_chatrooms.insert(id, now);
        for (const UserId &user : users) {
            if (BoardColumnModel *column = now.isActive() ? columnFor(user) : columnOf(user))
                column->follow(id);
        }
        if (awaiting)
            awaitingHandover()->follow(id);
        for (const GroupId &group : groups) {
            if (BoardColumnModel *column = now.isActive() ? columnForGroup(group) : columnOfGroup(group))
                column->follow(id);
        }
    }
}

} // namespace handover
