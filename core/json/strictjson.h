#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>

namespace handover {

// JSON as RFC 8259 defines it and nothing looser, for everything that arrives from outside (request bodies,
// Meta's webhooks, sync frames):
// - not JSON at all, invalid UTF-8, a raw control character inside a string, nesting deeper than
//   kMaxJsonDepth, a number no double can hold -> ErrorCode::BadRequest;
// - a key given twice in one object -> ErrorCode::BadRequest, naming the key's path ("contact.first_name"),
//   since "last one wins" would let two readers of the same bytes see different requests;
// - a string holding U+0000 (written \u0000) -> ErrorCode::ValidationFailed naming the field: no text field
//   takes it, and C-string code downstream would cut the text there;
// - a top level other than an object -> ErrorCode::BadRequest.
Result<QJsonObject> parseStrictJsonObject(QByteArrayView text);

inline constexpr int kMaxJsonDepth = 64;

} // namespace handover
