#pragma once

#include "core/domain/ids.h"
#include "core/domain/richcontent.h"
#include "core/domain/template.h"

#include <QDateTime>

#include <optional>

namespace handover {

enum class Direction { In, Out };
enum class MessageKind {
    Text,
    Template,
    ButtonReply,
    System,
    // What customers send besides text (API.md, media and rich messages); agents send the four media kinds.
    Image,
    Document,
    Audio,
    Video,
    Sticker,
    Location,
    Contacts,
    Interactive,
    Unsupported, // a kind WhatsApp could not deliver to the business; text holds Meta's error title
};
bool isMediaKind(MessageKind kind);
enum class SenderType { Customer, Bot, Agent, System };
// R14: the order statuses advance in; Failed is terminal and may arrive at any point.
enum class DeliveryStatus { Queued = 0, Sent = 1, Delivered = 2, Read = 3, Failed = 4 };

QString directionName(Direction d);
QString messageKindName(MessageKind k);
QString senderTypeName(SenderType t);
QString deliveryStatusName(DeliveryStatus s);
std::optional<Direction> directionFromName(const QString &name);
std::optional<MessageKind> messageKindFromName(const QString &name);
std::optional<SenderType> senderTypeFromName(const QString &name);
std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name);

struct Sender
{
    SenderType type = SenderType::Bot;
    UserId userId; // the agent for Agent; the agent a system note concerns
    friend bool operator==(const Sender &, const Sender &) = default;
};

struct SentButton
{
    int index = 0;
    ButtonType type = ButtonType::QuickReply;
    QString text;
    QString url;
    QString payload; // quick replies: finds this message and button again on a tap
    friend bool operator==(const SentButton &, const SentButton &) = default;
};

struct SentTemplate
{
    QString remoteTemplateId;
    QString name;
    QString language;
    QList<TemplateParamValue> params; // of the body, in the order Meta fills them
    QList<SentButton> buttons;
    ParameterFormat parameterFormat = ParameterFormat::Positional;
    QList<TemplateParamValue> headerParams = {}; // of a text header, likewise
    friend bool operator==(const SentTemplate &, const SentTemplate &) = default;
};

struct ButtonReply
{
    int index = 0;
    QString text;
    QString payload;
    friend bool operator==(const ButtonReply &, const ButtonReply &) = default;
};

struct Message
{
    MessageId id;
    ChatroomId chatroomId;
    Direction direction = Direction::Out;
    MessageKind kind = MessageKind::Text;
    Sender sender;
    QString text; // for templates: the rendered body; for media: the caption
    std::optional<SentTemplate> sentTemplate;
    std::optional<ButtonReply> button;
    MessageId inReplyTo; // the template message a tap answers
    bool relayResponse = false;
    bool bump = true;
    bool bumpResponse = true;
    DeliveryStatus status = DeliveryStatus::Queued;
    QString error;
    QString waMessageId;
    QDateTime createdAt;
    std::optional<MediaAttachment> media;
    std::optional<Location> location;
    QList<SharedContact> contacts;
    std::optional<InteractiveReply> interactive;
    QList<Reaction> reactions;
    friend bool operator==(const Message &, const Message &) = default;
};

// The text a list row shows for a message.
QString messagePreview(const Message &message);

// The quick-reply payload the server gives button `index` of template message `messageId`, and its inverse.
QString quickReplyPayload(const MessageId &messageId, int index);
bool parseQuickReplyPayload(const QString &payload, MessageId *messageId, int *index);

} // namespace handover
