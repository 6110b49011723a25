#pragma once

#include "client/consolesession.h"

#include <QList>
#include <memory>

namespace handover::testing {

// A console session signed in as `email` on `serverUrl`, with its cache under `dataDirectory`, started, and
// connected (or null, with the reason in *why). Every event it applies is appended to *events.
std::unique_ptr<client::ConsoleSession> startConsoleSession(const QUrl &serverUrl, const QString &email,
                                                            const QString &password,
                                                            const QString &dataDirectory,
                                                            QList<Event> *events, QByteArray *why);

} // namespace handover::testing
