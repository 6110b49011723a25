#pragma once

#include "core/domain/event.h"
#include "core/domain/org.h"
#include "core/json/jsonreader.h"
#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>

#include <variant>

namespace handover {

// The frames of SYNC.md: one compact JSON object per WebSocket text frame, told apart by "type".
// Decoders are strict like the API decoders (apicodec.h): a frame that is not a JSON object, has no "type",
// an unknown "type", or a field of the wrong type or out of range is an Error naming the field.

// ---- client to server

struct HelloFrame
{
    QString token;
    qint64 since = 0; // last applied seq, 0 for none
    QString client;   // "handover-console/<version>"; optional
    friend bool operator==(const HelloFrame &, const HelloFrame &) = default;
};

struct PongFrame
{
    qint64 t = 0; // the ping's t, echoed
    friend bool operator==(const PongFrame &, const PongFrame &) = default;
};

using ClientFrame = std::variant<HelloFrame, PongFrame>;

QByteArray encodeClientFrame(const ClientFrame &frame);
Result<ClientFrame> decodeClientFrame(const QByteArray &bytes);

// ---- server to client

struct WelcomeFrame
{
    UserId userId;
    OrgId orgId;
    Role role = Role::Member;
    qint64 headSeq = 0;
    friend bool operator==(const WelcomeFrame &, const WelcomeFrame &) = default;
};

struct ResetFrame
{
    qint64 headSeq = 0;
    friend bool operator==(const ResetFrame &, const ResetFrame &) = default;
};

// {"type":"event","seq","kind","at","chatroom","message"?,"reason"?,"user_id"?,"online"?,"bumped"}.
// The chatroom is encoded with no viewer (no unread_count), so one encoding serves every user; presence
// events carry no chatroom but user_id and online; online appears only on presence events.
using EventFrame = Event;

struct PingFrame
{
    qint64 t = 0; // the server's clock in ms
    friend bool operator==(const PingFrame &, const PingFrame &) = default;
};

using ServerFrame = std::variant<WelcomeFrame, ResetFrame, EventFrame, PingFrame>;

QByteArray encodeServerFrame(const ServerFrame &frame);
Result<ServerFrame> decodeServerFrame(const QByteArray &bytes);

// One event as frame bytes. The server calls this once per event and visibility class and sends the same
// bytes to every socket of that class.
QByteArray encodeEvent(const Event &event);

// An event frame as a JSON object (also the event log's stored form), and its strict decoder.
QJsonObject eventToJson(const Event &event);
Result<Event> eventFromJson(const QJsonObject &object);
Event readEvent(JsonReader &reader);

} // namespace handover
