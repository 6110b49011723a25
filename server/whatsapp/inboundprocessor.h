#pragma once

#include "core/clock.h"
#include "core/domain/ids.h"
#include "server/services/commandrunner.h"
#include "server/whatsapp/metainbound.h"

#include <QSqlDatabase>

namespace handover {

// Applies one webhook delivery from Meta inside one command, so everything in it is durable before Meta gets its
// 200: messages are de-duplicated on their WhatsApp id, routed to their chatroom (or to a new inbound one,
// R13b), taps matched to their template message, and statuses applied (R14). Unknown phone_number_ids are
// acknowledged and ignored.
Result<CommandEffects> applyInboundBatch(QSqlDatabase &db, const MetaWebhookBatch &batch, const Clock &clock,
                                         IdSource &ids);

} // namespace handover
