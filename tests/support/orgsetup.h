#pragma once

#include "tests/support/serverprocess.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace handover::testing {

// A user of a test org, logged in.
struct OrgUser
{
    QString id;
    QString email;
    QString token; // session token from POST /v1/auth/login
};

// One org of the running server, filled through the HTTP API by OrgSetup::populate().
struct TestOrg
{
    QString name;
    QString tag; // keeps this org's emails, phones and remote ids apart from other orgs'
    QString orgId;
    QString apiKey; // ADMIN, from `init`
    QString adminPassword;
    QString supervisorKey; // API key, SUPERVISOR
    QString memberKey;     // API key, MEMBER
    OrgUser admin;         // from `init`
    OrgUser supervisor;
    OrgUser alice;   // MEMBER, sole participant of aliceRoom and spareRoom
    OrgUser bob;     // MEMBER, sole participant of bobRoom
    QString groupId; // alice and bob
    QString wabaId;
    QString phoneId;       // remote_phone_id, numeric and unique on the server
    QString phoneToken;    // access_token the phone is registered with; empty: the server-wide token
    QString templateId;    // "tpl-buttons" in every org: APPROVED, no params, quick replies "Yes" and "No"
    QString ownTemplateId; // a template only this org has
    QString aliceContactId;
    QString alicePhone; // E.164
    QString bobContactId;
    QString bobPhone;
    QString spareContactId;
    QString sparePhone;
    QString aliceRoom;  // the customer wrote, so the 24h window is open
    QString bobRoom;    // the customer wrote too
    QString spareRoom;  // alice's; no customer message
    QString deliveryId; // set by createDelivery()
};

// Sets up orgs on a ServerProcess through `handover-server init` and the HTTP API, and plays the customer's
// side by posting Meta webhooks signed with the server's app secret. Helpers that can fail return an empty
// value or false and say why in why().
class OrgSetup
{
public:
    static inline const QString kPassword = QStringLiteral("correct-horse-battery");

    explicit OrgSetup(ServerProcess &server)
        : m_server(server)
    {}

    // The org ServerProcess::start() made.
    TestOrg bootstrapOrg() const;
    // Runs `handover-server init` for another org on the server's data dir; works while `serve` runs. With
    // more than one org a WABA phone needs an access token that the Graph API confirms, so the org registers
    // its phone with the simulator's open token (the server needs its simulator for that).
    std::optional<TestOrg> initOrg(const QString &name);
    // Users of every role (logged in), API keys of every role, a group, a WABA phone, templates, contacts and
    // chatrooms; see TestOrg.
    bool populate(TestOrg &org);
    // Configures the org webhook and makes one delivery: an STM with relay_response into spareRoom, tapped.
    bool createDelivery(TestOrg &org);

    // ---- single steps
    QString login(const QString &email, const QString &password = kPassword);
    QString createUser(const TestOrg &org, const QString &email, const QString &role);
    QString createApiKey(const TestOrg &org, const QString &role);
    QString createContact(const TestOrg &org, const QString &phone, const QString &crmId = {});
    QString createChatroom(const TestOrg &org, const QString &contactId, const QJsonObject &body);
    QString newPhone(); // an E.164 number no other call of this process has returned

    // ---- the customer, through signed Meta webhooks (stored when these return true)
    bool customerWrites(const TestOrg &org, const QString &phone, const QString &text);
    bool customerTaps(const TestOrg &org, const QString &phone, const QJsonObject &templateMessage,
                      int index);
    static QByteArray metaTextEnvelope(const QString &phoneNumberId, const QString &phone,
                                       const QString &text);
    static QByteArray metaSignature(const QByteArray &body, const QString &secret);
    HttpResult postMetaWebhook(const QByteArray &body, const QByteArray &signatureHeader);

    const char *why() const { return m_why.constData(); }

private:
    bool fail(const QString &what, const HttpResult &result);
    bool fail(const QString &what);
    bool postSigned(const QByteArray &body);

    ServerProcess &m_server;
    QByteArray m_why;
};

// Why an answer is not the error of API.md it should be: exactly {error_code, error_message,
// error_description, payload}, the status from the code's first three digits, a JSON content type, a request
// id. Empty when it is.
QString errorShapeProblem(const HttpResult &result, int errorCode);
// The error_message API.md gives a code ("" for a code it does not list).
QString errorMessageOf(int errorCode);
// "HTTP 404 {...}" or "no answer: ..." for failure messages.
QString describeResult(const HttpResult &result);

} // namespace handover::testing
