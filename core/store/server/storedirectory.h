#pragma once

#include "core/result.h"
#include "core/rules/outcome.h"

#include <QSqlDatabase>
#include <optional>

namespace handover::store::server {

// The rules' Directory over a connection. Directory answers cannot carry errors, so the first SQL failure is
// kept in failure(): a caller must discard a decision made while it is set.
class StoreDirectory final : public Directory
{
public:
    explicit StoreDirectory(QSqlDatabase &db)
        : m_db(db)
    {}

    std::optional<User> user(const UserId &userId) const override;
    std::optional<Group> group(const GroupId &groupId) const override;
    QList<MemberLoad> memberLoads(const QList<UserId> &userIds) const override;

    const std::optional<Error> &failure() const { return m_failure; }

private:
    void fail(const Error &error) const;

    QSqlDatabase &m_db;
    mutable std::optional<Error> m_failure;
};

} // namespace handover::store::server
