#include "core/domain/org.h"

namespace handover {

QString roleName(Role role)
{
    switch (role) {
    case Role::Admin: return QStringLiteral("ADMIN");
    case Role::Supervisor: return QStringLiteral("SUPERVISOR");
    case Role::Member: return QStringLiteral("MEMBER");
    }
    return QStringLiteral("MEMBER");
}

std::optional<Role> roleFromName(const QString &name)
{
    if (name == QLatin1String("ADMIN"))
        return Role::Admin;
    if (name == QLatin1String("SUPERVISOR"))
        return Role::Supervisor;
    if (name == QLatin1String("MEMBER"))
        return Role::Member;
    return std::nullopt;
}

} // namespace handover
