#pragma once

#include "core/domain/message.h"
#include "core/json/jsonreader.h"

#include <QJsonObject>

namespace handover {

// The rich parts of a message on the wire (API.md, media and rich messages): `media`, `location` and
// `interactive` (null when absent), `contacts` and `reactions` (arrays, empty when absent).
void putRichContent(QJsonObject &message, const Message &m);
// Reads them back; absent fields leave the message without them, so older frames still read.
void readRichContent(JsonReader &r, Message &m);

// The same parts as one JSON text for a store column; empty when the message has none.
QString richContentToColumn(const Message &m);
Result<void> richContentFromColumn(const QString &column, Message &m);

} // namespace handover
