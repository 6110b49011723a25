#pragma once

#include "core/domain/event.h"

#include <QList>
#include <QMap>
#include <deque>
#include <random>

namespace handover::bench {

// A made-up but realistic stream of sync events for one org, as the server would send it to a console:
// customer messages (bumping, unread counts up), agent replies (bumping), delivery status updates of earlier
// replies (no bump), reads (unread back to 0) and assignments of a second agent. Each event carries its
// chatroom as it is after the event, and seqs follow each other, as in SYNC.md.
class EventStream
{
public:
    // `chatrooms` is the state the stream starts from (the viewer a participant of each); seqs start after
    // `lastSeq`, times after `startMs`, one event every 20 ms.
    EventStream(QList<Chatroom> chatrooms, UserId viewer, qint64 lastSeq, qint64 startMs, quint64 seed);

    Event next();
    qint64 lastSeq() const { return m_seq; }
    const QMap<EventKind, qint64> &kindCounts() const { return m_counts; }

private:
    Message newMessage(const Chatroom &chatroom, Direction direction, const QDateTime &at);
    // A message.created that bumps the chatroom (and counts as unread for everyone, from a customer).
    Event messageCreated(Chatroom &chatroom, const Message &message, const QDateTime &at);
    Event customerMessage(Chatroom &chatroom, const QDateTime &at);
    Event agentReply(Chatroom &chatroom, const QDateTime &at);
    Event statusUpdate(const QDateTime &at);
    Event read(Chatroom &chatroom, const QDateTime &at);
    Event assignment(Chatroom &chatroom, const QDateTime &at);
    Event eventOf(EventKind kind, const Chatroom &chatroom, const QDateTime &at);

    QList<Chatroom> m_chatrooms;
    UserId m_viewer;
    qint64 m_seq;
    qint64 m_nowMs;
    std::mt19937_64 m_random;
    std::deque<std::pair<qsizetype, Message>> m_sentReplies; // awaiting their next delivery status
    QMap<EventKind, qint64> m_counts;
};

} // namespace handover::bench
