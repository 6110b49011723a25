#include "benchorg.h"

#include "connectionpool.h"
#include "serverundertest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace handover::bench {

namespace {

bool created(const HttpAnswer &answer, const char *what, QString *id = nullptr, const char *idField = "id")
{
    if (answer.status == 201 || answer.status == 200) {
        if (id)
            *id =
                QJsonDocument::fromJson(answer.body).object().value(QString::fromLatin1(idField)).toString();
        return true;
    }
    std::fprintf(stderr, "setup: %s answered %d %s\n", what, answer.status, answer.body.constData());
    return false;
}

QJsonObject templateBody(const QString &templateId)
{
    return {{QStringLiteral("remote_template_id"), templateId},
            {QStringLiteral("name"), QStringLiteral("order_update")},
            {QStringLiteral("language"), QStringLiteral("en")},
            {QStringLiteral("category"), QStringLiteral("UTILITY")},
            {QStringLiteral("body"), QStringLiteral("Hello {{name}}, your order {{order}} has shipped.")},
            {QStringLiteral("buttons"),
             QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("QUICK_REPLY")},
                                    {QStringLiteral("text"), QStringLiteral("Thanks")}}}},
            {QStringLiteral("params"),
             QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("name")},
                                    {QStringLiteral("type"), QStringLiteral("AUTO_FILL")},
                                    {QStringLiteral("source"), QStringLiteral("contact.first_name")}},
                        QJsonObject{{QStringLiteral("tag"), QStringLiteral("order")},
                                    {QStringLiteral("type"), QStringLiteral("USER_FILL")}}}}};
}

QJsonObject userBody(const QString &email, const QString &firstName, const QString &lastName,
                     const QString &role)
{
    return {{QStringLiteral("email"), email},
            {QStringLiteral("first_name"), firstName},
            {QStringLiteral("last_name"), lastName},
            {QStringLiteral("password"), QStringLiteral("bench-password")},
            {QStringLiteral("role"), role}};
}

QByteArray createUser(const ServerUnderTest &server, const QJsonObject &user)
{
    return httpRequest("POST", QStringLiteral("/v1/org/%1/user").arg(server.orgId), server.apiKey,
                       jsonBody(user));
}

} // namespace

bool setUpOrg(ConnectionPool &pool, const ServerUnderTest &server, int chatrooms, BenchOrg *org)
{
    const QString &key = server.apiKey;
    const QString orgPath = QStringLiteral("/v1/orgs/") + server.orgId;
    const QJsonObject phone{{QStringLiteral("remote_waba_id"), QStringLiteral("waba-bench")},
                            {QStringLiteral("remote_phone_id"), QStringLiteral("100000001")},
                            {QStringLiteral("display_phone_number"), QStringLiteral("+15550001000")}};
    if (!created(
            pool.one(httpRequest("POST", orgPath + QStringLiteral("/waba-phones"), key, jsonBody(phone))),
            "waba phone"))
        return false;
    if (!created(pool.one(httpRequest("POST", orgPath + QStringLiteral("/templates"), key,
                                      jsonBody(templateBody(org->templateId)))),
                 "template"))
        return false;
    QString agentId;
    if (!created(
            pool.one(createUser(server, userBody(QStringLiteral("agent@bench.test"), QStringLiteral("Agent"),
                                                 QStringLiteral("One"), QStringLiteral("MEMBER")))),
            "agent", &agentId, "user_id"))
        return false;

    QList<QByteArray> contacts;
    for (int i = 0; i < chatrooms; ++i) {
        const QJsonObject contact{
            {QStringLiteral("crm_id"), QStringLiteral("bench-%1").arg(i)},
            {QStringLiteral("phone_number"), QStringLiteral("+4915%1").arg(i, 8, 10, QLatin1Char('0'))},
            {QStringLiteral("first_name"), QStringLiteral("Customer")},
            {QStringLiteral("last_name"), QString::number(i)}};
        contacts.append(httpRequest("POST", QStringLiteral("/v2/org/%1/contact").arg(server.orgId), key,
                                    jsonBody(contact)));
    }
    QList<QByteArray> assigns;
    for (const HttpAnswer &answer : pool.all(contacts)) {
        QString contactId;
        if (!created(answer, "contact", &contactId))
            return false;
        assigns.append(
            httpRequest("POST", QStringLiteral("/v3/orgs/%1/contacts/%2/assign").arg(server.orgId, contactId),
                        key, jsonBody(QJsonObject{{QStringLiteral("user_id"), agentId}})));
    }
    for (const HttpAnswer &answer : pool.all(assigns)) {
        QString chatroomId;
        if (!created(answer, "chatroom", &chatroomId))
            return false;
        org->chatroomIds.append(chatroomId);
    }
    return true;
}

bool addSupervisor(ConnectionPool &pool, const ServerUnderTest &server, BenchOrg *org)
{
    if (!created(pool.one(createUser(server, userBody(QStringLiteral("supervisor@bench.test"),
                                                      QStringLiteral("Super"), QStringLiteral("Visor"),
                                                      QStringLiteral("SUPERVISOR")))),
                 "supervisor"))
        return false;
    const QJsonObject login{{QStringLiteral("email"), QStringLiteral("supervisor@bench.test")},
                            {QStringLiteral("password"), QStringLiteral("bench-password")}};
    return created(pool.one(httpRequest("POST", QStringLiteral("/v1/auth/login"), {}, jsonBody(login))),
                   "login", &org->supervisorToken, "token");
}

QList<QByteArray> stmRequests(const ServerUnderTest &server, const BenchOrg &org)
{
    QList<QByteArray> stms;
    for (qsizetype i = 0; i < org.chatroomIds.size(); ++i) {
        const QJsonObject body{
            {QStringLiteral("remote_template_id"), org.templateId},
            {QStringLiteral("template_params"),
             QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("order")},
                                    {QStringLiteral("value"), QStringLiteral("A-%1").arg(i)}}}}};
        stms.append(httpRequest("POST",
                                QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages")
                                    .arg(server.orgId, org.chatroomIds[i]),
                                server.apiKey, jsonBody(body)));
    }
    return stms;
}

} // namespace handover::bench
