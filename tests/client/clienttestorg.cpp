#include "tests/client/clienttestorg.h"

#include "core/json/apicodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

namespace handover::testing {

namespace {

ServerProcess::Options orgOptions()
{
    ServerProcess::Options options;
    // The tests send bursts of commands with one token; the rate limit is not under test here.
    options.serveArguments = {QStringLiteral("--rate-limit"), QStringLiteral("100000"),
                              QStringLiteral("--rate-burst"), QStringLiteral("100000")};
    return options;
}

QString describe(const HttpResult &result)
{
    if (result.status == 0)
        return QStringLiteral("no answer: ") + result.networkError;
    return QStringLiteral("HTTP %1 %2").arg(result.status).arg(QString::fromUtf8(result.body.left(300)));
}

} // namespace

ClientTestOrg::ClientTestOrg()
    : m_server(orgOptions())
{}

bool ClientTestOrg::fail(const QString &message)
{
    m_why = message.toUtf8();
    qWarning("client test org: %s", m_why.constData());
    return false;
}

bool ClientTestOrg::createAccount(Account &account, const QString &firstName, Role role)
{
    account.password = QStringLiteral("password-123");
    const QString email = firstName.toLower() + QStringLiteral("@acme.test");
    const HttpResult created = api().post(QStringLiteral("/v1/org/%1/user").arg(orgId()),
                                          QJsonObject{{QStringLiteral("email"), email},
                                                      {QStringLiteral("first_name"), firstName},
                                                      {QStringLiteral("last_name"), QStringLiteral("Tester")},
                                                      {QStringLiteral("password"), account.password},
                                                      {QStringLiteral("role"), roleName(role)}});
    if (created.status != 201)
        return fail(QStringLiteral("creating %1: %2").arg(email, describe(created)));
    const HttpResult login = m_server.client().post(
        QStringLiteral("/v1/auth/login"),
        QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), account.password}});
    if (login.status != 200)
        return fail(QStringLiteral("logging in %1: %2").arg(email, describe(login)));
    account.token = login.string(QStringLiteral("token"));
    Result<User> user = userFromJson(login.json().value(QLatin1String("user")).toObject());
    if (!user)
        return fail(QStringLiteral("login answer: ") + user.error().description);
    account.user = *user;
    return true;
}

bool ClientTestOrg::start()
{
    if (!m_server.start())
        return fail(QStringLiteral("the server did not start: ") + m_server.errorString());
    if (!createAccount(supervisor, QStringLiteral("Sue"), Role::Supervisor) ||
        !createAccount(member, QStringLiteral("Alice"), Role::Member)) {
        return false;
    }
    const HttpResult phone =
        api().post(QStringLiteral("/v1/orgs/%1/waba-phones").arg(orgId()),
                   QJsonObject{{QStringLiteral("remote_waba_id"), QStringLiteral("waba-a")},
                               {QStringLiteral("remote_phone_id"), kPhone},
                               {QStringLiteral("display_phone_number"), QStringLiteral("15550000011")}});
    if (phone.status != 201)
        return fail(QStringLiteral("adding the WABA phone: ") + describe(phone));
    const QList<QJsonObject> templates{
        QJsonObject{{QStringLiteral("remote_template_id"), kPlainTemplate},
                    {QStringLiteral("name"), QStringLiteral("status_note")},
                    {QStringLiteral("language"), QStringLiteral("en")},
                    {QStringLiteral("category"), QStringLiteral("UTILITY")},
                    {QStringLiteral("body"), QStringLiteral("We are on it.")},
                    {QStringLiteral("params"), QJsonArray()}},
        QJsonObject{{QStringLiteral("remote_template_id"), kOrderTemplate},
                    {QStringLiteral("name"), QStringLiteral("order_ready")},
                    {QStringLiteral("language"), QStringLiteral("en")},
                    {QStringLiteral("category"), QStringLiteral("UTILITY")},
                    {QStringLiteral("body"), QStringLiteral("Order {{order}} is ready.")},
                    {QStringLiteral("params"),
                     QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("order")},
                                            {QStringLiteral("type"), QStringLiteral("USER_FILL")}}}}},
    };
    for (const QJsonObject &t : templates) {
        const HttpResult added = api().post(QStringLiteral("/v1/orgs/%1/templates").arg(orgId()), t);
        if (added.status != 201)
            return fail(QStringLiteral("adding a template: ") + describe(added));
    }
    return true;
}

bool ClientTestOrg::restartServe(bool kill9)
{
    m_server.stopServe(kill9);
    if (!m_server.startServe())
        return fail(QStringLiteral("the server did not start again: ") + m_server.errorString());
    return true;
}

QString ClientTestOrg::newChatroom(const QString &userId)
{
    ++m_counter;
    const HttpResult contact =
        api().post(QStringLiteral("/v2/org/%1/contact").arg(orgId()),
                   QJsonObject{{QStringLiteral("crm_id"), QStringLiteral("CRM-%1").arg(m_counter)},
                               {QStringLiteral("phone_number"),
                                QStringLiteral("+9198%1").arg(m_counter, 8, 10, QLatin1Char('0'))},
                               {QStringLiteral("first_name"), QStringLiteral("Asha")},
                               {QStringLiteral("last_name"), QStringLiteral("Rao %1").arg(m_counter)}});
    if (contact.status != 201) {
        fail(QStringLiteral("creating a contact: ") + describe(contact));
        return {};
    }
    const HttpResult chatroom = api().post(
        QStringLiteral("/v3/orgs/%1/contacts/%2/assign").arg(orgId(), contact.string(QStringLiteral("id"))),
        QJsonObject{{QStringLiteral("user_id"), userId}});
    if (chatroom.status != 201) {
        fail(QStringLiteral("creating a chatroom: ") + describe(chatroom));
        return {};
    }
    return chatroom.string(QStringLiteral("id"));
}

QString ClientTestOrg::phoneOf(const QString &chatroomId)
{
    const HttpResult room = api().get(QStringLiteral("/v1/orgs/%1/chatrooms/%2").arg(orgId(), chatroomId));
    return room.string(QStringLiteral("phone_number"));
}

QString ClientTestOrg::sendTemplate(const QString &chatroomId, const QString &order, bool bump)
{
    QJsonObject body{
        {QStringLiteral("remote_template_id"), order.isEmpty() ? kPlainTemplate : kOrderTemplate}};
    if (!bump)
        body.insert(QStringLiteral("bump"), false);
    if (!order.isEmpty()) {
        body.insert(QStringLiteral("template_params"),
                    QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("order")},
                                           {QStringLiteral("value"), order}}});
    }
    const HttpResult sent = api().post(
        QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(orgId(), chatroomId), body);
    if (sent.status != 201) {
        fail(QStringLiteral("sending a template: ") + describe(sent));
        return {};
    }
    return sent.string(QStringLiteral("id"));
}

client::SignedInUser ClientTestOrg::signIn(const Account &account)
{
    QObject context;
    std::optional<client::ApiResult<client::SignedInUser>> answer;
    client::ConsoleSession::signIn(
        url(), account.user.email, account.password, &context,
        [&](client::ApiResult<client::SignedInUser> r) { answer.emplace(std::move(r)); });
    (void)QTest::qWaitFor([&] { return answer.has_value(); }, 15000);
    if (!answer || !*answer)
        qFatal("signing in %s failed: %s", qPrintable(account.user.email),
               answer ? qPrintable(answer->error().message()) : "no answer");
    return std::move(*answer).value();
}

std::unique_ptr<client::ConsoleSession> ClientTestOrg::connectedSession(const Account &account,
                                                                        const QString &dataDirectory,
                                                                        const QString &chatroomId)
{
    client::ConsoleSessionOptions options;
    options.dataDirectory = dataDirectory;
    options.watchNetwork = false;
    auto opened =
        client::ConsoleSession::open(client::SignedInUser{url(), account.token, account.user}, options);
    if (!opened) {
        fail(QStringLiteral("the session did not open: ") + opened.error().description);
        return nullptr;
    }
    std::unique_ptr<client::ConsoleSession> session = std::move(opened).value();
    session->start();
    const bool ready = QTest::qWaitFor(
        [&] {
            if (session->connectionState().phase != client::ConnectionState::Phase::Connected)
                return false;
            if (chatroomId.isEmpty())
                return true;
            const auto cached = session->cache().chatroom(chatroomId);
            return cached && cached->has_value();
        },
        10000);
    if (!ready) {
        fail(QStringLiteral("the session did not connect and bring chatroom ") + chatroomId);
        return nullptr;
    }
    return session;
}

bool ClientTestOrg::customerWrites(const QString &chatroomId, const QString &text)
{
    return !customerSends(chatroomId, QStringLiteral("text"), text).isEmpty();
}

QString ClientTestOrg::customerSends(const QString &chatroomId, const QString &kind, const QJsonValue &part)
{
    QString phone = phoneOf(chatroomId);
    if (phone.startsWith(QLatin1Char('+')))
        phone.remove(0, 1);
    const HttpResult result = m_server.simulatorClient().post(
        QStringLiteral("/sim/inbound"), QJsonObject{{QStringLiteral("from"), phone},
                                                    {QStringLiteral("phone_number_id"), kPhone},
                                                    {kind, part}});
    if (result.status != 200 || result.json().value(QLatin1String("status")).toInt() != 200) {
        fail(QStringLiteral("the customer's %1: ").arg(kind) + describe(result));
        return {};
    }
    return result.string(QStringLiteral("wa_message_id"));
}

QList<Chatroom> ClientTestOrg::serverChatrooms(const QString &token, View view)
{
    QList<Chatroom> rows;
    QString cursor;
    HttpClient client = m_server.client(token);
    for (int page = 0; page < 1000; ++page) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("view"), viewName(view));
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
        if (!cursor.isEmpty())
            query.addQueryItem(QStringLiteral("cursor"), cursor);
        const HttpResult result = client.get(QStringLiteral("/v1/orgs/%1/chatrooms?").arg(orgId()) +
                                             query.toString(QUrl::FullyEncoded));
        if (result.status != 200) {
            fail(QStringLiteral("listing chatrooms: ") + describe(result));
            return {};
        }
        for (const QJsonValue &value : result.array(QStringLiteral("chatrooms"))) {
            Result<Chatroom> chatroom = chatroomFromJson(value.toObject());
            if (!chatroom) {
                fail(QStringLiteral("a listed chatroom: ") + chatroom.error().description);
                return {};
            }
            rows.append(*chatroom);
        }
        cursor = result.json().value(QLatin1String("next_cursor")).toString();
        if (cursor.isEmpty())
            break;
    }
    return rows;
}

QList<Message> ClientTestOrg::serverMessages(const QString &chatroomId)
{
    const HttpResult result =
        api().get(QStringLiteral("/v1/orgs/%1/chatrooms/%2/messages?limit=200").arg(orgId(), chatroomId));
    QList<Message> messages;
    for (const QJsonValue &value : result.array(QStringLiteral("messages"))) {
        if (Result<Message> message = messageFromJson(value.toObject()))
            messages.append(*message);
    }
    return messages;
}

QString ClientTestOrg::differenceFromServer(client::ChatroomCache &cache, const Account &account, View view)
{
    const QList<Chatroom> server = serverChatrooms(account.token, view);
    Result<QList<Chatroom>> cached = cache.chatrooms(view);
    if (!cached)
        return QStringLiteral("reading the cache: ") + cached.error().description;
    if (server.size() != cached->size()) {
        return QStringLiteral("the server lists %1 chatrooms, the cache %2")
            .arg(server.size())
            .arg(cached->size());
    }
    for (qsizetype i = 0; i < server.size(); ++i) {
        if (!(server.at(i) == cached->at(i))) {
            return QStringLiteral("row %1 differs:\nserver %2\ncache  %3")
                .arg(i)
                .arg(QString::fromUtf8(QJsonDocument(chatroomToJson(server.at(i), account.user.id))
                                           .toJson(QJsonDocument::Compact)),
                     QString::fromUtf8(QJsonDocument(chatroomToJson(cached->at(i), account.user.id))
                                           .toJson(QJsonDocument::Compact)));
        }
    }
    return {};
}

} // namespace handover::testing
