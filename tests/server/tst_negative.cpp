#include "tests/support/orgsetup.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>
#include <QtTest>
#include <functional>

using namespace handover::testing;

// TARGETS.md L4: every endpoint of API.md fed bad input answers with the 4xx error API.md gives it, in the
// error body API.md gives, and the server stays up without a single 5xx.
namespace {

enum class Kind
{
    String,
    Enum,
    Bool,
    Int,
    StringArray,
    ObjectArray,
    Timestamp
};

struct Field
{
    QString path; // as the server names it: "buttons[0].text"
    Kind kind;
    bool required = false;
    bool mayBeEmpty = false;  // "" is a value (template_params[].value)
    bool conditional = false; // required only for some callers (as_user_id for A and S)
};

enum class Caller
{
    ApiKey,
    Alice
};

struct Endpoint
{
    QByteArray verb;
    QString path; // {org} {contact} {chatroom} {spare} {delivery} are filled in
    bool authenticated = true;
    bool takesBody = false;
    QList<Field> fields;
    std::function<QJsonObject()> validBody;
    Caller caller = Caller::ApiKey;

    QString name() const { return QString::fromLatin1(verb) + u' ' + path; }
};

// ---- JSON paths like "params[0].tag"

struct Step
{
    QString key;
    int index = -1; // -1: no [i] after the key
};

QList<Step> stepsOf(const QString &path)
{
    QList<Step> steps;
    static const QRegularExpression pattern(QStringLiteral("^([a-z_]+)(?:\\[(\\d+)\\])?$"));
    for (const QString &part : path.split(u'.')) {
        const QRegularExpressionMatch match = pattern.match(part);
        steps.append(Step{match.captured(1), match.captured(2).isEmpty() ? -1 : match.captured(2).toInt()});
    }
    return steps;
}

// Sets (or with an undefined value removes) the value at `path` inside `object`.
void setAt(QJsonObject &object, const QList<Step> &steps, qsizetype at, const QJsonValue &value)
{
    const Step &step = steps.at(at);
    const bool last = at == steps.size() - 1;
    if (step.index < 0) {
        if (last) {
            if (value.isUndefined())
                object.remove(step.key);
            else
                object.insert(step.key, value);
            return;
        }
        QJsonObject child = object.value(step.key).toObject();
        setAt(child, steps, at + 1, value);
        object.insert(step.key, child);
        return;
    }
    QJsonArray array = object.value(step.key).toArray();
    while (array.size() <= step.index)
        array.append(QJsonObject());
    if (last) {
        if (value.isUndefined())
            array.removeAt(step.index);
        else
            array.replace(step.index, value);
    } else {
        QJsonObject child = array.at(step.index).toObject();
        setAt(child, steps, at + 1, value);
        array.replace(step.index, child);
    }
    object.insert(step.key, array);
}

QJsonObject with(QJsonObject body, const QString &path, const QJsonValue &value)
{
    setAt(body, stepsOf(path), 0, value);
    return body;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Does payload.fields name `field` (or an element or member of it)?
bool namesField(const HttpResult &result, const QString &field)
{
    const QJsonArray fields =
        result.json().value(QLatin1String("payload")).toObject().value(QLatin1String("fields")).toArray();
    for (const QJsonValue &named : fields) {
        const QString text = named.toString();
        if (text == field || text.startsWith(field + u'[') || text.startsWith(field + u'.'))
            return true;
    }
    return false;
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::String:
        return QStringLiteral("string");
    case Kind::Enum:
        return QStringLiteral("name");
    case Kind::Bool:
        return QStringLiteral("boolean");
    case Kind::Int:
        return QStringLiteral("integer");
    case Kind::StringArray:
        return QStringLiteral("list of strings");
    case Kind::ObjectArray:
        return QStringLiteral("list of objects");
    case Kind::Timestamp:
        return QStringLiteral("timestamp");
    }
    return {};
}

// Values of the wrong JSON type for a kind of field, each with how a row names it.
QList<QPair<QString, QJsonValue>> wrongValues(Kind kind)
{
    const QJsonValue number(42);
    const QJsonValue object(QJsonObject{{QStringLiteral("a"), 1}});
    switch (kind) {
    case Kind::String:
        return {{QStringLiteral("a number"), number}, {QStringLiteral("an object"), object}};
    case Kind::Enum:
        return {{QStringLiteral("a number"), number}, {QStringLiteral("a boolean"), QJsonValue(true)}};
    case Kind::Bool:
        return {{QStringLiteral("the string \"true\""), QJsonValue(QStringLiteral("true"))},
                {QStringLiteral("the number 1"), QJsonValue(1)}};
    case Kind::Int:
        return {{QStringLiteral("the string \"30\""), QJsonValue(QStringLiteral("30"))},
                {QStringLiteral("the fraction 1.5"), QJsonValue(1.5)}};
    case Kind::StringArray:
        return {{QStringLiteral("a string"), QJsonValue(QStringLiteral("x"))},
                {QStringLiteral("a list holding a number"), QJsonValue(QJsonArray{42})}};
    case Kind::ObjectArray:
        return {{QStringLiteral("an object"), object},
                {QStringLiteral("a list holding a string"), QJsonValue(QJsonArray{QStringLiteral("x")})}};
    case Kind::Timestamp:
        return {{QStringLiteral("a boolean"), QJsonValue(true)}, {QStringLiteral("an object"), object}};
    }
    return {};
}

} // namespace

class TestNegative : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void withoutAValidTokenIsUnauthenticated_data();
    void withoutAValidTokenIsUnauthenticated();
    void loginRefusesWrongCredentials_data();
    void loginRefusesWrongCredentials();
    void malformedBodiesAreBadRequest_data();
    void malformedBodiesAreBadRequest();
    void wrongTypesAreBadRequestNamingTheField_data();
    void wrongTypesAreBadRequestNamingTheField();
    void missingFieldsAreValidationFailedNamingThem_data();
    void missingFieldsAreValidationFailedNamingThem();
    void badlyFormedValuesAreValidationFailed_data();
    void badlyFormedValuesAreValidationFailed();
    void hugeStringsAreValidationFailed_data();
    void hugeStringsAreValidationFailed();
    void unknownIdsAreNotFound_data();
    void unknownIdsAreNotFound();
    void metaWebhookNeedsItsSignature_data();
    void metaWebhookNeedsItsSignature();
    void aCorrectlySignedMetaWebhookIsStored();
    void metaVerificationNeedsTheToken_data();
    void metaVerificationNeedsTheToken();

    void theServerSurvivedWithoutA5xx(); // last: after everything above

private:
    void checkFieldRefused(int code);
    QString fill(const QString &path) const;
    QString tokenFor(Caller caller) const;
    HttpResult call(const QByteArray &verb, const QString &path, const QByteArray &body, const QString &token,
                    const HttpClient::Headers &headers = {});
    const Endpoint &endpoint(const QString &name) const;
    QStringList bodyEndpoints(bool withBodylessPosts) const;
    int chatroomsWithPhone(const QString &phone, int *total);

    ServerProcess m_server{ServerProcess::Options::unthrottled(false)};
    OrgSetup m_setup{m_server};
    TestOrg m_org;
    QString m_freshContactId; // has no chatroom, so creating one is not answered by R3
    QList<Endpoint> m_endpoints;
    int m_unique = 0;
    QStringList m_fiveHundreds; // every 5xx answer seen, for the last test
    int m_requests = 0;
};

void TestNegative::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_org = m_setup.bootstrapOrg();
    QVERIFY2(m_setup.populate(m_org), m_setup.why());
    QVERIFY2(m_setup.createDelivery(m_org), m_setup.why());
    m_freshContactId = m_setup.createContact(m_org, m_setup.newPhone());
    QVERIFY2(!m_freshContactId.isEmpty(), m_setup.why());

    const auto unique = [this] { return QString::number(++m_unique); };
    const TestOrg &o = m_org;
    using F = Field;
    m_endpoints = {
        {"POST",
         QStringLiteral("/v1/auth/login"),
         false,
         true,
         {F{QStringLiteral("email"), Kind::String, true}, F{QStringLiteral("password"), Kind::String, true}},
         [&o] {
             return QJsonObject{{QStringLiteral("email"), o.admin.email},
                                {QStringLiteral("password"), o.adminPassword}};
         }},
        {"GET", QStringLiteral("/v1/me"), true, false, {}, {}},
        {"POST",
         QStringLiteral("/v1/org/{org}/user"),
         true,
         true,
         {F{QStringLiteral("email"), Kind::String, true}, F{QStringLiteral("first_name"), Kind::String},
          F{QStringLiteral("last_name"), Kind::String}, F{QStringLiteral("password"), Kind::String, true},
          F{QStringLiteral("role"), Kind::Enum},
          F{QStringLiteral("ask_user_to_update_password_on_login"), Kind::Bool}},
         [unique] {
             return QJsonObject{{QStringLiteral("email"), QStringLiteral("user%1@acme.test").arg(unique())},
                                {QStringLiteral("first_name"), QStringLiteral("Uma")},
                                {QStringLiteral("last_name"), QStringLiteral("User")},
                                {QStringLiteral("password"), QStringLiteral("long-enough-1")},
                                {QStringLiteral("role"), QStringLiteral("MEMBER")},
                                {QStringLiteral("ask_user_to_update_password_on_login"), false}};
         }},
        {"GET", QStringLiteral("/v1/org/{org}/users"), true, false, {}, {}},
        {"POST",
         QStringLiteral("/v1/orgs/{org}/groups"),
         true,
         true,
         {F{QStringLiteral("name"), Kind::String, true}, F{QStringLiteral("user_ids"), Kind::StringArray}},
         [&o] {
             return QJsonObject{{QStringLiteral("name"), QStringLiteral("Team")},
                                {QStringLiteral("user_ids"), QJsonArray{o.alice.id}}};
         }},
        {"POST",
         QStringLiteral("/v1/orgs/{org}/api-keys"),
         true,
         true,
         {F{QStringLiteral("name"), Kind::String, true}, F{QStringLiteral("role"), Kind::Enum, true}},
         [] {
             return QJsonObject{{QStringLiteral("name"), QStringLiteral("crm")},
                                {QStringLiteral("role"), QStringLiteral("ADMIN")}};
         }},
        {"POST",
         QStringLiteral("/v1/orgs/{org}/waba-phones"),
         true,
         true,
         {F{QStringLiteral("remote_waba_id"), Kind::String, true},
          F{QStringLiteral("remote_phone_id"), Kind::String, true},
          F{QStringLiteral("display_phone_number"), Kind::String, true}},
         [unique] {
             return QJsonObject{
                 {QStringLiteral("remote_waba_id"), QStringLiteral("waba-n")},
                 {QStringLiteral("remote_phone_id"), QString(QStringLiteral("neg-") + unique())},
                 {QStringLiteral("display_phone_number"), QStringLiteral("+1 555 0199")}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/waba-phones"), true, false, {}, {}},
        {"PUT",
         QStringLiteral("/v1/orgs/{org}/settings"),
         true,
         true,
         {F{QStringLiteral("inbound_group_id"), Kind::String},
          F{QStringLiteral("deactivate_after_days"), Kind::Int},
          F{QStringLiteral("expire_after_days"), Kind::Int}},
         [&o] {
             return QJsonObject{{QStringLiteral("inbound_group_id"), o.groupId},
                                {QStringLiteral("deactivate_after_days"), 30},
                                {QStringLiteral("expire_after_days"), 90}};
         }},
        {"POST",
         QStringLiteral("/v1/orgs/{org}/templates"),
         true,
         true,
         {F{QStringLiteral("remote_template_id"), Kind::String, true},
          F{QStringLiteral("name"), Kind::String, true}, F{QStringLiteral("language"), Kind::String},
          F{QStringLiteral("category"), Kind::String}, F{QStringLiteral("status"), Kind::Enum},
          F{QStringLiteral("enabled"), Kind::Bool}, F{QStringLiteral("visible"), Kind::Bool},
          F{QStringLiteral("body"), Kind::String, true}, F{QStringLiteral("header"), Kind::String},
          F{QStringLiteral("footer"), Kind::String}, F{QStringLiteral("buttons"), Kind::ObjectArray},
          F{QStringLiteral("buttons[0].type"), Kind::Enum, true},
          F{QStringLiteral("buttons[0].text"), Kind::String, true},
          F{QStringLiteral("buttons[1].url"), Kind::String, true},
          F{QStringLiteral("params"), Kind::ObjectArray},
          F{QStringLiteral("params[0].tag"), Kind::String, true},
          F{QStringLiteral("params[0].type"), Kind::Enum, true},
          F{QStringLiteral("params[0].source"), Kind::String, true}},
         [unique] {
             return QJsonObject{
                 {QStringLiteral("remote_template_id"), QString(QStringLiteral("tpl-neg-") + unique())},
                 {QStringLiteral("name"), QStringLiteral("greeting")},
                 {QStringLiteral("language"), QStringLiteral("en")},
                 {QStringLiteral("category"), QStringLiteral("MARKETING")},
                 {QStringLiteral("status"), QStringLiteral("APPROVED")},
                 {QStringLiteral("enabled"), true},
                 {QStringLiteral("visible"), true},
                 {QStringLiteral("body"), QStringLiteral("Hi {{name}}, your code is {{code}}.")},
                 {QStringLiteral("header"), QStringLiteral("Hello")},
                 {QStringLiteral("footer"), QStringLiteral("Acme")},
                 {QStringLiteral("buttons"),
                  QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("QUICK_REPLY")},
                                         {QStringLiteral("text"), QStringLiteral("Yes")}},
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("URL")},
                                         {QStringLiteral("text"), QStringLiteral("Site")},
                                         {QStringLiteral("url"), QStringLiteral("https://example.com/")}}}},
                 {QStringLiteral("params"),
                  QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("name")},
                                         {QStringLiteral("type"), QStringLiteral("AUTO_FILL")},
                                         {QStringLiteral("source"), QStringLiteral("contact.first_name")}},
                             QJsonObject{{QStringLiteral("tag"), QStringLiteral("code")},
                                         {QStringLiteral("type"), QStringLiteral("USER_FILL")}}}}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/templates"), true, false, {}, {}},
        {"POST",
         QStringLiteral("/v2/org/{org}/contact"),
         true,
         true,
         {F{QStringLiteral("crm_id"), Kind::String, true},
          F{QStringLiteral("phone_number"), Kind::String, true},
          F{QStringLiteral("opt_in_date"), Kind::Timestamp}, F{QStringLiteral("first_name"), Kind::String},
          F{QStringLiteral("last_name"), Kind::String}, F{QStringLiteral("is_inbound"), Kind::Bool},
          F{QStringLiteral("source"), Kind::String}},
         [this] {
             const QString phone = m_setup.newPhone();
             return QJsonObject{{QStringLiteral("crm_id"), QString(QStringLiteral("neg-") + phone.mid(1))},
                                {QStringLiteral("phone_number"), phone},
                                {QStringLiteral("opt_in_date"), QStringLiteral("2024-05-01T10:00:00.000Z")},
                                {QStringLiteral("first_name"), QStringLiteral("Ned")},
                                {QStringLiteral("last_name"), QStringLiteral("Negative")},
                                {QStringLiteral("is_inbound"), false},
                                {QStringLiteral("source"), QStringLiteral("crm")}};
         }},
        {"PUT",
         QStringLiteral("/v1/orgs/{org}/contact/{contact}"),
         true,
         true,
         {F{QStringLiteral("crm_id"), Kind::String, true}, F{QStringLiteral("first_name"), Kind::String},
          F{QStringLiteral("last_name"), Kind::String}},
         [&o] {
             return QJsonObject{
                 {QStringLiteral("crm_id"), QString(QStringLiteral("crm-") + o.alicePhone.mid(1))},
                 {QStringLiteral("first_name"), QStringLiteral("Dana")},
                 {QStringLiteral("last_name"), QStringLiteral("Customer")}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/contacts/{contact}"), true, false, {}, {}},
        {"POST",
         QStringLiteral("/v3/orgs/{org}/contacts/{contact}/assign"),
         true,
         true,
         {F{QStringLiteral("user_id"), Kind::String}, F{QStringLiteral("group_id"), Kind::String},
          F{QStringLiteral("assign_on_handover"), Kind::Bool},
          F{QStringLiteral("remote_waba_id"), Kind::String},
          F{QStringLiteral("remote_phone_id"), Kind::String}, F{QStringLiteral("display_name"), Kind::String},
          F{QStringLiteral("fail_if_chatroom_exists_on_other_wabaphone"), Kind::Bool}},
         [&o] {
             return QJsonObject{{QStringLiteral("user_id"), o.alice.id},
                                {QStringLiteral("group_id"), o.groupId},
                                {QStringLiteral("assign_on_handover"), false},
                                {QStringLiteral("remote_waba_id"), o.wabaId},
                                {QStringLiteral("remote_phone_id"), o.phoneId},
                                {QStringLiteral("display_name"), QStringLiteral("Dana")},
                                {QStringLiteral("fail_if_chatroom_exists_on_other_wabaphone"), true}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/chatrooms"), true, false, {}, {}},
        {"GET", QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}"), true, false, {}, {}},
        {"GET", QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}/messages"), true, false, {}, {}},
        {"POST",
         QStringLiteral("/v3/orgs/{org}/chatrooms/{chatroom}/template-messages"),
         true,
         true,
         {F{QStringLiteral("remote_template_id"), Kind::String, true},
          F{QStringLiteral("template_params"), Kind::ObjectArray},
          F{QStringLiteral("template_params[0].tag"), Kind::String, true},
          F{QStringLiteral("template_params[0].value"), Kind::String, true, true},
          F{QStringLiteral("relay_response"), Kind::Bool}, F{QStringLiteral("bump"), Kind::Bool},
          F{QStringLiteral("bump_response"), Kind::Bool},
          F{QStringLiteral("send_via_participant"), Kind::Bool},
          F{QStringLiteral("skip_governance"), Kind::Bool}},
         [&o] {
             return QJsonObject{{QStringLiteral("remote_template_id"), o.templateId},
                                {QStringLiteral("template_params"),
                                 QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("extra")},
                                                        {QStringLiteral("value"), QStringLiteral("1")}}}},
                                {QStringLiteral("relay_response"), false},
                                {QStringLiteral("bump"), true},
                                {QStringLiteral("bump_response"), true},
                                {QStringLiteral("send_via_participant"), false},
                                {QStringLiteral("skip_governance"), true}};
         }},
        {"POST",
         QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}/messages"),
         true,
         true,
         {F{QStringLiteral("text"), Kind::String, true},
          F{QStringLiteral("as_user_id"), Kind::String, true, false, true}},
         [&o] {
             return QJsonObject{{QStringLiteral("text"), QStringLiteral("We are on it.")},
                                {QStringLiteral("as_user_id"), o.alice.id}};
         }},
        {"POST",
         QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}/read"),
         true,
         true,
         {F{QStringLiteral("up_to_message_id"), Kind::String}},
         [] {
             return QJsonObject{{QStringLiteral("up_to_message_id"), QStringLiteral("m1")}};
         },
         Caller::Alice},
        {"POST",
         QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}/reassign"),
         true,
         true,
         {F{QStringLiteral("user_id"), Kind::String}, F{QStringLiteral("group_id"), Kind::String}},
         [&o] {
             return QJsonObject{{QStringLiteral("user_id"), o.alice.id},
                                {QStringLiteral("group_id"), o.groupId}};
         }},
        {"POST", QStringLiteral("/v1/orgs/{org}/chatrooms/{spare}/deactivate"), true, false, {}, {}},
        {"POST", QStringLiteral("/v1/orgs/{org}/chatrooms/{spare}/activate"), true, false, {}, {}},
        {"PUT",
         QStringLiteral("/v1/orgs/{org}/webhook"),
         true,
         true,
         {F{QStringLiteral("url"), Kind::String, true}, F{QStringLiteral("secret"), Kind::String}},
         [] {
             return QJsonObject{
                 {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/hook")},
                 {QStringLiteral("secret"),
                  QString(QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(32, 'k').toBase64()))}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/webhook"), true, false, {}, {}},
        {"DELETE", QStringLiteral("/v1/orgs/{org}/webhook"), true, false, {}, {}},
        {"GET", QStringLiteral("/v1/orgs/{org}/webhook/deliveries"), true, false, {}, {}},
        {"POST",
         QStringLiteral("/v1/orgs/{org}/webhook/deliveries/{delivery}/redeliver"),
         true,
         false,
         {},
         {}},
    };
}

// ---- helpers

QString TestNegative::fill(const QString &path) const
{
    QString out = path;
    out.replace(QLatin1String("{org}"), m_org.orgId);
    out.replace(QLatin1String("{contact}"), m_org.aliceContactId);
    out.replace(QLatin1String("{fresh}"), m_freshContactId);
    out.replace(QLatin1String("{chatroom}"), m_org.aliceRoom);
    out.replace(QLatin1String("{spare}"), m_org.spareRoom);
    out.replace(QLatin1String("{delivery}"), m_org.deliveryId);
    return out;
}

QString TestNegative::tokenFor(Caller caller) const
{
    return caller == Caller::Alice ? m_org.alice.token : m_org.apiKey;
}

HttpResult TestNegative::call(const QByteArray &verb, const QString &path, const QByteArray &body,
                              const QString &token, const HttpClient::Headers &headers)
{
    HttpClient client = m_server.client(token);
    HttpResult result = client.send(verb, path, body, headers);
    ++m_requests;
    if (result.status >= 500 || result.status == 0)
        m_fiveHundreds.append(QString::fromLatin1(verb) + u' ' + path + QStringLiteral(" -> ") +
                              describeResult(result));
    return result;
}

const Endpoint &TestNegative::endpoint(const QString &name) const
{
    for (const Endpoint &e : m_endpoints) {
        if (e.name() == name)
            return e;
    }
    qFatal("no endpoint %s", qPrintable(name));
}

QStringList TestNegative::bodyEndpoints(bool withBodylessPosts) const
{
    QStringList names;
    for (const Endpoint &e : m_endpoints) {
        if (e.takesBody || (withBodylessPosts && e.verb == "POST"))
            names.append(e.name());
    }
    return names;
}

int TestNegative::chatroomsWithPhone(const QString &phone, int *total)
{
    const HttpResult list = call(
        "GET", QStringLiteral("/v1/orgs/%1/chatrooms?view=all&limit=500").arg(m_org.orgId), {}, m_org.apiKey);
    const QJsonArray rows = list.array(QStringLiteral("chatrooms"));
    *total = list.status == 200 ? int(rows.size()) : -1;
    int count = 0;
    for (const QJsonValue &row : rows) {
        if (row.toObject().value(QLatin1String("phone_number")).toString() == phone)
            ++count;
    }
    return count;
}

// ---- tokens

void TestNegative::withoutAValidTokenIsUnauthenticated_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QByteArray>("authorization");
    for (const Endpoint &e : std::as_const(m_endpoints)) {
        if (!e.authenticated)
            continue;
        QTest::addRow("%s without a token is 401", qPrintable(e.name())) << e.name() << QByteArray();
        QTest::addRow("%s with an unknown API key is 401", qPrintable(e.name()))
            << e.name() << QByteArrayLiteral("Bearer hok_0000000000000000000000000000");
        QTest::addRow("%s with Basic credentials instead of a bearer token is 401", qPrintable(e.name()))
            << e.name() << QByteArrayLiteral("Basic YWRtaW5AYWNtZS50ZXN0OmNvcnJlY3QtaG9yc2U=");
    }
}

void TestNegative::withoutAValidTokenIsUnauthenticated()
{
    QFETCH(QString, endpoint);
    QFETCH(QByteArray, authorization);
    const Endpoint &e = this->endpoint(endpoint);
    HttpClient::Headers headers;
    if (!authorization.isEmpty())
        headers.append({QByteArrayLiteral("Authorization"), authorization});
    const QByteArray body = e.validBody ? compact(e.validBody()) : QByteArray();
    const HttpResult result = call(e.verb, fill(e.path), body, {}, headers);
    const QString problem = errorShapeProblem(result, 4010001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestNegative::loginRefusesWrongCredentials_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::newRow("a wrong password is 401") << m_org.admin.email << QStringLiteral("wrong-horse-1");
    QTest::newRow("an unknown email is 401")
        << QStringLiteral("nobody@acme.test") << QStringLiteral("correct-horse");
    QTest::newRow("a password of another user is 401") << m_org.admin.email << OrgSetup::kPassword;
}

void TestNegative::loginRefusesWrongCredentials()
{
    QFETCH(QString, email);
    QFETCH(QString, password);
    const HttpResult result =
        call("POST", QStringLiteral("/v1/auth/login"),
             compact({{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}), {});
    const QString problem = errorShapeProblem(result, 4010001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// ---- bodies

void TestNegative::malformedBodiesAreBadRequest_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QByteArray>("body");
    const QList<QPair<const char *, QByteArray>> bodies{
        {"a truncated object", QByteArrayLiteral("{\"name\": \"x\"")},
        {"plain text", QByteArrayLiteral("hello")},
        {"an object followed by garbage", QByteArrayLiteral("{} x")},
        {"invalid UTF-8 inside a string", QByteArrayLiteral("{\"name\": \"\xff\xfe\"}")},
        {"a JSON array", QByteArrayLiteral("[{\"name\": \"x\"}]")},
        {"a JSON number", QByteArrayLiteral("42")},
        {"a JSON string", QByteArrayLiteral("\"text\"")},
        {"JSON null", QByteArrayLiteral("null")},
    };
    for (const QString &name : bodyEndpoints(false)) {
        for (const auto &[what, body] : bodies)
            QTest::addRow("%s with %s as its body is 4000001", qPrintable(name), what) << name << body;
    }
    // POSTs that take no fields: a body that is there must still be JSON (API.md: 4000001 "body is not JSON,
    // not an object").
    for (const QString &name : bodyEndpoints(true)) {
        if (this->endpoint(name).takesBody)
            continue;
        QTest::addRow("%s with plain text as its body is 4000001", qPrintable(name))
            << name << bodies.at(1).second;
        QTest::addRow("%s with a JSON array as its body is 4000001", qPrintable(name))
            << name << bodies.at(4).second;
    }
}

void TestNegative::malformedBodiesAreBadRequest()
{
    QFETCH(QString, endpoint);
    QFETCH(QByteArray, body);
    const Endpoint &e = this->endpoint(endpoint);
    const HttpResult result = call(e.verb, fill(e.path), body, tokenFor(e.caller));
    const QString problem = errorShapeProblem(result, 4000001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestNegative::wrongTypesAreBadRequestNamingTheField_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    for (const Endpoint &e : std::as_const(m_endpoints)) {
        for (const Field &f : e.fields) {
            for (const auto &[what, value] : wrongValues(f.kind)) {
                QTest::addRow("%s with %s for the %s %s is 4000001 naming it", qPrintable(e.name()),
                              qPrintable(what), qPrintable(kindName(f.kind)), qPrintable(f.path))
                    << e.name() << f.path << value;
            }
        }
    }
}

// The current row's endpoint, with the row's field set to the row's value, is refused with `code` naming it.
void TestNegative::checkFieldRefused(int code)
{
    QFETCH(QString, endpoint);
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    const Endpoint &e = this->endpoint(endpoint);
    const HttpResult result =
        call(e.verb, fill(e.path), compact(with(e.validBody(), field, value)), tokenFor(e.caller));
    const QString problem = errorShapeProblem(result, code);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(
        namesField(result, field),
        qPrintable(QStringLiteral("payload.fields does not name %1: ").arg(field) + describeResult(result)));
}

void TestNegative::wrongTypesAreBadRequestNamingTheField()
{
    checkFieldRefused(4000001);
}

void TestNegative::missingFieldsAreValidationFailedNamingThem_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QStringList>("removed");
    QTest::addColumn<QJsonValue>("replacement"); // undefined: the fields are removed
    QTest::addColumn<QStringList>("named");      // any of these must be named
    for (const Endpoint &e : std::as_const(m_endpoints)) {
        QStringList required;
        for (const Field &f : e.fields) {
            if (!f.required)
                continue;
            QTest::addRow("%s without %s is 4000002 naming it", qPrintable(e.name()), qPrintable(f.path))
                << e.name() << QStringList{f.path} << QJsonValue(QJsonValue::Undefined)
                << QStringList{f.path};
            if ((f.kind == Kind::String || f.kind == Kind::Enum) && !f.mayBeEmpty) {
                QTest::addRow("%s with an empty %s is 4000002 naming it", qPrintable(e.name()),
                              qPrintable(f.path))
                    << e.name() << QStringList{f.path} << QJsonValue(QString()) << QStringList{f.path};
            }
            if (!f.path.contains(u'.') && !f.conditional)
                required.append(f.path);
        }
        if (required.size() > 1) {
            for (const QString &field : std::as_const(required)) {
                QTest::addRow("%s with none of its required fields names %s", qPrintable(e.name()),
                              qPrintable(field))
                    << e.name() << required << QJsonValue(QJsonValue::Undefined) << QStringList{field};
            }
        }
    }
    // "user_id or group_id (one is required)"
    for (const char *name : {"POST /v3/orgs/{org}/contacts/{contact}/assign",
                             "POST /v1/orgs/{org}/chatrooms/{chatroom}/reassign"}) {
        QTest::addRow("%s with neither user_id nor group_id is 4000002 naming them", name)
            << QString::fromLatin1(name) << QStringList{QStringLiteral("user_id"), QStringLiteral("group_id")}
            << QJsonValue(QJsonValue::Undefined)
            << QStringList{QStringLiteral("user_id"), QStringLiteral("group_id")};
    }
}

void TestNegative::missingFieldsAreValidationFailedNamingThem()
{
    QFETCH(QString, endpoint);
    QFETCH(QStringList, removed);
    QFETCH(QJsonValue, replacement);
    QFETCH(QStringList, named);
    const Endpoint &e = this->endpoint(endpoint);
    QJsonObject body = e.validBody();
    for (const QString &field : std::as_const(removed))
        body = with(body, field, replacement);
    const HttpResult result = call(e.verb, fill(e.path), compact(body), tokenFor(e.caller));
    const QString problem = errorShapeProblem(result, 4000002);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const bool anyNamed =
        std::any_of(named.cbegin(), named.cend(), [&](const QString &f) { return namesField(result, f); });
    QVERIFY2(anyNamed, qPrintable(QStringLiteral("payload.fields names none of %1: ").arg(named.join(u',')) +
                                  describeResult(result)));
}

void TestNegative::badlyFormedValuesAreValidationFailed_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    const auto row = [](const char *endpoint, const char *field, const QJsonValue &value, const char *what) {
        QTest::addRow("%s with %s as %s is 4000002", endpoint, what, field)
            << QString::fromLatin1(endpoint) << QString::fromLatin1(field) << value;
    };
    const char *user = "POST /v1/org/{org}/user";
    row(user, "email", QStringLiteral("not-an-address"), "an address without @");
    row(user, "password", QStringLiteral("seven77"), "a 7-character password");
    row(user, "password", QString(65, u'p'), "a 65-character password");
    row(user, "role", QStringLiteral("KING"), "an unknown role");
    const char *keys = "POST /v1/orgs/{org}/api-keys";
    row(keys, "role", QStringLiteral("ROOT"), "an unknown role");
    const char *settings = "PUT /v1/orgs/{org}/settings";
    row(settings, "deactivate_after_days", 0, "zero days");
    row(settings, "expire_after_days", -5, "negative days");
    row(settings, "expire_after_days", 2147483647, "two billion days");
    const char *contact = "POST /v2/org/{org}/contact";
    row(contact, "phone_number", QStringLiteral("0049 30 1234"), "a number not in E.164 form");
    row(contact, "phone_number", QStringLiteral("+12ab34"), "a number with letters");
    row(contact, "first_name", QStringLiteral("Da*na"), "a name with *");
    row(contact, "last_name", QStringLiteral("*"), "a name that is only *");
    row(contact, "last_name", QString(129, u'n'), "a 129-character name");
    row(contact, "crm_id", QString(129, u'c'), "a 129-character crm_id");
    row(contact, "opt_in_date", QStringLiteral("yesterday"), "an unreadable date");
    row(contact, "opt_in_date", QStringLiteral("2024-13-45T99:00:00Z"), "an impossible date");
    const char *update = "PUT /v1/orgs/{org}/contact/{contact}";
    row(update, "first_name", QStringLiteral("A*"), "a name with *");
    const char *templates = "POST /v1/orgs/{org}/templates";
    row(templates, "status", QStringLiteral("MAYBE"), "an unknown status");
    row(templates, "buttons[0].type", QStringLiteral("CALL_ME"), "an unknown button type");
    row(templates, "buttons[1].url", QStringLiteral("ftp://example.com/"), "an ftp URL");
    row(templates, "params[0].type", QStringLiteral("SOMETIMES"), "an unknown parameter type");
    row(templates, "params[0].source", QStringLiteral("contact.password"), "an unknown AUTO_FILL source");
    const char *webhook = "PUT /v1/orgs/{org}/webhook";
    row(webhook, "url", QStringLiteral("ftp://127.0.0.1/hook"), "an ftp URL");
    row(webhook, "url", QStringLiteral("not a url"), "words");
    row(webhook, "secret", QStringLiteral("whsec_!!!not-base64!!!"), "a secret that is not base64");
    const char *text = "POST /v1/orgs/{org}/chatrooms/{chatroom}/messages";
    row(text, "text", QString(4097, u't'), "4097 characters");
}

void TestNegative::badlyFormedValuesAreValidationFailed()
{
    checkFieldRefused(4000002);
}

void TestNegative::hugeStringsAreValidationFailed_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("element"); // for lists of strings: the element's path
    for (const Endpoint &e : std::as_const(m_endpoints)) {
        for (const Field &f : e.fields) {
            if (f.kind == Kind::String || f.kind == Kind::Enum) {
                QTest::addRow("%s with a 100 KB %s is 4000002 naming it", qPrintable(e.name()),
                              qPrintable(f.path))
                    << e.name() << f.path << f.path;
            } else if (f.kind == Kind::StringArray) {
                QTest::addRow("%s with a 100 KB string in %s is 4000002 naming it", qPrintable(e.name()),
                              qPrintable(f.path))
                    << e.name() << f.path << f.path + QStringLiteral("[0]");
            }
        }
    }
}

void TestNegative::hugeStringsAreValidationFailed()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, field);
    QFETCH(QString, element);
    const Endpoint &e = this->endpoint(endpoint);
    const QString huge(100 * 1024, u'x');
    const HttpResult result =
        call(e.verb, fill(e.path), compact(with(e.validBody(), element, huge)), tokenFor(e.caller));
    const QString problem = errorShapeProblem(result, 4000002);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(
        namesField(result, field),
        qPrintable(QStringLiteral("payload.fields does not name %1: ").arg(field) + describeResult(result)));
}

// ---- ids

void TestNegative::unknownIdsAreNotFound_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("caller");
    const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString org = QStringLiteral("/v1/orgs/{org}");
    const QString room = org + QStringLiteral("/chatrooms/") + unknown;
    const QJsonObject asAlice{{QStringLiteral("user_id"), m_org.alice.id}};
    const int key = int(Caller::ApiKey);
    const auto row = [](const char *name, const char *verb, const QString &path, const QJsonObject &body,
                        int who) { QTest::newRow(name) << QByteArray(verb) << path << body << who; };
    row("an unknown path is 404", "GET", QStringLiteral("/v1/nowhere"), {}, key);
    row("an unknown org in the path is 404", "GET", QStringLiteral("/v1/orgs/%1/chatrooms").arg(unknown), {},
        key);
    row("creating a contact in an unknown org is 404", "POST",
        QStringLiteral("/v2/org/%1/contact").arg(unknown),
        QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("c")},
                    {QStringLiteral("phone_number"), QStringLiteral("+4930999")}},
        key);
    row("updating an unknown contact is 404", "PUT", org + QStringLiteral("/contact/") + unknown,
        QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("c")}}, key);
    row("reading an unknown contact is 404", "GET", org + QStringLiteral("/contacts/") + unknown, {}, key);
    row("creating a chatroom for an unknown contact is 404", "POST",
        QStringLiteral("/v3/orgs/{org}/contacts/%1/assign").arg(unknown), asAlice, key);
    row("reading an unknown chatroom is 404", "GET", room, {}, key);
    row("a chatroom id with SQL in it is 404", "GET", org + QStringLiteral("/chatrooms/x'%20OR%20'1'='1"), {},
        key);
    row("a 2000-character chatroom id is 404", "GET",
        org + QStringLiteral("/chatrooms/") + QString(2000, u'z'), {}, key);
    row("the messages of an unknown chatroom are 404", "GET", room + QStringLiteral("/messages"), {}, key);
    row("sending a template into an unknown chatroom is 404", "POST",
        QStringLiteral("/v3/orgs/{org}/chatrooms/%1/template-messages").arg(unknown),
        QJsonObject{{QStringLiteral("remote_template_id"), m_org.templateId}}, key);
    row("writing into an unknown chatroom is 404", "POST", room + QStringLiteral("/messages"),
        QJsonObject{{QStringLiteral("text"), QStringLiteral("hi")},
                    {QStringLiteral("as_user_id"), m_org.alice.id}},
        key);
    row("reading (marking read) an unknown chatroom is 404", "POST", room + QStringLiteral("/read"), {},
        int(Caller::Alice));
    row("reassigning an unknown chatroom is 404", "POST", room + QStringLiteral("/reassign"), asAlice, key);
    row("deactivating an unknown chatroom is 404", "POST", room + QStringLiteral("/deactivate"), {}, key);
    row("activating an unknown chatroom is 404", "POST", room + QStringLiteral("/activate"), {}, key);
    row("redelivering an unknown delivery is 404", "POST",
        org + QStringLiteral("/webhook/deliveries/%1/redeliver").arg(unknown), {}, key);
    // ids inside bodies and queries
    row("creating a chatroom for an unknown user_id is 404", "POST",
        QStringLiteral("/v3/orgs/{org}/contacts/{fresh}/assign"),
        QJsonObject{{QStringLiteral("user_id"), unknown}}, key);
    row("creating a chatroom for an unknown group_id is 404", "POST",
        QStringLiteral("/v3/orgs/{org}/contacts/{fresh}/assign"),
        QJsonObject{{QStringLiteral("group_id"), unknown}}, key);
    row("creating a chatroom on an unknown remote_phone_id is 404", "POST",
        QStringLiteral("/v3/orgs/{org}/contacts/{fresh}/assign"),
        QJsonObject{{QStringLiteral("user_id"), m_org.alice.id},
                    {QStringLiteral("remote_phone_id"), QStringLiteral("999999999")}},
        key);
    row("reassigning to an unknown user_id is 404", "POST",
        org + QStringLiteral("/chatrooms/{chatroom}/reassign"),
        QJsonObject{{QStringLiteral("user_id"), unknown}}, key);
    row("reassigning to an unknown group_id is 404", "POST",
        org + QStringLiteral("/chatrooms/{chatroom}/reassign"),
        QJsonObject{{QStringLiteral("group_id"), unknown}}, key);
    row("a group with an unknown user is 404", "POST", org + QStringLiteral("/groups"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("G")},
                    {QStringLiteral("user_ids"), QJsonArray{unknown}}},
        key);
    row("settings with an unknown inbound_group_id are 404", "PUT", org + QStringLiteral("/settings"),
        QJsonObject{{QStringLiteral("inbound_group_id"), unknown}}, key);
    row("sending an unknown remote_template_id is 404", "POST",
        QStringLiteral("/v3/orgs/{org}/chatrooms/{chatroom}/template-messages"),
        QJsonObject{{QStringLiteral("remote_template_id"), QStringLiteral("tpl-nope")}}, key);
    row("messages before an unknown message id are 404", "GET",
        org + QStringLiteral("/chatrooms/{chatroom}/messages?before=") + unknown, {}, key);
}

void TestNegative::unknownIdsAreNotFound()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(int, caller);
    const QByteArray raw = verb == "GET" ? QByteArray() : compact(body);
    const HttpResult result = call(verb, fill(path), raw, tokenFor(Caller(caller)));
    const QString problem = errorShapeProblem(result, 4040001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// ---- the Meta webhook

void TestNegative::metaWebhookNeedsItsSignature_data()
{
    QTest::addColumn<QString>("variant");
    QTest::newRow("no X-Hub-Signature-256 is 401 and stores nothing") << QStringLiteral("none");
    QTest::newRow("an empty X-Hub-Signature-256 is 401 and stores nothing") << QStringLiteral("empty");
    QTest::newRow("a signature made with another secret is 401 and stores nothing")
        << QStringLiteral("secret");
    QTest::newRow("a signature of another body is 401 and stores nothing") << QStringLiteral("body");
    QTest::newRow("the right digest without sha256= is 401 and stores nothing") << QStringLiteral("bare");
    QTest::newRow("the right digest labelled sha1= is 401 and stores nothing") << QStringLiteral("sha1");
    QTest::newRow("a truncated signature is 401 and stores nothing") << QStringLiteral("short");
    QTest::newRow("garbage as the signature is 401 and stores nothing") << QStringLiteral("garbage");
}

void TestNegative::metaWebhookNeedsItsSignature()
{
    QFETCH(QString, variant);
    const QString phone = m_setup.newPhone();
    const QByteArray body = OrgSetup::metaTextEnvelope(m_org.phoneId, phone, QStringLiteral("let me in"));
    const QString secret = m_server.options().appSecret;
    const QByteArray right = OrgSetup::metaSignature(body, secret);
    QByteArray header;
    if (variant == QLatin1String("empty"))
        header = QByteArrayLiteral("");
    else if (variant == QLatin1String("secret"))
        header = OrgSetup::metaSignature(body, QStringLiteral("another-secret"));
    else if (variant == QLatin1String("body"))
        header = OrgSetup::metaSignature(body + ' ', secret);
    else if (variant == QLatin1String("bare"))
        header = right.mid(7);
    else if (variant == QLatin1String("sha1"))
        header = "sha1=" + right.mid(7);
    else if (variant == QLatin1String("short"))
        header = right.left(right.size() - 2);
    else if (variant == QLatin1String("garbage"))
        header = QByteArrayLiteral("sha256=zzzz");
    int before = 0;
    QCOMPARE(chatroomsWithPhone(phone, &before), 0);
    HttpClient::Headers headers;
    if (variant != QLatin1String("none"))
        headers.append({QByteArrayLiteral("X-Hub-Signature-256"), header});
    const HttpResult result = call("POST", QStringLiteral("/webhooks/whatsapp"), body, {}, headers);
    const QString problem = errorShapeProblem(result, 4010001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    int after = 0;
    QCOMPARE(chatroomsWithPhone(phone, &after), 0);
    QCOMPARE(after, before);
}

void TestNegative::aCorrectlySignedMetaWebhookIsStored()
{
    // The control for the rows above: the same kind of message, signed, makes a contact and a chatroom
    // (R13b).
    const QString phone = m_setup.newPhone();
    const QByteArray body = OrgSetup::metaTextEnvelope(m_org.phoneId, phone, QStringLiteral("hello"));
    int before = 0;
    QCOMPARE(chatroomsWithPhone(phone, &before), 0);
    const HttpResult result = call("POST", QStringLiteral("/webhooks/whatsapp"), body, {},
                                   {{QByteArrayLiteral("X-Hub-Signature-256"),
                                     OrgSetup::metaSignature(body, m_server.options().appSecret)}});
    QCOMPARE(result.status, 200);
    int after = 0;
    QCOMPARE(chatroomsWithPhone(phone, &after), 1);
    QCOMPARE(after, before + 1);
}

void TestNegative::metaVerificationNeedsTheToken_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::newRow("a wrong verify token is 403")
        << QStringLiteral("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1234") << 403;
    QTest::newRow("no verify token is 403") << QStringLiteral("hub.mode=subscribe&hub.challenge=1234") << 403;
    QTest::newRow("an empty verify token is 403")
        << QStringLiteral("hub.mode=subscribe&hub.verify_token=&hub.challenge=1234") << 403;
    QTest::newRow("the token with a mode other than subscribe is 403")
        << QStringLiteral("hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1234")
        << 403;
    QTest::newRow("a verify token with one more character is 403")
        << QStringLiteral("hub.mode=subscribe&hub.verify_token=test-verify-tokenx&hub.challenge=1234") << 403;
    QTest::newRow("the right token echoes the challenge")
        << QStringLiteral("hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1234") << 200;
}

void TestNegative::metaVerificationNeedsTheToken()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    const HttpResult result = call("GET", QStringLiteral("/webhooks/whatsapp?") + query, {}, {});
    if (status == 200) {
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body, QByteArrayLiteral("1234"));
        return;
    }
    const QString problem = errorShapeProblem(result, 4030001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// ---- afterwards

void TestNegative::theServerSurvivedWithoutA5xx()
{
    QVERIFY2(m_fiveHundreds.isEmpty(), qPrintable(m_fiveHundreds.join(u'\n')));
    QVERIFY(m_requests > 500);
    const HttpResult health = call("GET", QStringLiteral("/healthz"), {}, {});
    QCOMPARE(health.status, 200);
    QCOMPARE(health.string(QStringLiteral("status")), QStringLiteral("ok"));
    const HttpResult metrics = call("GET", QStringLiteral("/metrics"), {}, {});
    QCOMPARE(metrics.status, 200);
    static const QRegularExpression fiveHundreds(
        QStringLiteral("^handover_http_errors_total\\{class=\"5xx\"\\} (\\d+)$"),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = fiveHundreds.match(QString::fromUtf8(metrics.body));
    QVERIFY2(match.hasMatch(), metrics.body.constData());
    QCOMPARE(match.captured(1).toInt(), 0);
    // And it still does real work.
    const HttpResult me = call("GET", QStringLiteral("/v1/me"), {}, m_org.apiKey);
    QCOMPARE(me.status, 200);
}

QTEST_GUILESS_MAIN(TestNegative)
#include "tst_negative.moc"
