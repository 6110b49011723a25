#pragma once

#include "core/json/syncframes.h"
#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <variant>

namespace handover::client {

// An event together with the JSON of its chatroom and message exactly as the server sent them. The cache
// stores those bytes as received: encoding the decoded objects again would cost more than all the rest of
// applying an event (TARGETS.md P4).
struct ReceivedEvent
{
    Event event;
    QByteArray chatroomJson; // the frame's "chatroom" object; empty for presence events
    QByteArray messageJson;  // the frame's "message" object, or empty
};

// A server frame as the sync engine keeps it.
using ReceivedFrame = std::variant<WelcomeFrame, ResetFrame, ReceivedEvent, PingFrame>;

// decodeServerFrame(), keeping an event's chatroom and message bytes.
Result<ReceivedFrame> decodeReceivedFrame(const QByteArray &bytes);

// The raw text of a top-level member's value in the text of a JSON object, or a null view when the member is
// absent. Meant for text that a JSON parser has accepted already: it checks nothing but finds the value's end
// through nested objects, arrays and strings (with escapes).
QByteArrayView jsonMemberSlice(QByteArrayView object, QLatin1StringView key);

} // namespace handover::client
