#include "server/auth/passwordworkers.h"

#include <QThread>
#include <algorithm>

namespace handover {

PasswordWorkers::PasswordWorkers(int threads, int queued)
    : m_threads(std::max(1, threads))
    , m_capacity(m_threads + std::max(0, queued))
{
    m_pool.setMaxThreadCount(m_threads);
    m_pool.setObjectName(QStringLiteral("password workers"));
}

PasswordWorkers::~PasswordWorkers()
{
    m_pool.waitForDone();
}

int PasswordWorkers::defaultThreads()
{
    return std::max(1, QThread::idealThreadCount() / 2);
}

bool PasswordWorkers::tryStart(std::function<void()> work)
{
    // Admission counts running and waiting work together; the pool's own queue then never holds more than
    // capacity - threads.
    if (m_admitted.fetch_add(1) >= m_capacity) {
        m_admitted.fetch_sub(1);
        return false;
    }
    m_pool.start([this, work = std::move(work)] {
        work();
        m_admitted.fetch_sub(1);
    });
    return true;
}

} // namespace handover
