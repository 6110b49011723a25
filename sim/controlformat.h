#pragma once

// The JSON of the simulator's own control API (/sim/...): what tests and demos post to play the
// customer, and how recorded messages are shown. Meta's formats are in metaformat.h.

#include "core/result.h"
#include "sim/metaformat.h"
#include "sim/phoneregistry.h"

#include <QByteArray>
#include <QJsonObject>

namespace handover::sim {

// POST /sim/inbound: {from, phone_number_id, text} or {from, phone_number_id, button: {context_id, text,
// payload}}, optionally profile_name, wa_message_id (to redeliver a message) and timestamp (unix seconds).
Result<CustomerMessage> parseInboundRequest(const QByteArray &body);

// POST /sim/status: {wa_message_id, status, error}, error being a title or {code, title}; optionally
// timestamp. recipientId is left empty: it comes from the recorded message.
Result<StatusUpdate> parseStatusRequest(const QByteArray &body);

// POST /sim/phones: {phone_number_id, display_phone_number}, optionally waba_id, verified_name and
// access_token (the token Meta would accept for the number).
Result<PhoneRegistration> parseBusinessPhoneRequest(const QByteArray &body);

// One entry of GET /sim/messages.
QJsonObject outboundMessageJson(const OutboundMessage &message);

// {"error": message}
QJsonObject controlErrorBody(const QString &message);

} // namespace handover::sim
