#include "server/webhook/webhookdispatcher.h"

#include "core/logging.h"
#include "server/webhook/webhooksigner.h"

#include <QHostInfo>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <algorithm>

namespace handover {

struct WebhookDispatcher::Attempt
{
    PendingDelivery delivery;
    quint64 serial = 0;
    QUrl url;
    bool resolving = false;
    int lookupId = -1;
    QPointer<QNetworkReply> reply;
    QTimer *deadline = nullptr; // a child of the dispatcher; deleted later, as it may be the one calling
    bool timedOut = false;
    bool recording = false;

    Attempt() = default;
    Attempt(const Attempt &) = delete;
    Attempt &operator=(const Attempt &) = delete;
    ~Attempt()
    {
        if (deadline) {
            deadline->stop();
            deadline->deleteLater();
        }
    }
};

namespace {

constexpr qint64 MinSleepMs = 20;

WebhookDispatcherOptions normalised(WebhookDispatcherOptions options)
{
    options.maxInFlight = std::max(1, options.maxInFlight);
    options.maxSleep = std::max(options.maxSleep, std::chrono::milliseconds(MinSleepMs));
    return options;
}

// The Host header of the original URL: the request itself goes to the address that was checked.
QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (QHostAddress(url.host()).protocol() == QAbstractSocket::IPv6Protocol)
        host = '[' + host + ']';
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    return host;
}

QString describeHttpFailure(int statusCode)
{
    if (statusCode >= 300 && statusCode <= 399)
        return QStringLiteral("HTTP %1: redirects are not followed").arg(statusCode);
    return QStringLiteral("HTTP %1").arg(statusCode);
}

} // namespace

WebhookDispatcher::WebhookDispatcher(DeliveryBackend &backend, const Clock &clock,
                                     WebhookDispatcherOptions options, RetryPolicy policy, UnitRandom random,
                                     QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_clock(clock)
    , m_options(normalised(options))
    , m_policy(std::move(policy))
    , m_random(std::move(random))
    , m_urlPolicy(options.allowPrivate)
{
    // Deliveries go straight to the address that was checked, never through a proxy that resolves again.
    m_network.setProxy(QNetworkProxy::NoProxy);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &WebhookDispatcher::pump);
}

WebhookDispatcher::~WebhookDispatcher()
{
    stop();
}

void WebhookDispatcher::start()
{
    if (m_running)
        return;
    m_running = true;
    qCInfo(lcWebhook) << "webhook dispatcher started; in flight at most" << m_options.maxInFlight
                      << (m_options.allowPrivate ? "(private addresses allowed)" : "");
    schedulePump();
}

void WebhookDispatcher::wake()
{
    schedulePump(); // pump() does nothing unless running
}

void WebhookDispatcher::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    for (auto it = m_attempts.begin(); it != m_attempts.end();) {
        Attempt &attempt = *it->second;
        if (attempt.recording) {
            ++it;
            continue;
        }
        if (attempt.resolving)
            QHostInfo::abortHostLookup(attempt.lookupId);
        if (attempt.reply) {
            attempt.reply->disconnect(this);
            attempt.reply->abort();
            attempt.reply->deleteLater();
        }
        it = m_attempts.erase(it);
    }
    m_inFlight = int(m_attempts.size());
    qCInfo(lcWebhook) << "webhook dispatcher stopped";
}

WebhookCounters WebhookDispatcher::counters() const
{
    return {m_delivered.load(), m_failed.load(), m_attemptCount.load(), m_inFlight.load()};
}

void WebhookDispatcher::schedulePump()
{
    if (m_pumpQueued.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpQueued = false;
            pump();
        },
        Qt::QueuedConnection);
}

void WebhookDispatcher::pump()
{
    if (!m_running)
        return;
    const QDateTime now = m_clock.now();
    const int busy = int(m_attempts.size());
    const int capacity = m_options.maxInFlight - busy;
    bool atCapacity = capacity <= 0;
    if (capacity > 0) {
        // Held deliveries are still pending in the backend: ask for enough rows to skip them.
        const QList<PendingDelivery> due = m_backend.dueDeliveries(now, capacity + busy);
        int started = 0;
        for (const PendingDelivery &delivery : due) {
            if (m_attempts.count(delivery.id))
                continue;
            begin(delivery);
            if (++started == capacity) {
                atCapacity = true;
                break;
            }
        }
    }
    armTimer(now, atCapacity);
}

void WebhookDispatcher::armTimer(const QDateTime &now, bool atCapacity)
{
    const qint64 maxSleepMs = m_options.maxSleep.count();
    qint64 sleepMs = maxSleepMs;
    // At capacity, a finished attempt pumps again; otherwise every due delivery has been started.
    if (!atCapacity) {
        std::optional<QDateTime> next = m_backend.nextDueAt();
        if (next && now.msecsTo(*next) <= 0 && !m_attempts.empty()) {
            // The earliest is one this dispatcher holds: look for the next one it does not.
            next.reset();
            const auto upcoming =
                m_backend.dueDeliveries(now.addMSecs(maxSleepMs), int(m_attempts.size()) + 1);
            for (const PendingDelivery &delivery : upcoming) {
                if (!m_attempts.count(delivery.id)) {
                    next = delivery.nextAttemptAt;
                    break;
                }
            }
        }
        // The floor keeps a backend that says "due" but returns nothing from spinning this loop.
        if (next)
            sleepMs = std::clamp<qint64>(now.msecsTo(*next), MinSleepMs, maxSleepMs);
    }
    m_timer.start(std::chrono::milliseconds(sleepMs));
}

void WebhookDispatcher::begin(const PendingDelivery &delivery)
{
    auto owned = std::make_unique<Attempt>();
    Attempt &attempt = *owned;
    attempt.delivery = delivery;
    attempt.serial = ++m_nextSerial;
    m_attempts.emplace(delivery.id, std::move(owned));
    m_inFlight = int(m_attempts.size());

    const QString id = delivery.id;
    const quint64 serial = attempt.serial;
    attempt.deadline = new QTimer(this);
    attempt.deadline->setSingleShot(true);
    connect(attempt.deadline, &QTimer::timeout, this, [this, id, serial] { onDeadline(id, serial); });
    attempt.deadline->start(m_policy.responseTimeout);
    Q_EMIT attemptStarted(id);

    auto url = m_urlPolicy.checkUrl(delivery.url);
    if (!url) {
        finish(attempt, 0, url.error().description);
        return;
    }
    attempt.url = *url;
    const QString host = attempt.url.host();
    const QHostAddress literal(host);
    if (!literal.isNull()) {
        // lookupHost() would do a reverse lookup of a literal address.
        connectTo(attempt, {literal}, {});
        return;
    }
    // Set before the call, and attempt not used after it: a cached answer may come back at once.
    attempt.resolving = true;
    const int lookupId = QHostInfo::lookupHost(host, this, [this, id, serial](const QHostInfo &info) {
        Attempt *current = find(id, serial);
        if (!current || !current->resolving || current->recording)
            return;
        current->resolving = false;
        connectTo(*current, info.addresses(),
                  info.error() == QHostInfo::NoError ? QString() : info.errorString());
    });
    if (Attempt *current = find(id, serial))
        current->lookupId = lookupId;
}

void WebhookDispatcher::connectTo(Attempt &attempt, const QList<QHostAddress> &addresses,
                                  const QString &lookupError)
{
    if (!lookupError.isEmpty()) {
        finish(attempt, 0, QStringLiteral("DNS lookup failed: ") + lookupError);
        return;
    }
    auto address = m_urlPolicy.pickAddress(addresses);
    if (!address) {
        finish(attempt, 0, address.error().description);
        return;
    }
    const QDateTime now = m_clock.now();
    auto headers = WebhookSigner::sign(attempt.delivery.secret, attempt.delivery.webhookId, now,
                                       attempt.delivery.payload);
    if (!headers) {
        finish(attempt, 0, headers.error().description);
        return;
    }

    QUrl target = attempt.url;
    target.setHost(address->toString());
    QNetworkRequest request(target);
    request.setRawHeader(QByteArrayLiteral("Host"), hostHeader(attempt.url));
    if (attempt.url.scheme() == QLatin1String("https"))
        request.setPeerVerifyName(attempt.url.host());
    request.setRawHeader(webhookheader::ContentType, webhookheader::JsonContentType);
    request.setRawHeader(webhookheader::Id, headers->webhookId);
    request.setRawHeader(webhookheader::Timestamp, headers->timestamp);
    request.setRawHeader(webhookheader::Signature, headers->signature);
    request.setRawHeader(QByteArrayLiteral("User-Agent"),
                         QByteArrayLiteral("Handover-Webhook/" HANDOVER_VERSION));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // HTTP/2 would send the address, not the host name, as :authority.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(int(m_policy.responseTimeout.count()));

    QNetworkReply *reply = m_network.post(request, attempt.delivery.payload);
    attempt.reply = reply;
    const QString id = attempt.delivery.id;
    const quint64 serial = attempt.serial;
    // The answer's body is of no interest; reading it away keeps a large one out of memory.
    connect(reply, &QNetworkReply::readyRead, reply, [reply] { reply->skip(reply->bytesAvailable()); });
    connect(reply, &QNetworkReply::finished, this, [this, id, serial] { onReplyFinished(id, serial); });
    qCDebug(lcWebhook) << "attempt" << attempt.delivery.attempts + 1 << "of" << id << "to"
                       << attempt.url.toDisplayString(QUrl::RemoveUserInfo) << "via" << address->toString();
}

void WebhookDispatcher::onReplyFinished(const QString &deliveryId, quint64 serial)
{
    Attempt *attempt = find(deliveryId, serial);
    if (!attempt || !attempt->reply || attempt->recording)
        return;
    QNetworkReply *reply = attempt->reply;
    attempt->reply = nullptr;
    reply->deleteLater();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (attempt->timedOut || reply->error() == QNetworkReply::OperationCanceledError) {
        finish(*attempt, 0,
               QStringLiteral("no complete answer within %1 ms").arg(m_policy.responseTimeout.count()));
        return;
    }
    if (!status.isValid()) {
        finish(*attempt, 0, reply->errorString());
        return;
    }
    const int code = status.toInt();
    finish(*attempt, code,
           RetryPolicy::classify(code) == RetryPolicy::Verdict::Delivered ? QString()
                                                                          : describeHttpFailure(code));
}

void WebhookDispatcher::onDeadline(const QString &deliveryId, quint64 serial)
{
    Attempt *attempt = find(deliveryId, serial);
    if (!attempt || attempt->recording)
        return;
    attempt->timedOut = true;
    if (attempt->reply) {
        attempt->reply->abort(); // finishes the reply, which records the attempt
        return;
    }
    if (attempt->resolving) {
        QHostInfo::abortHostLookup(attempt->lookupId);
        attempt->resolving = false;
    }
    finish(*attempt, 0,
           QStringLiteral("DNS lookup took longer than %1 ms").arg(m_policy.responseTimeout.count()));
}

void WebhookDispatcher::finish(Attempt &attempt, int statusCode, QString error)
{
    attempt.recording = true;
    attempt.deadline->stop();
    const QDateTime now = m_clock.now();
    const PendingDelivery &delivery = attempt.delivery;

    AttemptOutcome outcome;
    outcome.deliveryId = delivery.id;
    outcome.statusCode = statusCode;
    outcome.error = std::move(error);
    outcome.attempts = delivery.attempts + 1;
    const auto decision = m_policy.decide(statusCode, outcome.attempts, delivery.createdAt, now, m_random());
    outcome.status = decision.status;
    outcome.nextAttemptAt = decision.nextAttemptAt;
    ++m_attemptCount;

    switch (outcome.status) {
    case AttemptOutcome::Status::Delivered:
        qCDebug(lcWebhook) << "delivered" << delivery.id << "on attempt" << outcome.attempts << "with HTTP"
                           << statusCode;
        break;
    case AttemptOutcome::Status::Failed:
        qCWarning(lcWebhook) << "gave up on" << delivery.id << "of org" << delivery.orgId << "after"
                             << outcome.attempts << "attempts:" << outcome.error;
        break;
    case AttemptOutcome::Status::Pending:
        qCDebug(lcWebhook) << "attempt" << outcome.attempts << "of" << delivery.id
                           << "failed:" << outcome.error << "- next at"
                           << outcome.nextAttemptAt.toString(Qt::ISODateWithMs);
        break;
    }

    const QString id = delivery.id;
    const quint64 serial = attempt.serial;
    QPointer<WebhookDispatcher> self(this);
    // May call back at once: nothing below may touch attempt.
    m_backend.recordAttempt(outcome, [self, id, serial, outcome] {
        if (self)
            self->onRecorded(id, serial, outcome);
    });
}

void WebhookDispatcher::onRecorded(const QString &deliveryId, quint64 serial, const AttemptOutcome &outcome)
{
    if (!find(deliveryId, serial))
        return;
    m_attempts.erase(deliveryId);
    m_inFlight = int(m_attempts.size());
    if (outcome.status == AttemptOutcome::Status::Delivered)
        ++m_delivered;
    else if (outcome.status == AttemptOutcome::Status::Failed)
        ++m_failed;
    Q_EMIT attemptRecorded(outcome);
    wake();
}

WebhookDispatcher::Attempt *WebhookDispatcher::find(const QString &deliveryId, quint64 serial)
{
    const auto it = m_attempts.find(deliveryId);
    if (it == m_attempts.end() || it->second->serial != serial)
        return nullptr;
    return it->second.get();
}

} // namespace handover
