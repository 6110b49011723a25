#include "server/sync/synchub.h"

#include "core/json/syncframes.h"
#include "core/logging.h"
#include "server/sync/streamconnection.h"

#include <QWebSocket>
#include <optional>

namespace handover {

SyncHub::SyncHub(const Clock &clock, StreamBackend &backend, SyncHubOptions options, QObject *parent)
    : QObject(parent)
    , m_context(std::make_unique<StreamContext>(StreamContext{clock, backend, options}))
{
    m_pingTimer.setInterval(std::max(1, options.pingIntervalMs));
    connect(&m_pingTimer, &QTimer::timeout, this, &SyncHub::pingAll);
}

SyncHub::~SyncHub()
{
    // Connections are our children; they close their sockets with 1001 as they go. No presence changes are
    // announced for a hub that is shutting down.
    const QList<StreamConnection *> connections = m_connections;
    for (StreamConnection *connection : connections) {
        connection->disconnect(this);
        delete connection;
    }
}

void SyncHub::accept(std::unique_ptr<QWebSocket> socket)
{
    if (!socket)
        return;
    auto *connection = new StreamConnection(*m_context, std::move(socket), this);
    m_connections.append(connection);
    connect(connection, &StreamConnection::welcomed, this, &SyncHub::onWelcomed);
    connect(connection, &StreamConnection::finished, this, &SyncHub::onFinished);
    if (!m_pingTimer.isActive())
        m_pingTimer.start();
    connection->start();
}

void SyncHub::publish(const OrgId &orgId, const QList<Event> &events)
{
    const auto found = m_welcomed.constFind(orgId);
    if (found == m_welcomed.cend() || found->isEmpty())
        return;
    // A copy: a write may end a connection, which leaves the registry while we iterate.
    const QList<StreamConnection *> targets = *found;
    for (const Event &event : events) {
        if (!event.chatroom.orgId.isEmpty() && event.chatroom.orgId != orgId) {
            qCWarning(lcSync) << "stream: event" << event.seq << "of org" << event.chatroom.orgId
                              << "published to org" << orgId << "- dropped";
            continue;
        }
        std::optional<OutFrame> frame; // encoded once, on the first connection that takes the event
        for (StreamConnection *connection : targets) {
            if (!connection->accepts(event))
                continue;
            if (!frame)
                frame = makeOutFrame(encodeEvent(event));
            connection->deliver(*frame);
        }
    }
}

int SyncHub::disconnectUser(const OrgId &orgId, const UserId &userId)
{
    return disconnectWhere(orgId, [&](const StreamPrincipal &who) { return who.userId == userId; });
}

int SyncHub::disconnectSession(const OrgId &orgId, const QString &sessionHash)
{
    if (sessionHash.isEmpty())
        return 0;
    return disconnectWhere(orgId, [&](const StreamPrincipal &who) { return who.sessionHash == sessionHash; });
}

int SyncHub::disconnectWhere(const OrgId &orgId, const std::function<bool(const StreamPrincipal &)> &ended)
{
    // A copy: closing leaves the registry while we iterate.
    const QList<StreamConnection *> connections = m_welcomed.value(orgId);
    int closed = 0;
    for (StreamConnection *connection : connections) {
        if (!ended(connection->principal()))
            continue;
        connection->closeWith(streamclose::kUnauthenticated, QStringLiteral("session ended"));
        ++closed;
    }
    return closed;
}

void SyncHub::closeAll()
{
    const QList<StreamConnection *> connections = m_connections; // closing may finish one while we iterate
    for (StreamConnection *connection : connections)
        connection->closeWith(streamclose::kGoingAway, QStringLiteral("server shutting down"));
}

int SyncHub::connectionCount() const
{
    return int(m_connections.size());
}

QList<UserId> SyncHub::onlineUsers(const OrgId &orgId) const
{
    return m_online.value(orgId).keys();
}

bool SyncHub::isOnline(const OrgId &orgId, const UserId &userId) const
{
    return m_online.value(orgId).value(userId) > 0;
}

quint64 SyncHub::framesSent() const
{
    return m_context->framesSent;
}

qint64 SyncHub::queuedBytes() const
{
    qint64 total = 0;
    for (const StreamConnection *connection : m_connections)
        total += connection->queuedBytes();
    return total;
}

quint64 SyncHub::overflowCount() const
{
    return m_context->overflows;
}

void SyncHub::onWelcomed(StreamConnection *connection)
{
    const StreamPrincipal &who = connection->principal();
    m_welcomed[who.orgId].append(connection);
    int &count = m_online[who.orgId][who.userId];
    ++count;
    qCDebug(lcSync) << "stream: welcomed" << who.userId << "of" << who.orgId;
    if (count == 1)
        Q_EMIT presenceChanged(who.orgId, who.userId, true);
}

void SyncHub::onFinished(StreamConnection *connection)
{
    m_connections.removeOne(connection);
    if (m_connections.isEmpty())
        m_pingTimer.stop();

    const StreamPrincipal &who = connection->principal();
    auto orgConnections = m_welcomed.find(who.orgId);
    if (orgConnections == m_welcomed.end() || !orgConnections->removeOne(connection))
        return; // never welcomed
    if (orgConnections->isEmpty())
        m_welcomed.erase(orgConnections);

    auto orgOnline = m_online.find(who.orgId);
    if (orgOnline == m_online.end())
        return;
    auto count = orgOnline->find(who.userId);
    if (count == orgOnline->end() || --*count > 0)
        return;
    orgOnline->erase(count);
    if (orgOnline->isEmpty())
        m_online.erase(orgOnline);
    const OrgId orgId = who.orgId;
    const UserId userId = who.userId;
    Q_EMIT presenceChanged(orgId, userId, false);
}

void SyncHub::pingAll()
{
    const QList<StreamConnection *> connections = m_connections;
    for (StreamConnection *connection : connections)
        connection->sendPing();
}

} // namespace handover
