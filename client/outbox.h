#pragma once

#include "client/apiclient.h"
#include "client/backoff.h"
#include "client/outboxstore.h"
#include "core/clock.h"
#include "core/domain/ids.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace handover::client {

// The durable queue of the user's commands (SYNC.md, client duties). enqueue*() stores a command with a fresh
// Idempotency-Key BEFORE anything goes out, so a command survives a crash, a restart and any outage. Items
// go out one at a time in the order they were made, through ApiClient:
// - 2xx: Sent, with the server's answer (a message's id, to match the message.created event);
// - no answer, 5xx, 429, IDEMPOTENCY_IN_PROGRESS: stays Pending and is sent again, with the same key, after
//   the backoff policy's delay, or at once when setOnline(true) says the connection is back. The key makes
//   the server apply it exactly once however often it is sent;
// - 401: the session ended; the item stays Pending and the outbox goes offline until setOnline(true);
// - any other 4xx: Failed with the error, never retried automatically; the items behind it go on. retry()
//   queues it again under a new key (the server replays a refusal for the old key; a refused command had no
//   effect, so the new key cannot double it).
// A fresh Outbox on the same file resumes where the last one stopped.
class Outbox : public QObject
{
    Q_OBJECT

public:
    // Opens the outbox of `orgId` in the cache file at `path` (its own connection, in this thread).
    static Result<std::unique_ptr<Outbox>> open(const QString &path, const OrgId &orgId, ApiClient &api,
                                                const Clock &clock, IdSource &keys, RandomSource &random,
                                                QObject *parent = nullptr);
    ~Outbox() override;

    Result<OutboxItem> enqueueText(const ChatroomId &chatroomId, const QString &text);
    Result<OutboxItem> enqueueTemplate(const TemplateSend &send);
    // An uploaded file (MediaUpload) as a message of `kind` (image, document, audio, video).
    Result<OutboxItem> enqueueMedia(const ChatroomId &chatroomId, MessageKind kind, const QString &mediaId,
                                    const QString &caption);
    Result<OutboxItem> enqueueMarkRead(const ChatroomId &chatroomId, const MessageId &upToMessageId);
    Result<OutboxItem> enqueueReassign(const ChatroomId &chatroomId, const Assignee &to);
    // Any command, its body as ApiClient::*Body() makes it.
    Result<OutboxItem> enqueue(CommandKind kind, const ChatroomId &chatroomId, const QJsonObject &payload);

    // A Failed item back to Pending, with a new Idempotency-Key; an error if it is not failed.
    Result<void> retry(qint64 localId);
    // Drops a Failed item for good (the user takes its text back to change it); an error if it is not
    // failed. A refused command had no effect, so nothing is undone.
    Result<void> discard(qint64 localId);

    Result<QList<OutboxItem>> items(std::optional<OutboxState> state = std::nullopt);
    Result<std::optional<OutboxItem>> item(qint64 localId);

    // Offline: nothing goes out. Online (the default): pending items go out now; a waiting retry is cut
    // short.
    void setOnline(bool online);
    bool isOnline() const { return m_online; }
    bool isSending() const { return m_inFlight != 0; }
    void setBackoffPolicy(const BackoffPolicy &policy) { m_policy = policy; }
    // When the next retry is due, null when none waits.
    QDateTime nextRetryAt() const { return m_nextRetryAt; }

Q_SIGNALS:
    // After every change of an item's state, and after a retryable failure (state stays Pending).
    void itemChanged(qint64 localId, handover::client::OutboxState state);
    // A failed item was dropped by discard().
    void itemDiscarded(qint64 localId);
    // An item could not be stored or updated (a local disk problem); sending stops until the next kick.
    void storageFailed(const handover::Error &error);

private:
    Outbox(std::unique_ptr<OutboxStore> store, ApiClient &api, const Clock &clock, IdSource &keys,
           RandomSource &random, QObject *parent);
    void kick();
    void sendNext();
    void onAnswer(const OutboxItem &item, const ApiResult<QJsonObject> &answer);
    void scheduleRetry(int retryAfterSecs);
    bool check(const Result<void> &result);

    std::unique_ptr<OutboxStore> m_store;
    ApiClient &m_api;
    const Clock &m_clock;
    IdSource &m_keys;
    RandomSource &m_random;
    BackoffPolicy m_policy = BackoffPolicy::reconnect();
    QTimer m_retryTimer;
    QDateTime m_nextRetryAt;
    bool m_online = true;
    qint64 m_inFlight = 0; // the local id on its way, 0 for none
    int m_failuresInARow = 0;
    bool m_kickQueued = false;
};

} // namespace handover::client
