#include "core/store/server/users.h"

#include "core/store/server/statementcache.h"

namespace handover::store::server {

namespace {

const QString userColumns = QStringLiteral("u.id, u.org_id, u.email, u.first_name, u.last_name, u.role, "
                                           "u.ask_user_to_update_password_on_login, u.deactivated_at");
constexpr int userColumnCount = 8;

// The active chatrooms a user participates in (R21, GET users), as a correlated subquery on `userIdExpr`.
QString activeChatroomCount(const QString &userIdExpr)
{
    return QStringLiteral(
               "(SELECT count(*) FROM chatroom_participants p JOIN chatrooms c ON c.id = p.chatroom_id "
               "WHERE p.user_id = ") +
           userIdExpr + QStringLiteral(" AND c.state = 'active')");
}

User userFromRow(const Statement &row)
{
    User user;
    user.id = row.value(0).toString();
    user.orgId = row.value(1).toString();
    user.email = row.value(2).toString();
    user.firstName = textFrom(row.value(3));
    user.lastName = textFrom(row.value(4));
    user.role = roleFromName(row.value(5).toString()).value_or(Role::Member);
    user.askToUpdatePasswordOnLogin = row.value(6).toInt() != 0;
    user.active = row.value(7).isNull();
    return user;
}

Result<QList<UserId>> groupMembers(QSqlDatabase &db, const GroupId &groupId)
{
    auto rows =
        run(db, QStringLiteral("SELECT user_id FROM group_members WHERE group_id = ? ORDER BY user_id"),
            {groupId});
    if (!rows)
        return rows.error();
    QList<UserId> ids;
    while (rows->next())
        ids.append(rows->value(0).toString());
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return ids;
}

Result<std::optional<Group>> loadGroup(QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    std::optional<Group> group;
    {
        auto row = run(db, QStringLiteral("SELECT id, org_id, name FROM user_groups ") + where, values);
        if (!row)
            return row.error();
        auto found = row->fetch();
        if (!found)
            return found.error();
        if (!*found)
            return group;
        group = Group{row->value(0).toString(), row->value(1).toString(), row->value(2).toString(), {}};
    }
    auto members = groupMembers(db, group->id);
    if (!members)
        return members.error();
    group->userIds = std::move(*members);
    return group;
}

} // namespace

Result<void> insertUser(QSqlDatabase &db, const User &user, const QByteArray &passwordHash,
                        const QDateTime &now)
{
    auto inserted =
        change(db,
               QStringLiteral("INSERT INTO users (id, org_id, email, password_hash, role, first_name, "
                              "last_name, ask_user_to_update_password_on_login, created_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {user.id, user.orgId, textNotNull(user.email), QString::fromUtf8(passwordHash),
                roleName(user.role), textNotNull(user.firstName), textNotNull(user.lastName),
                flag(user.askToUpdatePasswordOnLogin), msOf(now)});
    if (!inserted)
        return describeConflict(inserted.error(),
                                QStringLiteral("A user with this email already exists in the org."),
                                {QStringLiteral("email")});
    return {};
}

Result<User> userById(QSqlDatabase &db, const OrgId &orgId, const UserId &userId)
{
    auto found = findUser(db, userId);
    if (!found)
        return found.error();
    if (!*found || (*found)->orgId != orgId)
        return notFound(QStringLiteral("user"));
    return **found;
}

Result<std::optional<User>> findUser(QSqlDatabase &db, const UserId &userId)
{
    auto row =
        run(db, QStringLiteral("SELECT ") + userColumns + QStringLiteral(" FROM users u WHERE u.id = ?"),
            {userId});
    if (!row)
        return row.error();
    auto found = row->fetch();
    if (!found)
        return found.error();
    if (!*found)
        return std::optional<User>();
    return std::optional<User>(userFromRow(*row));
}

Result<QList<UserCredentials>> credentialsByEmail(QSqlDatabase &db, const QString &email)
{
    auto rows = run(
        db,
        QStringLiteral("SELECT ") + userColumns +
            QStringLiteral(", u.password_hash FROM users u WHERE u.email = ? ORDER BY u.created_at, u.id"),
        {email});
    if (!rows)
        return rows.error();
    QList<UserCredentials> matches;
    while (rows->next())
        matches.append(UserCredentials{userFromRow(*rows), rows->value(userColumnCount).toString().toUtf8()});
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return matches;
}

Result<User> setUserActive(QSqlDatabase &db, const OrgId &orgId, const UserId &userId, bool active,
                           const QDateTime &now)
{
    // A second deactivation keeps the first time: it says since when the user has been away.
    auto updated =
        change(db,
               active ? QStringLiteral("UPDATE users SET deactivated_at = NULL WHERE id = ? AND org_id = ?")
                      : QStringLiteral("UPDATE users SET deactivated_at = coalesce(deactivated_at, ?) "
                                       "WHERE id = ? AND org_id = ?"),
               active ? QVariantList{userId, orgId} : QVariantList{msOf(now), userId, orgId});
    if (!updated)
        return updated.error();
    if (*updated == 0)
        return notFound(QStringLiteral("user"));
    return userById(db, orgId, userId);
}

Result<qint64> activeAdminCount(QSqlDatabase &db, const OrgId &orgId)
{
    return countOf(db,
                   QStringLiteral("SELECT count(*) FROM users WHERE org_id = ? AND role = 'ADMIN' "
                                  "AND deactivated_at IS NULL"),
                   {orgId});
}

Result<QList<UserSummary>> listUsers(QSqlDatabase &db, const OrgId &orgId)
{
    auto rows = run(db,
                    QStringLiteral("SELECT ") + userColumns + QStringLiteral(", ") +
                        activeChatroomCount(QStringLiteral("u.id")) +
                        QStringLiteral(" FROM users u WHERE u.org_id = ? ORDER BY u.created_at, u.id"),
                    {orgId});
    if (!rows)
        return rows.error();
    QList<UserSummary> users;
    while (rows->next())
        users.append(UserSummary{userFromRow(*rows), rows->value(userColumnCount).toInt()});
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return users;
}

Result<void> insertGroup(QSqlDatabase &db, const Group &group, const QDateTime &now)
{
    QStringList members;
    for (const UserId &userId : group.userIds) {
        if (!members.contains(userId))
            members.append(userId);
    }
    if (!members.isEmpty()) {
        auto count = run(db,
                         QStringLiteral("SELECT count(*) FROM users WHERE org_id = ? "
                                        "AND id IN (SELECT value FROM json_each(?))"),
                         {group.orgId, jsonStringArray(members)});
        if (!count)
            return count.error();
        auto found = count->fetch();
        if (!found)
            return found.error();
        if (!*found || count->value(0).toLongLong() != members.size())
            return Error::make(ErrorCode::ValidationFailed,
                               QStringLiteral("user_ids must name users of this org."),
                               {QStringLiteral("user_ids")});
    }
    auto inserted = change(
        db, QStringLiteral("INSERT INTO user_groups (id, org_id, name, created_at) VALUES (?, ?, ?, ?)"),
        {group.id, group.orgId, textNotNull(group.name), msOf(now)});
    if (!inserted)
        return inserted.error();
    for (const UserId &userId : std::as_const(members)) {
        auto member =
            change(db, QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES (?, ?)"),
                   {group.id, userId});
        if (!member)
            return member.error();
    }
    return {};
}

Result<Group> groupById(QSqlDatabase &db, const OrgId &orgId, const GroupId &groupId)
{
    auto group = loadGroup(db, QStringLiteral("WHERE id = ? AND org_id = ?"), {groupId, orgId});
    if (!group)
        return group.error();
    if (!*group)
        return notFound(QStringLiteral("group"));
    return **group;
}

Result<std::optional<Group>> findGroup(QSqlDatabase &db, const GroupId &groupId)
{
    return loadGroup(db, QStringLiteral("WHERE id = ?"), {groupId});
}

Result<QList<MemberLoad>> memberLoads(QSqlDatabase &db, const QList<UserId> &userIds)
{
    if (userIds.isEmpty())
        return QList<MemberLoad>();
    // json_each keeps the given order (key is the array index) and repeats, so the answer lines up with
    // the question.
    auto rows = run(db,
                    QStringLiteral("SELECT j.value, ") + activeChatroomCount(QStringLiteral("j.value")) +
                        QStringLiteral(", (SELECT max(g.last_assigned_at) FROM group_members g "
                                       "WHERE g.user_id = j.value) FROM json_each(?) j ORDER BY j.key"),
                    {jsonStringArray(userIds)});
    if (!rows)
        return rows.error();
    QList<MemberLoad> loads;
    loads.reserve(userIds.size());
    while (rows->next())
        loads.append(MemberLoad{rows->value(0).toString(), rows->value(1).toInt(), timeFrom(rows->value(2))});
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return loads;
}

Result<void> recordAssignment(QSqlDatabase &db, const UserId &userId, const QDateTime &at)
{
    auto updated =
        change(db, QStringLiteral("UPDATE group_members SET last_assigned_at = ? WHERE user_id = ?"),
               {msOf(at), userId});
    if (!updated)
        return updated.error();
    return {};
}

} // namespace handover::store::server
