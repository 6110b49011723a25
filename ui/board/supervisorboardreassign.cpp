// The board's reassignments: what a drop or a menu choice asks for, the checks before the command goes out,
// and the news of its outcome in the message bar.
#include "client/consolesession.h"
#include "ui/board/boardcolumns.h"
#include "ui/board/boardcolumnview.h"
#include "ui/board/boardmessagebar.h"
#include "ui/board/reassigncommand.h"
#include "ui/board/supervisorboard.h"

#include <QListView>
#include <QMenu>
#include <algorithm>

namespace handover {

void SupervisorBoard::onDropped(BoardColumnModel *target, const DraggedChatrooms &dragged)
{
    if (target->isAwaitingHandover()) {
        m_messageBar->showMessage(BoardMessageBar::Kind::Failure,
                                  tr("A chatroom cannot be put back to await handover. Drop it on an agent's "
                                     "or a group's column."));
        return;
    }
    reassign(dragged, target->isGroup() ? client::Assignee::group(target->agent().groupId)
                                        : client::Assignee::user(target->agent().id));
}

bool SupervisorBoard::isWith(const ChatroomId &chatroomId, const client::Assignee &to) const
{
    // R11 leaves exactly one agent and no pending handover; that is what "done" looks like. For a group, the
    // agent the server picked (one of its members, where the board knows them).
    const Chatroom *chatroom = m_columns->chatroom(chatroomId);
    if (!chatroom || chatroom->participants.size() != 1 || chatroom->pendingHandover)
        return false;
    if (!to.groupId.isEmpty()) {
        const QList<UserId> members = m_columns->group(to.groupId).members;
        return members.isEmpty() || members.contains(chatroom->participants.first().userId);
    }
    return chatroom->hasParticipant(to.userId);
}

QString SupervisorBoard::targetName(const client::Assignee &to) const
{
    if (to.groupId.isEmpty())
        return agentName(to.userId);
    const BoardColumnView *column = m_views.value(m_columns ? m_columns->columnOfGroup(to.groupId) : nullptr);
    return column ? column->title() : to.groupId;
}

QString SupervisorBoard::refusalFor(const DraggedChatrooms &chatrooms, const client::Assignee &to) const
{
    if (!m_session || !m_columns)
        return tr("The board is not connected to a server.");
    if (chatrooms.orgId != m_columns->orgId())
        return tr("These chatrooms belong to another organization.");
    if (!to.groupId.isEmpty())
        return m_columns->columnOfGroup(to.groupId) ? QString() : tr("The board does not know this group.");
    if (!m_columns->hasUsers())
        return tr("The agents have not been loaded yet. Try again in a moment.");
    const BoardAgent agent = m_columns->agent(to.userId);
    if (!agent.known)
        return tr("%1 is not one of the organization's users.").arg(agentName(to.userId));
    if (agent.role == Role::Admin)
        return tr("Chatrooms are reassigned to agents only; %1 is an administrator.").arg(agent.name);
    if (agent.role == Role::Supervisor)
        return tr("Chatrooms are reassigned to agents only; %1 is a supervisor.").arg(agent.name);
    return {};
}

void SupervisorBoard::reassign(const DraggedChatrooms &chatrooms, const client::Assignee &to)
{
    if (const QString refusal = refusalFor(chatrooms, to); !refusal.isEmpty()) {
        m_messageBar->showMessage(BoardMessageBar::Kind::Failure, refusal);
        return;
    }
    int sent = 0;
    ChatroomId lastSent;
    m_undoable.clear();
    for (const ChatroomId &id : chatrooms.chatroomIds) {
        if (to.groupId.isEmpty() && isWith(id, to))
            continue; // nothing would change (R11)
        // Undo puts it back with the one agent it was with; one awaiting handover cannot go back there.
        const Chatroom *before = m_columns->chatroom(id);
        if (before && before->participants.size() == 1 && !before->pendingHandover)
            m_undoable.append({id, before->participants.first().userId});
        m_expected.insert(id, to);
        m_command->reassign(id, to);
        lastSent = id;
        ++sent;
    }
    if (sent == 0) {
        m_messageBar->showMessage(BoardMessageBar::Kind::Done,
                                  chatrooms.chatroomIds.size() == 1
                                      ? tr("“%1” is already with %2.")
                                            .arg(chatroomName(chatrooms.chatroomIds.first()), targetName(to))
                                      : tr("These chatrooms are already with %1.").arg(targetName(to)));
        return;
    }
    m_messageBar->showMessage(
        BoardMessageBar::Kind::Progress,
        sent == 1 ? tr("Reassigning “%1” to %2…").arg(chatroomName(lastSent), targetName(to))
                  : tr("Reassigning %n chatroom(s) to %1…", nullptr, sent).arg(targetName(to)));
}

void SupervisorBoard::onAccepted(const QString &chatroomId)
{
    // The stream may have brought the events before the HTTP answer.
    checkArrived(chatroomId);
}

void SupervisorBoard::onRefused(const QString &chatroomId, const QString &reason)
{
    const client::Assignee to = m_expected.take(chatroomId);
    m_undoable.clear(); // not all of it landed: nothing to undo as a whole
    m_messageBar->showMessage(
        BoardMessageBar::Kind::Failure,
        tr("“%1” could not be reassigned to %2: %3").arg(chatroomName(chatroomId), targetName(to), reason));
}

void SupervisorBoard::checkArrived(const ChatroomId &chatroomId)
{
    const auto expected = m_expected.constFind(chatroomId);
    if (expected == m_expected.cend() || !isWith(chatroomId, *expected))
        return;
    m_expected.erase(expected);
    // A failure stays on screen until read; the news of a success only replaces news of progress.
    if (!m_expected.isEmpty() || m_messageBar->kind() == BoardMessageBar::Kind::Failure)
        return;
    const Chatroom *chatroom = m_columns->chatroom(chatroomId);
    const QString agent = chatroom ? agentName(chatroom->participants.first().userId) : QString();
    m_messageBar->showMessage(BoardMessageBar::Kind::Done,
                              tr("“%1” is now with %2.").arg(chatroomName(chatroomId), agent));
    if (!m_undoable.isEmpty())
        m_messageBar->offerAction(tr("Undo"), m_undoMs);
}

bool SupervisorBoard::isUndoOffered() const
{
    return m_messageBar->isActionOffered();
}

void SupervisorBoard::undo()
{
    if (!m_session || m_undoable.isEmpty())
        return;
    // Through the outbox: durable and sent again until the server answers, as any command of the user's.
    const QList<std::pair<ChatroomId, UserId>> back = std::exchange(m_undoable, {});
    m_messageBar->showMessage(BoardMessageBar::Kind::Progress,
                              back.size() == 1
                                  ? tr("Putting “%1” back with %2…")
                                        .arg(chatroomName(back.first().first), agentName(back.first().second))
                                  : tr("Putting %n chatroom(s) back…", nullptr, int(back.size())));
    for (const auto &[chatroomId, userId] : back) {
        const Result<client::OutboxItem> queued =
            m_session->outbox().enqueueReassign(chatroomId, client::Assignee::user(userId));
        if (!queued) {
            m_messageBar->showMessage(BoardMessageBar::Kind::Failure,
                                      tr("“%1” could not be put back: %2")
                                          .arg(chatroomName(chatroomId), queued.error().description));
            continue;
        }
        m_undoItems.insert(queued->localId, chatroomId);
        m_expected.insert(chatroomId, client::Assignee::user(userId));
    }
}

void SupervisorBoard::onOutboxItem(qint64 localId, client::OutboxState state)
{
    const auto undo = m_undoItems.constFind(localId);
    if (undo == m_undoItems.cend() || state == client::OutboxState::Pending)
        return;
    const ChatroomId chatroomId = *undo;
    m_undoItems.erase(undo);
    if (state == client::OutboxState::Sent) {
        checkArrived(chatroomId);
        return;
    }
    m_expected.remove(chatroomId);
    const auto item = m_session->outbox().item(localId);
    const QString reason =
        item && item->has_value() && (*item)->failure ? (*item)->failure->message() : QString();
    m_messageBar->showMessage(BoardMessageBar::Kind::Failure,
                              tr("“%1” could not be put back: %2").arg(chatroomName(chatroomId), reason));
}

QMenu *SupervisorBoard::fillReassignMenu(QMenu *menu, const QStringList &chatroomIds)
{
    menu->setObjectName(QStringLiteral("boardReassignMenu"));
    menu->setTitle(tr("Reassign to"));
    menu->setAccessibleName(tr("Reassign to"));
    const QList<BoardAgent> agents = m_columns->reassignTargets();
    if (agents.isEmpty()) {
        menu->addAction(tr("No agents"))->setEnabled(false);
        return menu;
    }
    const DraggedChatrooms chosen{m_columns->orgId(), chatroomIds};
    for (const BoardAgent &agent : agents) {
        const client::Assignee to =
            agent.isGroup() ? client::Assignee::group(agent.groupId) : client::Assignee::user(agent.id);
        QAction *action = menu->addAction(agent.isGroup() ? tr("%1 (group)").arg(targetName(to))
                                          : agent.online  ? tr("%1 (online)").arg(agent.name)
                                                          : agent.name);
        action->setData(agent.isGroup() ? agent.groupId : agent.id);
        action->setEnabled(agent.isGroup() ||
                           !std::all_of(chatroomIds.cbegin(), chatroomIds.cend(),
                                        [&](const ChatroomId &id) { return isWith(id, to); }));
        connect(action, &QAction::triggered, this, [this, chosen, to] {
            if (m_menu)
                m_menu->close();
            reassign(chosen, to);
        });
    }
    return menu;
}

QMenu *SupervisorBoard::popUp(QMenu *menu, BoardColumnView *column, const QPoint &position)
{
    if (m_menu)
        m_menu->close();
    m_menu = menu;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    // popup(), not exec(): the board keeps running (and its events keep arriving) while the menu is open.
    menu->popup(column->list()->viewport()->mapToGlobal(position));
    return menu;
}

void SupervisorBoard::showCardMenu(BoardColumnView *column, const QPoint &position)
{
    const QModelIndex card = column->list()->indexAt(position);
    if (!card.isValid())
        return;
    if (!column->list()->selectionModel()->isSelected(card))
        column->list()->setCurrentIndex(card);
    const QStringList ids = selectedChatrooms(column);
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("boardCardMenu"));
    QAction *open = menu->addAction(tr("Open"));
    const QString openId = card.data(ChatroomIdRole).toString();
    connect(open, &QAction::triggered, this, [this, openId] { Q_EMIT chatroomActivated(openId); });
    menu->addMenu(fillReassignMenu(new QMenu(menu), ids));
    popUp(menu, column, position);
}

QMenu *SupervisorBoard::openReassignMenu()
{
    if (!m_columns)
        return nullptr;
    BoardColumnView *column = focusedColumn();
    if (!column)
        return nullptr;
    const QStringList ids = selectedChatrooms(column);
    if (ids.isEmpty())
        return nullptr;
    QListView *list = column->list();
    const QModelIndex current = list->currentIndex().isValid()
                                    ? list->currentIndex()
                                    : list->selectionModel()->selectedRows().value(0);
    list->scrollTo(current);
    const QRect card = list->visualRect(current);
    return popUp(fillReassignMenu(new QMenu(this), ids), column, card.isValid() ? card.center() : QPoint());
}

} // namespace handover
