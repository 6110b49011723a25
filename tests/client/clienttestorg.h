#pragma once

#include "client/chatroomcache.h"
#include "client/consolesession.h"
#include "core/domain/chatroom.h"
#include "tests/support/serverprocess.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace handover::testing {

// A real handover-server (and simulator) with a small org set up through the HTTP API the way automation
// does it: a SUPERVISOR and a MEMBER (logged in), one WABA phone, a template without parameters
// ("tpl-plain") and one with a USER_FILL parameter ("tpl-order": "Order {{order}} is ready.").
// Helpers that can fail return an empty value or false and say why in why().
class ClientTestOrg
{
public:
    struct Account
    {
        User user;
        QString password;
        QString token;
    };

    static inline const QString kPhone = QStringLiteral("990011");
    static inline const QString kPlainTemplate = QStringLiteral("tpl-plain");
    static inline const QString kOrderTemplate = QStringLiteral("tpl-order");

    ClientTestOrg();
    bool start();
    const char *why() const { return m_why.constData(); }
    ServerProcess &server() { return m_server; }
    QUrl url() const { return m_server.url(); }
    QString orgId() const { return m_server.orgId(); }

    Account supervisor;
    Account member;

    HttpClient api() const { return m_server.client(m_server.apiKey()); }
    // A contact with a fresh phone and a chatroom assigned to `userId`; the chatroom's id.
    QString newChatroom(const QString &userId);
    QString phoneOf(const QString &chatroomId);
    // An STM through the API key (automation); the message's id. bump false: a silent one (R4s).
    QString sendTemplate(const QString &chatroomId, const QString &order = {}, bool bump = true);
    // Signs `account` in as the console does; a test cannot go on without it, so failing is fatal.
    client::SignedInUser signIn(const Account &account);
    // A console session of `account` (from the login the org made) with its cache in `dataDirectory`, started
    // and connected, its cache holding `chatroomId` when one is named; null, with why(), when it does not get
    // there within 10 s.
    std::unique_ptr<client::ConsoleSession>
    connectedSession(const Account &account, const QString &dataDirectory, const QString &chatroomId = {});
    // The customer writes through the simulator (opens the 24h window).
    bool customerWrites(const QString &chatroomId, const QString &text);
    // The customer sends anything else through the simulator: `kind` is a member of its /sim/inbound
    // ("image" with bytes_base64, "location", "reaction"...), `part` its value (docs/simulator.md). The
    // message's wamid, or empty when it did not reach the server.
    QString customerSends(const QString &chatroomId, const QString &kind, const QJsonValue &part);
    // Every page of a view as the server has it, for `token`.
    QList<Chatroom> serverChatrooms(const QString &token, View view);
    // Messages of a chatroom as the server has them (newest last; up to 200).
    QList<Message> serverMessages(const QString &chatroomId);

    // Empty when the cache holds exactly what the server shows `account` in `view`; otherwise the first
    // difference, for QVERIFY2.
    QString differenceFromServer(client::ChatroomCache &cache, const Account &account, View view);

    bool restartServe(bool kill9 = false);

private:
    bool fail(const QString &message);
    bool createAccount(Account &account, const QString &firstName, Role role);

    ServerProcess m_server;
    QByteArray m_why;
    int m_counter = 0;
};

} // namespace handover::testing
