#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace handover::bench {

class ConnectionPool;
class ServerUnderTest;

// The org a load runs against: a WABA phone, a template with an AUTO_FILL and a USER_FILL parameter and a
// quick reply, a MEMBER agent, and one chatroom per contact, assigned to the agent.
struct BenchOrg
{
    QString templateId = QStringLiteral("bench_order_update");
    QStringList chatroomIds;
    QString supervisorToken; // set by addSupervisor()
};

// Sets the org up over the API of `server`; false (and a line on stderr) if a request failed.
bool setUpOrg(ConnectionPool &pool, const ServerUnderTest &server, int chatrooms, BenchOrg *org);
// A SUPERVISOR user and a session of theirs (POST /v1/auth/login): supervisors see every event.
bool addSupervisor(ConnectionPool &pool, const ServerUnderTest &server, BenchOrg *org);
// One STM request per chatroom, with the org's API key, ready to send.
QList<QByteArray> stmRequests(const ServerUnderTest &server, const BenchOrg &org);

} // namespace handover::bench
