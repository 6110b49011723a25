#pragma once

#include "sim/metaformat.h"

#include <QHash>
#include <deque>
#include <optional>

namespace handover::sim {

// The messages the business sent, oldest first, bounded: past the capacity the oldest are dropped.
// Lookups by wa_message_id and by recipient are O(1) per message returned.
class MessageLog
{
public:
    explicit MessageLog(qsizetype capacity = 100000);

    void append(OutboundMessage message);
    std::optional<OutboundMessage> find(const QString &waMessageId) const;
    QList<OutboundMessage> sentTo(const QString &recipientDigits) const; // oldest first
    qsizetype size() const { return static_cast<qsizetype>(m_messages.size()); }
    qsizetype capacity() const { return m_capacity; }
    void clear();

private:
    const OutboundMessage &at(qint64 sequence) const;
    void dropOldest();

    qsizetype m_capacity;
    std::deque<OutboundMessage> m_messages;
    qint64 m_firstSequence = 0; // sequence number of m_messages.front()
    QHash<QString, qint64> m_byId;
    QHash<QString, std::deque<qint64>> m_byRecipient;
};

} // namespace handover::sim
