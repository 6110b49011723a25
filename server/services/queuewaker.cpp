#include "server/services/queuewaker.h"

namespace handover {

QueueWaker::QueueWaker(std::function<void()> pump, int idleCheckMs, QObject *parent)
    : QObject(parent)
    , m_pump(std::move(pump))
    , m_idleCheckMs(idleCheckMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { m_pump(); });
    m_timer.start(0); // work left queued by a previous run
}

void QueueWaker::wake()
{
    if (m_queued)
        return;
    m_queued = true;
    QMetaObject::invokeMethod(
        this, [this] { m_pump(); }, Qt::QueuedConnection);
}

void QueueWaker::pumping()
{
    m_queued = false;
    if (!m_timer.isActive())
        m_timer.start(m_idleCheckMs);
}

} // namespace handover
