#include "app/console/localmode/demoseeder.h"

#include "app/console/localmode/democatalog.h"
#include "app/console/localmode/orgapi.h"
#include "server/app/serverinstance.h"
#include "sim/demo/demopersonas.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>

namespace handover::console {

namespace {

// Every demo user signs in with this; the demo says so on its first screen and in docs/localmode.md.
const QString kDemoPassword = QStringLiteral("handover-demo");

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Error failed(const QString &step, const OrgApiAnswer &answer)
{
    return Error::make(
        ErrorCode::Internal,
        QStringLiteral("Setting up the demo org failed at %1: %2").arg(step, answer.describe()));
}

struct UserSeed
{
    const char *first;
    const char *last;
    const char *email;
    Role role;
};

} // namespace

Result<DemoOrg> initDemoOrg(const QString &serverDataDir)
{
    DemoOrg org;
    org.admin = DemoUser{QStringLiteral("admin@nordhaus.example"),
                         kDemoPassword,
                         Role::Admin,
                         QCoreApplication::translate("LocalMode", "Demo admin"),
                         {}};
    const auto init =
        initServer(InitOptions{serverDataDir, demo::orgName(), org.admin.email, org.admin.password},
                   PasswordStrength::Minimal);
    if (!init)
        return init.error();
    org.orgId = init->orgId;
    org.apiKey = init->apiKey;
    org.admin.userId = init->adminUserId;
    org.waAppSecret = randomToken(24);
    org.waVerifyToken = randomToken(12);
    org.waAccessToken = randomToken(24);
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), 8);
    org.webhookSecret = QStringLiteral("whsec_") + QString::fromLatin1(key.toBase64());
    return org;
}

Result<void> populateDemoOrg(OrgApi &api, DemoOrg &org)
{
    const UserSeed seeds[] = {
        {"Alex", "Morgan", "alex@nordhaus.example", Role::Member},
        {"Sam", "Patel", "sam@nordhaus.example", Role::Member},
        {"Jordan", "Lee", "jordan@nordhaus.example", Role::Supervisor},
    };
    QJsonArray agentIds;
    org.users.clear();
    for (const UserSeed &seed : seeds) {
        DemoUser user{QString::fromLatin1(seed.email),
                      kDemoPassword,
                      seed.role,
                      QString::fromLatin1(seed.first) + QLatin1Char(' ') + QString::fromLatin1(seed.last),
                      {}};
        const OrgApiAnswer created =
            api.callAndWait("POST", api.orgPath(QStringLiteral("/user")),
                            QJsonObject{{QStringLiteral("email"), user.email},
                                        {QStringLiteral("first_name"), QString::fromLatin1(seed.first)},
                                        {QStringLiteral("last_name"), QString::fromLatin1(seed.last)},
                                        {QStringLiteral("password"), user.password},
                                        {QStringLiteral("role"), roleName(seed.role)}});
        if (!created.is(201))
            return failed(QStringLiteral("user ") + user.email, created);
        user.userId = created.string(QStringLiteral("user_id"));
        if (seed.role == Role::Member)
            agentIds.append(user.userId);
        org.users.append(user);
    }

    const OrgApiAnswer group = api.callAndWait(
        "POST", api.orgsPath(QStringLiteral("/groups")),
        QJsonObject{{QStringLiteral("name"), demo::groupName()}, {QStringLiteral("user_ids"), agentIds}});
    if (!group.is(201))
        return failed(QStringLiteral("the group"), group);
    org.groupId = group.string(QStringLiteral("group_id"));
    // Customers who write first go to the front desk too (R13b).
    const OrgApiAnswer settings =
        api.callAndWait("PUT", api.orgsPath(QStringLiteral("/settings")),
                        QJsonObject{{QStringLiteral("inbound_group_id"), org.groupId}});
    if (!settings.is(200))
        return failed(QStringLiteral("the settings"), settings);

    const OrgApiAnswer phone =
        api.callAndWait("POST", api.orgsPath(QStringLiteral("/waba-phones")),
                        QJsonObject{{QStringLiteral("remote_waba_id"), demo::kWabaId},
                                    {QStringLiteral("remote_phone_id"), demo::kPhoneId},
                                    {QStringLiteral("display_phone_number"), demo::kDisplayPhone}});
    if (!phone.is(201))
        return failed(QStringLiteral("the WABA phone"), phone);

    for (const MessageTemplate &t : demo::templates()) {
        const OrgApiAnswer added =
            api.callAndWait("POST", api.orgsPath(QStringLiteral("/templates")), demo::templateRequest(t));
        if (!added.is(201))
            return failed(QStringLiteral("template ") + t.name, added);
    }

    const QList<DemoUser> agents = org.agents();
    int nextAgent = 0;
    for (const sim::DemoPersona &persona : sim::demoPersonas()) {
        const OrgApiAnswer contact =
            api.callAndWait("POST", QStringLiteral("/v2/org/%1/contact").arg(org.orgId),
                            QJsonObject{{QStringLiteral("crm_id"), persona.crmId},
                                        {QStringLiteral("phone_number"), persona.phoneNumber},
                                        {QStringLiteral("first_name"), persona.firstName},
                                        {QStringLiteral("last_name"), persona.lastName},
                                        {QStringLiteral("opt_in_date"),
                                         QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                        {QStringLiteral("source"), QStringLiteral("demo")}});
        if (!contact.is(201))
            return failed(QStringLiteral("contact ") + persona.crmId, contact);
        const QString contactId = contact.string(QStringLiteral("id"));
        org.contactIds.insert(persona.crmId, contactId);
        // Bot-first customers wait for the front desk (R2); the others have an agent from the start (R1).
        QJsonObject assign{{QStringLiteral("display_name"), persona.displayName()}};
        if (persona.botFirst) {
            assign.insert(QStringLiteral("group_id"), org.groupId);
            assign.insert(QStringLiteral("assign_on_handover"), true);
        } else {
            assign.insert(QStringLiteral("user_id"), agents.at(nextAgent++ % agents.size()).userId);
        }
        const OrgApiAnswer chatroom = api.callAndWait(
            "POST", QStringLiteral("/v3/orgs/%1/contacts/%2/assign").arg(org.orgId, contactId), assign);
        if (!chatroom.is(201))
            return failed(QStringLiteral("the chatroom of ") + persona.crmId, chatroom);
    }
    return {};
}

Result<void> configureDemoWebhook(OrgApi &api, const DemoOrg &org, const QString &url)
{
    const OrgApiAnswer answer = api.callAndWait(
        "PUT", api.orgsPath(QStringLiteral("/webhook")),
        QJsonObject{{QStringLiteral("url"), url}, {QStringLiteral("secret"), org.webhookSecret}});
    if (!answer.is(200))
        return failed(QStringLiteral("the webhook"), answer);
    return {};
}

} // namespace handover::console
