#include "tests/e2e/consolesignin.h"

#include <QTest>
#include <optional>

namespace handover::testing {

std::unique_ptr<client::ConsoleSession> startConsoleSession(const QUrl &serverUrl, const QString &email,
                                                            const QString &password,
                                                            const QString &dataDirectory,
                                                            QList<Event> *events, QByteArray *why)
{
    QObject context;
    std::optional<client::ApiResult<client::SignedInUser>> answer;
    client::ConsoleSession::signIn(
        serverUrl, email, password, &context,
        [&](client::ApiResult<client::SignedInUser> r) { answer.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000)) {
        *why = "no answer to the sign-in";
        return nullptr;
    }
    if (!answer->ok()) {
        *why = "sign-in refused: " + answer->error().message().toUtf8();
        return nullptr;
    }
    client::ConsoleSessionOptions options;
    options.dataDirectory = dataDirectory;
    options.watchNetwork = false; // no hints from the system in a test
    auto session = client::ConsoleSession::open(std::move(*answer).value(), options);
    if (!session) {
        *why = "the session did not open: " + session.error().description.toUtf8();
        return nullptr;
    }
    std::unique_ptr<client::ConsoleSession> running = std::move(session).value();
    QObject::connect(running.get(), &client::ConsoleSession::eventsApplied, running.get(),
                     [events](const QList<Event> &batch) { *events += batch; });
    running->start();
    if (!QTest::qWaitFor(
            [&] { return running->connectionState().phase == client::ConnectionState::Phase::Connected; },
            15000)) {
        *why = "the session did not connect";
        return nullptr;
    }
    return running;
}

} // namespace handover::testing
