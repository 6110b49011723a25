#include "server/services/outcomecommit.h"

#include "core/store/server/eventlog.h"
#include "core/store/server/orgs.h"
#include "core/store/server/outcomewriter.h"

namespace handover {

Result<qint64> nextSeqFor(QSqlDatabase &db, const OrgId &orgId)
{
    return store::server::nextEventSeq(db, orgId);
}

Result<CommandEffects> commitOutcome(QSqlDatabase &db, const Outcome &outcome, const QDateTime &now, int status,
                                     const QJsonObject &body)
{
    const OrgId &orgId = outcome.chatroom.orgId;
    std::optional<store::server::WebhookTarget> webhook;
    if (!outcome.relays.isEmpty()) {
        auto configured = store::server::orgWebhook(db, orgId);
        if (!configured)
            return configured.error();
        webhook = *configured;
    }
    if (auto written = store::server::writeOutcome(db, outcome, webhook ? &*webhook : nullptr, now); !written)
        return written.error();

    CommandEffects effects;
    effects.response = HttpResponse::json(status, body);
    effects.orgId = orgId;
    effects.events = outcome.events;
    effects.wakeWebhooks = webhook.has_value() && !outcome.relays.isEmpty();
    for (const Message &message : outcome.messages) {
        if (message.direction == Direction::Out && message.kind != MessageKind::System
            && message.status == DeliveryStatus::Queued && message.waMessageId.isEmpty()) {
            effects.wakeOutbound = true;
        }
        if (message.direction == Direction::In && message.media && message.media->status == MediaStatus::Pending)
            effects.wakeMedia = true;
    }
    return effects;
}

} // namespace handover
