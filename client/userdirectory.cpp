#include "client/userdirectory.h"

#include "client/apiclient.h"
#include "core/domain/event.h"
#include "core/logging.h"

namespace handover::client {

QString displayNameOf(const User &user)
{
    const QString name = QStringList{user.firstName, user.lastName}.join(QLatin1Char(' ')).simplified();
    return name.isEmpty() ? user.email : name;
}

UserDirectory::UserDirectory(ApiClient &api, User self, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_self(std::move(self))
{
    m_users.insert(m_self.id, m_self);
}

UserDirectory::~UserDirectory() = default;

void UserDirectory::load()
{
    if (!m_loaded)
        reload();
}

void UserDirectory::reload()
{
    if (m_loading)
        return;
    m_loading = true;
    m_api.users(this, [this](ApiResult<QList<UserSummary>> users) {
        m_loading = false;
        if (!users) {
            qCInfo(lcClient) << "users could not be loaded:" << users.error().message();
            return;
        }
        m_users.clear();
        m_users.insert(m_self.id, m_self);
        for (const UserSummary &summary : std::as_const(*users))
            m_users.insert(summary.user.id, summary.user);
        m_loaded = true;
        Q_EMIT changed();
    });
}

QString UserDirectory::name(const UserId &userId) const
{
    const auto found = m_users.constFind(userId);
    return found == m_users.cend() ? QString() : displayNameOf(*found);
}

QHash<UserId, QString> UserDirectory::names() const
{
    QHash<UserId, QString> names;
    for (auto it = m_users.cbegin(); it != m_users.cend(); ++it)
        names.insert(it.key(), displayNameOf(*it));
    return names;
}

void UserDirectory::noteUser(const UserId &userId)
{
    if (m_loaded && !userId.isEmpty() && !m_users.contains(userId))
        reload();
}

} // namespace handover::client
