#pragma once

#include "client/outboxstore.h"
#include "core/domain/chatroom.h"
#include "core/domain/event.h"
#include "ui/conversation/richcontentmetatypes.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace handover {

// How far a row has got, from the console's point of view: Pending until the server took the command, then
// the message's own status (R14).
enum class ConversationDelivery
{
    Pending, // in the outbox, not yet accepted by the server
    Queued,  // accepted, not yet handed to WhatsApp
    Sent,
    Delivered,
    Read,
    Failed, // refused by the server (retry possible) or by WhatsApp
};

enum ConversationRole : int
{
    MessageIdRole = Qt::UserRole + 1, // QString, empty for a send the server has not answered
    LocalIdRole,                      // qint64: the outbox item of a send not yet in the timeline, else 0
    KindRole,                         // int: a MessageKind
    SenderTypeRole,                   // int: a SenderType
    SenderNameRole,                   // QString: the agent's name, "Bot"; empty for the customer
    CreatedAtRole,                    // QDateTime (UTC)
    DeliveryRole,                     // int: a ConversationDelivery
    FailureRole,                      // QString: why it failed, for Failed rows
    CanRetryRole,                     // bool: a refused send that retry() queues again
    CanEditRole,                      // bool: a refused text whose words can go back to the composer
    TemplateNameRole,                 // QString: the template's name, for templates
    ButtonsRole,                      // QStringList: the template's button texts
    QuotedTextRole,                   // QString: for a button reply, the text of the template it answers
    OutgoingRole,                     // bool: drawn on the right (bot and agents)
    MediaRole,                        // MediaAttachment of image, document, audio, video, sticker; else none
    LocationRole,                     // Location of a location message; else none
    ContactsRole,                     // QList<SharedContact> a customer shared
    InteractiveRole,                  // InteractiveReply: the row or button a customer chose; else none
    ReactionsRole,                    // QList<Reaction> shown under the message
};

// One chatroom's timeline, oldest first: the messages the server has (from the cache, history pages and live
// events) followed by the user's sends still on their way (optimistic rows, one per outbox item). A send
// moves into its place among the server's messages as soon as its message is known, from the outbox's answer
// or from the message.created event, whichever comes first. Every change is an exact insert, move, remove or
// dataChanged; only showing another chatroom resets the model.
//
// The model does no I/O: fetchMore() asks for older messages through olderMessagesWanted(), and whoever
// feeds it (ConversationFeed) answers with addOlderMessages().
class ConversationModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit ConversationModel(UserId viewerId, QObject *parent = nullptr);
    ~ConversationModel() override;

    // ---- feeding
    // Another chatroom (an empty id: none), with its summary when known, its newest cached messages and the
    // user's sends (those not finished become rows).
    void showChatroom(const ChatroomId &id, const std::optional<Chatroom> &chatroom, QList<Message> newest,
                      const QList<client::OutboxItem> &sends);
    // Messages from anywhere (a page from the server, an answer): updated in place, or inserted in order.
    void mergeMessages(const QList<Message> &messages);
    // A page of history older than every row; `reachedStart`: there is nothing older. `stillLoading`: more
    // of this page is on its way (the cache answered, the server has not yet), so fetchMore() waits.
    void addOlderMessages(const QList<Message> &older, bool reachedStart, bool stillLoading = false);
    // The history request ended without a page (offline): fetchMore() may ask again later.
    void olderMessagesFailed();
    void applyEvents(const QList<Event> &events);
    void applyOutboxItem(const client::OutboxItem &item);
    // The outbox dropped a send that had failed (its text went back to the composer): its row goes.
    void removeSend(qint64 localId);
    // Names for agents' bubbles and notes; templates to render sends the server has not answered yet.
    void setUserNames(const QHash<UserId, QString> &names);
    void setTemplates(const QList<MessageTemplate> &templates);
    // A file the user uploaded: a send of it shows its name, type and size before the server answers.
    void noteUpload(const MediaAttachment &upload);

    // ---- reading
    const ChatroomId &chatroomId() const { return m_chatroomId; }
    const std::optional<Chatroom> &chatroom() const { return m_chatroom; }
    const UserId &viewerId() const { return m_viewerId; }
    const QHash<UserId, QString> &userNames() const { return m_names; }
    const Message *messageAt(int row) const;
    int rowOfMessage(const MessageId &id) const; // -1 if absent
    int rowOfLocalId(qint64 localId) const;      // -1 if absent
    int serverRowCount() const { return int(m_rows.size()) - optimisticCount(); }
    MessageId newestMessageId() const; // of the server's messages
    bool reachedStart() const { return m_reachedStart; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    // fetchMore(): the page before `before` (empty: the newest page) is wanted.
    void olderMessagesWanted(const QString &before);
    // The shown chatroom's summary changed (state, participants, window, unread count).
    void chatroomChanged();

private:
    struct Row
    {
        Message message;
        qint64 localId = 0; // set while the row is a send the timeline does not hold yet
        client::OutboxState sendState = client::OutboxState::Pending;
        QString failure;
    };

    int optimisticCount() const { return m_optimistic; }
    int insertionRow(const QDateTime &createdAt) const; // among the server's rows, after equal times
    void upsertMessage(const Message &message);
    void placeOptimisticRow(int from, const Message &message);
    void insertRow(int at, Row row);
    void removeRow(int row);
    void rowChanged(int row);
    Row optimisticRow(const client::OutboxItem &item) const;
    void sentMedia(const QJsonObject &payload, Message &message) const; // a send_media's row
    QVariant deliveryOf(const Row &row) const;
    QString senderName(const Message &message) const;
    QString displayText(const Message &message) const;
    QString spokenText(const Message &message) const;
    static QVariant richData(const Message &message, int role); // the rich content's roles

    const UserId m_viewerId;
    ChatroomId m_chatroomId;
    std::optional<Chatroom> m_chatroom;
    QList<Row> m_rows; // the server's messages oldest first, then the optimistic rows in outbox order
    int m_optimistic = 0;
    bool m_reachedStart = false;
    bool m_fetching = false;
    QHash<UserId, QString> m_names;
    QHash<QString, MessageTemplate> m_templates; // by remote template id
    QHash<QString, MediaAttachment> m_uploads;   // by media id
};

} // namespace handover
