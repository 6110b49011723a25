#pragma once

#include "core/domain/ids.h"

#include <QObject>

namespace handover {

namespace client {
class ConsoleSession;
}
class ConversationModel;

// Keeps a ConversationModel fed from a session: the chatroom from the local cache at once, then the newest
// page from the server (stored in the cache, it fills what the stream never brought, like the messages
// before a handover); live events; the outbox's sends; older pages on fetchMore(), from the cache first and
// then the server. Marks the chatroom read while it is shown and has unread messages.
class ConversationFeed final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kPageSize = 50;

    ConversationFeed(client::ConsoleSession &session, ConversationModel &model, QObject *parent = nullptr);
    ~ConversationFeed() override;

    void show(const ChatroomId &id);
    const ChatroomId &chatroomId() const { return m_chatroomId; }

    // Enqueues mark-read up to the newest message when the viewer has unread messages here; once per message.
    void markReadIfUnread();

Q_SIGNALS:
    // A local cache read or a mark-read could not be stored: worth a line in the pane.
    void problem(const QString &text);

private:
    void reload();
    void loadOlder(const QString &before);
    void refreshNewest();

    client::ConsoleSession &m_session;
    ConversationModel &m_model;
    ChatroomId m_chatroomId;
    MessageId m_markedUpTo;
    quint64 m_generation = 0; // answers for an earlier chatroom are dropped
};

} // namespace handover
