#include "client/networkwatch.h"

#include "core/logging.h"

#include <QNetworkInformation>

namespace handover::client {

NetworkWatch::NetworkWatch(QObject *parent)
    : QObject(parent)
{
    // Loading is once per process; later calls return at once.
    if (!QNetworkInformation::instance())
        QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability);
    QNetworkInformation *info = QNetworkInformation::instance();
    if (!info) {
        qCDebug(lcSync) << "no network information backend; reconnects rely on the backoff alone";
        return;
    }
    m_hasBackend = true;
    m_online = info->reachability() != QNetworkInformation::Reachability::Disconnected;
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                setOnline(reachability != QNetworkInformation::Reachability::Disconnected);
            });
}

void NetworkWatch::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    qCInfo(lcSync) << "network" << (online ? "is back" : "is gone");
    if (online)
        Q_EMIT cameOnline();
    else
        Q_EMIT wentOffline();
}

} // namespace handover::client
