#include "client/receivedevent.h"

namespace handover::client {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(QByteArrayView text, qsizetype at)
{
    while (at < text.size() && isSpace(text.at(at)))
        ++at;
    return at;
}

// `at` is on the opening quote; returns the index just past the closing one.
qsizetype skipString(QByteArrayView text, qsizetype at)
{
    for (++at; at < text.size(); ++at) {
        if (text.at(at) == '\\')
            ++at;
        else if (text.at(at) == '"')
            return at + 1;
    }
    return text.size();
}

// `at` is on the first character of a value; returns the index just past it.
qsizetype skipValue(QByteArrayView text, qsizetype at)
{
    if (at >= text.size())
        return at;
    const char first = text.at(at);
    if (first == '"')
        return skipString(text, at);
    if (first == '{' || first == '[') {
        int depth = 0;
        while (at < text.size()) {
            const char c = text.at(at);
            if (c == '"') {
                at = skipString(text, at);
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return at + 1;
            ++at;
        }
        return at;
    }
    while (at < text.size() && text.at(at) != ',' && text.at(at) != '}' && text.at(at) != ']' &&
           !isSpace(text.at(at)))
        ++at;
    return at;
}

} // namespace

QByteArrayView jsonMemberSlice(QByteArrayView object, QLatin1StringView key)
{
    qsizetype at = skipSpace(object, 0);
    if (at >= object.size() || object.at(at) != '{')
        return {};
    ++at;
    while (true) {
        at = skipSpace(object, at);
        if (at >= object.size() || object.at(at) != '"')
            return {};
        const qsizetype keyEnd = skipString(object, at);
        const QByteArrayView name = object.sliced(at + 1, std::max<qsizetype>(0, keyEnd - at - 2));
        at = skipSpace(object, keyEnd);
        if (at >= object.size() || object.at(at) != ':')
            return {};
        at = skipSpace(object, at + 1);
        const qsizetype valueEnd = skipValue(object, at);
        if (name == QByteArrayView(key.data(), key.size()))
            return object.sliced(at, valueEnd - at);
        at = skipSpace(object, valueEnd);
        if (at >= object.size() || object.at(at) != ',')
            return {};
        ++at;
    }
}

Result<ReceivedFrame> decodeReceivedFrame(const QByteArray &bytes)
{
    Result<ServerFrame> frame = decodeServerFrame(bytes);
    if (!frame)
        return frame.error();
    if (auto *event = std::get_if<EventFrame>(&*frame)) {
        ReceivedEvent received;
        received.event = std::move(*event);
        if (received.event.kind != EventKind::PresenceUpdated)
            received.chatroomJson = jsonMemberSlice(bytes, QLatin1StringView("chatroom")).toByteArray();
        if (received.event.message)
            received.messageJson = jsonMemberSlice(bytes, QLatin1StringView("message")).toByteArray();
        return ReceivedFrame(std::move(received));
    }
    if (auto *welcome = std::get_if<WelcomeFrame>(&*frame))
        return ReceivedFrame(std::move(*welcome));
    if (auto *reset = std::get_if<ResetFrame>(&*frame))
        return ReceivedFrame(*reset);
    return ReceivedFrame(std::get<PingFrame>(*frame));
}

} // namespace handover::client
