#include "core/domain/message.h"

#include <array>
#include <utility>

namespace handover {

namespace {

template <typename E, std::size_t N>
QString nameOf(E value, const std::array<std::pair<E, const char *>, N> &table)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const QString &name, const std::array<std::pair<E, const char *>, N> &table)
{
    for (const auto &[e, n] : table) {
        if (name == QLatin1String(n))
            return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Direction, const char *>, 2> kDirections{{
    {Direction::In, "in"},
    {Direction::Out, "out"},
}};
constexpr std::array<std::pair<MessageKind, const char *>, 13> kKinds{{
    {MessageKind::Text, "text"},
    {MessageKind::Template, "template"},
    {MessageKind::ButtonReply, "button_reply"},
    {MessageKind::System, "system"},
    {MessageKind::Image, "image"},
    {MessageKind::Document, "document"},
    {MessageKind::Audio, "audio"},
    {MessageKind::Video, "video"},
    {MessageKind::Sticker, "sticker"},
    {MessageKind::Location, "location"},
    {MessageKind::Contacts, "contacts"},
    {MessageKind::Interactive, "interactive"},
    {MessageKind::Unsupported, "unsupported"},
}};
constexpr std::array<std::pair<SenderType, const char *>, 4> kSenders{{
    {SenderType::Customer, "customer"},
    {SenderType::Bot, "bot"},
    {SenderType::Agent, "agent"},
    {SenderType::System, "system"},
}};
constexpr std::array<std::pair<DeliveryStatus, const char *>, 5> kStatuses{{
    {DeliveryStatus::Queued, "queued"},
    {DeliveryStatus::Sent, "sent"},
    {DeliveryStatus::Delivered, "delivered"},
    {DeliveryStatus::Read, "read"},
    {DeliveryStatus::Failed, "failed"},
}};

constexpr int kPreviewLength = 120;
const QLatin1String kPayloadPrefix("ho1:");

} // namespace

QString directionName(Direction d) { return nameOf(d, kDirections); }
QString messageKindName(MessageKind k) { return nameOf(k, kKinds); }
QString senderTypeName(SenderType t) { return nameOf(t, kSenders); }
QString deliveryStatusName(DeliveryStatus s) { return nameOf(s, kStatuses); }
std::optional<Direction> directionFromName(const QString &name) { return valueOf(name, kDirections); }
std::optional<MessageKind> messageKindFromName(const QString &name) { return valueOf(name, kKinds); }
std::optional<SenderType> senderTypeFromName(const QString &name) { return valueOf(name, kSenders); }
std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name) { return valueOf(name, kStatuses); }

bool isMediaKind(MessageKind kind)
{
    switch (kind) {
    case MessageKind::Image:
    case MessageKind::Document:
    case MessageKind::Audio:
    case MessageKind::Video:
    case MessageKind::Sticker:
        return true;
    default:
        return false;
    }
}

QString messagePreview(const Message &message)
{
    // Language-neutral: the console words a preview by the last message's kind ("Photo", "Location") in the
    // agent's language and shows this text after it.
    QString text = message.text.simplified();
    if (text.isEmpty() && message.media)
        text = message.media->filename;
    else if (text.isEmpty() && message.location)
        text = message.location->name.isEmpty() ? message.location->address : message.location->name;
    else if (text.isEmpty() && !message.contacts.isEmpty())
        text = message.contacts.first().name;
    else if (text.isEmpty() && message.interactive)
        text = message.interactive->title;
    if (text.size() > kPreviewLength)
        text = text.left(kPreviewLength - 1) + QChar(0x2026);
    return text;
}

QString quickReplyPayload(const MessageId &messageId, int index)
{
    return kPayloadPrefix + messageId + QLatin1Char(':') + QString::number(index);
}

bool parseQuickReplyPayload(const QString &payload, MessageId *messageId, int *index)
{
    if (!payload.startsWith(kPayloadPrefix))
        return false;
    const qsizetype colon = payload.lastIndexOf(QLatin1Char(':'));
    if (colon <= kPayloadPrefix.size())
        return false;
    bool ok = false;
    const int i = payload.mid(colon + 1).toInt(&ok);
    if (!ok || i < 0)
        return false;
    *messageId = payload.mid(kPayloadPrefix.size(), colon - kPayloadPrefix.size());
    *index = i;
    return true;
}

} // namespace handover
