#include "ui/conversation/conversationmodel.h"

#include "client/apitypes.h"
#include "core/json/apicodec.h"
#include "ui/conversation/conversationtext.h"

#include <QJsonArray>
#include <algorithm>

namespace handover {

using client::OutboxItem;
using client::OutboxState;

namespace {

bool isSend(const OutboxItem &item)
{
    return item.kind == client::CommandKind::SendText || item.kind == client::CommandKind::SendTemplate ||
           item.kind == client::CommandKind::SendMedia;
}

bool olderThan(const Message &a, const Message &b)
{
    return a.createdAt < b.createdAt;
}

QString failureOf(const OutboxItem &item)
{
    if (!item.failure)
        return {};
    return item.failure->error.description.isEmpty() ? item.failure->message()
                                                     : item.failure->error.description;
}

} // namespace

ConversationModel::ConversationModel(UserId viewerId, QObject *parent)
    : QAbstractListModel(parent)
    , m_viewerId(std::move(viewerId))
{}

ConversationModel::~ConversationModel() = default;

void ConversationModel::showChatroom(const ChatroomId &id, const std::optional<Chatroom> &chatroom,
                                     QList<Message> newest, const QList<OutboxItem> &sends)
{
    beginResetModel();
    m_chatroomId = id;
    m_chatroom = chatroom;
    m_rows.clear();
    m_optimistic = 0;
    m_reachedStart = id.isEmpty();
    m_fetching = false;
    std::stable_sort(newest.begin(), newest.end(), olderThan);
    for (Message &message : newest) {
        if (message.chatroomId == id && rowOfMessage(message.id) < 0)
            m_rows.append(Row{std::move(message), 0, OutboxState::Sent, {}});
    }
    for (const OutboxItem &item : sends) {
        if (item.chatroomId == id && isSend(item) && item.state != OutboxState::Sent) {
            m_rows.append(optimisticRow(item));
            ++m_optimistic;
        }
    }
    endResetModel();
    Q_EMIT chatroomChanged();
}

void ConversationModel::mergeMessages(const QList<Message> &messages)
{
    QList<Message> sorted = messages;
    std::stable_sort(sorted.begin(), sorted.end(), olderThan);
    for (const Message &message : std::as_const(sorted))
        upsertMessage(message);
}

void ConversationModel::addOlderMessages(const QList<Message> &older, bool reachedStart, bool stillLoading)
{
    m_fetching = stillLoading;
    m_reachedStart = reachedStart;
    QList<Message> fresh;
    for (const Message &message : older) {
        if (message.chatroomId == m_chatroomId && rowOfMessage(message.id) < 0)
            fresh.append(message);
    }
    std::stable_sort(fresh.begin(), fresh.end(), olderThan);
    const bool allOlder = serverRowCount() == 0 || fresh.isEmpty() ||
                          !(m_rows.first().message.createdAt < fresh.last().createdAt);
    if (!allOlder) { // the page overlaps what is shown: each one in its place
        mergeMessages(fresh);
        return;
    }
    if (fresh.isEmpty())
        return;
    // The usual case, one insert for the page.
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    QList<Row> rows;
    rows.reserve(fresh.size() + m_rows.size());
    for (Message &message : fresh)
        rows.append(Row{std::move(message), 0, OutboxState::Sent, {}});
    rows.append(std::move(m_rows));
    m_rows = std::move(rows);
    endInsertRows();
}

void ConversationModel::olderMessagesFailed()
{
    m_fetching = false;
}

void ConversationModel::applyEvents(const QList<Event> &events)
{
    bool changed = false;
    for (const Event &event : events) {
        if (m_chatroomId.isEmpty() || event.chatroom.id != m_chatroomId)
            continue;
        if (event.kind != EventKind::PresenceUpdated) {
            m_chatroom = event.chatroom;
            changed = true;
        }
        if (event.message &&
            (event.kind == EventKind::MessageCreated || event.kind == EventKind::MessageUpdated))
            upsertMessage(*event.message);
    }
    if (changed)
        Q_EMIT chatroomChanged();
}

void ConversationModel::applyOutboxItem(const OutboxItem &item)
{
    if (m_chatroomId.isEmpty() || item.chatroomId != m_chatroomId || !isSend(item))
        return;
    const int row = rowOfLocalId(item.localId);
    if (item.state != OutboxState::Sent) {
        if (row < 0) { // a new send, or one made elsewhere in the console
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
            m_rows.append(optimisticRow(item));
            ++m_optimistic;
            endInsertRows();
            return;
        }
        m_rows[row].sendState = item.state;
        m_rows[row].failure = failureOf(item);
        rowChanged(row);
        return;
    }
    const MessageId messageId = item.messageId();
    const int known = rowOfMessage(messageId);
    if (known >= 0 && known != row) { // the event was first: the timeline holds the message already
        if (row >= 0)
            removeRow(row);
        return;
    }
    Result<Message> answered = messageFromJson(item.response);
    if (answered && answered->chatroomId == m_chatroomId) {
        if (row >= 0)
            placeOptimisticRow(row, *answered);
        else
            upsertMessage(*answered);
        return;
    }
    if (row >= 0) { // an answer without the message: wait for the event, known by its id
        m_rows[row].message.id = messageId;
        m_rows[row].sendState = OutboxState::Sent;
        m_rows[row].failure.clear();
        rowChanged(row);
    }
}

void ConversationModel::removeSend(qint64 localId)
{
    const int row = rowOfLocalId(localId);
    if (row >= 0)
        removeRow(row);
}

void ConversationModel::setUserNames(const QHash<UserId, QString> &names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {Qt::DisplayRole, SenderNameRole});
}

void ConversationModel::setTemplates(const QList<MessageTemplate> &templates)
{
    m_templates.clear();
    for (const MessageTemplate &t : templates)
        m_templates.insert(t.remoteTemplateId, t);
}

const Message *ConversationModel::messageAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).message : nullptr;
}

int ConversationModel::rowOfMessage(const MessageId &id) const
{
    if (id.isEmpty())
        return -1;
    // Updates are nearly always about recent messages: look from the newest end.
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        if (m_rows.at(i).message.id == id)
            return int(i);
    }
    return -1;
}

int ConversationModel::rowOfLocalId(qint64 localId) const
{
    for (qsizetype i = m_rows.size() - 1; i >= m_rows.size() - m_optimistic; --i) {
        if (m_rows.at(i).localId == localId)
            return int(i);
    }
    return -1;
}

MessageId ConversationModel::newestMessageId() const
{
    const int servers = serverRowCount();
    return servers > 0 ? m_rows.at(servers - 1).message.id : MessageId();
}

int ConversationModel::insertionRow(const QDateTime &createdAt) const
{
    const auto end = m_rows.cbegin() + serverRowCount();
    const auto at = std::upper_bound(m_rows.cbegin(), end, createdAt, [](const QDateTime &t, const Row &row) {
        return t < row.message.createdAt;
    });
    return int(at - m_rows.cbegin());
}

void ConversationModel::upsertMessage(const Message &message)
{
    if (message.chatroomId != m_chatroomId || message.id.isEmpty())
        return;
    const int row = rowOfMessage(message.id);
    if (row >= serverRowCount()) {
        placeOptimisticRow(row, message);
        return;
    }
    if (row >= 0) {
        if (!(m_rows.at(row).message == message)) {
            m_rows[row].message = message;
            rowChanged(row);
        }
        return;
    }
    insertRow(insertionRow(message.createdAt), Row{message, 0, OutboxState::Sent, {}});
}

void ConversationModel::placeOptimisticRow(int from, const Message &message)
{
    const int to = insertionRow(message.createdAt);
    if (to != from) {
        beginMoveRows({}, from, from, {}, to);
        m_rows.move(from, to);
        --m_optimistic;
        endMoveRows();
    } else {
        --m_optimistic;
    }
    m_rows[to] = Row{message, 0, OutboxState::Sent, {}};
    rowChanged(to);
}

void ConversationModel::insertRow(int at, Row row)
{
    beginInsertRows({}, at, at);
    m_rows.insert(at, std::move(row));
    endInsertRows();
}

void ConversationModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    if (m_rows.at(row).localId != 0)
        --m_optimistic;
    m_rows.removeAt(row);
    endRemoveRows();
}

void ConversationModel::rowChanged(int row)
{
    const QModelIndex at = index(row);
    Q_EMIT dataChanged(at, at);
}

ConversationModel::Row ConversationModel::optimisticRow(const OutboxItem &item) const
{
    Message message;
    message.chatroomId = item.chatroomId;
    message.direction = Direction::Out;
    message.sender = Sender{SenderType::Agent, m_viewerId};
    message.createdAt = item.createdAt;
    if (item.kind == client::CommandKind::SendText) {
        message.kind = MessageKind::Text;
        message.text = item.payload.value(QLatin1String("text")).toString();
    } else if (item.kind == client::CommandKind::SendMedia) {
        sentMedia(item.payload, message);
    } else {
        message.kind = MessageKind::Template;
        SentTemplate sent;
        sent.remoteTemplateId = item.payload.value(QLatin1String("remote_template_id")).toString();
        const QJsonArray params = item.payload.value(QLatin1String("template_params")).toArray();
        for (const QJsonValue &param : params) {
            const QJsonObject p = param.toObject();
            sent.params.append(TemplateParamValue{p.value(QLatin1String("tag")).toString(),
                                                  p.value(QLatin1String("value")).toString()});
        }
        const auto known = m_templates.constFind(sent.remoteTemplateId);
        if (known != m_templates.cend()) {
            sent.name = known->name;
            sent.language = known->language;
            for (qsizetype i = 0; i < known->buttons.size(); ++i) {
                const TemplateButton &b = known->buttons.at(i);
                sent.buttons.append(SentButton{int(i), b.type, b.text, b.url, {}});
            }
            message.text = renderTemplateText(known->body, sent.params);
        } else {
            message.text = tr("Template %1").arg(sent.remoteTemplateId);
        }
        message.sentTemplate = std::move(sent);
    }
    return Row{std::move(message), item.localId, item.state, failureOf(item)};
}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationModel::deliveryOf(const Row &row) const
{
    ConversationDelivery delivery = ConversationDelivery::Queued;
    if (row.localId != 0) {
        delivery = row.sendState == OutboxState::Failed ? ConversationDelivery::Failed
                   : row.sendState == OutboxState::Sent ? ConversationDelivery::Queued
                                                        : ConversationDelivery::Pending;
    } else {
        switch (row.message.status) {
        case DeliveryStatus::Queued:
            delivery = ConversationDelivery::Queued;
            break;
        case DeliveryStatus::Sent:
            delivery = ConversationDelivery::Sent;
            break;
        case DeliveryStatus::Delivered:
            delivery = ConversationDelivery::Delivered;
            break;
        case DeliveryStatus::Read:
            delivery = ConversationDelivery::Read;
            break;
        case DeliveryStatus::Failed:
            delivery = ConversationDelivery::Failed;
            break;
        }
    }
    return int(delivery);
}

QString ConversationModel::senderName(const Message &message) const
{
    switch (message.sender.type) {
    case SenderType::Agent:
        return ConversationText::agentName(message.sender.userId, m_viewerId, m_names);
    case SenderType::Bot:
        return tr("Bot");
    case SenderType::Customer:
    case SenderType::System:
        break;
    }
    return {};
}

QString ConversationModel::displayText(const Message &message) const
{
    if (message.kind == MessageKind::System) {
        const QString agent = message.sender.userId == m_viewerId
                                  ? tr("you") // mid-sentence
                                  : ConversationText::agentName(message.sender.userId, m_viewerId, m_names);
        return ConversationText::systemNote(message, agent);
    }
    if (message.text.isEmpty() && message.button)
        return message.button->text;
    if (message.text.isEmpty() && message.media)
        return message.media->caption;
    // The rich parts draw their own words. (An unsupported message's text is Meta's title of the error.)
    if (message.kind == MessageKind::Location || message.kind == MessageKind::Contacts ||
        message.kind == MessageKind::Interactive)
        return QString();
    return message.text;
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Message &message = row.message;
    switch (role) {
    case Qt::DisplayRole:
        return displayText(message);
    case Qt::AccessibleTextRole: {
        const QString who = message.direction == Direction::In ? tr("Customer") : senderName(message);
        return who.isEmpty() ? spokenText(message) : tr("%1: %2").arg(who, spokenText(message));
    }
    case MessageIdRole:
        return message.id;
    case LocalIdRole:
        return row.localId;
    case KindRole:
        return int(message.kind);
    case SenderTypeRole:
        return int(message.sender.type);
    case SenderNameRole:
        return senderName(message);
    case CreatedAtRole:
        return message.createdAt;
    case DeliveryRole:
        return deliveryOf(row);
    case FailureRole:
        return row.localId != 0                           ? row.failure
               : message.status == DeliveryStatus::Failed ? message.error
                                                          : QString();
    case CanRetryRole:
        return row.localId != 0 && row.sendState == OutboxState::Failed;
    case CanEditRole:
        return row.localId != 0 && row.sendState == OutboxState::Failed && message.kind == MessageKind::Text;
    case TemplateNameRole:
        return message.sentTemplate ? message.sentTemplate->name : QString();
    case ButtonsRole: {
        QStringList texts;
        if (message.sentTemplate) {
            for (const SentButton &button : message.sentTemplate->buttons)
                texts.append(button.text);
        }
        return texts;
    }
    case QuotedTextRole: {
        if (message.kind != MessageKind::ButtonReply || message.inReplyTo.isEmpty())
            return QString();
        const int quoted = rowOfMessage(message.inReplyTo);
        return quoted >= 0 ? displayText(m_rows.at(quoted).message) : tr("An earlier template message");
    }
    case OutgoingRole:
        return message.direction == Direction::Out && message.kind != MessageKind::System;
    default:
        return richData(message, role);
    }
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{MessageIdRole, "messageId"},
                  {LocalIdRole, "localId"},
                  {KindRole, "kind"},
                  {SenderTypeRole, "senderType"},
                  {SenderNameRole, "senderName"},
                  {CreatedAtRole, "createdAt"},
                  {DeliveryRole, "delivery"},
                  {FailureRole, "failure"},
                  {CanRetryRole, "canRetry"},
                  {CanEditRole, "canEdit"},
                  {TemplateNameRole, "templateName"},
                  {ButtonsRole, "buttons"},
                  {QuotedTextRole, "quotedText"},
                  {OutgoingRole, "outgoing"},
                  {MediaRole, "media"},
                  {LocationRole, "location"},
                  {ContactsRole, "contacts"},
                  {InteractiveRole, "interactive"},
                  {ReactionsRole, "reactions"}});
    return names;
}

bool ConversationModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_chatroomId.isEmpty() && !m_reachedStart && !m_fetching;
}

void ConversationModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    Q_EMIT olderMessagesWanted(serverRowCount() > 0 ? m_rows.first().message.id : MessageId());
}

} // namespace handover
