#pragma once

#include "client/apierror.h"
#include "client/apitypes.h"
#include "core/domain/contact.h"
#include "core/domain/message.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>
#include <functional>

namespace handover::client {

// The HTTP commands of API.md that the console sends, each answered once through a callback.
//
// Every call takes a context object: the callback runs in the context's thread, and never once the context
// is gone (the request itself still completes, so a send is not cut off half-way). Errors arrive as ApiError:
// API.md's error body decoded with its HTTP status, or a Network error when there was no answer at all.
//
// Paths that name the org use orgId(); set it from the login answer. Lives in one thread, like its
// QNetworkAccessManager.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    template <typename T> using Callback = std::function<void(ApiResult<T>)>;

    // `baseUrl` is the server, e.g. "https://handover.example.com" (a path prefix is kept).
    explicit ApiClient(QUrl baseUrl, QObject *parent = nullptr);
    ~ApiClient() override;

    const QUrl &baseUrl() const { return m_baseUrl; }
    void setToken(const QString &token) { m_token = token; }
    const QString &token() const { return m_token; }
    void setOrgId(const OrgId &orgId) { m_orgId = orgId; }
    const OrgId &orgId() const { return m_orgId; }
    // A request with no progress for this long fails as a Network error (default 30 s).
    void setTransferTimeoutMs(int ms) { m_transferTimeoutMs = ms; }
    int requestsInFlight() const { return m_inFlight; }

    // ---- session
    void login(const QString &email, const QString &password, const QObject *context,
               Callback<LoginSession> done);
    void me(const QObject *context, Callback<User> done);

    // ---- reads
    void listChatrooms(const ChatroomPageQuery &query, const QObject *context, Callback<ChatroomPage> done);
    void chatroom(const ChatroomId &chatroomId, const QObject *context, Callback<Chatroom> done);
    // Newest last; `before` (a message id) pages back, empty for the newest page.
    void messages(const ChatroomId &chatroomId, const MessageId &before, int limit, const QObject *context,
                  Callback<QList<Message>> done);
    void templates(bool visibleOnly, const QObject *context, Callback<QList<MessageTemplate>> done);
    void users(const QObject *context, Callback<QList<UserSummary>> done);
    // ADMIN and SUPERVISOR only (403 for a MEMBER).
    void contact(const ContactId &contactId, const QObject *context, Callback<Contact> done);

    // ---- commands, each with an Idempotency-Key (empty: none)
    void sendText(const ChatroomId &chatroomId, const QString &text, const QString &idempotencyKey,
                  const QObject *context, Callback<Message> done);
    void sendTemplate(const TemplateSend &send, const QString &idempotencyKey, const QObject *context,
                      Callback<Message> done);
    // Answers the caller's unread count afterwards (0).
    void markRead(const ChatroomId &chatroomId, const MessageId &upToMessageId, const QString &idempotencyKey,
                  const QObject *context, Callback<int> done);
    void reassign(const ChatroomId &chatroomId, const Assignee &to, const QString &idempotencyKey,
                  const QObject *context, Callback<Chatroom> done);

    // ---- media: bytes rather than JSON (client/mediaendpoints.cpp)
    // Bytes moved so far and the whole size (-1 while unknown).
    using Progress = std::function<void(qint64 done, qint64 total)>;
    // GET media/{id}, answered in memory: for thumbnails and other small files.
    void mediaBytes(const QString &mediaId, MediaVariant variant, const QObject *context,
                    Callback<QByteArray> done);
    // GET media/{id} into the file `path`: written as it arrives under a temporary name beside it and renamed
    // when complete, so a file at `path` is always whole. Answers `path`.
    void downloadMedia(const QString &mediaId, const QString &path, const QObject *context, Progress progress,
                       Callback<QString> done);
    // POST media with the file at `path`, read from disk as it goes out; `filename` is sent percent-encoded
    // in X-Filename.
    void uploadMedia(const QString &path, const QString &mimeType, const QString &filename,
                     const QObject *context, Progress progress, Callback<UploadedMedia> done);

    // ---- commands by kind, as the outbox sends them: the body is what the *Body() functions make
    void command(CommandKind kind, const ChatroomId &chatroomId, const QJsonObject &body,
                 const QString &idempotencyKey, const QObject *context, Callback<QJsonObject> done);
    QString commandPath(CommandKind kind, const ChatroomId &chatroomId) const;
    static QJsonObject sendTextBody(const QString &text);
    static QJsonObject sendTemplateBody(const TemplateSend &send);
    static QJsonObject markReadBody(const MessageId &upToMessageId);
    static QJsonObject reassignBody(const Assignee &to);
    // {type, media_id, caption}: `kind` is Image, Document, Audio or Video; audio carries no caption.
    static QJsonObject sendMediaBody(MessageKind kind, const QString &mediaId, const QString &caption);

    // ---- the transport under the typed calls: one request, its JSON object answer ({} for an empty body)
    void get(const QString &path, const QUrlQuery &query, const QObject *context, Callback<QJsonObject> done);
    void post(const QString &path, const QJsonObject &body, const QString &idempotencyKey,
              const QObject *context, Callback<QJsonObject> done);

    // "/v1/orgs/<org>" + rest, and the chatroom's own path.
    QString orgPath(const QString &rest) const;
    QString chatroomPath(const ChatroomId &chatroomId, const QString &rest = {}) const;
    QString mediaPath(const QString &mediaId) const;

Q_SIGNALS:
    // A request carrying a token was answered 401: the session has ended (expired, revoked, logged out).
    void unauthenticated();

private:
    QUrl endpoint(const QString &path, const QUrlQuery &query) const;
    // A request to `path` with the session's token (and the key, when given).
    QNetworkRequest request(const QString &path, const QUrlQuery &query, const QString &idempotencyKey) const;
    // Counts the reply while it runs, reports a 401 as unauthenticated() and deletes it when finished.
    void track(QNetworkReply *reply, const QByteArray &verb, const QString &path);
    void send(const QByteArray &verb, const QString &path, const QUrlQuery &query, const QByteArray &body,
              const QString &idempotencyKey, const QObject *context, Callback<QJsonObject> done);

    QUrl m_baseUrl;
    QString m_token;
    OrgId m_orgId;
    int m_transferTimeoutMs = 30000;
    int m_inFlight = 0;
    QNetworkAccessManager m_network;
};

} // namespace handover::client
