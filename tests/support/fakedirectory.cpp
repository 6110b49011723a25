#include "tests/support/fakedirectory.h"

namespace handover::test {

void FakeDirectory::addUser(const User &user)
{
    m_users.insert(user.id, user);
}

void FakeDirectory::addGroup(const Group &group)
{
    m_groups.insert(group.id, group);
}

void FakeDirectory::setLoad(const UserId &userId, int activeChatrooms, const QDateTime &lastAssignedAt)
{
    m_loads.insert(userId, MemberLoad{userId, activeChatrooms, lastAssignedAt});
}

void FakeDirectory::clearLoads()
{
    m_loads.clear();
}

void FakeDirectory::noteAssigned(const UserId &userId, const QDateTime &at)
{
    MemberLoad current = load(userId);
    setLoad(userId, current.activeChatrooms + 1, at);
}

void FakeDirectory::noteUnassigned(const UserId &userId)
{
    MemberLoad current = load(userId);
    setLoad(userId, qMax(0, current.activeChatrooms - 1), current.lastAssignedAt);
}

MemberLoad FakeDirectory::load(const UserId &userId) const
{
    return m_loads.value(userId, MemberLoad{userId, 0, {}});
}

std::optional<User> FakeDirectory::user(const UserId &userId) const
{
    const auto it = m_users.constFind(userId);
    if (it == m_users.cend())
        return std::nullopt;
    return *it;
}

std::optional<Group> FakeDirectory::group(const GroupId &groupId) const
{
    const auto it = m_groups.constFind(groupId);
    if (it == m_groups.cend())
        return std::nullopt;
    return *it;
}

QList<MemberLoad> FakeDirectory::memberLoads(const QList<UserId> &userIds) const
{
    QList<MemberLoad> loads;
    loads.reserve(userIds.size());
    for (const UserId &id : userIds)
        loads.append(load(id));
    return loads;
}

} // namespace handover::test
