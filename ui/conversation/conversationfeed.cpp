#include "ui/conversation/conversationfeed.h"

#include "client/consolesession.h"
#include "ui/conversation/conversationmodel.h"

namespace handover {

using client::ApiResult;

ConversationFeed::ConversationFeed(client::ConsoleSession &session, ConversationModel &model, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_model(model)
{
    connect(&session, &client::ConsoleSession::eventsApplied, this, [this](const QList<Event> &events) {
        m_model.applyEvents(events);
        markReadIfUnread();
    });
    connect(&session, &client::ConsoleSession::cacheReloaded, this, &ConversationFeed::reload);
    connect(&session.outbox(), &client::Outbox::itemChanged, this, [this](qint64 localId) {
        const auto item = m_session.outbox().item(localId);
        if (item && item->has_value())
            m_model.applyOutboxItem(**item);
    });
    connect(&session.outbox(), &client::Outbox::itemDiscarded, this,
            [this](qint64 localId) { m_model.removeSend(localId); });
    connect(&model, &ConversationModel::olderMessagesWanted, this, &ConversationFeed::loadOlder);
}

ConversationFeed::~ConversationFeed() = default;

void ConversationFeed::show(const ChatroomId &id)
{
    m_chatroomId = id;
    m_markedUpTo.clear();
    reload();
}

void ConversationFeed::reload()
{
    ++m_generation;
    std::optional<Chatroom> chatroom;
    QList<Message> newest;
    QList<client::OutboxItem> sends;
    if (!m_chatroomId.isEmpty()) {
        auto cached = m_session.cache().chatroom(m_chatroomId);
        auto messages = m_session.cache().messages(m_chatroomId, {}, kPageSize);
        auto items = m_session.outbox().items();
        if (cached)
            chatroom = *cached;
        if (messages)
            newest = *messages;
        if (items)
            sends = *items;
        if (!cached || !messages || !items)
            Q_EMIT problem(tr("Some of this conversation could not be read from the local cache."));
    }
    m_model.showChatroom(m_chatroomId, chatroom, newest, sends);
    if (!m_chatroomId.isEmpty()) {
        refreshNewest();
        markReadIfUnread();
    }
}

void ConversationFeed::refreshNewest()
{
    const quint64 generation = m_generation;
    const ChatroomId id = m_chatroomId;
    m_session.api().messages(id, {}, kPageSize, this, [this, generation](ApiResult<QList<Message>> page) {
        if (generation != m_generation || !page)
            return; // offline: the cache's page stays
        (void)m_session.cache().storeMessages(*page);
        m_model.mergeMessages(*page);
        if (page->size() < kPageSize)
            m_model.addOlderMessages({}, true);
        markReadIfUnread();
    });
}

void ConversationFeed::loadOlder(const QString &before)
{
    const quint64 generation = m_generation;
    const ChatroomId id = m_chatroomId;
    // The cache answers at once; the server's page then fills any gap the cache has and says where the
    // start is.
    auto cached = m_session.cache().messages(id, before, kPageSize);
    if (cached && !cached->isEmpty())
        m_model.addOlderMessages(*cached, false, true);
    m_session.api().messages(id, before, kPageSize, this, [this, generation](ApiResult<QList<Message>> page) {
        if (generation != m_generation)
            return;
        if (!page) {
            m_model.olderMessagesFailed();
            return;
        }
        (void)m_session.cache().storeMessages(*page);
        m_model.addOlderMessages(*page, page->size() < kPageSize);
    });
}

void ConversationFeed::markReadIfUnread()
{
    const std::optional<Chatroom> &chatroom = m_model.chatroom();
    if (!chatroom)
        return;
    const Participant *me = chatroom->participant(m_session.user().id);
    if (!me || me->unreadCount <= 0)
        return;
    const MessageId upTo = chatroom->lastMessage ? chatroom->lastMessage->id : m_model.newestMessageId();
    if (upTo.isEmpty() || upTo == m_markedUpTo)
        return;
    m_markedUpTo = upTo;
    const auto queued = m_session.outbox().enqueueMarkRead(chatroom->id, upTo);
    if (!queued)
        Q_EMIT problem(tr("The chatroom could not be marked read: %1").arg(queued.error().description));
}

} // namespace handover
