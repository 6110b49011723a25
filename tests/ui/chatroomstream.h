#pragma once

#include "core/domain/event.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <random>

namespace handover {

// A small org whose chatrooms change the way the server's events change them: customer messages and
// bumping templates (R4, R9), silent templates (R4s), statuses (R14), reads (R15), reassignments with their
// unassigned events (R11), handovers (R8), new chatrooms with an agent or awaiting handover (R1, R2),
// deactivation (R12) and renames (R16). Each action returns the events a console would receive, each with
// the chatroom as it is after the event. Deterministic for a seed.
class ChatroomStream
{
public:
    explicit ChatroomStream(quint64 seed, int agents = 3);

    static UserId agent(int number); // "agent-1", ...
    static UserId supervisor();

    // The cold start: `count` chatrooms with keys spread over the last 30 days.
    QList<Chatroom> start(int count);
    // One random action.
    QList<Event> next();

    QList<Event> customerMessage(const ChatroomId &id); // R9: bumps
    QList<Event> botTemplate(const ChatroomId &id);     // R4: bumps
    QList<Event> silentTemplate(const ChatroomId &id);  // R4s: no bump, new preview
    QList<Event> statusUpdate(const ChatroomId &id);    // R14: the chatroom does not change
    QList<Event> read(const ChatroomId &id);            // R15: a participant's unread count drops to 0
    QList<Event> reassign(const ChatroomId &id, const UserId &to); // R11
    QList<Event> handover(const ChatroomId &id);                   // R8, for a chatroom awaiting handover
    QList<Event> create(bool awaitingHandover);                    // R1 / R2
    QList<Event> deactivate(const ChatroomId &id);                 // R12
    QList<Event> rename(const ChatroomId &id, const QString &displayName); // R16

    const QHash<ChatroomId, Chatroom> &chatrooms() const { return m_chatrooms; }
    const Chatroom &chatroom(const ChatroomId &id) const { return m_chatrooms.find(id).value(); }
    ChatroomId randomChatroom();
    // The ids of a view in R20's order, sorted from scratch; only the active ones with `openOnly`.
    QStringList expectedOrder(View view, const UserId &viewer, bool openOnly = false) const;
    QDateTime now() const;

private:
    Event event(EventKind kind, const Chatroom &chatroom, bool bumped);
    SortKey bumpKey();
    Message message(const Chatroom &chatroom, Direction direction, const QString &text, bool bump);
    Chatroom newChatroom(int number, bool awaitingHandover, SortKey key);
    int below(int bound); // uniform in [0, bound)

    std::mt19937_64 m_random;
    int m_agents;
    qint64 m_nowMs;
    qint64 m_seq = 0;
    int m_created = 0;
    QHash<ChatroomId, Chatroom> m_chatrooms;
    QList<ChatroomId> m_ids; // every chatroom, for picking one at random
};

} // namespace handover
