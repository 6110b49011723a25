#pragma once

#include "client/apierror.h"

#include <QObject>
#include <QTest>
#include <optional>

namespace handover::testing {

// Runs one call of the client to its answer: `call(context, done)` with a context of its own; nullopt when no
// answer came within the time.
template <typename T, typename Call>
std::optional<client::ApiResult<T>> awaitAnswer(Call call, int timeoutMs = 15000)
{
    QObject context;
    std::optional<client::ApiResult<T>> answer;
    call(&context, [&answer](client::ApiResult<T> result) { answer.emplace(std::move(result)); });
    (void)QTest::qWaitFor([&] { return answer.has_value(); }, timeoutMs);
    return answer;
}

} // namespace handover::testing
