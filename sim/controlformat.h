#pragma once

// The JSON of the simulator's own control API (/sim/...): what tests and demos post to play the
// customer, and how recorded messages are shown. Meta's formats are in metaformat.h.

#include "core/result.h"
#include "sim/mediafaults.h"
#include "sim/metaformat.h"
#include "sim/phoneregistry.h"

#include <QByteArray>
#include <QJsonObject>

namespace handover::sim {

inline constexpr int kMaxMediaFaultTimes = 1000;

// POST /sim/inbound: {from, phone_number_id} and exactly one of text, button: {context_id, text, payload}, or
// a rich kind (sim/richinbound.h: image, document, audio, video, sticker, location, contacts, reaction,
// list_reply, button_reply, unsupported); optionally profile_name, wa_message_id (to redeliver a message) and
// timestamp (unix seconds).
Result<CustomerMessage> parseInboundRequest(const QByteArray &body);

// POST /sim/status: {wa_message_id, status, error, pricing}, error being a title or {code, title, message,
// details, href}, pricing {billable, pricing_model, category} overriding the simulator's; optionally
// timestamp. recipientId is left empty: it comes from the recorded message.
Result<StatusUpdate> parseStatusRequest(const QByteArray &body);

// POST /sim/phones: {phone_number_id, display_phone_number}, optionally waba_id, verified_name and
// access_token (the token Meta would accept for the number).
Result<PhoneRegistration> parseBusinessPhoneRequest(const QByteArray &body);

// One entry of GET /sim/messages.
QJsonObject outboundMessageJson(const OutboundMessage &message);
// {type, id | link, caption, filename, mime_type, sha256 (hex), file_size}, empty members left out.
QJsonObject outboundMediaJson(const OutboundMedia &media);

// POST /sim/media-faults: {media_id, target: "download" | "lookup", fail_times, status | corrupt}; no other
// fields. Without media_id the fault waits for the next media created.
Result<MediaFault> parseMediaFaultRequest(const QByteArray &body);
QJsonObject mediaFaultJson(const MediaFault &fault);

// {"error": message}
QJsonObject controlErrorBody(const QString &message);

} // namespace handover::sim
