#include "ui/board/boardcolumns.h"

#include <QVarLengthArray>
#include <algorithm>

namespace handover {

BoardColumns::BoardColumns(OrgId orgId, QObject *parent)
    : QObject(parent)
    , m_orgId(std::move(orgId))
{
    m_columns.push_back(new BoardColumnModel(m_chatrooms, m_orgId, BoardAgent{}, this));
}

BoardColumns::~BoardColumns() = default;

BoardColumnModel *BoardColumns::column(int index) const
{
    return index >= 0 && index < columnCount() ? m_columns[size_t(index)] : nullptr;
}

BoardColumnModel *BoardColumns::columnOf(const UserId &userId) const
{
    return m_columnOfUser.value(userId, nullptr);
}

int BoardColumns::indexOf(const BoardColumnModel *column) const
{
    const auto found = std::find(m_columns.cbegin(), m_columns.cend(), column);
    return found == m_columns.cend() ? -1 : int(found - m_columns.cbegin());
}

const Chatroom *BoardColumns::chatroom(const ChatroomId &id) const
{
    const auto found = m_chatrooms.constFind(id);
    return found == m_chatrooms.cend() ? nullptr : &*found;
}

BoardAgent BoardColumns::agent(const UserId &userId) const
{
    return m_agents.value(userId, BoardAgent{userId, {}, Role::Member, false, false});
}

QList<BoardAgent> BoardColumns::reassignTargets() const
{
    QList<BoardAgent> targets;
    for (const BoardColumnModel *column : m_columns) {
        if (column->agent().known && column->agent().role == Role::Member)
            targets.append(column->agent());
    }
    return targets;
}

void BoardColumns::setUsers(const QList<client::UserSummary> &users)
{
    m_hasUsers = true;
    for (const client::UserSummary &summary : users) {
        const User &user = summary.user;
        const QString name = QStringList{user.firstName, user.lastName}.join(QLatin1Char(' ')).trimmed();
        updateAgent(BoardAgent{user.id, name.isEmpty() ? user.email : name, user.role, true, summary.online});
        if (user.role == Role::Member)
            columnFor(user.id);
    }
    sortColumns();
}

void BoardColumns::updateAgent(const BoardAgent &agent)
{
    m_agents.insert(agent.id, agent);
    if (BoardColumnModel *column = columnOf(agent.id))
        column->setAgent(agent);
}

BoardColumnModel *BoardColumns::columnFor(const UserId &userId)
{
    if (BoardColumnModel *existing = columnOf(userId))
        return existing;
    const auto known = m_agents.constFind(userId);
    if (known == m_agents.cend() || !known->known) {
        if (known == m_agents.cend())
            m_agents.insert(userId, agent(userId));
        if (m_hasUsers)
            Q_EMIT unknownUserSeen(userId);
    }
    auto *column = new BoardColumnModel(m_chatrooms, m_orgId, m_agents.value(userId), this);
    // The first column of its user: whatever the table already holds for them is read once.
    column->reload();
    const auto place = std::upper_bound(m_columns.begin() + 1, m_columns.end(), column, comesBefore);
    const int index = int(place - m_columns.begin());
    m_columns.insert(place, column);
    m_columnOfUser.insert(userId, column);
    Q_EMIT columnInserted(index);
    return column;
}

bool BoardColumns::comesBefore(const BoardColumnModel *a, const BoardColumnModel *b)
{
    const BoardAgent &x = a->agent();
    const BoardAgent &y = b->agent();
    const auto rank = [](const BoardAgent &agent) { return agent.role == Role::Member ? 0 : 1; };
    if (rank(x) != rank(y))
        return rank(x) < rank(y);
    // Unknown users (no name yet) go last, by id.
    if (x.name.isEmpty() != y.name.isEmpty())
        return y.name.isEmpty();
    if (const int byName = x.name.compare(y.name, Qt::CaseInsensitive); byName != 0)
        return byName < 0;
    return x.id < y.id;
}

void BoardColumns::sortColumns()
{
    if (std::is_sorted(m_columns.begin() + 1, m_columns.end(), comesBefore))
        return;
    std::stable_sort(m_columns.begin() + 1, m_columns.end(), comesBefore);
    Q_EMIT columnsReordered();
}

void BoardColumns::resetWith(const QList<Chatroom> &chatrooms)
{
    m_chatrooms.clear();
    m_chatrooms.reserve(chatrooms.size());
    for (const Chatroom &chatroom : chatrooms)
        m_chatrooms.insert(chatroom.id, chatroom);
    // Existing columns first, so a column made below for a new participant is not read twice.
    for (BoardColumnModel *column : m_columns)
        column->reload();
    for (const Chatroom &chatroom : std::as_const(m_chatrooms)) {
        if (!chatroom.isActive())
            continue; // a user who only has closed chatrooms gets no column for them
        for (const Participant &participant : chatroom.participants)
            columnFor(participant.userId);
    }
}

void BoardColumns::applyEvents(const QList<Event> &events)
{
    // Each chatroom once, with its state after the batch's last event about it.
    QHash<ChatroomId, const Chatroom *> latest;
    QList<ChatroomId> changed;
    for (const Event &event : events) {
        if (event.kind == EventKind::PresenceUpdated) {
            BoardAgent who = agent(event.userId);
            who.online = event.online;
            updateAgent(who);
            continue;
        }
        if (!latest.contains(event.chatroom.id))
            changed.append(event.chatroom.id);
        latest.insert(event.chatroom.id, &event.chatroom);
    }
    for (const ChatroomId &id : std::as_const(changed)) {
        const Chatroom &now = *latest.value(id);
        QVarLengthArray<UserId, 4> users;
        bool awaiting = now.pendingHandover.has_value();
        if (const Chatroom *before = chatroom(id)) {
            for (const Participant &p : before->participants)
                users.append(p.userId);
            awaiting = awaiting || before->pendingHandover.has_value();
        }
        for (const Participant &p : now.participants) {
            if (!users.contains(p.userId))
                users.append(p.userId);
        }
        m_chatrooms.insert(id, now);
        for (const UserId &user : users) {
            if (BoardColumnModel *column = now.isActive() ? columnFor(user) : columnOf(user))
                column->follow(id);
        }
        if (awaiting)
            awaitingHandover()->follow(id);
    }
}

} // namespace handover
