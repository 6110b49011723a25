#pragma once

#include <QObject>
#include <QTimer>
#include <functional>

namespace handover {

// When a worker of a durable queue (WhatsApp sends, media fetches) looks at its queue again: once per turn of
// the event loop however often it is woken, at start for work left by a previous run, and every `idleCheckMs`
// so that retries come due without a wake.
class QueueWaker : public QObject
{
    Q_OBJECT
public:
    QueueWaker(std::function<void()> pump, int idleCheckMs, QObject *parent = nullptr);

    void wake();
    // Called first by the pump: the next wake() runs it again, and the idle check is armed.
    void pumping();

private:
    std::function<void()> m_pump;
    int m_idleCheckMs;
    QTimer m_timer;
    bool m_queued = false;
};

} // namespace handover
