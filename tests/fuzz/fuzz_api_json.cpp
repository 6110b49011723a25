// libFuzzer target: the API's JSON decoders (TARGETS.md L4, L9). The first byte picks a decoder, the rest is
// the body. A decoder must answer anything with a value or a 4000001/4000002 error, and what it accepts must
// come back unchanged through its encoder.
#include "core/domain/contact.h"
#include "core/domain/template.h"
#include "core/json/apicodec.h"
#include "core/json/syncframes.h"
#include "core/json/timestamps.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QJsonArray>

using namespace handover;
using fuzz::require;
using fuzz::requireClientError;
using fuzz::requireRoundTrip;

namespace {

void checkText(const std::optional<QString> &text, int maxLength, const JsonStringRules &rules)
{
    if (!text)
        return;
    require(text->size() <= maxLength, "a string read is within its maximum length");
    require(!rules.trim || *text == text->trimmed(), "a trimmed string has no surrounding whitespace");
    for (const QChar c : rules.forbid.toString())
        require(!text->contains(c), "a string read has none of its forbidden characters");
    if (!text->isEmpty())
        require(text->size() >= rules.minLength, "a string read is at least its minimum length");
}

void checkTimestamp(const QDateTime &at)
{
    if (!at.isValid())
        return;
    const std::optional<QDateTime> back = parseTimestamp(formatTimestamp(at));
    require(back && *back == at, "a timestamp read is written so that it reads back the same");
}

// What the routes do with the texts of a body besides reading them.
void useText(const QString &text)
{
    if (isE164(text))
        require(text.startsWith(u'+') && text.size() <= 16, "an E.164 number is + and at most 15 digits");
    const QStringList tags = placeholderTags(text);
    QList<TemplateParamValue> values;
    for (const QString &tag : tags) {
        require(!tag.isEmpty(), "a placeholder names a tag");
        values.append({tag, QStringLiteral("v")});
    }
    require(renderTemplateText(text, {}) == text, "rendering with no values keeps every placeholder");
    (void)renderTemplateText(text, values);
}

constexpr int kMaxDepth = 4;

// Every kind of read the routes make, applied to every field of the object with several limits: the reader
// must stay within its promises whatever the value is.
void readEveryField(JsonReader &r, int depth)
{
    static const JsonStringRules kRules[] = {
        {},
        {.trim = true},
        {.trim = true, .allowEmpty = true},
        {.minLength = 2, .trim = true, .forbid = u"*"},
    };
    const QStringList keys = r.object().keys();
    for (const QString &key : keys) {
        if (key.isEmpty())
            continue; // no route reads a field without a name, and its path would be empty
        int variant = 0;
        for (const JsonStringRules &rules : kRules) {
            const int limit = 4 << (4 * variant++);
            checkText(r.requiredString(key, limit, rules), limit, rules);
            checkText(r.optionalString(key, limit, rules), limit, rules);
        }
        useText(r.stringOrEmpty(key));
        (void)r.requiredBool(key);
        (void)r.optionalBool(key);
        const int small = r.requiredInt(key, -1000, 1000);
        require(small >= -1000 && small <= 1000, "an integer read is within its range");
        if (const std::optional<qint64> big = r.optionalInt64(key, 1, std::numeric_limits<qint64>::max()))
            require(*big >= 1, "an integer read is within its range");
        checkTimestamp(r.requiredTimestamp(key));
        checkTimestamp(r.optionalTimestamp(key));
        checkTimestamp(r.optionalTimestampOrEpoch(key));
        (void)r.optionalEnum(key, roleFromName);
        (void)r.requiredEnum(key, paramTypeFromName, ParamType::UserFill);
        require(r.requiredArray(key, 8).size() <= 8, "an array read has at most its maximum of items");
        if (const auto strings = r.optionalStringArray(key, 8, 16)) {
            require(strings->size() <= 8, "an array read has at most its maximum of items");
            for (const QString &s : *strings)
                require(!s.isEmpty() && s.size() <= 16, "array strings are within their limits");
        }
        if (depth >= kMaxDepth)
            continue;
        JsonReader child = r.requiredObject(key);
        readEveryField(child, depth + 1);
        if (const auto objects = r.optionalObjectArray(key, 8)) {
            for (JsonReader element : *objects)
                readEveryField(element, depth + 1);
        }
    }
}

void readAnyBody(const QJsonObject &body)
{
    JsonReader r(body);
    readEveryField(r, 0);
    if (r.ok())
        return;
    const Error error = r.error();
    requireClientError(error);
    require(!error.fields.isEmpty(), "a refusal names the fields");
}

enum class Decoder : std::uint8_t
{
    Contact,
    Template,
    Chatroom,
    Message,
    User,
    ErrorBody,
    Event,
    AnyBody,
    Count
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto decoder = static_cast<Decoder>(data[0] % static_cast<std::uint8_t>(Decoder::Count));
    const Result<QJsonObject> body = parseJsonObject(fuzz::bytesOf(data + 1, size - 1));
    if (!body) {
        require(body.code() == ErrorCode::BadRequest, "a body that is not a JSON object is BadRequest");
        return 0;
    }
    switch (decoder) {
    case Decoder::Contact:
        requireRoundTrip<Contact>(*body, contactFromJson, contactToJson, "a contact comes back as it was");
        break;
    case Decoder::Template:
        requireRoundTrip<MessageTemplate>(*body, templateFromJson, templateToJson,
                                          "a template comes back as it was");
        break;
    case Decoder::Chatroom:
        requireRoundTrip<Chatroom>(
            *body, chatroomFromJson, [](const Chatroom &c) { return chatroomToJson(c, std::nullopt); },
            "a chatroom comes back as it was");
        break;
    case Decoder::Message:
        requireRoundTrip<Message>(*body, messageFromJson, messageToJson, "a message comes back as it was");
        break;
    case Decoder::User:
        requireRoundTrip<User>(*body, userFromJson, userToJson, "a user comes back as it was");
        break;
    case Decoder::ErrorBody:
        requireRoundTrip<ErrorBody>(
            *body, errorFromJson, [](const ErrorBody &e) { return errorToJson(e.error, e.requestId); },
            "an error body comes back as it was");
        break;
    case Decoder::Event:
        requireRoundTrip<Event>(*body, eventFromJson, eventToJson, "an event comes back as it was");
        break;
    case Decoder::AnyBody:
    case Decoder::Count:
        readAnyBody(*body);
        break;
    }
    return 0;
}
