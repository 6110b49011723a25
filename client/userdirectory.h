#pragma once

#include "core/domain/org.h"

#include <QHash>
#include <QObject>

namespace handover::client {

class ApiClient;

// The org's users as GET users gives them, for the names the console shows (who has a chatroom, who sent a
// message, who took over). Every role may list them; presence and workload come only to supervisors and admins.
// Loaded when first asked for, and again when asked after a reconnection or for a user it does not know;
// one request at a time.
class UserDirectory : public QObject
{
    Q_OBJECT

public:
    UserDirectory(ApiClient &api, User self, QObject *parent = nullptr);
    ~UserDirectory() override;

    // Asks the server once; changed() follows the answer.
    void load();
    // Asks again, loaded or not.
    void reload();
    bool isLoaded() const { return m_loaded; }
    const QHash<UserId, User> &users() const { return m_users; }
    // "First Last", the email when the user has no name; empty for an id the directory does not know.
    QString name(const UserId &userId) const;
    QHash<UserId, QString> names() const;
    // Loads again when `userId` is not known yet (a user created since the last load).
    void noteUser(const UserId &userId);

Q_SIGNALS:
    void changed();

private:
    ApiClient &m_api;
    const User m_self;
    QHash<UserId, User> m_users;
    bool m_loaded = false;
    bool m_loading = false;
};

// "Ana Agent", or the email when the user has no name.
QString displayNameOf(const User &user);

} // namespace handover::client
