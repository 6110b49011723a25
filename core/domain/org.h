#pragma once

#include "core/domain/ids.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace handover {

enum class Role { Admin, Supervisor, Member };

QString roleName(Role role); // "ADMIN", "SUPERVISOR", "MEMBER"
std::optional<Role> roleFromName(const QString &name);

struct User
{
    UserId id;
    OrgId orgId;
    QString email;
    QString firstName;
    QString lastName;
    Role role = Role::Member;
    bool askToUpdatePasswordOnLogin = false;
    bool active = true; // false once an ADMIN deactivates the user: no login, no new chatrooms
    friend bool operator==(const User &, const User &) = default;
};

struct Group
{
    GroupId id;
    OrgId orgId;
    QString name;
    QList<UserId> userIds;
    friend bool operator==(const Group &, const Group &) = default;
};

struct WabaPhone
{
    QString id;
    OrgId orgId;
    QString remoteWabaId;
    QString remotePhoneId;
    QString displayPhoneNumber;
    friend bool operator==(const WabaPhone &, const WabaPhone &) = default;
};

struct OrgSettings
{
    std::optional<GroupId> inboundGroupId; // R13b
    int deactivateAfterDays = 30;          // R12
    int expireAfterDays = 90;              // R12
    friend bool operator==(const OrgSettings &, const OrgSettings &) = default;
};

struct Org
{
    OrgId id;
    QString name;
    OrgSettings settings;
    QDateTime createdAt;
};

} // namespace handover
