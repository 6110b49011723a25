#pragma once

#include "sim/metaformat.h"

#include <QHash>
#include <deque>

namespace handover::sim {

// The conversations and prices Meta's status webhooks report: the first message to a customer opens a 24-hour
// conversation per business phone, named by an id, its expiry and the category of that message (origin.type);
// every status of a message names the conversation it was sent in. Prices are per message (PMP): templates
// are utility ("regular", billable), everything else service ("free_customer_service", not billable), unless
// a status says otherwise.
class ConversationBook
{
public:
    static constexpr qint64 kConversationSecs = 24 * 60 * 60;

    // Fills status.conversation and status.pricing for sent and delivered, and clears them for read, played
    // and failed. A pricing the status already has keeps its values; empty ones get the defaults.
    void describe(const OutboundMessage &message, StatusUpdate &status);

private:
    struct Conversation
    {
        QString id;
        qint64 expiresAt = 0;
        QString originType;
    };
    Conversation conversationFor(const OutboundMessage &message, qint64 at, const QString &category);

    QHash<QString, Conversation> m_open;      // by phone number id and customer
    QHash<QString, Conversation> m_byMessage; // the conversation each reported message was sent in
    std::deque<QString> m_messageOrder;       // to keep m_byMessage bounded
};

} // namespace handover::sim
