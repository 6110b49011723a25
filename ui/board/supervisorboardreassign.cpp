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
        m_messageBar->showMessage(
            BoardMessageBar::Kind::Failure,
            tr("A chatroom cannot be put back to await handover. Drop it on an agent's column."));
        return;
    }
    reassign(dragged, target->agent().id);
}

bool SupervisorBoard::isWith(const ChatroomId &chatroomId, const UserId &userId) const
{
    // R11 leaves exactly the new agent and no pending handover; that is what "done" looks like.
    const Chatroom *chatroom = m_columns->chatroom(chatroomId);
    return chatroom && chatroom->participants.size() == 1 && chatroom->hasParticipant(userId) &&
           !chatroom->pendingHandover;
}

QString SupervisorBoard::refusalFor(const DraggedChatrooms &chatrooms, const UserId &to) const
{
    if (!m_session || !m_columns)
        return tr("The board is not connected to a server.");
    if (chatrooms.orgId != m_columns->orgId())
        return tr("These chatrooms belong to another organization.");
    if (!m_columns->hasUsers())
        return tr("The agents have not been loaded yet. Try again in a moment.");
    const BoardAgent agent = m_columns->agent(to);
    if (!agent.known)
        return tr("%1 is not one of the organization's users.").arg(agentName(to));
    if (agent.role == Role::Admin)
        return tr("Chatrooms are reassigned to agents only; %1 is an administrator.").arg(agent.name);
    if (agent.role == Role::Supervisor)
        return tr("Chatrooms are reassigned to agents only; %1 is a supervisor.").arg(agent.name);
    return {};
}

void SupervisorBoard::reassign(const DraggedChatrooms &chatrooms, const UserId &to)
{
    if (const QString refusal = refusalFor(chatrooms, to); !refusal.isEmpty()) {
        m_messageBar->showMessage(BoardMessageBar::Kind::Failure, refusal);
        return;
    }
    int sent = 0;
    ChatroomId lastSent;
    for (const ChatroomId &id : chatrooms.chatroomIds) {
        if (isWith(id, to))
            continue; // nothing would change (R11)
        m_expected.insert(id, to);
        m_command->reassign(id, to);
        lastSent = id;
        ++sent;
    }
    if (sent == 0) {
        m_messageBar->showMessage(BoardMessageBar::Kind::Done,
                                  chatrooms.chatroomIds.size() == 1
                                      ? tr("“%1” is already with %2.")
                                            .arg(chatroomName(chatrooms.chatroomIds.first()), agentName(to))
                                      : tr("These chatrooms are already with %1.").arg(agentName(to)));
        return;
    }
    m_messageBar->showMessage(
        BoardMessageBar::Kind::Progress,
        sent == 1 ? tr("Reassigning “%1” to %2…").arg(chatroomName(lastSent), agentName(to))
                  : tr("Reassigning %n chatroom(s) to %1…", nullptr, sent).arg(agentName(to)));
}

void SupervisorBoard::onAccepted(const QString &chatroomId, const QString & /*to*/)
{
    // The stream may have brought the events before the HTTP answer.
    checkArrived(chatroomId);
}

void SupervisorBoard::onRefused(const QString &chatroomId, const QString &to, const QString &reason)
{
    m_expected.remove(chatroomId);
    m_messageBar->showMessage(
        BoardMessageBar::Kind::Failure,
        tr("“%1” could not be reassigned to %2: %3").arg(chatroomName(chatroomId), agentName(to), reason));
}

void SupervisorBoard::checkArrived(const ChatroomId &chatroomId)
{
    const auto expected = m_expected.constFind(chatroomId);
    if (expected == m_expected.cend() || !isWith(chatroomId, *expected))
        return;
    const UserId to = *expected;
    m_expected.erase(expected);
    // A failure stays on screen until read; the news of a success only replaces news of progress.
    if (m_expected.isEmpty() && m_messageBar->kind() != BoardMessageBar::Kind::Failure)
        m_messageBar->showMessage(BoardMessageBar::Kind::Done,
                                  tr("“%1” is now with %2.").arg(chatroomName(chatroomId), agentName(to)));
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
        QAction *action = menu->addAction(agent.online ? tr("%1 (online)").arg(agent.name) : agent.name);
        action->setData(agent.id);
        action->setEnabled(!std::all_of(chatroomIds.cbegin(), chatroomIds.cend(),
                                        [&](const ChatroomId &id) { return isWith(id, agent.id); }));
        connect(action, &QAction::triggered, this, [this, chosen, to = agent.id] {
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
