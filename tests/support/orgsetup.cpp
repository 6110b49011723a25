#include "tests/support/orgsetup.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QSet>
#include <QUuid>
#include <atomic>

namespace handover::testing {

namespace {

constexpr int kInitTimeoutMs = 20000;

// Process-wide, so that two orgs of one server never share a phone or a remote_phone_id.
std::atomic<int> g_phoneCounter{0};
std::atomic<int> g_orgCounter{0};

QString digitsOf(const QString &e164)
{
    return e164.startsWith(u'+') ? e164.mid(1) : e164;
}

QJsonObject quickReply(const QString &text)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("QUICK_REPLY")},
                       {QStringLiteral("text"), text}};
}

QJsonObject buttonsTemplate(const QString &remoteId, const QString &name)
{
    return QJsonObject{
        {QStringLiteral("remote_template_id"), remoteId},
        {QStringLiteral("name"), name},
        {QStringLiteral("language"), QStringLiteral("en")},
        {QStringLiteral("category"), QStringLiteral("UTILITY")},
        {QStringLiteral("body"), QStringLiteral("Your order is ready. Shall we deliver today?")},
        {QStringLiteral("buttons"),
         QJsonArray{quickReply(QStringLiteral("Yes")), quickReply(QStringLiteral("No"))}}};
}

QByteArray envelopeWith(const QString &phoneNumberId, const QString &phone, const QJsonObject &message)
{
    const QJsonObject value{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("display_phone_number"), QStringLiteral("15550100")},
                     {QStringLiteral("phone_number_id"), phoneNumberId}}},
        {QStringLiteral("contacts"),
         QJsonArray{QJsonObject{{QStringLiteral("wa_id"), digitsOf(phone)},
                                {QStringLiteral("profile"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("Customer")}}}}}},
        {QStringLiteral("messages"), QJsonArray{message}}};
    const QJsonObject envelope{
        {QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
        {QStringLiteral("entry"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("waba")},
                                {QStringLiteral("changes"),
                                 QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("messages")},
                                                        {QStringLiteral("value"), value}}}}}}}};
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

QJsonObject inboundMessage(const QString &phone, const QString &type)
{
    return QJsonObject{{QStringLiteral("from"), digitsOf(phone)},
                       {QStringLiteral("id"),
                        QString(QStringLiteral("wamid.test-") + QUuid::createUuid().toString(QUuid::Id128))},
                       {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())},
                       {QStringLiteral("type"), type}};
}

} // namespace

QString describeResult(const HttpResult &result)
{
    if (result.status == 0)
        return QStringLiteral("no answer: ") + result.networkError;
    return QStringLiteral("HTTP %1 %2").arg(result.status).arg(QString::fromUtf8(result.body.left(600)));
}

QString errorMessageOf(int errorCode)
{
    switch (errorCode) {
    case 4000001:
        return QStringLiteral("BAD_REQUEST");
    case 4000002:
        return QStringLiteral("VALIDATION_FAILED");
    case 4010001:
        return QStringLiteral("UNAUTHENTICATED");
    case 4030001:
        return QStringLiteral("FORBIDDEN");
    case 4040001:
        return QStringLiteral("NOT_FOUND");
    case 4090001:
        return QStringLiteral("UQ_CONSTRAINT_FAILED");
    case 4090002:
        return QStringLiteral("CHATROOM_INACTIVE");
    case 4090003:
        return QStringLiteral("SESSION_WINDOW_CLOSED");
    case 4090004:
        return QStringLiteral("IDEMPOTENCY_IN_PROGRESS");
    case 4080001:
        return QStringLiteral("REQUEST_TIMEOUT");
    case 4130001:
        return QStringLiteral("PAYLOAD_TOO_LARGE");
    case 4140001:
        return QStringLiteral("URI_TOO_LONG");
    case 4220001:
        return QStringLiteral("IDEMPOTENCY_KEY_REUSED");
    case 4220002:
        return QStringLiteral("TEMPLATE_NOT_SENDABLE");
    case 4220003:
        return QStringLiteral("TEMPLATE_PARAMS_INVALID");
    case 4220004:
        return QStringLiteral("WABA_PHONE_NOT_VERIFIED");
    case 4290001:
        return QStringLiteral("RATE_LIMITED");
    case 4310001:
        return QStringLiteral("HEADERS_TOO_LARGE");
    case 5000001:
        return QStringLiteral("INTERNAL");
    case 5020001:
        return QStringLiteral("UPSTREAM_UNAVAILABLE");
    case 5030001:
        return QStringLiteral("SERVER_BUSY");
    default:
        return {};
    }
}

QString errorShapeProblem(const HttpResult &result, int errorCode)
{
    const QString what = describeResult(result);
    if (result.status != errorCode / 10000)
        return QStringLiteral("expected HTTP %1 (error %2), got %3")
            .arg(errorCode / 10000)
            .arg(errorCode)
            .arg(what);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(result.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return QStringLiteral("the error body is not a JSON object: ") + what;
    const QJsonObject body = document.object();
    const QStringList keyList = body.keys();
    const QSet<QString> keys(keyList.cbegin(), keyList.cend());
    const QSet<QString> expected{QStringLiteral("error_code"), QStringLiteral("error_message"),
                                 QStringLiteral("error_description"), QStringLiteral("payload")};
    if (keys != expected)
        return QStringLiteral(
                   "the error body's keys are not exactly error_code, error_message, error_description, "
                   "payload: ") +
               what;
    const QJsonValue code = body.value(QLatin1String("error_code"));
    if (!code.isDouble() || code.toInt() != errorCode)
        return QStringLiteral("expected error_code %1: ").arg(errorCode) + what;
    if (body.value(QLatin1String("error_message")).toString() != errorMessageOf(errorCode))
        return QStringLiteral("expected error_message %1: ").arg(errorMessageOf(errorCode)) + what;
    const QJsonValue description = body.value(QLatin1String("error_description"));
    if (!description.isString() || description.toString().trimmed().isEmpty())
        return QStringLiteral("error_description is not a sentence: ") + what;
    const QJsonValue payload = body.value(QLatin1String("payload"));
    if (!payload.isObject())
        return QStringLiteral("payload is not an object: ") + what;
    const QJsonValue fields = payload.toObject().value(QLatin1String("fields"));
    if (!fields.isUndefined() && !fields.isArray())
        return QStringLiteral("payload.fields is not an array: ") + what;
    if (!result.header("Content-Type").startsWith("application/json"))
        return QStringLiteral("the error is not sent as application/json: ") +
               QString::fromLatin1(result.header("Content-Type"));
    if (result.header("X-Request-Id").isEmpty())
        return QStringLiteral("the error has no X-Request-Id: ") + what;
    return {};
}

// ---- orgs

bool OrgSetup::fail(const QString &what, const HttpResult &result)
{
    return fail(what + QStringLiteral(": ") + describeResult(result));
}

bool OrgSetup::fail(const QString &what)
{
    m_why = what.toUtf8();
    qWarning("org setup: %s", m_why.constData());
    return false;
}

TestOrg OrgSetup::bootstrapOrg() const
{
    TestOrg org;
    org.name = QStringLiteral("Acme");
    org.tag = QStringLiteral("acme");
    org.orgId = m_server.orgId();
    org.apiKey = m_server.apiKey();
    org.adminPassword = QStringLiteral("correct-horse");
    org.admin.id = m_server.adminUserId();
    org.admin.email = QStringLiteral("admin@acme.test");
    return org;
}

std::optional<TestOrg> OrgSetup::initOrg(const QString &name)
{
    TestOrg org;
    org.name = name;
    org.tag = name.toLower();
    org.adminPassword = kPassword;
    org.admin.email = QStringLiteral("admin@%1.test").arg(org.tag);
    org.phoneToken = m_server.options().accessToken;
    QProcess init;
    init.start(QStringLiteral(HANDOVER_SERVER_PATH),
               {QStringLiteral("init"), QStringLiteral("--data-dir"), m_server.dataDir(),
                QStringLiteral("--org-name"), name, QStringLiteral("--admin-email"), org.admin.email,
                QStringLiteral("--admin-password"), org.adminPassword});
    if (!init.waitForFinished(kInitTimeoutMs) || init.exitStatus() != QProcess::NormalExit ||
        init.exitCode() != 0) {
        fail(QStringLiteral("init of %1 failed: ").arg(name) +
             QString::fromUtf8(init.readAllStandardError()));
        return std::nullopt;
    }
    const QJsonObject created = QJsonDocument::fromJson(init.readAllStandardOutput()).object();
    org.orgId = created.value(QLatin1String("org_id")).toString();
    org.admin.id = created.value(QLatin1String("admin_user_id")).toString();
    org.apiKey = created.value(QLatin1String("api_key")).toString();
    if (org.orgId.isEmpty() || org.admin.id.isEmpty() || !org.apiKey.startsWith(QLatin1String("hok_"))) {
        fail(QStringLiteral("init of %1 printed no ids").arg(name));
        return std::nullopt;
    }
    return org;
}

QString OrgSetup::login(const QString &email, const QString &password)
{
    const HttpResult result = m_server.client().post(
        QStringLiteral("/v1/auth/login"),
        QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    const QString token = result.string(QStringLiteral("token"));
    if (result.status != 200 || token.isEmpty()) {
        fail(QStringLiteral("login of ") + email, result);
        return {};
    }
    return token;
}

QString OrgSetup::createUser(const TestOrg &org, const QString &email, const QString &role)
{
    const HttpResult result = m_server.client(org.apiKey)
                                  .post(QStringLiteral("/v1/org/%1/user").arg(org.orgId),
                                        QJsonObject{{QStringLiteral("email"), email},
                                                    {QStringLiteral("first_name"), email.section(u'@', 0, 0)},
                                                    {QStringLiteral("last_name"), org.name},
                                                    {QStringLiteral("password"), kPassword},
                                                    {QStringLiteral("role"), role}});
    const QString id = result.string(QStringLiteral("user_id"));
    if (result.status != 201 || id.isEmpty())
        fail(QStringLiteral("creating user ") + email, result);
    return result.status == 201 ? id : QString();
}

QString OrgSetup::createApiKey(const TestOrg &org, const QString &role)
{
    const HttpResult result =
        m_server.client(org.apiKey)
            .post(QStringLiteral("/v1/orgs/%1/api-keys").arg(org.orgId),
                  QJsonObject{{QStringLiteral("name"), QString(role.toLower() + QStringLiteral(" key"))},
                              {QStringLiteral("role"), role}});
    const QString key = result.string(QStringLiteral("api_key"));
    if (result.status != 201 || !key.startsWith(QLatin1String("hok_"))) {
        fail(QStringLiteral("creating a %1 API key").arg(role), result);
        return {};
    }
    return key;
}

QString OrgSetup::newPhone()
{
    return QStringLiteral("+4930%1").arg(1000000 + g_phoneCounter.fetch_add(1), 7, 10, QLatin1Char('0'));
}

QString OrgSetup::createContact(const TestOrg &org, const QString &phone, const QString &crmId)
{
    const HttpResult result =
        m_server.client(org.apiKey)
            .post(QStringLiteral("/v2/org/%1/contact").arg(org.orgId),
                  QJsonObject{{QStringLiteral("crm_id"),
                               crmId.isEmpty() ? QString(QStringLiteral("crm-") + digitsOf(phone)) : crmId},
                              {QStringLiteral("phone_number"), phone},
                              {QStringLiteral("first_name"), QStringLiteral("Dana")},
                              {QStringLiteral("last_name"), QStringLiteral("Customer")}});
    if (result.status != 201 || result.string(QStringLiteral("id")).isEmpty()) {
        fail(QStringLiteral("creating contact ") + phone, result);
        return {};
    }
    return result.string(QStringLiteral("id"));
}

QString OrgSetup::createChatroom(const TestOrg &org, const QString &contactId, const QJsonObject &body)
{
    QJsonObject full = body;
    if (!full.contains(QLatin1String("remote_phone_id")) && !org.phoneId.isEmpty())
        full.insert(QStringLiteral("remote_phone_id"), org.phoneId);
    const HttpResult result =
        m_server.client(org.apiKey)
            .post(QStringLiteral("/v3/orgs/%1/contacts/%2/assign").arg(org.orgId, contactId), full);
    if (result.status != 201 || result.string(QStringLiteral("id")).isEmpty()) {
        fail(QStringLiteral("creating a chatroom for contact ") + contactId, result);
        return {};
    }
    return result.string(QStringLiteral("id"));
}

bool OrgSetup::populate(TestOrg &org)
{
    const int index = g_orgCounter.fetch_add(1);
    org.admin.token = login(org.admin.email, org.adminPassword);
    if (org.admin.token.isEmpty())
        return false;

    org.supervisor.email = QStringLiteral("supervisor@%1.test").arg(org.tag);
    org.alice.email = QStringLiteral("alice@%1.test").arg(org.tag);
    org.bob.email = QStringLiteral("bob@%1.test").arg(org.tag);
    org.supervisor.id = createUser(org, org.supervisor.email, QStringLiteral("SUPERVISOR"));
    org.alice.id = createUser(org, org.alice.email, QStringLiteral("MEMBER"));
    org.bob.id = createUser(org, org.bob.email, QStringLiteral("MEMBER"));
    if (org.supervisor.id.isEmpty() || org.alice.id.isEmpty() || org.bob.id.isEmpty())
        return false;
    for (OrgUser *user : {&org.supervisor, &org.alice, &org.bob}) {
        user->token = login(user->email);
        if (user->token.isEmpty())
            return false;
    }

    org.supervisorKey = createApiKey(org, QStringLiteral("SUPERVISOR"));
    org.memberKey = createApiKey(org, QStringLiteral("MEMBER"));
    if (org.supervisorKey.isEmpty() || org.memberKey.isEmpty())
        return false;

    HttpClient admin = m_server.client(org.apiKey);
    const HttpResult group =
        admin.post(QStringLiteral("/v1/orgs/%1/groups").arg(org.orgId),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Agents")},
                               {QStringLiteral("user_ids"), QJsonArray{org.alice.id, org.bob.id}}});
    org.groupId = group.string(QStringLiteral("group_id"));
    if (group.status != 201 || org.groupId.isEmpty())
        return fail(QStringLiteral("creating the group"), group);

    org.wabaId = QStringLiteral("waba-") + org.tag;
    org.phoneId = QString::number(770000 + index);
    QJsonObject phoneBody{{QStringLiteral("remote_waba_id"), org.wabaId},
                          {QStringLiteral("remote_phone_id"), org.phoneId},
                          {QStringLiteral("display_phone_number"), QStringLiteral("+1 555 0100")}};
    if (!org.phoneToken.isEmpty())
        phoneBody.insert(QStringLiteral("access_token"), org.phoneToken);
    const HttpResult phone = admin.post(QStringLiteral("/v1/orgs/%1/waba-phones").arg(org.orgId), phoneBody);
    if (phone.status != 201)
        return fail(QStringLiteral("creating the WABA phone"), phone);

    org.templateId = QStringLiteral("tpl-buttons");
    org.ownTemplateId = QStringLiteral("tpl-own-") + org.tag;
    for (const QString &id : {org.templateId, org.ownTemplateId}) {
        const HttpResult created = admin.post(QStringLiteral("/v1/orgs/%1/templates").arg(org.orgId),
                                              buttonsTemplate(id, QStringLiteral("order_ready")));
        if (created.status != 201)
            return fail(QStringLiteral("creating template ") + id, created);
    }

    org.alicePhone = newPhone();
    org.bobPhone = newPhone();
    org.sparePhone = newPhone();
    org.aliceContactId = createContact(org, org.alicePhone);
    org.bobContactId = createContact(org, org.bobPhone);
    org.spareContactId = createContact(org, org.sparePhone);
    if (org.aliceContactId.isEmpty() || org.bobContactId.isEmpty() || org.spareContactId.isEmpty())
        return false;
    org.aliceRoom =
        createChatroom(org, org.aliceContactId, QJsonObject{{QStringLiteral("user_id"), org.alice.id}});
    org.bobRoom = createChatroom(org, org.bobContactId, QJsonObject{{QStringLiteral("user_id"), org.bob.id}});
    org.spareRoom =
        createChatroom(org, org.spareContactId, QJsonObject{{QStringLiteral("user_id"), org.alice.id}});
    if (org.aliceRoom.isEmpty() || org.bobRoom.isEmpty() || org.spareRoom.isEmpty())
        return false;
    return customerWrites(org, org.alicePhone, QStringLiteral("Hello, is my order ready?")) &&
           customerWrites(org, org.bobPhone, QStringLiteral("Hi there"));
}

bool OrgSetup::createDelivery(TestOrg &org)
{
    HttpClient admin = m_server.client(org.apiKey);
    const HttpResult webhook =
        admin.put(QStringLiteral("/v1/orgs/%1/webhook").arg(org.orgId),
                  QJsonObject{{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/hook")}});
    if (webhook.status != 200)
        return fail(QStringLiteral("configuring the org webhook"), webhook);
    const HttpResult sent =
        admin.post(QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(org.orgId, org.spareRoom),
                   QJsonObject{{QStringLiteral("remote_template_id"), org.templateId},
                               {QStringLiteral("relay_response"), true}});
    if (sent.status != 201)
        return fail(QStringLiteral("sending a relayed template"), sent);
    if (!customerTaps(org, org.sparePhone, sent.json(), 0))
        return false;
    const HttpResult deliveries = admin.get(QStringLiteral("/v1/orgs/%1/webhook/deliveries").arg(org.orgId));
    const QJsonArray rows = deliveries.array(QStringLiteral("deliveries"));
    if (deliveries.status != 200 || rows.isEmpty())
        return fail(QStringLiteral("listing the deliveries after a relayed tap"), deliveries);
    org.deliveryId = rows.first().toObject().value(QLatin1String("id")).toString();
    return !org.deliveryId.isEmpty() || fail(QStringLiteral("a delivery without an id"), deliveries);
}

// ---- the customer

QByteArray OrgSetup::metaTextEnvelope(const QString &phoneNumberId, const QString &phone, const QString &text)
{
    QJsonObject message = inboundMessage(phone, QStringLiteral("text"));
    message.insert(QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), text}});
    return envelopeWith(phoneNumberId, phone, message);
}

QByteArray OrgSetup::metaSignature(const QByteArray &body, const QString &secret)
{
    return "sha256=" +
           QMessageAuthenticationCode::hash(body, secret.toUtf8(), QCryptographicHash::Sha256).toHex();
}

HttpResult OrgSetup::postMetaWebhook(const QByteArray &body, const QByteArray &signatureHeader)
{
    HttpClient::Headers headers;
    if (!signatureHeader.isNull())
        headers.append({QByteArrayLiteral("X-Hub-Signature-256"), signatureHeader});
    return m_server.client().postRaw(QStringLiteral("/webhooks/whatsapp"), body, headers);
}

bool OrgSetup::postSigned(const QByteArray &body)
{
    const HttpResult result = postMetaWebhook(body, metaSignature(body, m_server.options().appSecret));
    return result.status == 200 || fail(QStringLiteral("posting a signed Meta webhook"), result);
}

bool OrgSetup::customerWrites(const TestOrg &org, const QString &phone, const QString &text)
{
    return postSigned(metaTextEnvelope(org.phoneId, phone, text));
}

bool OrgSetup::customerTaps(const TestOrg &org, const QString &phone, const QJsonObject &templateMessage,
                            int index)
{
    const QJsonArray buttons =
        templateMessage.value(QLatin1String("template")).toObject().value(QLatin1String("buttons")).toArray();
    if (index < 0 || index >= buttons.size())
        return fail(QStringLiteral("the template message has no button %1: ").arg(index) +
                    QString::fromUtf8(QJsonDocument(templateMessage).toJson(QJsonDocument::Compact)));
    const QJsonObject button = buttons.at(index).toObject();
    QJsonObject message = inboundMessage(phone, QStringLiteral("button"));
    message.insert(QStringLiteral("button"),
                   QJsonObject{{QStringLiteral("text"), button.value(QLatin1String("text"))},
                               {QStringLiteral("payload"), button.value(QLatin1String("payload"))}});
    const QString waId = templateMessage.value(QLatin1String("wa_message_id")).toString();
    message.insert(
        QStringLiteral("context"),
        QJsonObject{{QStringLiteral("from"), QStringLiteral("15550100")},
                    {QStringLiteral("id"), waId.isEmpty() ? QStringLiteral("wamid.unsent") : waId}});
    return postSigned(envelopeWith(org.phoneId, phone, message));
}

} // namespace handover::testing
