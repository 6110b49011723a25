#include "client/outbox.h"

#include "core/logging.h"

namespace handover::client {

Result<std::unique_ptr<Outbox>> Outbox::open(const QString &path, const OrgId &orgId, ApiClient &api,
                                             const Clock &clock, IdSource &keys, RandomSource &random,
                                             QObject *parent)
{
    Result<std::unique_ptr<OutboxStore>> store = OutboxStore::open(path, orgId, clock);
    if (!store)
        return store.error();
    std::unique_ptr<Outbox> outbox(new Outbox(std::move(store).value(), api, clock, keys, random, parent));
    outbox->kick(); // what an earlier run left pending
    return outbox;
}

Outbox::Outbox(std::unique_ptr<OutboxStore> store, ApiClient &api, const Clock &clock, IdSource &keys,
               RandomSource &random, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_api(api)
    , m_clock(clock)
    , m_keys(keys)
    , m_random(random)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        m_nextRetryAt = {};
        sendNext();
    });
}

Outbox::~Outbox() = default;

// ---- enqueueing

Result<OutboxItem> Outbox::enqueue(CommandKind kind, const ChatroomId &chatroomId, const QJsonObject &payload)
{
    Result<OutboxItem> item = m_store->insert(kind, chatroomId, payload, m_keys.newId());
    if (!item)
        return item.error();
    qCDebug(lcClient) << "outbox: queued" << item->localId << commandKindName(kind) << "for" << chatroomId;
    Q_EMIT itemChanged(item->localId, OutboxState::Pending);
    kick();
    return item;
}

Result<OutboxItem> Outbox::enqueueText(const ChatroomId &chatroomId, const QString &text)
{
    return enqueue(CommandKind::SendText, chatroomId, ApiClient::sendTextBody(text));
}

Result<OutboxItem> Outbox::enqueueTemplate(const TemplateSend &send)
{
    return enqueue(CommandKind::SendTemplate, send.chatroomId, ApiClient::sendTemplateBody(send));
}

Result<OutboxItem> Outbox::enqueueMedia(const ChatroomId &chatroomId, MessageKind kind,
                                        const QString &mediaId, const QString &caption)
{
    return enqueue(CommandKind::SendMedia, chatroomId, ApiClient::sendMediaBody(kind, mediaId, caption));
}

Result<OutboxItem> Outbox::enqueueMarkRead(const ChatroomId &chatroomId, const MessageId &upToMessageId)
{
    return enqueue(CommandKind::MarkRead, chatroomId, ApiClient::markReadBody(upToMessageId));
}

Result<OutboxItem> Outbox::enqueueReassign(const ChatroomId &chatroomId, const Assignee &to)
{
    return enqueue(CommandKind::Reassign, chatroomId, ApiClient::reassignBody(to));
}

Result<void> Outbox::retry(qint64 localId)
{
    // A new key: the server stores refusals under the old one too and would answer the same refusal again.
    // The refused send had no effect, so a new key cannot make anything happen twice.
    Result<bool> again = m_store->markPendingAgain(localId, m_keys.newId());
    if (!again)
        return again.error();
    if (!*again)
        return Error::make(ErrorCode::BadRequest, QStringLiteral("Only a failed send can be retried."));
    Q_EMIT itemChanged(localId, OutboxState::Pending);
    kick();
    return {};
}

Result<void> Outbox::discard(qint64 localId)
{
    Result<bool> removed = m_store->removeFailed(localId);
    if (!removed)
        return removed.error();
    if (!*removed)
        return Error::make(ErrorCode::BadRequest, QStringLiteral("Only a failed send can be dropped."));
    Q_EMIT itemDiscarded(localId);
    return {};
}

Result<QList<OutboxItem>> Outbox::items(std::optional<OutboxState> state)
{
    return m_store->items(state);
}

Result<std::optional<OutboxItem>> Outbox::item(qint64 localId)
{
    return m_store->item(localId);
}

void Outbox::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    if (!online) {
        m_retryTimer.stop();
        m_nextRetryAt = {};
        return;
    }
    // The connection is back: whatever waited for a retry goes now, with a fresh backoff.
    m_retryTimer.stop();
    m_nextRetryAt = {};
    m_failuresInARow = 0;
    kick();
}

// ---- sending

void Outbox::kick()
{
    if (m_kickQueued)
        return;
    m_kickQueued = true;
    // From the event loop: an enqueue returns before anything is sent, and several enqueues share one look.
    QTimer::singleShot(0, this, [this] {
        m_kickQueued = false;
        sendNext();
    });
}

bool Outbox::check(const Result<void> &result)
{
    if (result)
        return true;
    qCWarning(lcClient) << "outbox:" << result.error().description;
    Q_EMIT storageFailed(result.error());
    return false;
}

void Outbox::sendNext()
{
    if (!m_online || m_inFlight != 0 || m_retryTimer.isActive())
        return;
    Result<std::optional<OutboxItem>> next = m_store->nextPending();
    if (!next) {
        check(next.error());
        return;
    }
    if (!next->has_value())
        return;
    const OutboxItem item = **next;
    m_inFlight = item.localId;
    m_api.command(item.kind, item.chatroomId, item.payload, item.idempotencyKey, this,
                  [this, item](const ApiResult<QJsonObject> &answer) { onAnswer(item, answer); });
}

void Outbox::onAnswer(const OutboxItem &item, const ApiResult<QJsonObject> &answer)
{
    m_inFlight = 0;
    if (answer) {
        m_failuresInARow = 0;
        if (!check(m_store->markSent(item.localId, *answer)))
            return;
        qCDebug(lcClient) << "outbox: sent" << item.localId;
        Q_EMIT itemChanged(item.localId, OutboxState::Sent);
        sendNext();
        return;
    }
    const ApiError &error = answer.error();
    if (error.kind == ApiError::Kind::Http && error.httpStatus == 401) {
        // The session ended, not the command: hold everything until a new sign-in brings the outbox online.
        if (!check(m_store->recordRetryableFailure(item.localId, error)))
            return;
        qCInfo(lcClient) << "outbox: the session was refused; holding" << item.localId << "and what follows";
        m_online = false;
        Q_EMIT itemChanged(item.localId, OutboxState::Pending);
        return;
    }
    if (error.isRetryable()) {
        if (!check(m_store->recordRetryableFailure(item.localId, error)))
            return;
        qCInfo(lcClient) << "outbox: will send" << item.localId << "again:" << error.message();
        Q_EMIT itemChanged(item.localId, OutboxState::Pending);
        scheduleRetry(error.retryAfterSecs);
        return;
    }
    m_failuresInARow = 0;
    if (!check(m_store->markFailed(item.localId, error)))
        return;
    qCInfo(lcClient) << "outbox:" << item.localId << "failed:" << error.message();
    Q_EMIT itemChanged(item.localId, OutboxState::Failed);
    sendNext();
}

void Outbox::scheduleRetry(int retryAfterSecs)
{
    qint64 delay = m_policy.delayMs(m_failuresInARow++, m_random);
    if (retryAfterSecs > 0)
        delay = std::max<qint64>(delay, qint64(retryAfterSecs) * 1000);
    m_nextRetryAt = m_clock.now().addMSecs(delay);
    if (!m_online)
        return; // setOnline(true) sends it
    m_retryTimer.start(std::chrono::milliseconds(delay));
}

} // namespace handover::client
