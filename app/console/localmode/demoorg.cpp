#include "app/console/localmode/demoorg.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <optional>

namespace handover::console {

namespace {

QJsonObject userToJson(const DemoUser &user)
{
    return QJsonObject{{QStringLiteral("email"), user.email},
                       {QStringLiteral("password"), user.password},
                       {QStringLiteral("role"), roleName(user.role)},
                       {QStringLiteral("display_name"), user.displayName},
                       {QStringLiteral("user_id"), user.userId}};
}

std::optional<DemoUser> userFromJson(const QJsonObject &o)
{
    const auto role = roleFromName(o.value(QLatin1String("role")).toString());
    DemoUser user{o.value(QLatin1String("email")).toString(), o.value(QLatin1String("password")).toString(),
                  role.value_or(Role::Member), o.value(QLatin1String("display_name")).toString(),
                  o.value(QLatin1String("user_id")).toString()};
    if (!role || user.email.isEmpty() || user.password.isEmpty() || user.userId.isEmpty())
        return std::nullopt;
    return user;
}

Error broken(const QString &what)
{
    return Error::make(ErrorCode::Internal,
                       QStringLiteral("The local demo's state is damaged: %1.").arg(what));
}

} // namespace

QList<DemoUser> DemoOrg::agents() const
{
    QList<DemoUser> out;
    for (const DemoUser &user : users) {
        if (user.role == Role::Member)
            out.append(user);
    }
    return out;
}

DemoUser DemoOrg::supervisor() const
{
    for (const DemoUser &user : users) {
        if (user.role == Role::Supervisor)
            return user;
    }
    return {};
}

QJsonObject DemoOrg::toJson() const
{
    QJsonArray userList;
    for (const DemoUser &user : users)
        userList.append(userToJson(user));
    QJsonObject contacts;
    for (auto it = contactIds.cbegin(); it != contactIds.cend(); ++it)
        contacts.insert(it.key(), it.value());
    return QJsonObject{{QStringLiteral("format"), 1},
                       {QStringLiteral("org_id"), orgId},
                       {QStringLiteral("api_key"), apiKey},
                       {QStringLiteral("admin"), userToJson(admin)},
                       {QStringLiteral("users"), userList},
                       {QStringLiteral("group_id"), groupId},
                       {QStringLiteral("wa_app_secret"), waAppSecret},
                       {QStringLiteral("wa_verify_token"), waVerifyToken},
                       {QStringLiteral("wa_access_token"), waAccessToken},
                       {QStringLiteral("webhook_secret"), webhookSecret},
                       {QStringLiteral("server_port"), int(serverPort)},
                       {QStringLiteral("contacts"), contacts}};
}

Result<DemoOrg> DemoOrg::fromJson(const QJsonObject &o)
{
    if (o.value(QLatin1String("format")).toInt() != 1)
        return broken(QStringLiteral("unknown format"));
    DemoOrg org;
    const auto text = [&o](const char *key) { return o.value(QLatin1String(key)).toString(); };
    org.orgId = text("org_id");
    org.apiKey = text("api_key");
    org.groupId = text("group_id");
    org.waAppSecret = text("wa_app_secret");
    org.waVerifyToken = text("wa_verify_token");
    org.waAccessToken = text("wa_access_token");
    org.webhookSecret = text("webhook_secret");
    org.serverPort = quint16(o.value(QLatin1String("server_port")).toInt());
    const auto admin = userFromJson(o.value(QLatin1String("admin")).toObject());
    if (!admin)
        return broken(QStringLiteral("no admin"));
    org.admin = *admin;
    for (const QJsonValue &value : o.value(QLatin1String("users")).toArray()) {
        const auto user = userFromJson(value.toObject());
        if (!user)
            return broken(QStringLiteral("a user without email, password or id"));
        org.users.append(*user);
    }
    const QJsonObject contacts = o.value(QLatin1String("contacts")).toObject();
    for (auto it = contacts.begin(); it != contacts.end(); ++it)
        org.contactIds.insert(it.key(), it.value().toString());
    if (org.orgId.isEmpty() || org.apiKey.isEmpty() || org.waAppSecret.isEmpty() ||
        org.webhookSecret.isEmpty() || org.agents().isEmpty() || org.supervisor().email.isEmpty()) {
        return broken(QStringLiteral("ids or secrets missing"));
    }
    return org;
}

Result<DemoOrg> DemoOrg::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::NotFound,
                           QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return broken(parseError.errorString());
    return fromJson(document.object());
}

Result<void> DemoOrg::save(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    }
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error::make(ErrorCode::Internal,
                           QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    // QSaveFile may give the new file the default mode: tighten it again.
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

} // namespace handover::console
