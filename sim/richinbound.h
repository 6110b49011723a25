#pragma once

// The rich kinds of POST /sim/inbound, read from the control request into a CustomerMessage:
// image | document | audio | video | sticker: {bytes_base64, mime_type, filename, caption, voice, animated},
// location: {latitude, longitude, name, address, url}, contacts: [Meta's contact cards],
// reaction: {message_id, emoji}, list_reply: {id, title, description, context_id},
// button_reply: {id, title, context_id}, unsupported: {type} (or true).

#include "core/result.h"
#include "sim/metaformat.h"

#include <QJsonObject>

namespace handover::sim {

// Reads whichever rich kinds the request has (checking that there is only one is the caller's).
Result<void> readRichInbound(const QJsonObject &request, CustomerMessage &message);

} // namespace handover::sim
