#pragma once

#include "core/domain/event.h"
#include "core/domain/org.h"
#include "ui/board/boardmime.h"
#include "ui/chatroomlist/chatroomrowsmodel.h"

#include <QHash>

namespace handover {

// Whom a column of the supervisor board shows: an agent, a group, or (neither) the chatrooms awaiting
// handover.
struct BoardAgent
{
    UserId id;    // the agent; empty for a group and for the Awaiting handover column
    QString name; // "First Last", or the group's name; until someone names them, empty
    Role role = Role::Member;
    bool known = false; // the users list has them (so the role is theirs, not a default)
    bool online = false;
    GroupId groupId;       // a group's column: a drop hands the chatroom to one of its agents (R21)
    QList<UserId> members; // the group's agents, where known
    bool isGroup() const { return !groupId.isEmpty(); }
    friend bool operator==(const BoardAgent &, const BoardAgent &) = default;
};

// One column of the supervisor board: the open chatrooms an agent participates in, those awaiting handover to
// a group, or the others awaiting handover (chatroomInView(AwaitingHandover), those to an agent), in the
// order of R20; closed ones (R12) are on no column; as a list model over a ChatroomIndex. The chatrooms
// themselves live once, in the board's shared table; a column keeps only its ids and keys, so a change of one
// chatroom costs O(log n) in each column it enters, leaves or stays in, and nothing elsewhere.
//
// Cards drag out as ids (boardmime.h). A drop never changes the column: it is announced through
// chatroomsDropped() for the board to send the reassign command, and the rows change when the events of the
// reassignment arrive (STYLE.md point 6).
class BoardColumnModel final : public ChatroomRowsModel
{
    Q_OBJECT

public:
    // `chatrooms` is the board's table and must outlive the model.
    BoardColumnModel(const QHash<ChatroomId, Chatroom> &chatrooms, OrgId orgId, BoardAgent agent,
                     QObject *parent = nullptr);
    ~BoardColumnModel() override;

    bool isAwaitingHandover() const { return m_agent.id.isEmpty() && !m_agent.isGroup(); }
    bool isGroup() const { return m_agent.isGroup(); }
    const BoardAgent &agent() const { return m_agent; }
    void setAgent(const BoardAgent &agent); // announces agentChanged() when something differs
    bool holds(const Chatroom &chatroom) const;

    // Brings one chatroom's row in line with the table after the chatroom changed there: enters, leaves,
    // moves (its key changed) or repaints.
    void follow(const ChatroomId &id);
    // Every row again from the table: one reset.
    void reload();

    const Chatroom *chatroom(const ChatroomId &id) const override;
    UserId viewerId() const override { return m_agent.id; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    void agentChanged();
    // Cards were dropped on this column: the board decides whether and how to reassign them.
    void chatroomsDropped(const handover::DraggedChatrooms &dragged);

private:
    const QHash<ChatroomId, Chatroom> &m_chatrooms;
    const OrgId m_orgId;
    BoardAgent m_agent;
};

} // namespace handover
