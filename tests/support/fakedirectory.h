#pragma once

#include "core/rules/outcome.h"

#include <QHash>

namespace handover::test {

// An in-memory Directory: the users, groups and member loads (R21) a test sets up.
class FakeDirectory final : public Directory
{
public:
    void addUser(const User &user);
    void addGroup(const Group &group);

    // R21 inputs. Users never set have no active chatroom and were never assigned.
    void setLoad(const UserId &userId, int activeChatrooms, const QDateTime &lastAssignedAt = {});
    void clearLoads();
    // Bookkeeping a server does after a decision: one more (or one less) active chatroom.
    void noteAssigned(const UserId &userId, const QDateTime &at);
    void noteUnassigned(const UserId &userId);
    MemberLoad load(const UserId &userId) const;

    std::optional<User> user(const UserId &userId) const override;
    std::optional<Group> group(const GroupId &groupId) const override;
    QList<MemberLoad> memberLoads(const QList<UserId> &userIds) const override;

private:
    QHash<UserId, User> m_users;
    QHash<GroupId, Group> m_groups;
    QHash<UserId, MemberLoad> m_loads;
};

} // namespace handover::test
