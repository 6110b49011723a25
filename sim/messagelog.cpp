#include "sim/messagelog.h"

namespace handover::sim {

MessageLog::MessageLog(qsizetype capacity)
    : m_capacity(qMax<qsizetype>(1, capacity))
{}

void MessageLog::append(OutboundMessage message)
{
    while (size() >= m_capacity)
        dropOldest();
    const qint64 sequence = m_firstSequence + size();
    m_byId.insert(message.waMessageId, sequence);
    m_byRecipient[message.to].push_back(sequence);
    m_messages.push_back(std::move(message));
}

std::optional<OutboundMessage> MessageLog::find(const QString &waMessageId) const
{
    const auto it = m_byId.constFind(waMessageId);
    if (it == m_byId.cend())
        return std::nullopt;
    return at(it.value());
}

QList<OutboundMessage> MessageLog::sentTo(const QString &recipientDigits) const
{
    QList<OutboundMessage> result;
    const auto it = m_byRecipient.constFind(recipientDigits);
    if (it == m_byRecipient.cend())
        return result;
    result.reserve(static_cast<qsizetype>(it->size()));
    for (const qint64 sequence : *it)
        result.append(at(sequence));
    return result;
}

void MessageLog::clear()
{
    m_firstSequence += size();
    m_messages.clear();
    m_byId.clear();
    m_byRecipient.clear();
}

const OutboundMessage &MessageLog::at(qint64 sequence) const
{
    return m_messages.at(static_cast<std::size_t>(sequence - m_firstSequence));
}

void MessageLog::dropOldest()
{
    const OutboundMessage &oldest = m_messages.front();
    if (m_byId.value(oldest.waMessageId, -1) == m_firstSequence)
        m_byId.remove(oldest.waMessageId);
    const auto it = m_byRecipient.find(oldest.to);
    if (it != m_byRecipient.end()) {
        it->pop_front(); // sequences per recipient are increasing, so the oldest is in front
        if (it->empty())
            m_byRecipient.erase(it);
    }
    m_messages.pop_front();
    ++m_firstSequence;
}

} // namespace handover::sim
