#include "sim/conversationbook.h"

#include "sim/latin1.h"

#include <QRandomGenerator>

namespace handover::sim {

namespace {
constexpr qsizetype kRememberedMessages = 100000;
} // namespace

void ConversationBook::describe(const OutboundMessage &message, StatusUpdate &status)
{
    if (status.status == QLatin1String("failed")) {
        status.conversation.reset();
        status.pricing.reset();
        return;
    }
    StatusPricing pricing = status.pricing.value_or(StatusPricing{});
    if (pricing.pricingModel.isEmpty())
        pricing.pricingModel = str("CBP");
    if (pricing.category.isEmpty())
        pricing.category = message.type == QLatin1String("template") ? str("utility") : str("service");
    status.pricing = pricing;

    const Conversation conversation = conversationFor(message, status.timestamp, pricing.category);
    StatusConversation reported;
    reported.id = conversation.id;
    reported.originType = conversation.originType;
    // Meta names the expiry on the status that opens the window's messages: sent.
    if (status.status == QLatin1String("sent"))
        reported.expirationTimestamp = conversation.expiresAt;
    status.conversation = reported;
}

ConversationBook::Conversation ConversationBook::conversationFor(const OutboundMessage &message, qint64 at,
                                                                 const QString &category)
{
    if (const auto known = m_byMessage.constFind(message.waMessageId); known != m_byMessage.cend())
        return known.value();
    const QString key = message.phoneNumberId + QLatin1Char('/') + message.to;
    Conversation conversation = m_open.value(key);
    if (conversation.id.isEmpty() || conversation.expiresAt <= at) {
        const auto hex = [] {
            return QByteArray::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, '0');
        };
        conversation.id = QString::fromLatin1(hex() + hex());
        conversation.expiresAt = at + kConversationSecs;
        conversation.originType = category;
        m_open.insert(key, conversation);
    }
    m_byMessage.insert(message.waMessageId, conversation);
    m_messageOrder.push_back(message.waMessageId);
    while (static_cast<qsizetype>(m_messageOrder.size()) > kRememberedMessages) {
        m_byMessage.remove(m_messageOrder.front());
        m_messageOrder.pop_front();
    }
    return conversation;
}

} // namespace handover::sim
