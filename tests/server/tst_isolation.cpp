#include "tests/support/orgsetup.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>
#include <QWebSocket>
#include <QtTest>
#include <functional>

using namespace handover::testing;

// TARGETS.md L5: every endpoint answered for every kind of caller, and the sync stream, keep orgs and roles
// apart: another org's token or id is 404 (never revealed), the wrong role is 403, a MEMBER outside a
// chatroom is 403, and a MEMBER's stream carries nothing of chatrooms they do not participate in.
namespace {

enum class Who
{
    AdminUser,
    SupervisorUser,
    Alice, // MEMBER, participant of the chatroom in the path
    Bob,   // MEMBER, not a participant of it
    AdminKey,
    SupervisorKey,
    MemberKey,
    OtherAdminKey, // of the other org
    OtherAdminUser,
    OtherMember,
};

const QList<Who> kEveryone{Who::AdminUser,      Who::SupervisorUser, Who::Alice,     Who::Bob,
                           Who::AdminKey,       Who::SupervisorKey,  Who::MemberKey, Who::OtherAdminKey,
                           Who::OtherAdminUser, Who::OtherMember};

const char *whoName(Who who)
{
    switch (who) {
    case Who::AdminUser:
        return "an ADMIN user";
    case Who::SupervisorUser:
        return "a SUPERVISOR user";
    case Who::Alice:
        return "a MEMBER who participates";
    case Who::Bob:
        return "a MEMBER who does not participate";
    case Who::AdminKey:
        return "an ADMIN API key";
    case Who::SupervisorKey:
        return "a SUPERVISOR API key";
    case Who::MemberKey:
        return "a MEMBER API key";
    case Who::OtherAdminKey:
        return "another org's ADMIN API key";
    case Who::OtherAdminUser:
        return "another org's ADMIN user";
    case Who::OtherMember:
        return "another org's MEMBER";
    }
    return "";
}

bool isOtherOrg(Who who)
{
    return who == Who::OtherAdminKey || who == Who::OtherAdminUser || who == Who::OtherMember;
}

bool isAdmin(Who who)
{
    return who == Who::AdminUser || who == Who::AdminKey;
}

bool isSupervisor(Who who)
{
    return who == Who::SupervisorUser || who == Who::SupervisorKey;
}

// Who may call a route, in API.md's words.
enum class Roles
{
    A,          // A
    AS,         // A S
    ASM,        // A S M
    ASMp,       // A S M(participant)
    FreeFlow,   // M(participant); A S only with as_user_id of a participant
    ReadMarker, // M(participant)
};

struct Route
{
    QByteArray verb;
    QString path; // {org} {contact} {chatroom} {spare} {delivery} {key} {user}
    Roles roles;
    int success;
    std::function<QJsonObject()> body = {}; // empty: no body
    std::function<bool()> prepare = {};     // run with the org's ADMIN key before the call
    bool orgInPath = true;

    QString name() const { return QString::fromLatin1(verb) + u' ' + path; }
    bool hasIds() const
    {
        return path.contains(QLatin1String("{contact}")) || path.contains(QLatin1String("{chatroom}")) ||
               path.contains(QLatin1String("{spare}")) || path.contains(QLatin1String("{delivery}")) ||
               path.contains(QLatin1String("{key}")) || path.contains(QLatin1String("{user}"));
    }
};

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// ---- a tiny /v1/stream client: hello, then every frame in arrival order

class StreamProbe : public QObject
{
public:
    explicit StreamProbe(quint16 port)
        : m_url(QStringLiteral("ws://127.0.0.1:%1/v1/stream").arg(port))
    {
        m_socket.setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
        connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
            if (frame.value(QLatin1String("type")).toString() == QLatin1String("ping")) {
                m_socket.sendTextMessage(
                    QString::fromUtf8(compact({{QStringLiteral("type"), QStringLiteral("pong")},
                                               {QStringLiteral("t"), frame.value(QLatin1String("t"))}})));
            }
            m_frames.append(frame);
        });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_closed = true; });
        connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                [this] { m_error = m_socket.errorString(); });
    }

    bool open(const QString &token, qint64 since)
    {
        connect(&m_socket, &QWebSocket::connected, this, [this, token, since] {
            m_socket.sendTextMessage(
                QString::fromUtf8(compact({{QStringLiteral("type"), QStringLiteral("hello")},
                                           {QStringLiteral("token"), token},
                                           {QStringLiteral("since"), since},
                                           {QStringLiteral("client"), QStringLiteral("test")}})));
        });
        m_socket.open(m_url);
        return waitFor([](const QJsonObject &frame) {
            return frame.value(QLatin1String("type")) == QLatin1String("welcome");
        });
    }

    bool waitFor(const std::function<bool(const QJsonObject &)> &predicate, int timeoutMs = 10000)
    {
        qsizetype checked = 0;
        bool found = false;
        (void)QTest::qWaitFor(
            [&] {
                for (; checked < m_frames.size() && !found; ++checked)
                    found = predicate(m_frames.at(checked));
                return found || m_closed || !m_error.isEmpty();
            },
            timeoutMs);
        return found;
    }

    QString why() const
    {
        return QStringLiteral("the stream has %1 frames, closed %2 (%3), error \"%4\"")
            .arg(m_frames.size())
            .arg(m_closed)
            .arg(int(m_socket.closeCode()))
            .arg(m_error);
    }

    // Waits for the message.created of a message.
    bool waitForMessage(const QString &messageId)
    {
        return waitFor([&](const QJsonObject &frame) {
            return frame.value(QLatin1String("kind")).toString() == QLatin1String("message.created") &&
                   frame.value(QLatin1String("message")).toObject().value(QLatin1String("id")).toString() ==
                       messageId;
        });
    }

    QList<QJsonObject> events() const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &frame : m_frames) {
            if (frame.value(QLatin1String("type")).toString() == QLatin1String("event"))
                out.append(frame);
        }
        return out;
    }

private:
    QUrl m_url;
    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
    bool m_closed = false;
    QString m_error;
};

QString chatroomOf(const QJsonObject &event)
{
    return event.value(QLatin1String("chatroom")).toObject().value(QLatin1String("id")).toString();
}

QString describeEvent(const QJsonObject &event)
{
    return QStringLiteral("seq %1 %2 of chatroom %3 (org %4)")
        .arg(event.value(QLatin1String("seq")).toInteger())
        .arg(event.value(QLatin1String("kind")).toString(), chatroomOf(event),
             event.value(QLatin1String("chatroom")).toObject().value(QLatin1String("org_id")).toString());
}

} // namespace

class TestIsolation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void everyEndpointAnswersEveryCaller_data();
    void everyEndpointAnswersEveryCaller();
    void anotherOrgsIdsInOurPathAreNotFound_data();
    void anotherOrgsIdsInOurPathAreNotFound();
    void idsInBodiesStayInTheirOrg_data();
    void idsInBodiesStayInTheirOrg();
    void valuesOfAnotherOrgAreNotTaken_data();
    void valuesOfAnotherOrgAreNotTaken();
    void membersStreamsCarryOnlyTheirChatrooms();

private:
    QString tokenOf(Who who) const;
    QString fill(const QString &path, const TestOrg &ids) const;
    const Route &route(const QString &name) const;
    void addRow(const Route &route, Who who, int status, int errorCode);
    QString sendTemplate(const TestOrg &org, const QString &chatroomId, const QJsonObject &extra = {});

    // With a simulator: the second org's WABA phones are checked with the Graph API.
    ServerProcess m_server{ServerProcess::Options::unthrottled(true)};
    OrgSetup m_setup{m_server};
    TestOrg m_a;              // our org
    TestOrg m_b;              // the other org, made by a second `init` while the server runs
    QString m_freshContactId; // org A, no chatroom yet
    QString m_aKeyId;         // an API key of each org that nobody uses; revoking it again is harmless
    QString m_bKeyId;
    QList<Route> m_routes;
    int m_unique = 0;
};

void TestIsolation::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    m_a = m_setup.bootstrapOrg();
    QVERIFY2(m_setup.populate(m_a), m_setup.why());
    QVERIFY2(m_setup.createDelivery(m_a), m_setup.why());
    // A second org in the same data dir, while `serve` is running (SQLite WAL lets init write meanwhile).
    const auto other = m_setup.initOrg(QStringLiteral("Globex"));
    QVERIFY2(other, m_setup.why());
    m_b = *other;
    QVERIFY2(m_setup.populate(m_b), m_setup.why());
    QVERIFY2(m_setup.createDelivery(m_b), m_setup.why());
    QVERIFY(m_a.orgId != m_b.orgId);
    m_freshContactId = m_setup.createContact(m_a, m_setup.newPhone());
    QVERIFY2(!m_freshContactId.isEmpty(), m_setup.why());
    for (auto [org, keyId] : {std::pair{&m_a, &m_aKeyId}, std::pair{&m_b, &m_bKeyId}}) {
        const HttpResult key = m_server.client(org->apiKey)
                                   .post(QStringLiteral("/v1/orgs/%1/api-keys").arg(org->orgId),
                                         QJsonObject{{QStringLiteral("name"), QStringLiteral("spare")},
                                                     {QStringLiteral("role"), QStringLiteral("MEMBER")}});
        *keyId = key.string(QStringLiteral("api_key_id"));
        QVERIFY2(!keyId->isEmpty(), qPrintable(describeResult(key)));
    }

    const auto unique = [this] { return QString::number(++m_unique); };
    const TestOrg &a = m_a;
    HttpClient admin = m_server.client(m_a.apiKey);
    const auto putWebhook = [admin, &a]() mutable {
        return admin
                   .put(QStringLiteral("/v1/orgs/%1/webhook").arg(a.orgId),
                        QJsonObject{{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/hook")}})
                   .status == 200;
    };
    m_routes = {
        {"GET", QStringLiteral("/v1/me"), Roles::ASM, 200, {}, {}, false},
        {"POST", QStringLiteral("/v1/org/{org}/user"), Roles::A, 201,
         [unique, &a] {
             return QJsonObject{
                 {QStringLiteral("email"), QStringLiteral("new%1@%2.test").arg(unique(), a.tag)},
                 {QStringLiteral("password"), QStringLiteral("long-enough-1")}};
         }},
        {"GET", QStringLiteral("/v1/org/{org}/users"), Roles::ASM, 200},
        {"POST", QStringLiteral("/v1/orgs/{org}/groups"), Roles::A, 201,
         [&a] {
             return QJsonObject{{QStringLiteral("name"), QStringLiteral("G")},
                                {QStringLiteral("user_ids"), QJsonArray{a.bob.id}}};
         }},
        {"POST", QStringLiteral("/v1/orgs/{org}/api-keys"), Roles::A, 201,
         [] {
             return QJsonObject{{QStringLiteral("name"), QStringLiteral("k")},
                                {QStringLiteral("role"), QStringLiteral("MEMBER")}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/api-keys"), Roles::A, 200},
        {"DELETE", QStringLiteral("/v1/orgs/{org}/api-keys/{key}"), Roles::A, 204},
        // Reactivating an active user changes nothing, so the row can be repeated.
        {"PATCH", QStringLiteral("/v1/org/{org}/user/{user}"), Roles::A, 200,
         [] {
             return QJsonObject{{QStringLiteral("active"), true}};
         }},
        {"POST", QStringLiteral("/v1/orgs/{org}/waba-phones"), Roles::A, 201,
         [unique, token = m_server.options().accessToken] {
             return QJsonObject{
                 {QStringLiteral("remote_waba_id"), QStringLiteral("waba-iso")},
                 {QStringLiteral("remote_phone_id"), QString(QStringLiteral("iso-") + unique())},
                 {QStringLiteral("display_phone_number"), QStringLiteral("+1 555 0142")},
                 {QStringLiteral("access_token"), token}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/waba-phones"), Roles::AS, 200},
        {"PUT", QStringLiteral("/v1/orgs/{org}/settings"), Roles::A, 200,
         [] {
             return QJsonObject{{QStringLiteral("deactivate_after_days"), 30},
                                {QStringLiteral("expire_after_days"), 90}};
         }},
        {"POST", QStringLiteral("/v1/orgs/{org}/templates"), Roles::A, 201,
         [unique] {
             return QJsonObject{
                 {QStringLiteral("remote_template_id"), QString(QStringLiteral("tpl-iso-") + unique())},
                 {QStringLiteral("name"), QStringLiteral("iso")},
                 {QStringLiteral("body"), QStringLiteral("Hello.")}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/templates"), Roles::ASM, 200},
        {"POST", QStringLiteral("/v2/org/{org}/contact"), Roles::A, 201,
         [this] {
             const QString phone = m_setup.newPhone();
             return QJsonObject{{QStringLiteral("crm_id"), QString(QStringLiteral("iso-") + phone.mid(1))},
                                {QStringLiteral("phone_number"), phone}};
         }},
        {"PUT", QStringLiteral("/v1/orgs/{org}/contact/{contact}"), Roles::A, 200,
         [&a] {
             return QJsonObject{
                 {QStringLiteral("crm_id"), QString(QStringLiteral("crm-") + a.alicePhone.mid(1))}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/contacts/{contact}"), Roles::AS, 200},
        // The contact has an active chatroom on that phone, so every allowed call gets it back (R3).
        {"POST", QStringLiteral("/v3/orgs/{org}/contacts/{contact}/assign"), Roles::A, 200,
         [&a] {
             return QJsonObject{{QStringLiteral("user_id"), a.alice.id},
                                {QStringLiteral("remote_phone_id"), a.phoneId}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/chatrooms?view=all"), Roles::AS, 200},
        {"GET", QStringLiteral("/v1/orgs/{org}/chatrooms?view=awaiting_handover"), Roles::AS, 200},
        {"GET", QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}"), Roles::ASMp, 200},
        {"GET", QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}/messages"), Roles::ASMp, 200},
        {"POST", QStringLiteral("/v3/orgs/{org}/chatrooms/{chatroom}/template-messages"), Roles::ASMp, 201,
         [&a] {
             return QJsonObject{{QStringLiteral("remote_template_id"), a.templateId},
                                {QStringLiteral("bump"), false}};
         }},
        {"POST", QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}/messages"), Roles::FreeFlow, 201,
         [&a] {
             return QJsonObject{{QStringLiteral("text"), QStringLiteral("On it.")},
                                {QStringLiteral("as_user_id"), a.alice.id}};
         }},
        {"POST", QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}/read"), Roles::ReadMarker, 200,
         [] { return QJsonObject(); }},
        // Reassigning to the sole participant changes nothing (R11), so the row can be repeated.
        {"POST", QStringLiteral("/v1/orgs/{org}/chatrooms/{chatroom}/reassign"), Roles::AS, 200,
         [&a] {
             return QJsonObject{{QStringLiteral("user_id"), a.alice.id}};
         }},
        {"POST", QStringLiteral("/v1/orgs/{org}/chatrooms/{spare}/deactivate"), Roles::AS, 200},
        {"POST", QStringLiteral("/v1/orgs/{org}/chatrooms/{spare}/activate"), Roles::AS, 200},
        {"PUT", QStringLiteral("/v1/orgs/{org}/webhook"), Roles::A, 200,
         [] {
             return QJsonObject{{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/hook")}};
         }},
        {"GET", QStringLiteral("/v1/orgs/{org}/webhook"), Roles::A, 200, {}, putWebhook},
        {"DELETE", QStringLiteral("/v1/orgs/{org}/webhook"), Roles::A, 204, {}, putWebhook},
        {"GET", QStringLiteral("/v1/orgs/{org}/webhook/deliveries"), Roles::A, 200},
        {"POST", QStringLiteral("/v1/orgs/{org}/webhook/deliveries/{delivery}/redeliver"), Roles::A, 202},
    };
}

QString TestIsolation::tokenOf(Who who) const
{
    switch (who) {
    case Who::AdminUser:
        return m_a.admin.token;
    case Who::SupervisorUser:
        return m_a.supervisor.token;
    case Who::Alice:
        return m_a.alice.token;
    case Who::Bob:
        return m_a.bob.token;
    case Who::AdminKey:
        return m_a.apiKey;
    case Who::SupervisorKey:
        return m_a.supervisorKey;
    case Who::MemberKey:
        return m_a.memberKey;
    case Who::OtherAdminKey:
        return m_b.apiKey;
    case Who::OtherAdminUser:
        return m_b.admin.token;
    case Who::OtherMember:
        return m_b.alice.token;
    }
    return {};
}

QString TestIsolation::fill(const QString &path, const TestOrg &ids) const
{
    QString out = path;
    out.replace(QLatin1String("{org}"), m_a.orgId); // always our org's path
    out.replace(QLatin1String("{contact}"), ids.aliceContactId);
    out.replace(QLatin1String("{chatroom}"), ids.aliceRoom);
    out.replace(QLatin1String("{spare}"), ids.spareRoom);
    out.replace(QLatin1String("{delivery}"), ids.deliveryId);
    out.replace(QLatin1String("{key}"), &ids == &m_b ? m_bKeyId : m_aKeyId);
    out.replace(QLatin1String("{user}"), ids.bob.id);
    return out;
}

const Route &TestIsolation::route(const QString &name) const
{
    for (const Route &r : m_routes) {
        if (r.name() == name)
            return r;
    }
    qFatal("no route %s", qPrintable(name));
}

void TestIsolation::addRow(const Route &r, Who who, int status, int errorCode)
{
    const QString outcome =
        errorCode ? QStringLiteral("%1 (%2)").arg(status).arg(errorCode) : QString::number(status);
    QTest::addRow("%s by %s is %s", qPrintable(r.name()), whoName(who), qPrintable(outcome))
        << r.name() << int(who) << status << errorCode;
}

QString TestIsolation::sendTemplate(const TestOrg &org, const QString &chatroomId, const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("remote_template_id"), org.templateId);
    const HttpResult sent =
        m_server.client(org.apiKey)
            .post(QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(org.orgId, chatroomId),
                  body);
    if (sent.status != 201)
        qWarning("sending a template into %s: %s", qPrintable(chatroomId), qPrintable(describeResult(sent)));
    return sent.status == 201 ? sent.string(QStringLiteral("id")) : QString();
}

// ---- the matrix

void TestIsolation::everyEndpointAnswersEveryCaller_data()
{
    QTest::addColumn<QString>("route");
    QTest::addColumn<int>("who");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errorCode");
    for (const Route &r : std::as_const(m_routes)) {
        for (Who who : kEveryone) {
            if (isOtherOrg(who)) {
                if (r.orgInPath)
                    addRow(r, who, 404, 4040001);
                continue;
            }
            const bool admin = isAdmin(who);
            const bool supervisor = isSupervisor(who);
            bool allowed = false;
            switch (r.roles) {
            case Roles::A:
                allowed = admin;
                break;
            case Roles::AS:
                allowed = admin || supervisor;
                break;
            case Roles::ASM:
                allowed = true;
                break;
            case Roles::ASMp:
            case Roles::FreeFlow:
                allowed = admin || supervisor || who == Who::Alice;
                break;
            case Roles::ReadMarker:
                allowed = who == Who::Alice;
                break;
            }
            if (allowed)
                addRow(r, who, r.success, 0);
            else
                addRow(r, who, 403, 4030001);
        }
    }
    // The list's default view: Mine for users, All for API keys (which a MEMBER may not see).
    Route list{"GET", QStringLiteral("/v1/orgs/{org}/chatrooms"), Roles::ASM, 200};
    for (Who who :
         {Who::AdminUser, Who::SupervisorUser, Who::Alice, Who::Bob, Who::AdminKey, Who::SupervisorKey})
        addRow(list, who, 200, 0);
    addRow(list, Who::MemberKey, 403, 4030001);
    for (Who who : {Who::OtherAdminKey, Who::OtherAdminUser, Who::OtherMember})
        addRow(list, who, 404, 4040001);
    Route mine{"GET", QStringLiteral("/v1/orgs/{org}/chatrooms?view=mine"), Roles::ASM, 200};
    for (Who who : {Who::AdminUser, Who::SupervisorUser, Who::Alice, Who::Bob})
        addRow(mine, who, 200, 0);
    for (Who who : {Who::OtherAdminUser, Who::OtherMember})
        addRow(mine, who, 404, 4040001);
}

void TestIsolation::everyEndpointAnswersEveryCaller()
{
    QFETCH(QString, route);
    QFETCH(int, who);
    QFETCH(int, status);
    QFETCH(int, errorCode);
    Route r{"GET", route.section(u' ', 1), Roles::ASM, 200};
    r.verb = route.section(u' ', 0, 0).toLatin1();
    for (const Route &known : std::as_const(m_routes)) {
        if (known.name() == route)
            r = known;
    }
    if (r.prepare)
        QVERIFY(r.prepare());
    const QByteArray body = r.body ? compact(r.body()) : QByteArray();
    const HttpResult result = m_server.client(tokenOf(Who(who))).send(r.verb, fill(r.path, m_a), body);
    if (errorCode) {
        const QString problem = errorShapeProblem(result, errorCode);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    } else {
        QVERIFY2(result.status == status, qPrintable(describeResult(result)));
    }
    if (Who(who) == Who::Alice && route.contains(QLatin1String("chatrooms?view=mine"))) {
        // Mine holds exactly what she participates in.
        QStringList ids;
        for (const QJsonValue &row : result.array(QStringLiteral("chatrooms")))
            ids.append(row.toObject().value(QLatin1String("id")).toString());
        ids.sort();
        QStringList expected{m_a.aliceRoom, m_a.spareRoom};
        expected.sort();
        QCOMPARE(ids, expected);
    }
}

void TestIsolation::anotherOrgsIdsInOurPathAreNotFound_data()
{
    QTest::addColumn<QString>("route");
    QTest::addColumn<int>("who");
    for (const Route &r : std::as_const(m_routes)) {
        if (!r.hasIds())
            continue;
        // Callers whose role the route allows: the id alone decides, and it must not be revealed.
        QList<Who> callers;
        if (r.roles != Roles::ReadMarker)
            callers << Who::AdminKey << Who::AdminUser;
        if (r.roles != Roles::A && r.roles != Roles::ReadMarker)
            callers << Who::SupervisorKey << Who::SupervisorUser;
        if (r.roles == Roles::ASMp || r.roles == Roles::FreeFlow || r.roles == Roles::ReadMarker)
            callers << Who::Alice << Who::Bob;
        for (Who who : std::as_const(callers)) {
            QTest::addRow("%s with the other org's id by %s is 404", qPrintable(r.name()), whoName(who))
                << r.name() << int(who);
        }
    }
}

void TestIsolation::anotherOrgsIdsInOurPathAreNotFound()
{
    QFETCH(QString, route);
    QFETCH(int, who);
    const Route &r = this->route(route);
    QJsonObject body = r.body ? r.body() : QJsonObject();
    if (body.contains(QLatin1String("as_user_id")))
        body.insert(QStringLiteral("as_user_id"), m_b.alice.id); // the other chatroom's participant
    const QByteArray raw = r.body ? compact(body) : QByteArray();
    const HttpResult result = m_server.client(tokenOf(Who(who))).send(r.verb, fill(r.path, m_b), raw);
    const QString problem = errorShapeProblem(result, 4040001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestIsolation::idsInBodiesStayInTheirOrg_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    const QString assign = QStringLiteral("/v3/orgs/%1/contacts/%2/assign").arg(m_a.orgId, m_freshContactId);
    const QString room = QStringLiteral("/v1/orgs/%1/chatrooms/%2").arg(m_a.orgId, m_a.aliceRoom);
    QTest::newRow("creating a chatroom for the other org's user is 404")
        << QByteArrayLiteral("POST") << assign << QJsonObject{{QStringLiteral("user_id"), m_b.alice.id}};
    QTest::newRow("creating a chatroom for the other org's group is 404")
        << QByteArrayLiteral("POST") << assign << QJsonObject{{QStringLiteral("group_id"), m_b.groupId}};
    QTest::newRow("creating a chatroom to be handed to the other org's user is 404")
        << QByteArrayLiteral("POST") << assign
        << QJsonObject{{QStringLiteral("user_id"), m_b.alice.id},
                       {QStringLiteral("assign_on_handover"), true}};
    QTest::newRow("creating a chatroom to be handed to the other org's group is 404")
        << QByteArrayLiteral("POST") << assign
        << QJsonObject{{QStringLiteral("group_id"), m_b.groupId},
                       {QStringLiteral("assign_on_handover"), true}};
    QTest::newRow("creating a chatroom on the other org's WABA phone is 404")
        << QByteArrayLiteral("POST") << assign
        << QJsonObject{{QStringLiteral("user_id"), m_a.alice.id},
                       {QStringLiteral("remote_phone_id"), m_b.phoneId}};
    QTest::newRow("reassigning to the other org's user is 404")
        << QByteArrayLiteral("POST") << room + QStringLiteral("/reassign")
        << QJsonObject{{QStringLiteral("user_id"), m_b.bob.id}};
    QTest::newRow("reassigning to the other org's group is 404")
        << QByteArrayLiteral("POST") << room + QStringLiteral("/reassign")
        << QJsonObject{{QStringLiteral("group_id"), m_b.groupId}};
    QTest::newRow("a group with the other org's user is 404")
        << QByteArrayLiteral("POST") << QStringLiteral("/v1/orgs/%1/groups").arg(m_a.orgId)
        << QJsonObject{{QStringLiteral("name"), QStringLiteral("Mixed")},
                       {QStringLiteral("user_ids"), QJsonArray{m_a.alice.id, m_b.bob.id}}};
    QTest::newRow("the other org's group as the inbound group is 404")
        << QByteArrayLiteral("PUT") << QStringLiteral("/v1/orgs/%1/settings").arg(m_a.orgId)
        << QJsonObject{{QStringLiteral("inbound_group_id"), m_b.groupId}};
    QTest::newRow("sending a template only the other org has is 404")
        << QByteArrayLiteral("POST")
        << QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(m_a.orgId, m_a.aliceRoom)
        << QJsonObject{{QStringLiteral("remote_template_id"), m_b.ownTemplateId}};
}

void TestIsolation::idsInBodiesStayInTheirOrg()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    const HttpResult result = m_server.client(m_a.apiKey).send(verb, path, compact(body));
    const QString problem = errorShapeProblem(result, 4040001);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestIsolation::valuesOfAnotherOrgAreNotTaken_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("the other org's crm_id is free in ours") << QStringLiteral("crm_id");
    QTest::newRow("the other org's user email is free in ours") << QStringLiteral("email");
    QTest::newRow("the other org's remote_template_id is free in ours") << QStringLiteral("template");
    QTest::newRow("writing as the other org's user answers like an unknown user")
        << QStringLiteral("as_user_id");
    QTest::newRow("messages before the other org's message id are 404") << QStringLiteral("before");
}

void TestIsolation::valuesOfAnotherOrgAreNotTaken()
{
    QFETCH(QString, what);
    HttpClient admin = m_server.client(m_a.apiKey);
    if (what == QLatin1String("crm_id")) {
        // Org B's bob contact has crm_id crm-<digits of its phone>; our org has no such contact.
        const QString crm = QStringLiteral("crm-") + m_b.bobPhone.mid(1);
        const HttpResult created =
            admin.post(QStringLiteral("/v2/org/%1/contact").arg(m_a.orgId),
                       QJsonObject{{QStringLiteral("crm_id"), crm},
                                   {QStringLiteral("phone_number"), m_setup.newPhone()}});
        QVERIFY2(created.status == 201, qPrintable(describeResult(created)));
    } else if (what == QLatin1String("email")) {
        const HttpResult created =
            admin.post(QStringLiteral("/v1/org/%1/user").arg(m_a.orgId),
                       QJsonObject{{QStringLiteral("email"), m_b.supervisor.email},
                                   {QStringLiteral("password"), QStringLiteral("long-enough-1")}});
        QVERIFY2(created.status == 201, qPrintable(describeResult(created)));
    } else if (what == QLatin1String("template")) {
        const HttpResult created =
            admin.post(QStringLiteral("/v1/orgs/%1/templates").arg(m_a.orgId),
                       QJsonObject{{QStringLiteral("remote_template_id"), m_b.ownTemplateId},
                                   {QStringLiteral("name"), QStringLiteral("mine")},
                                   {QStringLiteral("body"), QStringLiteral("Hello.")}});
        QVERIFY2(created.status == 201, qPrintable(describeResult(created)));
    } else if (what == QLatin1String("as_user_id")) {
        const QString path =
            QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages").arg(m_a.orgId, m_a.aliceRoom);
        const auto write = [&](const QString &asUser) {
            return admin.post(path, QJsonObject{{QStringLiteral("text"), QStringLiteral("hi")},
                                                {QStringLiteral("as_user_id"), asUser}});
        };
        const HttpResult other = write(m_b.alice.id);
        const HttpResult unknown = write(QUuid::createUuid().toString(QUuid::WithoutBraces));
        QVERIFY2(other.status >= 400 && other.status < 500, qPrintable(describeResult(other)));
        QCOMPARE(other.status, unknown.status);
        QCOMPARE(other.errorCode(), unknown.errorCode());
    } else if (what == QLatin1String("before")) {
        const QString theirs = sendTemplate(m_b, m_b.aliceRoom);
        QVERIFY(!theirs.isEmpty());
        const HttpResult result = admin.get(QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages?before=%3")
                                                .arg(m_a.orgId, m_a.aliceRoom, theirs));
        const QString problem = errorShapeProblem(result, 4040001);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

// ---- the stream

void TestIsolation::membersStreamsCarryOnlyTheirChatrooms()
{
    HttpClient adminA = m_server.client(m_a.apiKey);
    // A chatroom waiting to be handed to alice (R2): she does not participate, so she sees nothing of it.
    const QString pendingContact = m_setup.createContact(m_a, m_setup.newPhone());
    QVERIFY2(!pendingContact.isEmpty(), m_setup.why());
    const QString bobPhone2 = m_setup.newPhone();
    const QString bobContact2 = m_setup.createContact(m_a, bobPhone2);
    QVERIFY2(!bobContact2.isEmpty(), m_setup.why());
    const QString bobRoom2 =
        m_setup.createChatroom(m_a, bobContact2, {{QStringLiteral("user_id"), m_a.bob.id}});
    QVERIFY2(!bobRoom2.isEmpty(), m_setup.why());

    StreamProbe alice(m_server.port());
    StreamProbe bob(m_server.port());
    StreamProbe supervisor(m_server.port());
    StreamProbe otherAlice(m_server.port());
    QVERIFY2(alice.open(m_a.alice.token, 0), qPrintable(alice.why()));
    QVERIFY2(bob.open(m_a.bob.token, 0), qPrintable(bob.why()));
    QVERIFY2(supervisor.open(m_a.supervisor.token, 0), qPrintable(supervisor.why()));
    QVERIFY2(otherAlice.open(m_b.alice.token, 0), qPrintable(otherAlice.why()));

    // Activity in chatrooms alice does not participate in, in both orgs.
    const QString pendingRoom = m_setup.createChatroom(
        m_a, pendingContact,
        {{QStringLiteral("user_id"), m_a.alice.id}, {QStringLiteral("assign_on_handover"), true}});
    QVERIFY2(!pendingRoom.isEmpty(), m_setup.why());
    QVERIFY(!sendTemplate(m_a, pendingRoom).isEmpty());
    QVERIFY(!sendTemplate(m_a, m_a.bobRoom).isEmpty());
    QVERIFY2(m_setup.customerWrites(m_a, m_a.bobPhone, QStringLiteral("bob, are you there?")), m_setup.why());
    QCOMPARE(adminA
                 .put(QStringLiteral("/v1/orgs/%1/contact/%2").arg(m_a.orgId, m_a.bobContactId),
                      QJsonObject{
                          {QStringLiteral("crm_id"), QString(QStringLiteral("crm-") + m_a.bobPhone.mid(1))},
                          {QStringLiteral("first_name"), QStringLiteral("Renamed")}})
                 .status,
             200);
    QCOMPARE(m_server.client(m_a.bob.token)
                 .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/read").arg(m_a.orgId, m_a.bobRoom), {})
                 .status,
             200);
    QCOMPARE(
        adminA.post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/deactivate").arg(m_a.orgId, m_a.bobRoom), {})
            .status,
        200);
    QCOMPARE(adminA.post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/activate").arg(m_a.orgId, m_a.bobRoom), {})
                 .status,
             200);
    QVERIFY(!sendTemplate(m_b, m_b.bobRoom).isEmpty());
    QVERIFY2(m_setup.customerWrites(m_b, m_b.bobPhone, QStringLiteral("other org")), m_setup.why());
    // bob loses bobRoom; what happens there afterwards is none of his business.
    QCOMPARE(adminA
                 .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/reassign").arg(m_a.orgId, m_a.bobRoom),
                       QJsonObject{{QStringLiteral("user_id"), m_a.supervisor.id}})
                 .status,
             200);
    const QString afterReassign = sendTemplate(m_a, m_a.bobRoom);
    QVERIFY(!afterReassign.isEmpty());
    QVERIFY2(m_setup.customerWrites(m_a, m_a.bobPhone, QStringLiteral("hello again")), m_setup.why());

    // Barriers: one message each stream must see; everything before it has been published to it.
    const QString toAlice = sendTemplate(m_a, m_a.aliceRoom);
    const QString toBob = sendTemplate(m_a, bobRoom2);
    const QString toOtherAlice = sendTemplate(m_b, m_b.aliceRoom);
    QVERIFY(!toAlice.isEmpty() && !toBob.isEmpty() && !toOtherAlice.isEmpty());
    QVERIFY2(alice.waitForMessage(toAlice), qPrintable(alice.why()));
    QVERIFY2(bob.waitForMessage(toBob), qPrintable(bob.why()));
    QVERIFY2(otherAlice.waitForMessage(toOtherAlice), qPrintable(otherAlice.why()));
    QVERIFY2(supervisor.waitForMessage(toBob), qPrintable(supervisor.why()));

    const auto checkMember = [](const QList<QJsonObject> &events, const QString &orgId, const QString &userId,
                                const QStringList &rooms, const QString &lost) -> QString {
        bool lostIt = false;
        for (const QJsonObject &event : events) {
            const QString kind = event.value(QLatin1String("kind")).toString();
            if (kind == QLatin1String("presence.updated")) {
                if (event.value(QLatin1String("user_id")).toString() != userId)
                    return QStringLiteral("another user's presence: ") + describeEvent(event);
                continue;
            }
            const QJsonObject chatroom = event.value(QLatin1String("chatroom")).toObject();
            if (chatroom.value(QLatin1String("org_id")).toString() != orgId)
                return QStringLiteral("an event of another org: ") + describeEvent(event);
            const QString id = chatroomOf(event);
            if (id == lost) {
                if (lostIt)
                    return QStringLiteral("an event after losing the chatroom: ") + describeEvent(event);
                if (kind == QLatin1String("chatroom.unassigned"))
                    lostIt = true;
                continue;
            }
            if (!rooms.contains(id))
                return QStringLiteral("an event of a chatroom the member does not participate in: ") +
                       describeEvent(event);
        }
        return {};
    };
    QString problem =
        checkMember(alice.events(), m_a.orgId, m_a.alice.id, {m_a.aliceRoom, m_a.spareRoom}, {});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = checkMember(bob.events(), m_a.orgId, m_a.bob.id, {bobRoom2}, m_a.bobRoom);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = checkMember(otherAlice.events(), m_b.orgId, m_b.alice.id, {m_b.aliceRoom, m_b.spareRoom}, {});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // bob did get his unassignment, and the supervisor (who sees everything of org A) saw what bob must not.
    const QList<QJsonObject> seenByBob = bob.events();
    QVERIFY(std::any_of(seenByBob.cbegin(), seenByBob.cend(), [&](const QJsonObject &e) {
        return e.value(QLatin1String("kind")).toString() == QLatin1String("chatroom.unassigned") &&
               chatroomOf(e) == m_a.bobRoom;
    }));
    QVERIFY2(supervisor.waitForMessage(afterReassign), qPrintable(supervisor.why()));
    const QList<QJsonObject> seenBySupervisor = supervisor.events();
    QVERIFY(std::any_of(seenBySupervisor.cbegin(), seenBySupervisor.cend(),
                        [&](const QJsonObject &e) { return chatroomOf(e) == pendingRoom; }));
    for (const QJsonObject &event : seenBySupervisor) {
        if (event.contains(QLatin1String("chatroom")))
            QVERIFY2(
                event.value(QLatin1String("chatroom")).toObject().value(QLatin1String("org_id")).toString() ==
                    m_a.orgId,
                qPrintable(describeEvent(event)));
    }

    // The replay of the whole log (since 0) keeps to the same rules.
    StreamProbe aliceAgain(m_server.port());
    QVERIFY2(aliceAgain.open(m_a.alice.token, 0), qPrintable(aliceAgain.why()));
    QVERIFY2(aliceAgain.waitForMessage(toAlice), qPrintable(aliceAgain.why()));
    problem = checkMember(aliceAgain.events(), m_a.orgId, m_a.alice.id, {m_a.aliceRoom, m_a.spareRoom}, {});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    StreamProbe bobAgain(m_server.port());
    QVERIFY2(bobAgain.open(m_a.bob.token, 0), qPrintable(bobAgain.why()));
    QVERIFY2(bobAgain.waitForMessage(toBob), qPrintable(bobAgain.why()));
    problem = checkMember(bobAgain.events(), m_a.orgId, m_a.bob.id, {bobRoom2}, m_a.bobRoom);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestIsolation)
#include "tst_isolation.moc"
