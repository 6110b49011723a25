#include "tests/support/streamclient.h"

#include <QTest>
#include <QWebSocket>
#include <algorithm>

namespace handover::testing {

namespace {

QUrl streamUrl(const QUrl &serverUrl)
{
    QUrl url = serverUrl;
    url.setScheme(serverUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                               : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/v1/stream"));
    return url;
}

QString describe(const Event &event)
{
    return QStringLiteral("seq %1 (%2, chatroom %3)")
        .arg(event.seq)
        .arg(eventKindName(event.kind), event.chatroom.id);
}

} // namespace

StreamClient::StreamClient(const QUrl &serverUrl, QObject *parent)
    : QObject(parent)
    , m_url(streamUrl(serverUrl))
{}

StreamClient::~StreamClient()
{
    dropSocket();
}

bool StreamClient::connectTo(const QString &token, qint64 since, int timeoutMs)
{
    open(token, since);
    const int lostBefore = m_lost;
    return QTest::qWaitFor([&] { return m_welcomedNow || m_lost != lostBefore; }, timeoutMs) && m_welcomedNow;
}

void StreamClient::open(const QString &token, qint64 since)
{
    dropSocket();
    m_token = token;
    m_since = since;
    m_welcomedNow = false;
    m_closeCode = 0;
    ++m_connections;
    m_socket = std::make_unique<QWebSocket>();
    QWebSocket *socket = m_socket.get();
    socket->setMaxAllowedIncomingMessageSize(8 * 1024 * 1024);
    connect(socket, &QWebSocket::connected, this, [this, socket] {
        socket->sendTextMessage(QString::fromUtf8(
            encodeClientFrame(HelloFrame{m_token, m_since, QStringLiteral("handover-scenario-test/1")})));
    });
    connect(socket, &QWebSocket::textMessageReceived, this, &StreamClient::onText);
    connect(socket, &QWebSocket::stateChanged, this, [this, socket](QAbstractSocket::SocketState state) {
        if (state != QAbstractSocket::UnconnectedState)
            return;
        m_closeCode = int(socket->closeCode());
        m_welcomedNow = false;
        ++m_lost;
        Q_EMIT connectionLost();
    });
    socket->open(m_url);
}

void StreamClient::abort()
{
    dropSocket();
    m_welcomedNow = false;
}

void StreamClient::sendRaw(const QString &text)
{
    if (m_socket)
        m_socket->sendTextMessage(text);
}

bool StreamClient::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void StreamClient::dropSocket()
{
    if (!m_socket)
        return;
    // No frame of the old connection may arrive after this: the console has gone.
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket.release()->deleteLater();
}

void StreamClient::onText(const QString &text)
{
    Result<ServerFrame> frame = decodeServerFrame(text.toUtf8());
    if (!frame) {
        m_violations.append(QStringLiteral("a frame that does not decode (%1): %2")
                                .arg(frame.error().description, text.left(200)));
        return;
    }
    if (const auto *welcome = std::get_if<WelcomeFrame>(&*frame)) {
        m_welcome = *welcome;
        m_welcomedNow = true;
    } else if (const auto *reset = std::get_if<ResetFrame>(&*frame)) {
        m_resets.append(*reset);
        m_lastSeq = std::max(m_lastSeq, reset->headSeq);
    } else if (const auto *ping = std::get_if<PingFrame>(&*frame)) {
        if (m_answerPings && m_socket)
            m_socket->sendTextMessage(QString::fromUtf8(encodeClientFrame(PongFrame{ping->t})));
    } else {
        apply(std::get<EventFrame>(*frame));
    }
}

void StreamClient::apply(const Event &event)
{
    if (event.seq <= m_lastSeq) {
        m_violations.append(QStringLiteral("%1 arrived after seq %2: repeated or out of order")
                                .arg(describe(event))
                                .arg(m_lastSeq));
    }
    m_lastSeq = std::max(m_lastSeq, event.seq);
    m_events.append(event);
    if (event.kind != EventKind::PresenceUpdated) {
        const Chatroom &room = event.chatroom;
        if (room.id.isEmpty()) {
            m_violations.append(describe(event) + QStringLiteral(" carries no chatroom"));
        } else {
            const auto known = m_chatrooms.constFind(room.id);
            if (event.bumped && room.sortKey.bumpSeq != event.seq) {
                m_violations.append(QStringLiteral("%1 bumped, but the chatroom's bump_seq is %2")
                                        .arg(describe(event))
                                        .arg(room.sortKey.bumpSeq));
            } else if (!event.bumped && known != m_chatrooms.cend() && known->sortKey != room.sortKey) {
                m_violations.append(
                    QStringLiteral("%1 did not bump, but moved the chatroom from bump_seq %2 to %3")
                        .arg(describe(event))
                        .arg(known->sortKey.bumpSeq)
                        .arg(room.sortKey.bumpSeq));
            }
            const bool member = m_welcome && m_welcome->role == Role::Member;
            if (!member || room.hasParticipant(m_welcome->userId))
                m_chatrooms.insert(room.id, room);
            else
                m_chatrooms.remove(room.id);
        }
    }
    Q_EMIT eventApplied(event);
}

std::optional<Event> StreamClient::waitForEvent(const std::function<bool(const Event &)> &predicate,
                                                int timeoutMs, qsizetype from)
{
    qsizetype next = std::max<qsizetype>(0, from);
    std::optional<Event> found;
    const auto scan = [&] {
        if (!m_socket || m_socket->state() == QAbstractSocket::UnconnectedState)
            return true; // nothing more can come: a dead stream fails fast
        for (; next < m_events.size(); ++next) {
            if (predicate(m_events.at(next))) {
                found = m_events.at(next);
                return true;
            }
        }
        return false;
    };
    for (; next < m_events.size(); ++next) {
        if (predicate(m_events.at(next)))
            return m_events.at(next);
    }
    (void)QTest::qWaitFor(scan, timeoutMs);
    return found;
}

bool StreamClient::waitForSeq(qint64 seq, int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_lastSeq >= seq; }, timeoutMs);
}

QList<Event> StreamClient::eventsOf(const QString &chatroomId, qsizetype from) const
{
    QList<Event> found;
    for (qsizetype i = std::max<qsizetype>(0, from); i < m_events.size(); ++i) {
        if (m_events.at(i).kind != EventKind::PresenceUpdated && m_events.at(i).chatroom.id == chatroomId)
            found.append(m_events.at(i));
    }
    return found;
}

QStringList StreamClient::orderedIds() const
{
    QList<const Chatroom *> rooms;
    rooms.reserve(m_chatrooms.size());
    for (const Chatroom &room : m_chatrooms)
        rooms.append(&room);
    std::sort(rooms.begin(), rooms.end(), [](const Chatroom *a, const Chatroom *b) {
        if (a->sortKey != b->sortKey)
            return a->sortKey > b->sortKey;
        return a->id < b->id;
    });
    QStringList ids;
    for (const Chatroom *room : std::as_const(rooms))
        ids.append(room->id);
    return ids;
}

} // namespace handover::testing
