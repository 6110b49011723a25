#pragma once

#include "core/clock.h"
#include "server/webhook/deliverybackend.h"
#include "server/webhook/retrypolicy.h"
#include "server/webhook/webhookurlpolicy.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>

class QNetworkReply;

namespace handover {

struct WebhookDispatcherOptions
{
    int maxInFlight = 8;                       // deliveries being sent or recorded at once
    std::chrono::milliseconds maxSleep{60000}; // wake at least this often, so clock changes are noticed
    bool allowPrivate = false;                 // --allow-private-webhooks
};

// For /metrics.
struct WebhookCounters
{
    quint64 delivered = 0;
    quint64 failed = 0;
    quint64 attempts = 0;
    int inFlight = 0;
};

// Sends the org webhook deliveries that are due (API.md, "Org webhook"; R22), records every attempt through
// the backend, and sleeps on one timer until the next one is due. All times come from the clock, so a test
// with a FakeClock can jump hours ahead and call wake(). Lives on one thread; the backend calls back on it.
//
// A delivery the dispatcher holds (being resolved, sent or recorded) is never picked up again until its
// attempt is recorded. Every attempt resolves the host and connects to the address it checked, so DNS
// rebinding cannot reach an internal address; redirects are not followed (a 3xx is a failed attempt).
class WebhookDispatcher : public QObject
{
    Q_OBJECT

public:
    WebhookDispatcher(DeliveryBackend &backend, const Clock &clock, WebhookDispatcherOptions options = {},
                      RetryPolicy policy = RetryPolicy::standard(), UnitRandom random = systemUnitRandom(),
                      QObject *parent = nullptr);
    ~WebhookDispatcher() override;

    void start();
    // After a commit that queued deliveries (or a redeliver), and in tests after moving the clock. Safe to
    // call from any thread; the work happens on the dispatcher's.
    void wake();
    // Abandons attempts still on the wire without recording them: those deliveries stay due and are sent
    // again later (receivers de-duplicate on webhook-id). Attempts being recorded finish recording.
    void stop();
    bool isRunning() const { return m_running; }

    WebhookCounters counters() const; // safe to read from any thread
    const RetryPolicy &policy() const { return m_policy; }

Q_SIGNALS:
    void attemptStarted(const QString &deliveryId);
    // After the backend made the outcome durable.
    void attemptRecorded(const handover::AttemptOutcome &outcome);

private:
    struct Attempt;

    void schedulePump();
    void pump();
    void armTimer(const QDateTime &now, bool atCapacity);
    void begin(const PendingDelivery &delivery);
    void connectTo(Attempt &attempt, const QList<QHostAddress> &addresses, const QString &lookupError);
    void onReplyFinished(const QString &deliveryId, quint64 serial);
    void onDeadline(const QString &deliveryId, quint64 serial);
    void finish(Attempt &attempt, int statusCode, QString error);
    void onRecorded(const QString &deliveryId, quint64 serial, const AttemptOutcome &outcome);
    Attempt *find(const QString &deliveryId, quint64 serial);

    DeliveryBackend &m_backend;
    const Clock &m_clock;
    const WebhookDispatcherOptions m_options;
    const RetryPolicy m_policy;
    const UnitRandom m_random;
    const WebhookUrlPolicy m_urlPolicy;
    QNetworkAccessManager m_network;
    QTimer m_timer;
    std::map<QString, std::unique_ptr<Attempt>> m_attempts;
    quint64 m_nextSerial = 0;
    bool m_running = false;
    std::atomic<bool> m_pumpQueued{false};

    std::atomic<quint64> m_delivered{0};
    std::atomic<quint64> m_failed{0};
    std::atomic<quint64> m_attemptCount{0};
    std::atomic<int> m_inFlight{0};
};

} // namespace handover
