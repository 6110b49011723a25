// The typed commands of ApiClient: request bodies and the decoding of their answers (API.md's endpoints).
#include "client/apiclient.h"
#include "core/json/apicodec.h"
#include "core/json/jsonreader.h"
#include "core/json/timestamps.h"

#include <QJsonArray>

namespace handover::client {

namespace {

// Decodes a success body with `decode`; a body that does not decode is a Protocol error.
template <typename T, typename Decode>
ApiClient::Callback<QJsonObject> decoded(ApiClient::Callback<T> done, Decode decode)
{
    return [done = std::move(done), decode = std::move(decode)](ApiResult<QJsonObject> answer) {
        if (!answer) {
            done(answer.error());
            return;
        }
        Result<T> value = decode(*answer);
        if (!value) {
            done(ApiError::protocol(200, value.error().description));
            return;
        }
        done(std::move(value).value());
    };
}

// Each object of `array` decoded with `decode`.
template <typename T, typename Decode>
Result<QList<T>> listOf(const QJsonObject &body, const char *key, Decode decode)
{
    const QJsonValue value = body.value(QLatin1String(key));
    if (!value.isArray())
        return Error::make(ErrorCode::BadRequest,
                           QStringLiteral("%1 is not an array").arg(QLatin1String(key)));
    const QJsonArray array = value.toArray();
    QList<T> items;
    items.reserve(array.size());
    for (const QJsonValue &item : array) {
        Result<T> one = decode(item.toObject());
        if (!one)
            return one.error();
        items.append(std::move(one).value());
    }
    return items;
}

Result<LoginSession> loginFromJson(const QJsonObject &body)
{
    JsonReader r(body);
    LoginSession session;
    session.token = r.requiredString("token", JsonReader::kUnlimited);
    session.expiresAt = r.requiredTimestamp("expires_at");
    if (!r.ok())
        return r.error();
    Result<User> user = userFromJson(body.value(QLatin1String("user")).toObject());
    if (!user)
        return user.error();
    session.user = std::move(user).value();
    return session;
}

Result<UserSummary> userSummaryFromJson(const QJsonObject &object)
{
    Result<User> user = userFromJson(object);
    if (!user)
        return user.error();
    JsonReader r(object);
    UserSummary summary;
    summary.user = std::move(user).value();
    summary.online = r.optionalBool("online").value_or(false);
    summary.activeChatrooms =
        r.optionalInt("active_chatrooms", 0, std::numeric_limits<int>::max()).value_or(0);
    if (!r.ok())
        return r.error();
    return summary;
}

Result<ChatroomPage> pageFromJson(const QJsonObject &body)
{
    Result<QList<Chatroom>> rows = listOf<Chatroom>(body, "chatrooms", chatroomFromJson);
    if (!rows)
        return rows.error();
    ChatroomPage page;
    page.chatrooms = std::move(rows).value();
    page.nextCursor = body.value(QLatin1String("next_cursor")).toString();
    return page;
}

QJsonArray paramsToJson(const QList<TemplateParamValue> &params)
{
    QJsonArray array;
    for (const TemplateParamValue &p : params)
        array.append(QJsonObject{{QStringLiteral("tag"), p.tag}, {QStringLiteral("value"), p.value}});
    return array;
}

} // namespace

void ApiClient::login(const QString &email, const QString &password, const QObject *context,
                      Callback<LoginSession> done)
{
    post(QStringLiteral("/v1/auth/login"),
         QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}, {}, context,
         decoded<LoginSession>(std::move(done), loginFromJson));
}

void ApiClient::me(const QObject *context, Callback<User> done)
{
    get(QStringLiteral("/v1/me"), {}, context, decoded<User>(std::move(done), userFromJson));
}

void ApiClient::listChatrooms(const ChatroomPageQuery &query, const QObject *context,
                              Callback<ChatroomPage> done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("view"), viewName(query.view));
    q.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    if (!query.cursor.isEmpty())
        q.addQueryItem(QStringLiteral("cursor"), query.cursor);
    get(orgPath(QStringLiteral("/chatrooms")), q, context,
        decoded<ChatroomPage>(std::move(done), pageFromJson));
}

void ApiClient::chatroom(const ChatroomId &chatroomId, const QObject *context, Callback<Chatroom> done)
{
    get(chatroomPath(chatroomId), {}, context, decoded<Chatroom>(std::move(done), chatroomFromJson));
}

void ApiClient::messages(const ChatroomId &chatroomId, const MessageId &before, int limit,
                         const QObject *context, Callback<QList<Message>> done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!before.isEmpty())
        q.addQueryItem(QStringLiteral("before"), before);
    get(chatroomPath(chatroomId, QStringLiteral("/messages")), q, context,
        decoded<QList<Message>>(std::move(done), [](const QJsonObject &body) {
            return listOf<Message>(body, "messages", messageFromJson);
        }));
}

void ApiClient::templates(bool visibleOnly, const QObject *context, Callback<QList<MessageTemplate>> done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("visible_only"),
                   visibleOnly ? QStringLiteral("true") : QStringLiteral("false"));
    get(orgPath(QStringLiteral("/templates")), q, context,
        decoded<QList<MessageTemplate>>(std::move(done), [](const QJsonObject &body) {
            return listOf<MessageTemplate>(body, "templates", templateFromJson);
        }));
}

void ApiClient::users(const QObject *context, Callback<QList<UserSummary>> done)
{
    // API.md spells this one path with "org", not "orgs".
    get(QStringLiteral("/v1/org/") + QString::fromLatin1(QUrl::toPercentEncoding(m_orgId)) +
            QStringLiteral("/users"),
        {}, context, decoded<QList<UserSummary>>(std::move(done), [](const QJsonObject &body) {
            return listOf<UserSummary>(body, "users", userSummaryFromJson);
        }));
}

void ApiClient::contact(const ContactId &contactId, const QObject *context, Callback<Contact> done)
{
    get(orgPath(QStringLiteral("/contacts/") + QString::fromLatin1(QUrl::toPercentEncoding(contactId))), {},
        context, decoded<Contact>(std::move(done), contactFromJson));
}

QString commandKindName(CommandKind kind)
{
    switch (kind) {
    case CommandKind::SendText:
        return QStringLiteral("send_text");
    case CommandKind::SendTemplate:
        return QStringLiteral("send_template");
    case CommandKind::MarkRead:
        return QStringLiteral("mark_read");
    case CommandKind::Reassign:
        return QStringLiteral("reassign");
    case CommandKind::SendMedia:
        return QStringLiteral("send_media");
    }
    return {};
}

std::optional<CommandKind> commandKindFromName(const QString &name)
{
    for (CommandKind kind : {CommandKind::SendText, CommandKind::SendTemplate, CommandKind::MarkRead,
                             CommandKind::Reassign, CommandKind::SendMedia}) {
        if (commandKindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QJsonObject ApiClient::sendTextBody(const QString &text)
{
    return QJsonObject{{QStringLiteral("text"), text}};
}

QJsonObject ApiClient::sendTemplateBody(const TemplateSend &send)
{
    return QJsonObject{{QStringLiteral("remote_template_id"), send.remoteTemplateId},
                       {QStringLiteral("template_params"), paramsToJson(send.params)},
                       {QStringLiteral("bump"), send.bump},
                       {QStringLiteral("bump_response"), send.bumpResponse},
                       {QStringLiteral("relay_response"), send.relayResponse}};
}

QJsonObject ApiClient::markReadBody(const MessageId &upToMessageId)
{
    QJsonObject body;
    if (!upToMessageId.isEmpty())
        body.insert(QStringLiteral("up_to_message_id"), upToMessageId);
    return body;
}

QJsonObject ApiClient::sendMediaBody(MessageKind kind, const QString &mediaId, const QString &caption)
{
    QJsonObject body{{QStringLiteral("type"), messageKindName(kind)}, {QStringLiteral("media_id"), mediaId}};
    if (kind != MessageKind::Audio && !caption.isEmpty())
        body.insert(QStringLiteral("caption"), caption);
    return body;
}

QJsonObject ApiClient::reassignBody(const Assignee &to)
{
    if (!to.userId.isEmpty())
        return QJsonObject{{QStringLiteral("user_id"), to.userId}};
    return QJsonObject{{QStringLiteral("group_id"), to.groupId}};
}

QString ApiClient::commandPath(CommandKind kind, const ChatroomId &chatroomId) const
{
    switch (kind) {
    case CommandKind::SendText:
    case CommandKind::SendMedia:
        return chatroomPath(chatroomId, QStringLiteral("/messages"));
    case CommandKind::SendTemplate: {
        // API.md versions this one path v3.
        QString path = chatroomPath(chatroomId, QStringLiteral("/template-messages"));
        return path.replace(0, 3, QStringLiteral("/v3"));
    }
    case CommandKind::MarkRead:
        return chatroomPath(chatroomId, QStringLiteral("/read"));
    case CommandKind::Reassign:
        return chatroomPath(chatroomId, QStringLiteral("/reassign"));
    }
    return {};
}

void ApiClient::command(CommandKind kind, const ChatroomId &chatroomId, const QJsonObject &body,
                        const QString &idempotencyKey, const QObject *context, Callback<QJsonObject> done)
{
    post(commandPath(kind, chatroomId), body, idempotencyKey, context, std::move(done));
}

void ApiClient::sendText(const ChatroomId &chatroomId, const QString &text, const QString &idempotencyKey,
                         const QObject *context, Callback<Message> done)
{
    command(CommandKind::SendText, chatroomId, sendTextBody(text), idempotencyKey, context,
            decoded<Message>(std::move(done), messageFromJson));
}

void ApiClient::sendTemplate(const TemplateSend &send, const QString &idempotencyKey, const QObject *context,
                             Callback<Message> done)
{
    command(CommandKind::SendTemplate, send.chatroomId, sendTemplateBody(send), idempotencyKey, context,
            decoded<Message>(std::move(done), messageFromJson));
}

void ApiClient::markRead(const ChatroomId &chatroomId, const MessageId &upToMessageId,
                         const QString &idempotencyKey, const QObject *context, Callback<int> done)
{
    command(CommandKind::MarkRead, chatroomId, markReadBody(upToMessageId), idempotencyKey, context,
            decoded<int>(std::move(done), [](const QJsonObject &answer) -> Result<int> {
                JsonReader r(answer);
                const int unread = r.requiredInt("unread_count", 0, std::numeric_limits<int>::max());
                if (!r.ok())
                    return r.error();
                return unread;
            }));
}

void ApiClient::reassign(const ChatroomId &chatroomId, const Assignee &to, const QString &idempotencyKey,
                         const QObject *context, Callback<Chatroom> done)
{
    command(CommandKind::Reassign, chatroomId, reassignBody(to), idempotencyKey, context,
            decoded<Chatroom>(std::move(done), chatroomFromJson));
}

} // namespace handover::client
