#pragma once

#include "tests/support/serverprocess.h"
#include "tests/support/streamclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <memory>
#include <optional>

namespace handover::testing {

// Small readers of API objects, for test assertions.
inline QString field(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}
inline QJsonObject objectField(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}
inline QStringList participantsOf(const QJsonObject &chatroom)
{
    QStringList ids;
    for (const QJsonValue &id : chatroom.value(QLatin1String("participants")).toArray())
        ids.append(id.toString());
    return ids;
}
inline qint64 bumpSeqOf(const QJsonObject &chatroom)
{
    return chatroom.value(QLatin1String("bump_seq")).toInteger();
}

// A user of the scenario org, logged in.
struct ScenarioUser
{
    QString id;
    QString email;
    QString firstName;
    QString role;
    QString token; // a session token from POST /v1/auth/login
};

// How an STM is sent. Flags left unset are left out of the request, so the server's defaults apply.
struct StmOptions
{
    QString templateId; // remote_template_id; empty: Scenario::kButtonsTemplate
    // template_params; unset: what the template needs ("order" for the buttons one, "topic" for the agent
    // one)
    std::optional<QJsonArray> params;
    std::optional<bool> relayResponse;
    std::optional<bool> bump;
    std::optional<bool> bumpResponse;
    std::optional<bool> sendViaParticipant;
    bool flagsInQuery = false; // relay_response, bump, bump_response in the query instead of the body
    QString token;             // empty: the org's API key (automation)
};

// The real server and simulator with an org set up the way automation does it, through the HTTP API: an ADMIN
// API key, users of every role (logged in), a group, two WABA phones, templates with quick-reply buttons, and
// one "marker" chatroom per member that sync() sends silent STMs into. Helpers drive the customer's side
// through the simulator's control API.
//
// Helpers that can fail return an empty value (or false) and say why in why().
class Scenario
{
public:
    // WABA phones: B is registered first, but A has the lower remote_phone_id by value (docs/rules.md), so A
    // is the org's first phone.
    static inline const QString kPhoneA = QStringLiteral("990011");
    static inline const QString kWabaA = QStringLiteral("waba-a");
    static inline const QString kPhoneB = QStringLiteral("1000022");
    static inline const QString kWabaB = QStringLiteral("waba-b");

    // Templates. buttons: "Hi {{name}}, order {{order}} is ready." name AUTO_FILL contact.first_name, order
    // USER_FILL, quick replies "Yes" and "No". agent: "{{agent}} will call you about {{topic}}." agent
    // AUTO_FILL agent.first_name, topic USER_FILL. plain: no parameters, no buttons. hidden: visible false.
    // pending: status PENDING. disabled: enabled false.
    static inline const QString kButtonsTemplate = QStringLiteral("tpl-buttons");
    static inline const QString kAgentTemplate = QStringLiteral("tpl-agent");
    static inline const QString kPlainTemplate = QStringLiteral("tpl-plain");
    static inline const QString kHiddenTemplate = QStringLiteral("tpl-hidden");
    static inline const QString kPendingTemplate = QStringLiteral("tpl-pending");
    static inline const QString kDisabledTemplate = QStringLiteral("tpl-disabled");

    Scenario();
    explicit Scenario(ServerProcess::Options options);

    bool start();
    const char *why() const { return m_whyUtf8.constData(); }
    ServerProcess &server() { return m_server; }
    QString orgId() const { return m_server.orgId(); }

    // Restarts `serve` on the same data (after a clean stop, or kill -9); streams have to reconnect.
    bool restartServe(bool kill9 = false);
    // Moves a chatroom's creation and last customer message `days` into the past, straight in the server's
    // SQLite file: how the tests let days pass. Restart the server afterwards to run its lifecycle job at
    // once.
    bool ageChatroom(const QString &chatroomId, double days);
    // Chatrooms aged that way: their times changed behind the consoles' backs, with no event.
    const QSet<QString> &agedChatrooms() const { return m_aged; }

    HttpClient api() const;                        // the org's API key: automation, ADMIN
    HttpClient as(const ScenarioUser &user) const; // a logged-in user
    HttpClient as(const QString &token) const;     // any token
    HttpClient simulator() const { return m_server.simulatorClient(); }

    ScenarioUser admin;      // the bootstrap ADMIN, logged in
    ScenarioUser supervisor; // SUPERVISOR
    ScenarioUser alice;      // MEMBER
    ScenarioUser bob;        // MEMBER, in the group
    ScenarioUser carol;      // MEMBER, in the group
    QString groupId;         // "Support": bob and carol

    // ---- org setup
    // Creates users (not logged in) with the given first names and role; their ids, in the given order.
    QStringList createUsers(const QStringList &firstNames, const QString &role = QStringLiteral("MEMBER"));
    QString createGroup(const QString &name, const QStringList &userIds);
    bool putSettings(const QJsonObject &settings);

    // ---- contacts and chatrooms
    QString newPhone(); // a fresh E.164 number no other contact uses
    static QString digits(const QString &e164) { return e164.startsWith(u'+') ? e164.mid(1) : e164; }
    // A contact with a fresh crm_id and phone unless `fields` give them; its id.
    QString newContact(const QJsonObject &fields = {});
    QJsonObject contact(const QString &contactId);
    HttpResult createChatroomRaw(const QString &contactId, const QJsonObject &body);
    QString createChatroom(const QString &contactId, const QJsonObject &body); // 201 expected; the id
    QString newChatroom(const QJsonObject &body);                              // with a new contact
    QJsonObject chatroom(const QString &chatroomId, const QString &token = {});
    QString phoneOf(const QString &chatroomId); // the customer's E.164 number
    // The active chatroom of a customer phone on a WABA phone (from the All view), or empty.
    QString activeChatroomOf(const QString &e164, const QString &remotePhoneId = kPhoneA);
    // Chatroom ids of a view, in list order, every page (token empty: the API key's view).
    QStringList listOrder(const QString &view, const QString &token = {});
    QJsonArray listRows(const QString &view, const QString &token = {});

    // ---- messages
    HttpResult sendTemplateRaw(const QString &chatroomId, const StmOptions &options = {});
    QJsonObject sendTemplate(const QString &chatroomId, const StmOptions &options = {}); // 201 expected
    HttpResult sendText(const QString &chatroomId, const ScenarioUser &agent, const QString &text);
    QJsonArray messages(const QString &chatroomId, const QString &token = {});
    QJsonObject message(const QString &chatroomId, const QString &messageId);
    // Waits until the server has handed the message to the simulator (it has a wa_message_id); the message.
    QJsonObject waitUntilSent(const QString &chatroomId, const QString &messageId, int timeoutMs = 10000);
    // What the simulator received for that customer, oldest first.
    QJsonArray simulatorMessages(const QString &e164);

    // ---- the customer, through the simulator (the server has stored the effect when these return)
    bool customerWrites(const QString &e164, const QString &text, const QString &remotePhoneId = kPhoneA,
                        const QString &profileName = {});
    // Taps button `index` of a template message (as returned by sendTemplate), once the server has sent it.
    bool customerTaps(const QJsonObject &templateMessage, int index);
    // Reports a delivery status for a message the business sent, through the simulator.
    bool reportStatus(const QString &waMessageId, const QString &status, const QJsonValue &error = {});

    // ---- streams
    // A stream client of `user`, connected with since 0 and synced, so its events() so far are the past.
    std::unique_ptr<StreamClient> openStream(const ScenarioUser &user);
    // A barrier: sends a silent STM into a chatroom `user` participates in (a supervisor or admin sees
    // alice's) and waits until `client` has applied its message.created. The event's seq, 0 on failure.
    qint64 sync(StreamClient &client, const ScenarioUser &user);
    // Streams of the supervisor, alice, bob and carol kept for the whole test: open them once, then take
    // mark(user) before a step and look at the events that came after it.
    bool openStreams();
    StreamClient &stream(const ScenarioUser &user);
    bool syncStreams(); // sync() on each
    // Where "after this point" starts in stream(user).events(): syncs first, so that no event of an earlier
    // step can still be on its way.
    qsizetype mark(const ScenarioUser &user);
    bool reconnectStreams(); // after restartServe(): each resumes from its lastSeq()

private:
    bool fail(const QString &message);
    bool setUpOrg();
    HttpResult check(const HttpResult &result, int status, const QString &what);
    QList<HttpResult> sendAll(const QList<QPair<QString, QJsonObject>> &posts, const QString &token);

    ServerProcess m_server;
    QByteArray m_whyUtf8;
    int m_phoneCounter = 0;
    int m_crmCounter = 0;
    QHash<QString, QString> m_markerRooms; // user id -> chatroom
    QSet<QString> m_aged;
    QHash<QString, std::shared_ptr<StreamClient>> m_streams; // user id -> stream
};

} // namespace handover::testing
