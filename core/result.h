#pragma once

#include <QString>
#include <QStringList>

#include <utility>
#include <variant>

namespace handover {

// The error codes of API.md; the first three digits are the HTTP status.
enum class ErrorCode : int
{
    BadRequest = 4000001,
    ValidationFailed = 4000002,
    Unauthenticated = 4010001,
    Forbidden = 4030001,
    NotFound = 4040001,
    RequestTimeout = 4080001,
    UniqueConstraintFailed = 4090001,
    ChatroomInactive = 4090002,
    SessionWindowClosed = 4090003,
    IdempotencyInProgress = 4090004,
    PayloadTooLarge = 4130001,
    UriTooLong = 4140001,
    IdempotencyKeyReused = 4220001,
    TemplateNotSendable = 4220002,
    TemplateParamsInvalid = 4220003,
    WabaPhoneNotVerified = 4220004,
    RateLimited = 4290001,
    HeadersTooLarge = 4310001,
    Internal = 5000001,
    UpstreamUnavailable = 5020001,
    ServerBusy = 5030001,
};

int httpStatus(ErrorCode code);
QString errorMessage(ErrorCode code); // "UQ_CONSTRAINT_FAILED" ...
bool errorCodeFromInt(int value, ErrorCode *code);

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString description; // a plain sentence for the API's error_description
    QStringList fields;  // offending fields, for validation errors

    static Error make(ErrorCode code, QString description, QStringList fields = {})
    {
        return Error{code, std::move(description), std::move(fields)};
    }
    friend bool operator==(const Error &, const Error &) = default;
};

// A value or the reason there is none. E is the kind of reason: core's Error, or a richer one of a layer above
// (the client's ApiError also says whether the server answered at all).
template <typename T, typename E = Error>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const E &error() const { return std::get<1>(m_data); }
    ErrorCode code() const { return error().code; }

private:
    std::variant<T, E> m_data;
};

template <typename E>
class [[nodiscard]] Result<void, E>
{
public:
    Result() = default;
    Result(E error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const E &error() const { return m_error; }
    ErrorCode code() const { return m_error.code; }

private:
    E m_error;
    bool m_ok = true;
};

} // namespace handover
