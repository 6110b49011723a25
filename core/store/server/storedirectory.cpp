#include "core/store/server/storedirectory.h"

#include "core/store/server/users.h"

namespace handover::store::server {

void StoreDirectory::fail(const Error &error) const
{
    if (!m_failure)
        m_failure = error;
}

std::optional<User> StoreDirectory::user(const UserId &userId) const
{
    auto found = findUser(m_db, userId);
    if (!found) {
        fail(found.error());
        return std::nullopt;
    }
    return *found;
}

std::optional<Group> StoreDirectory::group(const GroupId &groupId) const
{
    auto found = findGroup(m_db, groupId);
    if (!found) {
        fail(found.error());
        return std::nullopt;
    }
    return *found;
}

QList<MemberLoad> StoreDirectory::memberLoads(const QList<UserId> &userIds) const
{
    auto loads = server::memberLoads(m_db, userIds);
    if (!loads) {
        fail(loads.error());
        QList<MemberLoad> idle;
        for (const UserId &userId : userIds)
            idle.append(MemberLoad{userId, 0, {}});
        return idle;
    }
    return *loads;
}

} // namespace handover::store::server
