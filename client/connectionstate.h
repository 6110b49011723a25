#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace handover::client {

// What the console shows about its link to the server (SYNC.md: connected, reconnecting in N s, offline).
struct ConnectionState
{
    enum class Phase
    {
        Offline,      // not trying: stopped, signed out, or the system says there is no network
        Connecting,   // a connection is being opened (or has said hello and waits for the welcome)
        Connected,    // welcomed; events flow
        Reconnecting, // the last connection ended; the next try is at nextAttemptAt
    };

    Phase phase = Phase::Offline;
    QDateTime nextAttemptAt; // Reconnecting (and Offline while a retry is still planned)
    int failedAttempts = 0;  // connection attempts that failed in a row
    bool resyncing = false;  // Connected, reloading the snapshot after a reset
    QString lastError;       // why the last connection ended, for a tooltip

    // Whole seconds until the next try, rounded up; 0 when none is planned or it is due.
    int secondsUntilRetry(const QDateTime &now) const;

    friend bool operator==(const ConnectionState &, const ConnectionState &) = default;
};

QString connectionPhaseName(ConnectionState::Phase phase); // "offline", "connecting", ...

} // namespace handover::client

Q_DECLARE_METATYPE(handover::client::ConnectionState)
