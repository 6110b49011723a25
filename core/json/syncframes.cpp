#include "core/json/syncframes.h"

#include "core/json/apicodec.h"
#include "core/json/jsonwriting.h"
#include "core/json/timestamps.h"

#include <QJsonDocument>
#include <limits>

namespace handover {

namespace {

constexpr qint64 kMinT = std::numeric_limits<qint64>::min();
constexpr int kTokenLimit = 1024;
constexpr int kClientLimit = 256;
constexpr int kIdLimit = 128;
constexpr int kReasonLimit = 64;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject typed(const char *type)
{
    QJsonObject o;
    putJson(o, "type", QLatin1String(type));
    return o;
}

bool kindHasChatroom(EventKind kind)
{
    return kind != EventKind::PresenceUpdated;
}

bool kindHasMessage(EventKind kind)
{
    return kind == EventKind::MessageCreated || kind == EventKind::MessageUpdated;
}

// The frame's object and its "type", or the error that stops decoding before any field is read.
struct Envelope
{
    JsonReader reader;
    QString type;
};

Result<Envelope> openFrame(const QByteArray &bytes)
{
    Result<QJsonObject> object = parseJsonObject(bytes);
    if (!object)
        return Error::make(ErrorCode::BadRequest,
                           QStringLiteral("A frame must be one JSON object: ") + object.error().description);
    JsonReader reader(std::move(object).value());
    QString type = reader.requiredString("type", kIdLimit);
    if (!reader.ok())
        return reader.error();
    return Envelope{std::move(reader), std::move(type)};
}

Error unknownType(const QString &type)
{
    return Error::make(ErrorCode::BadRequest,
                       QStringLiteral("Unknown frame type \"") + type + QStringLiteral("\"."),
                       {QStringLiteral("type")});
}

template <typename Frame, typename Variant> Result<Variant> finish(const JsonReader &reader, Frame frame)
{
    if (!reader.ok())
        return reader.error();
    return Variant(std::move(frame));
}

// Overload set for std::visit.
template <typename... Fs> struct Overloaded : Fs...
{
    using Fs::operator()...;
};
template <typename... Fs> Overloaded(Fs...) -> Overloaded<Fs...>;

} // namespace

// ---- events

QJsonObject eventToJson(const Event &event)
{
    QJsonObject o = typed("event");
    putJson(o, "seq", event.seq);
    putJson(o, "kind", eventKindName(event.kind));
    putJson(o, "at", timestampToJson(event.at));
    if (kindHasChatroom(event.kind))
        putJson(o, "chatroom", chatroomToJson(event.chatroom, std::nullopt));
    if (event.message)
        putJson(o, "message", messageToJson(*event.message));
    if (!event.reason.isEmpty())
        putJson(o, "reason", event.reason);
    if (!event.userId.isEmpty())
        putJson(o, "user_id", event.userId);
    if (event.kind == EventKind::PresenceUpdated)
        putJson(o, "online", event.online);
    putJson(o, "bumped", event.bumped);
    return o;
}

QByteArray encodeEvent(const Event &event)
{
    return compact(eventToJson(event));
}

Event readEvent(JsonReader &r)
{
    Event e;
    e.seq = r.requiredInt64("seq", 1, kMaxWireInt64);
    e.kind = r.requiredEnum("kind", eventKindFromName, EventKind::ChatroomUpdated);
    e.at = r.requiredTimestamp("at");
    if (kindHasChatroom(e.kind)) {
        JsonReader chatroom = r.requiredObject("chatroom");
        e.chatroom = readChatroom(chatroom);
    }
    if (kindHasMessage(e.kind)) {
        JsonReader message = r.requiredObject("message");
        e.message = readMessage(message);
    } else if (std::optional<JsonReader> message = r.optionalObject("message")) {
        e.message = readMessage(*message);
    }
    e.reason = r.optionalString("reason", kReasonLimit).value_or(QString());
    if (e.kind == EventKind::PresenceUpdated) {
        e.userId = r.requiredString("user_id", kIdLimit);
        e.online = r.requiredBool("online");
    } else {
        e.userId = r.stringOrEmpty("user_id", kIdLimit);
    }
    e.bumped = r.requiredBool("bumped");
    return e;
}

Result<Event> eventFromJson(const QJsonObject &object)
{
    JsonReader r(object);
    Event event = readEvent(r);
    if (!r.ok())
        return r.error();
    return event;
}

// ---- client frames

QByteArray encodeClientFrame(const ClientFrame &frame)
{
    return std::visit(Overloaded{
                          [](const HelloFrame &hello) {
                              QJsonObject o = typed("hello");
                              putJson(o, "token", hello.token);
                              putJson(o, "since", hello.since);
                              putJson(o, "client", hello.client);
                              return compact(o);
                          },
                          [](const PongFrame &pong) {
                              QJsonObject o = typed("pong");
                              putJson(o, "t", pong.t);
                              return compact(o);
                          },
                      },
                      frame);
}

Result<ClientFrame> decodeClientFrame(const QByteArray &bytes)
{
    Result<Envelope> envelope = openFrame(bytes);
    if (!envelope)
        return envelope.error();
    JsonReader &r = envelope->reader;
    if (envelope->type == QLatin1String("hello")) {
        HelloFrame hello;
        // An empty token is a wrong token (4401 from the hub), not a malformed frame; a missing one is
        // malformed.
        if (!r.has("token"))
            hello.token = r.requiredString("token", kTokenLimit);
        else
            hello.token = r.stringOrEmpty("token", kTokenLimit);
        hello.since = r.requiredInt64("since", 0, kMaxWireInt64);
        hello.client = r.stringOrEmpty("client", kClientLimit);
        return finish<HelloFrame, ClientFrame>(r, std::move(hello));
    }
    if (envelope->type == QLatin1String("pong")) {
        PongFrame pong;
        pong.t = r.requiredInt64("t", kMinT, kMaxWireInt64);
        return finish<PongFrame, ClientFrame>(r, pong);
    }
    return unknownType(envelope->type);
}

// ---- server frames

QByteArray encodeServerFrame(const ServerFrame &frame)
{
    return std::visit(Overloaded{
                          [](const WelcomeFrame &welcome) {
                              QJsonObject o = typed("welcome");
                              putJson(o, "user_id", welcome.userId);
                              putJson(o, "org_id", welcome.orgId);
                              putJson(o, "role", roleName(welcome.role));
                              putJson(o, "head_seq", welcome.headSeq);
                              return compact(o);
                          },
                          [](const ResetFrame &reset) {
                              QJsonObject o = typed("reset");
                              putJson(o, "head_seq", reset.headSeq);
                              return compact(o);
                          },
                          [](const EventFrame &event) { return encodeEvent(event); },
                          [](const PingFrame &ping) {
                              QJsonObject o = typed("ping");
                              putJson(o, "t", ping.t);
                              return compact(o);
                          },
                      },
                      frame);
}

Result<ServerFrame> decodeServerFrame(const QByteArray &bytes)
{
    Result<Envelope> envelope = openFrame(bytes);
    if (!envelope)
        return envelope.error();
    JsonReader &r = envelope->reader;
    const QString &type = envelope->type;
    if (type == QLatin1String("event")) {
        Event event = readEvent(r);
        return finish<EventFrame, ServerFrame>(r, std::move(event));
    }
    if (type == QLatin1String("welcome")) {
        WelcomeFrame welcome;
        welcome.userId = r.requiredString("user_id", kIdLimit);
        welcome.orgId = r.requiredString("org_id", kIdLimit);
        welcome.role = r.requiredEnum("role", roleFromName, Role::Member);
        welcome.headSeq = r.requiredInt64("head_seq", 0, kMaxWireInt64);
        return finish<WelcomeFrame, ServerFrame>(r, std::move(welcome));
    }
    if (type == QLatin1String("reset")) {
        ResetFrame reset;
        reset.headSeq = r.requiredInt64("head_seq", 0, kMaxWireInt64);
        return finish<ResetFrame, ServerFrame>(r, reset);
    }
    if (type == QLatin1String("ping")) {
        PingFrame ping;
        ping.t = r.requiredInt64("t", kMinT, kMaxWireInt64);
        return finish<PingFrame, ServerFrame>(r, ping);
    }
    return unknownType(type);
}

} // namespace handover
