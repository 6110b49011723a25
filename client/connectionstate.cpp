#include "client/connectionstate.h"

namespace handover::client {

int ConnectionState::secondsUntilRetry(const QDateTime &now) const
{
    if (!nextAttemptAt.isValid())
        return 0;
    const qint64 ms = now.msecsTo(nextAttemptAt);
    return ms <= 0 ? 0 : int((ms + 999) / 1000);
}

QString connectionPhaseName(ConnectionState::Phase phase)
{
    switch (phase) {
    case ConnectionState::Phase::Offline:
        return QStringLiteral("offline");
    case ConnectionState::Phase::Connecting:
        return QStringLiteral("connecting");
    case ConnectionState::Phase::Connected:
        return QStringLiteral("connected");
    case ConnectionState::Phase::Reconnecting:
        return QStringLiteral("reconnecting");
    }
    return {};
}

} // namespace handover::client
