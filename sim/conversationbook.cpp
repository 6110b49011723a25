#include "sim/conversationbook.h"

#include "sim/latin1.h"

#include <QRandomGenerator>

namespace handover::sim {

namespace {
constexpr qsizetype kRememberedMessages = 100000;
} // namespace

void ConversationBook::describe(const OutboundMessage &message, StatusUpdate &status)
{
    // Meta's status examples name the conversation and price on sent and delivered; read, played and failed
    // carry neither.
    if (status.status != QLatin1String("sent") && status.status != QLatin1String("delivered")) {
        status.conversation.reset();
        status.pricing.reset();
        return;
    }
    const bool isTemplate = message.type == QLatin1String("template");
    StatusPricing pricing = status.pricing.value_or(StatusPricing{});
    const bool perMessage = pricing.pricingModel.isEmpty() || pricing.pricingModel == QLatin1String("PMP");
    if (pricing.pricingModel.isEmpty())
        pricing.pricingModel = str("PMP");
    if (pricing.category.isEmpty())
        pricing.category = isTemplate ? str("utility") : str("service");
    const bool service = pricing.category == QLatin1String("service");
    if (pricing.type.isEmpty() && perMessage)
        pricing.type = service ? str("free_customer_service") : str("regular");
    if (!pricing.billable)
        pricing.billable = !(service && perMessage);
    status.pricing = pricing;

    const Conversation conversation = conversationFor(message, status.timestamp, pricing.category);
    status.conversation =
        StatusConversation{conversation.id, conversation.expiresAt, conversation.originType};
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
