#pragma once

#include "client/outboxstore.h"
#include "core/domain/event.h"
#include "tests/ui/modelsignals.h"

#include <QAbstractItemModel>
#include <QSignalSpy>
#include <QStringList>

namespace handover::testing {

// A chatroom of one agent and the messages and events a console receives for it, with times one minute
// apart, for feeding ConversationModel without a server.
class ConversationScript
{
public:
    static inline const UserId kAgent = QStringLiteral("agent-1");
    static inline const ChatroomId kRoom = QStringLiteral("room-1");

    ConversationScript();

    Chatroom chatroom;
    QDateTime at(int minute) const { return m_start.addSecs(60 * minute); }

    Message customer(const QString &id, int minute, const QString &text) const;
    Message agentText(const QString &id, int minute, const QString &text) const;
    Message botTemplate(const QString &id, int minute, const QString &body, const QStringList &buttons) const;
    Message buttonReply(const QString &id, int minute, const MessageId &templateId,
                        const QString &text) const;
    Message systemNote(const QString &id, int minute, const QString &code) const;
    // A customer's message of a rich kind (a photo, a place...), `text` its caption or Meta's title; the test
    // adds the rich part.
    Message customerOfKind(const QString &id, int minute, MessageKind kind, const QString &text = {}) const;
    // A file as the server describes it once it has it.
    static MediaAttachment readyMedia(const QString &id, const QString &mimeType,
                                      const QString &filename = {}, qint64 size = 0);

    // Each event carries the chatroom as it is after it.
    Event created(const Message &message);
    Event updated(Message message, DeliveryStatus status);
    Event assigned(const QString &reason);

    // An outbox item of a text send, as the outbox reports it.
    client::OutboxItem pendingText(qint64 localId, const QString &text, int minute) const;
    static client::OutboxItem failed(client::OutboxItem item, const QString &why);
    static client::OutboxItem sent(client::OutboxItem item, const Message &answer);

private:
    Message message(const QString &id, int minute) const;
    QDateTime m_start;
    qint64 m_seq = 100;
};

// The texts of the model's rows, top to bottom.
QStringList rowTexts(const QAbstractItemModel &model);

} // namespace handover::testing
