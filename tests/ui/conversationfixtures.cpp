#include "tests/ui/conversationfixtures.h"

#include "core/json/apicodec.h"

namespace handover::testing {

using namespace Qt::StringLiterals;

ConversationScript::ConversationScript()
    : m_start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC)
{
    chatroom.id = kRoom;
    chatroom.orgId = u"org-1"_s;
    chatroom.displayName = u"Asha Rao"_s;
    chatroom.phoneNumber = u"+919800000001"_s;
    chatroom.participants = {Participant{kAgent, m_start, {}, 0}};
    chatroom.lastCustomerMessageAt = m_start;
    chatroom.createdAt = m_start;
}

Message ConversationScript::message(const QString &id, int minute) const
{
    Message m;
    m.id = id;
    m.chatroomId = kRoom;
    m.createdAt = at(minute);
    m.status = DeliveryStatus::Sent;
    return m;
}

Message ConversationScript::customer(const QString &id, int minute, const QString &text) const
{
    Message m = message(id, minute);
    m.direction = Direction::In;
    m.sender = Sender{SenderType::Customer, {}};
    m.text = text;
    m.status = DeliveryStatus::Read;
    return m;
}

Message ConversationScript::agentText(const QString &id, int minute, const QString &text) const
{
    Message m = message(id, minute);
    m.sender = Sender{SenderType::Agent, kAgent};
    m.text = text;
    return m;
}

Message ConversationScript::botTemplate(const QString &id, int minute, const QString &body,
                                        const QStringList &buttons) const
{
    Message m = message(id, minute);
    m.kind = MessageKind::Template;
    m.sender = Sender{SenderType::Bot, {}};
    m.text = body;
    SentTemplate sent;
    sent.remoteTemplateId = u"tpl-"_s + id;
    sent.name = u"menu"_s;
    for (qsizetype i = 0; i < buttons.size(); ++i)
        sent.buttons.append(
            SentButton{int(i), ButtonType::QuickReply, buttons.at(i), {}, quickReplyPayload(id, int(i))});
    m.sentTemplate = sent;
    return m;
}

Message ConversationScript::buttonReply(const QString &id, int minute, const MessageId &templateId,
                                        const QString &text) const
{
    Message m = customer(id, minute, text);
    m.kind = MessageKind::ButtonReply;
    m.button = ButtonReply{0, text, quickReplyPayload(templateId, 0)};
    m.inReplyTo = templateId;
    return m;
}

Message ConversationScript::customerOfKind(const QString &id, int minute, MessageKind kind,
                                           const QString &text) const
{
    Message m = customer(id, minute, text);
    m.kind = kind;
    return m;
}

MediaAttachment ConversationScript::readyMedia(const QString &id, const QString &mimeType,
                                               const QString &filename, qint64 size)
{
    MediaAttachment media;
    media.id = id;
    media.mimeType = mimeType;
    media.filename = filename;
    media.size = size;
    media.sha256 = QString::fromLatin1(QByteArray(id.toLatin1().toHex()).leftJustified(64, '0'));
    media.status = MediaStatus::Ready;
    return media;
}

Message ConversationScript::systemNote(const QString &id, int minute, const QString &code) const
{
    Message m = message(id, minute);
    m.kind = MessageKind::System;
    m.sender = Sender{SenderType::System, kAgent};
    m.text = code;
    m.status = DeliveryStatus::Delivered;
    return m;
}

Event ConversationScript::created(const Message &message)
{
    Event e;
    e.seq = ++m_seq;
    e.kind = EventKind::MessageCreated;
    e.at = message.createdAt;
    if (message.kind != MessageKind::System)
        chatroom.lastMessage =
            LastMessage{message.id, messagePreview(message), message.direction, false, message.createdAt};
    if (message.direction == Direction::In)
        chatroom.lastCustomerMessageAt = message.createdAt;
    e.chatroom = chatroom;
    e.message = message;
    return e;
}

Event ConversationScript::updated(Message message, DeliveryStatus status)
{
    message.status = status;
    Event e;
    e.seq = ++m_seq;
    e.kind = EventKind::MessageUpdated;
    e.at = message.createdAt;
    e.chatroom = chatroom;
    e.message = message;
    return e;
}

Event ConversationScript::assigned(const QString &reason)
{
    Event e;
    e.seq = ++m_seq;
    e.kind = EventKind::ChatroomAssigned;
    e.chatroom = chatroom;
    e.reason = reason;
    e.userId = kAgent;
    return e;
}

client::OutboxItem ConversationScript::pendingText(qint64 localId, const QString &text, int minute) const
{
    client::OutboxItem item;
    item.localId = localId;
    item.orgId = chatroom.orgId;
    item.chatroomId = kRoom;
    item.kind = client::CommandKind::SendText;
    item.payload = QJsonObject{{u"text"_s, text}};
    item.createdAt = at(minute);
    item.updatedAt = item.createdAt;
    return item;
}

client::OutboxItem ConversationScript::failed(client::OutboxItem item, const QString &why)
{
    client::ApiError error;
    error.kind = client::ApiError::Kind::Http;
    error.httpStatus = 409;
    error.error = Error::make(ErrorCode::SessionWindowClosed, why);
    item.state = client::OutboxState::Failed;
    item.failure = error;
    return item;
}

client::OutboxItem ConversationScript::sent(client::OutboxItem item, const Message &answer)
{
    item.state = client::OutboxState::Sent;
    item.failure.reset();
    item.response = messageToJson(answer);
    return item;
}

QStringList rowTexts(const QAbstractItemModel &model)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts.append(model.index(row, 0).data(Qt::DisplayRole).toString());
    return texts;
}

} // namespace handover::testing
