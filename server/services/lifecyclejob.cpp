#include "server/services/lifecyclejob.h"

#include "core/logging.h"
#include "core/rules/lifecycle.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/credentials.h"
#include "core/store/server/eventlog.h"
#include "core/store/server/idempotency.h"
#include "core/store/server/orgs.h"
#include "core/store/server/whatsappqueues.h"
#include "server/services/outcomecommit.h"

#include <memory>

namespace handover {

namespace ss = store::server;

namespace {
constexpr int kBatch = 200;
constexpr int kInboundSeenDays = 7;
} // namespace

LifecycleJob::LifecycleJob(const Clock &clock, IdSource &ids, CommandRunner &commands, int eventRetentionDays,
                           QObject *parent)
    : QObject(parent), m_clock(clock), m_ids(ids), m_commands(commands), m_eventRetentionDays(eventRetentionDays)
{
    connect(&m_timer, &QTimer::timeout, this, &LifecycleJob::runNow);
}

void LifecycleJob::start(int intervalMs)
{
    m_timer.start(intervalMs);
}

void LifecycleJob::runNow()
{
    if (m_running)
        return;
    m_running = true;
    trim();
    runBatch({}, 0);
}

// One batch per command, so a large backlog never holds the writer for long.
void LifecycleJob::runBatch(const ChatroomId &afterId, int changedSoFar)
{
    auto last = std::make_shared<ChatroomId>();
    auto changed = std::make_shared<int>(0);
    auto more = std::make_shared<bool>(false);
    const Clock &clock = m_clock;
    IdSource &ids = m_ids;
    m_commands.run(
        [afterId, last, changed, more, &clock, &ids](QSqlDatabase &db) -> Result<CommandEffects> {
            const QDateTime now = clock.now();
            auto due = ss::chatroomsDueForLifecycle(db, now, afterId, kBatch);
            if (!due)
                return due.error();
            CommandEffects effects;
            *more = due->size() == kBatch;
            for (const Chatroom &chatroom : std::as_const(*due)) {
                *last = chatroom.id;
                auto settings = ss::orgSettings(db, chatroom.orgId);
                if (!settings)
                    return settings.error();
                auto seq = nextSeqFor(db, chatroom.orgId);
                if (!seq)
                    return seq.error();
                RuleContext rules(clock, ids, *seq);
                const Outcome outcome = applyLifecycle(chatroom, *settings, rules);
                if (!outcome.changed())
                    continue;
                auto written = commitOutcome(db, outcome, now, 200, {});
                if (!written)
                    return written.error();
                effects.events.append(written->events);
                ++*changed;
            }
            return effects;
        },
        [this, last, changed, more, changedSoFar](const Result<CommandEffects> &result) {
            if (!result) {
                qCWarning(lcCore) << "lifecycle batch failed:" << result.error().description;
                m_running = false;
                return;
            }
            if (*more) {
                runBatch(*last, changedSoFar + *changed);
                return;
            }
            m_running = false;
            Q_EMIT finished(changedSoFar + *changed);
        });
}

void LifecycleJob::trim()
{
    const QDateTime now = m_clock.now();
    const int retentionDays = m_eventRetentionDays;
    m_commands.run(
        [now, retentionDays](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto r = ss::trimEventsOlderThan(db, now.addDays(-retentionDays)); !r)
                return r.error();
            if (auto r = ss::purgeIdempotencyRecords(db, now); !r)
                return r.error();
            if (auto r = ss::purgeInboundSeen(db, now.addDays(-kInboundSeenDays)); !r)
                return r.error();
            if (auto r = ss::purgeExpiredSessions(db, now); !r)
                return r.error();
            return CommandEffects{};
        },
        [](const Result<CommandEffects> &result) {
            if (!result)
                qCWarning(lcCore) << "trimming failed:" << result.error().description;
        });
}

} // namespace handover
