#pragma once

#include "core/clock.h"
#include "core/domain/ids.h"
#include "server/services/commandrunner.h"

#include <QObject>
#include <QTimer>

namespace handover {

// The server's periodic work: deactivation and expiry of chatrooms by their org's settings (R12), and the
// trimming of what is kept for a limited time (the sync event log, idempotency records, seen Meta message ids,
// expired sessions). Time comes from the injected clock; `runNow()` lets tests drive it.
class LifecycleJob : public QObject
{
    Q_OBJECT
public:
    LifecycleJob(const Clock &clock, IdSource &ids, CommandRunner &commands, int eventRetentionDays,
                 QObject *parent = nullptr);

    void start(int intervalMs = 60'000);
    void runNow();

Q_SIGNALS:
    void finished(int chatroomsChanged);

private:
    void runBatch(const ChatroomId &afterId, int changedSoFar);
    void trim();

    const Clock &m_clock;
    IdSource &m_ids;
    CommandRunner &m_commands;
    int m_eventRetentionDays;
    QTimer m_timer;
    bool m_running = false;
};

} // namespace handover
