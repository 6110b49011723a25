#include "tests/support/scenario.h"

#include "tests/support/orgsetup.h"

#include <QDir>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

namespace handover::testing {

namespace {

constexpr qint64 kDayMs = 86'400'000;

ServerProcess::Options scenarioOptions()
{
    return ServerProcess::Options::unthrottled(true);
}

QString describe(const HttpResult &result)
{
    if (result.status == 0)
        return QStringLiteral("no answer: ") + result.networkError;
    return QStringLiteral("HTTP %1 %2").arg(result.status).arg(QString::fromUtf8(result.body.left(400)));
}

QJsonObject templateBody(const QString &id, const QString &name, const QString &body,
                         const QJsonArray &params, const QJsonArray &buttons = {})
{
    QJsonObject t{{QStringLiteral("remote_template_id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("language"), QStringLiteral("en")},
                  {QStringLiteral("category"), QStringLiteral("UTILITY")},
                  {QStringLiteral("body"), body},
                  {QStringLiteral("params"), params}};
    if (!buttons.isEmpty())
        t.insert(QStringLiteral("buttons"), buttons);
    return t;
}

QJsonObject param(const QString &tag, const QString &type, const QString &source = {})
{
    QJsonObject p{{QStringLiteral("tag"), tag}, {QStringLiteral("type"), type}};
    if (!source.isEmpty())
        p.insert(QStringLiteral("source"), source);
    return p;
}

} // namespace

Scenario::Scenario()
    : Scenario(scenarioOptions())
{}

Scenario::Scenario(ServerProcess::Options options)
    : m_server(std::move(options))
{}

bool Scenario::fail(const QString &message)
{
    m_whyUtf8 = message.toUtf8();
    qWarning("scenario: %s", m_whyUtf8.constData());
    return false;
}

HttpResult Scenario::check(const HttpResult &result, int status, const QString &what)
{
    if (result.status != status)
        fail(QStringLiteral("%1: expected HTTP %2, got %3").arg(what).arg(status).arg(describe(result)));
    return result;
}

HttpClient Scenario::api() const
{
    return m_server.client(m_server.apiKey());
}

HttpClient Scenario::as(const ScenarioUser &user) const
{
    return m_server.client(user.token);
}

HttpClient Scenario::as(const QString &token) const
{
    return m_server.client(token.isEmpty() ? m_server.apiKey() : token);
}

// POSTs in parallel (password hashing makes user creation and login slow one by one); answers in order.
QList<HttpResult> Scenario::sendAll(const QList<QPair<QString, QJsonObject>> &posts, const QString &token)
{
    QNetworkAccessManager network;
    QList<QNetworkReply *> replies;
    for (const auto &[path, body] : posts) {
        QNetworkRequest request(m_server.url().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setTransferTimeout(20000);
        if (!token.isEmpty())
            request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
        replies.append(network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    (void)QTest::qWaitFor(
        [&] {
            return std::all_of(replies.cbegin(), replies.cend(),
                               [](QNetworkReply *r) { return r->isFinished(); });
        },
        30000);
    QList<HttpResult> results;
    for (QNetworkReply *reply : std::as_const(replies)) {
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        if (result.status == 0)
            result.networkError = reply->errorString();
        results.append(result);
        reply->deleteLater();
    }
    return results;
}

bool Scenario::start()
{
    if (!m_server.start())
        return fail(QStringLiteral("the server did not start: ") + m_server.errorString());
    return setUpOrg();
}

bool Scenario::setUpOrg()
{
    const QString org = orgId();
    // Users of every role, created and then logged in, in parallel.
    struct Wanted
    {
        ScenarioUser *user;
        QString first;
        QString role;
    };
    const QList<Wanted> wanted{{&supervisor, QStringLiteral("Sue"), QStringLiteral("SUPERVISOR")},
                               {&alice, QStringLiteral("Alice"), QStringLiteral("MEMBER")},
                               {&bob, QStringLiteral("Bob"), QStringLiteral("MEMBER")},
                               {&carol, QStringLiteral("Carol"), QStringLiteral("MEMBER")}};
    QList<QPair<QString, QJsonObject>> creates;
    for (const Wanted &w : wanted) {
        w.user->firstName = w.first;
        w.user->role = w.role;
        w.user->email = w.first.toLower() + QStringLiteral("@acme.test");
        creates.append({QStringLiteral("/v1/org/%1/user").arg(org),
                        QJsonObject{{QStringLiteral("email"), w.user->email},
                                    {QStringLiteral("first_name"), w.first},
                                    {QStringLiteral("last_name"), QStringLiteral("Tester")},
                                    {QStringLiteral("password"), QStringLiteral("password-123")},
                                    {QStringLiteral("role"), w.role}}});
    }
    const QList<HttpResult> created = sendAll(creates, m_server.apiKey());
    for (qsizetype i = 0; i < created.size(); ++i) {
        if (created.at(i).status != 201)
            return fail(QStringLiteral("creating %1: %2").arg(wanted.at(i).first, describe(created.at(i))));
        wanted.at(i).user->id = created.at(i).string(QStringLiteral("user_id"));
    }
    admin.id = m_server.adminUserId();
    admin.email = QStringLiteral("admin@acme.test");
    admin.role = QStringLiteral("ADMIN");
    QList<QPair<QString, QJsonObject>> logins;
    QList<ScenarioUser *> loggingIn{&admin};
    logins.append(qMakePair(QStringLiteral("/v1/auth/login"),
                            QJsonObject{{QStringLiteral("email"), admin.email},
                                        {QStringLiteral("password"), QStringLiteral("correct-horse")}}));
    for (const Wanted &w : wanted) {
        loggingIn.append(w.user);
        logins.append({QStringLiteral("/v1/auth/login"),
                       QJsonObject{{QStringLiteral("email"), w.user->email},
                                   {QStringLiteral("password"), QStringLiteral("password-123")}}});
    }
    const QList<HttpResult> sessions = sendAll(logins, {});
    for (qsizetype i = 0; i < sessions.size(); ++i) {
        if (sessions.at(i).status != 200)
            return fail(
                QStringLiteral("logging in %1: %2").arg(loggingIn.at(i)->email, describe(sessions.at(i))));
        loggingIn.at(i)->token = sessions.at(i).string(QStringLiteral("token"));
        const QJsonObject user = sessions.at(i).json().value(QLatin1String("user")).toObject();
        loggingIn.at(i)->firstName = user.value(QLatin1String("first_name")).toString();
    }

    groupId = createGroup(QStringLiteral("Support"), {bob.id, carol.id});
    if (groupId.isEmpty())
        return false;

    HttpClient automation = api();
    for (const auto &[waba, phone, display] : {std::tuple{kWabaB, kPhoneB, QStringLiteral("15550000022")},
                                               std::tuple{kWabaA, kPhoneA, QStringLiteral("15550000011")}}) {
        const HttpResult added =
            check(automation.post(QStringLiteral("/v1/orgs/%1/waba-phones").arg(org),
                                  QJsonObject{{QStringLiteral("remote_waba_id"), waba},
                                              {QStringLiteral("remote_phone_id"), phone},
                                              {QStringLiteral("display_phone_number"), display}}),
                  201, QStringLiteral("adding WABA phone ") + phone);
        if (added.status != 201)
            return false;
    }

    const QJsonArray yesNo{quickReply(QStringLiteral("Yes")), quickReply(QStringLiteral("No"))};
    QList<QJsonObject> templates{
        templateBody(
            kButtonsTemplate, QStringLiteral("order_ready"),
            QStringLiteral("Hi {{name}}, order {{order}} is ready."),
            {param(QStringLiteral("name"), QStringLiteral("AUTO_FILL"), QStringLiteral("contact.first_name")),
             param(QStringLiteral("order"), QStringLiteral("USER_FILL"))},
            yesNo),
        templateBody(
            kAgentTemplate, QStringLiteral("agent_intro"),
            QStringLiteral("{{agent}} will call you about {{topic}}."),
            {param(QStringLiteral("agent"), QStringLiteral("AUTO_FILL"), QStringLiteral("agent.first_name")),
             param(QStringLiteral("topic"), QStringLiteral("USER_FILL"))}),
        templateBody(kPlainTemplate, QStringLiteral("status_note"), QStringLiteral("We are on it."), {}),
    };
    QJsonObject hidden =
        templateBody(kHiddenTemplate, QStringLiteral("internal_ping"), QStringLiteral("Ping."), {});
    hidden.insert(QStringLiteral("visible"), false);
    QJsonObject pending =
        templateBody(kPendingTemplate, QStringLiteral("not_yet"), QStringLiteral("Soon."), {});
    pending.insert(QStringLiteral("status"), QStringLiteral("PENDING"));
    QJsonObject disabled =
        templateBody(kDisabledTemplate, QStringLiteral("switched_off"), QStringLiteral("Off."), {});
    disabled.insert(QStringLiteral("enabled"), false);
    templates << hidden << pending << disabled;
    for (const QJsonObject &t : std::as_const(templates)) {
        const HttpResult added =
            check(automation.post(QStringLiteral("/v1/orgs/%1/templates").arg(org), t), 201,
                  QStringLiteral("adding template ") + t.value(QLatin1String("name")).toString());
        if (added.status != 201)
            return false;
    }

    // One marker chatroom per member, for sync().
    for (const ScenarioUser *member : {&alice, &bob, &carol}) {
        const QString room = newChatroom(QJsonObject{{QStringLiteral("user_id"), member->id}});
        if (room.isEmpty())
            return false;
        m_markerRooms.insert(member->id, room);
    }
    return true;
}

bool Scenario::restartServe(bool kill9)
{
    m_server.stopServe(kill9);
    if (!m_server.startServe())
        return fail(QStringLiteral("the server did not start again: ") + m_server.errorString());
    return true;
}

bool Scenario::ageChatroom(const QString &chatroomId, double days)
{
    const QString connection =
        QStringLiteral("scenario-age-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(QDir(m_server.dataDir()).filePath(QStringLiteral("handover.db")));
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("PRAGMA busy_timeout = 10000"));
            query.prepare(
                QStringLiteral("UPDATE chatrooms SET created_at = created_at - :age, "
                               "last_customer_message_at = last_customer_message_at - :age, "
                               "pending_requested_at = pending_requested_at - :age WHERE id = :id"));
            query.bindValue(QStringLiteral(":age"), qint64(days * double(kDayMs)));
            query.bindValue(QStringLiteral(":id"), chatroomId);
            ok = query.exec() && query.numRowsAffected() == 1;
            if (!ok)
                error = query.lastError().text() + QStringLiteral(" rows ") +
                        QString::number(query.numRowsAffected());
        } else {
            error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (ok)
        m_aged.insert(chatroomId);
    return ok || fail(QStringLiteral("ageing chatroom %1 failed: %2").arg(chatroomId, error));
}

QStringList Scenario::createUsers(const QStringList &firstNames, const QString &role)
{
    QList<QPair<QString, QJsonObject>> creates;
    for (const QString &first : firstNames) {
        const QString email = first.toLower() + QStringLiteral(".%1@acme.test").arg(++m_crmCounter);
        creates.append({QStringLiteral("/v1/org/%1/user").arg(orgId()),
                        QJsonObject{{QStringLiteral("email"), email},
                                    {QStringLiteral("first_name"), first},
                                    {QStringLiteral("last_name"), QStringLiteral("Tester")},
                                    {QStringLiteral("password"), QStringLiteral("password-123")},
                                    {QStringLiteral("role"), role}}});
    }
    QStringList ids;
    const QList<HttpResult> created = sendAll(creates, m_server.apiKey());
    for (const HttpResult &result : created) {
        if (result.status != 201) {
            fail(QStringLiteral("creating a user: ") + describe(result));
            return {};
        }
        ids.append(result.string(QStringLiteral("user_id")));
    }
    return ids;
}

QString Scenario::createGroup(const QString &name, const QStringList &userIds)
{
    const HttpResult result =
        check(api().post(QStringLiteral("/v1/orgs/%1/groups").arg(orgId()),
                         QJsonObject{{QStringLiteral("name"), name},
                                     {QStringLiteral("user_ids"), QJsonArray::fromStringList(userIds)}}),
              201, QStringLiteral("creating group ") + name);
    return result.status == 201 ? result.string(QStringLiteral("group_id")) : QString();
}

bool Scenario::putSettings(const QJsonObject &settings)
{
    return check(api().put(QStringLiteral("/v1/orgs/%1/settings").arg(orgId()), settings), 200,
                 QStringLiteral("PUT settings"))
               .status == 200;
}

QString Scenario::newPhone()
{
    return QStringLiteral("+9198%1").arg(++m_phoneCounter, 8, 10, QLatin1Char('0'));
}

QString Scenario::newContact(const QJsonObject &fields)
{
    QJsonObject body{{QStringLiteral("crm_id"), QStringLiteral("CRM-%1").arg(++m_crmCounter)},
                     {QStringLiteral("first_name"), QStringLiteral("Asha")},
                     {QStringLiteral("last_name"), QStringLiteral("Rao")}};
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        body.insert(it.key(), it.value());
    if (!body.contains(QLatin1String("phone_number")))
        body.insert(QStringLiteral("phone_number"), newPhone());
    const HttpResult result = check(api().post(QStringLiteral("/v2/org/%1/contact").arg(orgId()), body), 201,
                                    QStringLiteral("creating a contact"));
    return result.status == 201 ? result.string(QStringLiteral("id")) : QString();
}

QJsonObject Scenario::contact(const QString &contactId)
{
    const HttpResult result =
        check(api().get(QStringLiteral("/v1/orgs/%1/contacts/%2").arg(orgId(), contactId)), 200,
              QStringLiteral("GET contact"));
    return result.json();
}

HttpResult Scenario::createChatroomRaw(const QString &contactId, const QJsonObject &body)
{
    return api().post(QStringLiteral("/v3/orgs/%1/contacts/%2/assign").arg(orgId(), contactId), body);
}

QString Scenario::createChatroom(const QString &contactId, const QJsonObject &body)
{
    const HttpResult result =
        check(createChatroomRaw(contactId, body), 201, QStringLiteral("creating a chatroom"));
    return result.status == 201 ? result.string(QStringLiteral("id")) : QString();
}

QString Scenario::newChatroom(const QJsonObject &body)
{
    const QString contactId = newContact();
    return contactId.isEmpty() ? QString() : createChatroom(contactId, body);
}

QJsonObject Scenario::chatroom(const QString &chatroomId, const QString &token)
{
    const HttpResult result =
        check(as(token).get(QStringLiteral("/v1/orgs/%1/chatrooms/%2").arg(orgId(), chatroomId)), 200,
              QStringLiteral("GET chatroom"));
    return result.status == 200 ? result.json() : QJsonObject();
}

QString Scenario::phoneOf(const QString &chatroomId)
{
    return chatroom(chatroomId).value(QLatin1String("phone_number")).toString();
}

QString Scenario::activeChatroomOf(const QString &e164, const QString &remotePhoneId)
{
    for (const QJsonValue &value : listRows(QStringLiteral("all"))) {
        const QJsonObject row = value.toObject();
        if (row.value(QLatin1String("phone_number")).toString() == e164 &&
            row.value(QLatin1String("remote_phone_id")).toString() == remotePhoneId &&
            row.value(QLatin1String("state")).toString() == QLatin1String("active")) {
            return row.value(QLatin1String("id")).toString();
        }
    }
    fail(QStringLiteral("no active chatroom of %1 on %2").arg(e164, remotePhoneId));
    return {};
}

QJsonArray Scenario::listRows(const QString &view, const QString &token)
{
    QJsonArray rows;
    QString cursor;
    HttpClient client = as(token);
    for (int page = 0; page < 100; ++page) {
        QUrlQuery query;
        if (!view.isEmpty())
            query.addQueryItem(QStringLiteral("view"), view);
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
        if (!cursor.isEmpty())
            query.addQueryItem(QStringLiteral("cursor"), cursor);
        const HttpResult result = check(client.get(QStringLiteral("/v1/orgs/%1/chatrooms?").arg(orgId()) +
                                                   query.toString(QUrl::FullyEncoded)),
                                        200, QStringLiteral("GET chatrooms view ") + view);
        if (result.status != 200)
            return {};
        for (const QJsonValue &row : result.array(QStringLiteral("chatrooms")))
            rows.append(row);
        cursor = result.json().value(QLatin1String("next_cursor")).toString();
        if (cursor.isEmpty())
            break;
    }
    return rows;
}

QStringList Scenario::listOrder(const QString &view, const QString &token)
{
    QStringList ids;
    for (const QJsonValue &row : listRows(view, token))
        ids.append(row.toObject().value(QLatin1String("id")).toString());
    return ids;
}

HttpResult Scenario::sendTemplateRaw(const QString &chatroomId, const StmOptions &options)
{
    const QString templateId = options.templateId.isEmpty() ? kButtonsTemplate : options.templateId;
    QJsonObject body{{QStringLiteral("remote_template_id"), templateId}};
    if (options.params) {
        body.insert(QStringLiteral("template_params"), *options.params);
    } else if (templateId == kButtonsTemplate) {
        body.insert(QStringLiteral("template_params"),
                    QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("order")},
                                           {QStringLiteral("value"), QStringLiteral("A-1")}}});
    } else if (templateId == kAgentTemplate) {
        body.insert(QStringLiteral("template_params"),
                    QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("topic")},
                                           {QStringLiteral("value"), QStringLiteral("your visit")}}});
    }
    QUrlQuery query;
    const auto flag = [&](const char *name, const std::optional<bool> &value) {
        if (!value)
            return;
        if (options.flagsInQuery)
            query.addQueryItem(QString::fromLatin1(name),
                               *value ? QStringLiteral("true") : QStringLiteral("false"));
        else
            body.insert(QString::fromLatin1(name), *value);
    };
    flag("relay_response", options.relayResponse);
    flag("bump", options.bump);
    flag("bump_response", options.bumpResponse);
    if (options.sendViaParticipant)
        body.insert(QStringLiteral("send_via_participant"), *options.sendViaParticipant);
    QString path = QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(orgId(), chatroomId);
    if (!query.isEmpty())
        path += QLatin1Char('?') + query.toString(QUrl::FullyEncoded);
    return as(options.token).post(path, body);
}

QJsonObject Scenario::sendTemplate(const QString &chatroomId, const StmOptions &options)
{
    const HttpResult result = check(sendTemplateRaw(chatroomId, options), 201, QStringLiteral("STM"));
    return result.status == 201 ? result.json() : QJsonObject();
}

HttpResult Scenario::sendText(const QString &chatroomId, const ScenarioUser &agent, const QString &text)
{
    return as(agent).post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages").arg(orgId(), chatroomId),
                          QJsonObject{{QStringLiteral("text"), text}});
}

QJsonArray Scenario::messages(const QString &chatroomId, const QString &token)
{
    const HttpResult result = check(
        as(token).get(QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages?limit=200").arg(orgId(), chatroomId)),
        200, QStringLiteral("GET messages"));
    return result.array(QStringLiteral("messages"));
}

QJsonObject Scenario::message(const QString &chatroomId, const QString &messageId)
{
    for (const QJsonValue &m : messages(chatroomId)) {
        if (m.toObject().value(QLatin1String("id")).toString() == messageId)
            return m.toObject();
    }
    fail(QStringLiteral("message %1 is not in chatroom %2").arg(messageId, chatroomId));
    return {};
}

QJsonObject Scenario::waitUntilSent(const QString &chatroomId, const QString &messageId, int timeoutMs)
{
    QJsonObject found;
    const bool sent = QTest::qWaitFor(
        [&] {
            found = message(chatroomId, messageId);
            return !found.value(QLatin1String("wa_message_id")).toString().isEmpty();
        },
        timeoutMs);
    if (!sent) {
        fail(QStringLiteral("message %1 never got a wa_message_id: %2")
                 .arg(messageId, QString::fromUtf8(QJsonDocument(found).toJson(QJsonDocument::Compact))));
        return {};
    }
    return found;
}

QJsonArray Scenario::simulatorMessages(const QString &e164)
{
    const HttpResult result = check(simulator().get(QStringLiteral("/sim/messages?to=") + digits(e164)), 200,
                                    QStringLiteral("GET /sim/messages"));
    return result.array(QStringLiteral("messages"));
}

bool Scenario::customerWrites(const QString &e164, const QString &text, const QString &remotePhoneId,
                              const QString &profileName)
{
    QJsonObject body{{QStringLiteral("from"), digits(e164)},
                     {QStringLiteral("phone_number_id"), remotePhoneId},
                     {QStringLiteral("text"), text}};
    if (!profileName.isEmpty())
        body.insert(QStringLiteral("profile_name"), profileName);
    const HttpResult result = check(simulator().post(QStringLiteral("/sim/inbound"), body), 200,
                                    QStringLiteral("/sim/inbound text"));
    if (result.status != 200)
        return false;
    if (result.json().value(QLatin1String("status")).toInt() != 200)
        return fail(QStringLiteral("the server answered the customer's message with ") +
                    QString::fromUtf8(result.body));
    return true;
}

bool Scenario::customerTaps(const QJsonObject &templateMessage, int index)
{
    const QString chatroomId = templateMessage.value(QLatin1String("chatroom_id")).toString();
    const QString messageId = templateMessage.value(QLatin1String("id")).toString();
    const QJsonObject sent = waitUntilSent(chatroomId, messageId);
    if (sent.isEmpty())
        return false;
    const QJsonObject room = chatroom(chatroomId);
    const QString phone = room.value(QLatin1String("phone_number")).toString();
    // The button as the customer's phone has it: the payload Meta was given, the label from the template.
    const QString waId = sent.value(QLatin1String("wa_message_id")).toString();
    QString payload;
    for (const QJsonValue &m : simulatorMessages(phone)) {
        if (m.toObject().value(QLatin1String("wa_message_id")).toString() != waId)
            continue;
        for (const QJsonValue &b : m.toObject().value(QLatin1String("buttons")).toArray()) {
            if (b.toObject().value(QLatin1String("index")).toInt() == index)
                payload = b.toObject().value(QLatin1String("payload")).toString();
        }
    }
    if (payload.isEmpty())
        return fail(QStringLiteral("the simulator has no button %1 for %2").arg(index).arg(waId));
    QString label;
    const QJsonArray buttons =
        sent.value(QLatin1String("template")).toObject().value(QLatin1String("buttons")).toArray();
    for (const QJsonValue &b : buttons) {
        if (b.toObject().value(QLatin1String("index")).toInt() == index)
            label = b.toObject().value(QLatin1String("text")).toString();
    }
    const QJsonObject body{
        {QStringLiteral("from"), digits(phone)},
        {QStringLiteral("phone_number_id"), room.value(QLatin1String("remote_phone_id")).toString()},
        {QStringLiteral("button"), QJsonObject{{QStringLiteral("context_id"), waId},
                                               {QStringLiteral("text"), label},
                                               {QStringLiteral("payload"), payload}}}};
    const HttpResult result = check(simulator().post(QStringLiteral("/sim/inbound"), body), 200,
                                    QStringLiteral("/sim/inbound tap"));
    if (result.status != 200)
        return false;
    if (result.json().value(QLatin1String("status")).toInt() != 200)
        return fail(QStringLiteral("the server answered the tap with ") + QString::fromUtf8(result.body));
    return true;
}

bool Scenario::reportStatus(const QString &waMessageId, const QString &status, const QJsonValue &error)
{
    QJsonObject body{{QStringLiteral("wa_message_id"), waMessageId}, {QStringLiteral("status"), status}};
    if (!error.isUndefined() && !error.isNull())
        body.insert(QStringLiteral("error"), error);
    const HttpResult result =
        check(simulator().post(QStringLiteral("/sim/status"), body), 200, QStringLiteral("/sim/status"));
    if (result.status != 200)
        return false;
    if (result.json().value(QLatin1String("status")).toInt() != 200)
        return fail(QStringLiteral("the server answered the status with ") + QString::fromUtf8(result.body));
    return true;
}

std::unique_ptr<StreamClient> Scenario::openStream(const ScenarioUser &user)
{
    auto client = std::make_unique<StreamClient>(m_server.url());
    if (!client->connectTo(user.token, 0)) {
        fail(QStringLiteral("the stream of %1 did not welcome (close code %2)")
                 .arg(user.email)
                 .arg(client->lastCloseCode()));
        return {};
    }
    if (sync(*client, user) == 0)
        return {};
    return client;
}

qint64 Scenario::sync(StreamClient &client, const ScenarioUser &user)
{
    const QString room = m_markerRooms.value(user.id, m_markerRooms.value(alice.id));
    StmOptions silent;
    silent.templateId = kPlainTemplate;
    silent.bump = false;
    const QJsonObject sent = sendTemplate(room, silent);
    const QString id = sent.value(QLatin1String("id")).toString();
    if (id.isEmpty())
        return 0;
    const auto event = client.waitForEvent([&](const Event &e) {
        return e.kind == EventKind::MessageCreated && e.message && e.message->id == id;
    });
    if (!event) {
        fail(QStringLiteral("the stream of %1 never got the marker message %2").arg(user.email, id));
        return 0;
    }
    return event->seq;
}


bool Scenario::openStreams()
{
    bool allUp = true;
    for (const ScenarioUser *user : {&supervisor, &alice, &bob, &carol}) {
        auto client = std::make_shared<StreamClient>(m_server.url());
        m_streams.insert(user->id, client);
        if (!allUp)
            continue; // left unconnected: rows fail fast at their first stream assertion
        if (!client->connectTo(user->token, 0, 5000)) {
            allUp = fail(QStringLiteral("the stream of %1 did not welcome (close code %2)")
                             .arg(user->email)
                             .arg(client->lastCloseCode()));
            client->abort();
        } else if (sync(*client, *user) == 0) {
            allUp = false;
        }
    }
    return allUp;
}

StreamClient &Scenario::stream(const ScenarioUser &user)
{
    Q_ASSERT(m_streams.contains(user.id));
    return *m_streams.value(user.id);
}

bool Scenario::syncStreams()
{
    for (const ScenarioUser *user : {&supervisor, &alice, &bob, &carol}) {
        if (m_streams.contains(user->id) && sync(stream(*user), *user) == 0)
            return false;
    }
    return true;
}

qsizetype Scenario::mark(const ScenarioUser &user)
{
    StreamClient &client = stream(user);
    (void)sync(client, user);
    return client.events().size();
}

bool Scenario::reconnectStreams()
{
    for (const ScenarioUser *user : {&supervisor, &alice, &bob, &carol}) {
        if (!m_streams.contains(user->id))
            continue;
        StreamClient &client = stream(*user);
        if (!client.connectTo(user->token, client.lastSeq()))
            return fail(QStringLiteral("the stream of %1 did not come back").arg(user->email));
    }
    return syncStreams();
}

} // namespace handover::testing
