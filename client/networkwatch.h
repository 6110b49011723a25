#pragma once

#include <QObject>

namespace handover::client {

// What the operating system says about the network, through QNetworkInformation (Qt 6.1+; on Linux its
// NetworkManager backend). Only a hint: with no backend, or one that knows nothing, the network counts as
// up, because a wrong "down" would stop a console that can in fact reach its server (local mode on
// loopback).
class NetworkWatch : public QObject
{
    Q_OBJECT

public:
    explicit NetworkWatch(QObject *parent = nullptr);

    bool hasBackend() const { return m_hasBackend; }
    // False only when the backend says so for certain.
    bool isOnline() const { return m_online; }

    // For tests and for platforms without a backend.
    void setOnline(bool online);

Q_SIGNALS:
    void cameOnline();
    void wentOffline();

private:
    bool m_hasBackend = false;
    bool m_online = true;
};

} // namespace handover::client
