#pragma once

#include "core/domain/org.h"
#include "core/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace handover::console {

// A person who can sign in to the demo org.
struct DemoUser
{
    QString email;
    QString password;
    Role role = Role::Member;
    QString displayName;
    QString userId;
};

// What local mode keeps between runs in <data directory>/local/demo-org.json: the ids and credentials of the
// org it seeded, and the secrets shared by its server, simulator and webhook receiver. The file holds
// passwords and the API key, so it is written for its owner only.
struct DemoOrg
{
    QString orgId;
    QString apiKey; // ADMIN
    DemoUser admin;
    QList<DemoUser> users; // two agents (MEMBER), then the supervisor
    QString groupId;
    QString waAppSecret;
    QString waVerifyToken;
    QString waAccessToken;
    QString webhookSecret;  // whsec_...
    quint16 serverPort = 0; // tried again first, so the console's cache of this server stays valid
    QHash<QString, QString> contactIds; // crm_id -> contact id

    QList<DemoUser> agents() const; // the MEMBERs
    DemoUser supervisor() const;

    QJsonObject toJson() const;
    static Result<DemoOrg> fromJson(const QJsonObject &object);
    static Result<DemoOrg> load(const QString &path);
    Result<void> save(const QString &path) const;
};

} // namespace handover::console
