#include "server/auth/clientaddress.h"

#include <QStringList>

namespace handover {

namespace {

std::optional<QPair<QHostAddress, int>> parseSubnet(const QString &text)
{
    if (text.contains(QLatin1Char('/'))) {
        const auto subnet = QHostAddress::parseSubnet(text);
        if (subnet.first.isNull())
            return std::nullopt;
        return QPair<QHostAddress, int>(plainAddress(subnet.first), subnet.second);
    }
    const QHostAddress address(text);
    if (address.isNull())
        return std::nullopt;
    const QHostAddress plain = plainAddress(address);
    return QPair<QHostAddress, int>(plain, plain.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128);
}

} // namespace

TrustedProxies::TrustedProxies()
    : m_subnets{{QHostAddress(QHostAddress::LocalHost), 32}, {QHostAddress(QHostAddress::LocalHostIPv6), 128}}
{}

Result<TrustedProxies> TrustedProxies::parse(const QString &list)
{
    TrustedProxies proxies;
    proxies.m_subnets.clear();
    for (const QString &part : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString text = part.trimmed();
        if (text.isEmpty())
            continue;
        const auto subnet = parseSubnet(text);
        if (!subnet) {
            return Error::make(ErrorCode::BadRequest,
                               QStringLiteral("\"%1\" is not an IP address or subnet.").arg(text));
        }
        proxies.m_subnets.append(*subnet);
    }
    return proxies;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    const QHostAddress plain = plainAddress(address);
    for (const auto &subnet : m_subnets) {
        if (plain.isInSubnet(subnet))
            return true;
    }
    return false;
}

QHostAddress TrustedProxies::clientOf(const QHostAddress &peer, const QByteArray &forwardedFor) const
{
    QHostAddress client = plainAddress(peer);
    if (forwardedFor.isEmpty() || !contains(client))
        return client;
    const QList<QByteArray> hops = forwardedFor.split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address(QString::fromLatin1(hop->trimmed()));
        if (address.isNull())
            break;
        client = plainAddress(address);
        if (!contains(client))
            break;
    }
    return client;
}

QHostAddress plainAddress(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    if (isIpv4 && address.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(ipv4);
    return address;
}

} // namespace handover
