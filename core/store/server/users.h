#pragma once

#include "core/domain/org.h"
#include "core/result.h"
#include "core/rules/outcome.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <optional>

// Users and groups of an org, and the R21 bookkeeping (active chatrooms, last assignment) of their members.
namespace handover::store::server {

// A user and the password hash to check at login (an Argon2id string, see server/auth/passwords.h).
struct UserCredentials
{
    User user;
    QByteArray passwordHash;
};

// A row of GET users: the user and how many active chatrooms they participate in.
struct UserSummary
{
    User user;
    int activeChatrooms = 0;
};

// Emails are unique per org, compared without case: a duplicate is UniqueConstraintFailed on "email".
Result<void> insertUser(QSqlDatabase &db, const User &user, const QByteArray &passwordHash,
                        const QDateTime &now);
// NotFound for an unknown id and for another org's user.
Result<User> userById(QSqlDatabase &db, const OrgId &orgId, const UserId &userId);
// Whatever org the user belongs to; nullopt when unknown (the rules check the org themselves).
Result<std::optional<User>> findUser(QSqlDatabase &db, const UserId &userId);
// Login names no org and the same email may exist in several orgs, so every match comes back (oldest account
// first), deactivated ones too (User::active says which); the caller checks the password against each and
// takes the first active account that verifies.
Result<QList<UserCredentials>> credentialsByEmail(QSqlDatabase &db, const QString &email);
// Deactivates (active false) or reactivates a user of the org and returns them as they are now; NotFound for
// an unknown id and for another org's user. Sessions are not touched: see deleteSessionsOfUser().
Result<User> setUserActive(QSqlDatabase &db, const OrgId &orgId, const UserId &userId, bool active,
                           const QDateTime &now);
// ADMIN users of the org who are not deactivated.
Result<qint64> activeAdminCount(QSqlDatabase &db, const OrgId &orgId);
// The org's users in creation order, with their active chatroom counts.
Result<QList<UserSummary>> listUsers(QSqlDatabase &db, const OrgId &orgId);

// Every user must belong to the group's org (ValidationFailed on "user_ids" otherwise); duplicates are
// dropped. Members are kept without order: groups load with their user ids sorted.
Result<void> insertGroup(QSqlDatabase &db, const Group &group, const QDateTime &now);
Result<Group> groupById(QSqlDatabase &db, const OrgId &orgId, const GroupId &groupId);
Result<std::optional<Group>> findGroup(QSqlDatabase &db, const GroupId &groupId);

// R21 inputs for each given user, in the order given: active chatrooms as participant, and the latest
// assignment time over the user's group memberships (null: never). Unknown users count as idle and never
// assigned.
Result<QList<MemberLoad>> memberLoads(QSqlDatabase &db, const QList<UserId> &userIds);
// R21 "assigned least recently": the time lives on the user's group memberships, so a user in no group has
// nothing to record (and is never picked from a group either).
Result<void> recordAssignment(QSqlDatabase &db, const UserId &userId, const QDateTime &at);

} // namespace handover::store::server
