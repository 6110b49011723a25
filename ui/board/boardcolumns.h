#pragma once

#include "client/apitypes.h"
#include "ui/board/boardcolumnmodel.h"

#include <QHash>
#include <QObject>
#include <vector>

namespace handover {

// What the supervisor board shows, without widgets: every chatroom of the org once, and the columns over
// them: "Awaiting handover" first, then one per group (those the console was told of, and any group an open
// chatroom awaits), then one per agent (every MEMBER, and any other user while they hold open chatrooms),
// agents before other roles, each kind by name.
//
// Events are routed, not replayed: a chatroom's change reaches only the columns it was in or is now in
// (its old and new participants, and Awaiting handover when it was or is pending), and a batch touches each
// chatroom once, with its last state (every event carries the chatroom as it is after it). Presence events
// change a column's header, nothing else.
class BoardColumns : public QObject
{
    Q_OBJECT

public:
    explicit BoardColumns(OrgId orgId, QObject *parent = nullptr);
    ~BoardColumns() override;

    const OrgId &orgId() const { return m_orgId; }

    // GET users: names, roles and presence; a column for every MEMBER.
    void setUsers(const QList<client::UserSummary> &users);
    bool hasUsers() const { return m_hasUsers; }
    // Groups the console knows by name (the API lists none): a column each, to drop chatrooms on.
    void setGroups(const QList<Group> &groups);
    // Every chatroom again (cold start, or after the cache was reloaded): one reset per column.
    void resetWith(const QList<Chatroom> &chatrooms);
    void applyEvents(const QList<Event> &events);

    int columnCount() const { return int(m_columns.size()); }
    BoardColumnModel *column(int index) const; // nullptr outside [0, columnCount())
    BoardColumnModel *awaitingHandover() const { return m_columns.front(); }
    BoardColumnModel *columnOf(const UserId &userId) const; // nullptr when the user has no column
    BoardColumnModel *columnOfGroup(const GroupId &groupId) const;
    int indexOf(const BoardColumnModel *column) const; // -1 if not one of these
    const Chatroom *chatroom(const ChatroomId &id) const;
    qsizetype chatroomCount() const { return m_chatrooms.size(); }
    // Whom chatrooms can be reassigned to: the groups, then the MEMBERs of the users list, in column order.
    QList<BoardAgent> reassignTargets() const;
    BoardAgent group(const GroupId &groupId) const; // a bare id when the board does not know it
    // The user as far as the board knows them (a bare id when it does not).
    BoardAgent agent(const UserId &userId) const;

Q_SIGNALS:
    void columnInserted(int index);
    // The columns are the same set in another order (names came in).
    void columnsReordered();
    // A chatroom names a participant the users list does not have (a user created since): time to reload it.
    void unknownUserSeen(const QString &userId);

private:
    BoardColumnModel *columnFor(const UserId &userId); // creates the column when missing
    BoardColumnModel *columnForGroup(const GroupId &groupId);
    void insertColumn(BoardColumnModel *column);
    void updateAgent(const BoardAgent &agent);
    void sortColumns();
    static bool comesBefore(const BoardColumnModel *a, const BoardColumnModel *b);

    const OrgId m_orgId;
    QHash<ChatroomId, Chatroom> m_chatrooms;   // the one copy the columns read
    QHash<UserId, BoardAgent> m_agents;        // known users, and ids seen in presence or participants
    std::vector<BoardColumnModel *> m_columns; // owned (children); [0] is Awaiting handover
    QHash<UserId, BoardColumnModel *> m_columnOfUser;
    QHash<GroupId, BoardAgent> m_groups;
    QHash<GroupId, BoardColumnModel *> m_columnOfGroup;
    bool m_hasUsers = false;
};

} // namespace handover
