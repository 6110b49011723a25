#pragma once

#include "client/apierror.h"
#include "core/result.h"

#include <QByteArray>
#include <QtGlobal>

namespace handover::testing {

// The value of a result the test expects to hold one; a missing value stops the run with the reason.
template <typename T> T mustHold(Result<T> result, const char *what)
{
    if (!result.ok())
        qFatal("%s failed: %s", what, qPrintable(result.error().description));
    return std::move(result).value();
}
template <typename T> T mustHold(client::ApiResult<T> result, const char *what)
{
    if (!result.ok())
        qFatal("%s failed: %s", what, qPrintable(result.error().message()));
    return std::move(result).value();
}
#define MUST_OK(expr) ::handover::testing::mustHold((expr), #expr)

// For QVERIFY2, which evaluates its message even when the check passes.
template <typename R> QByteArray why(const R &result)
{
    if (result.ok())
        return {};
    if constexpr (requires { result.error().message(); })
        return result.error().message().toUtf8();
    else
        return result.error().description.toUtf8();
}

} // namespace handover::testing
