#include "server/webhook/webhookurlpolicy.h"

#include <QHostAddress>
#include <array>
#include <utility>

namespace handover {

namespace {

struct Range
{
    const char *network;
    int prefixLength;
    AddressKind kind;
};

// Checked in order; anything not listed is public.
constexpr std::array ipv4Ranges{
    Range{"0.0.0.0", 8, AddressKind::Unspecified},    Range{"127.0.0.0", 8, AddressKind::Loopback},
    Range{"10.0.0.0", 8, AddressKind::Private},       Range{"172.16.0.0", 12, AddressKind::Private},
    Range{"192.168.0.0", 16, AddressKind::Private},   Range{"100.64.0.0", 10, AddressKind::Private},
    Range{"169.254.0.0", 16, AddressKind::LinkLocal}, Range{"224.0.0.0", 4, AddressKind::Multicast},
    Range{"240.0.0.0", 4, AddressKind::Reserved},     Range{"192.0.0.0", 24, AddressKind::Reserved},
    Range{"192.0.2.0", 24, AddressKind::Reserved},    Range{"198.18.0.0", 15, AddressKind::Reserved},
    Range{"198.51.100.0", 24, AddressKind::Reserved}, Range{"203.0.113.0", 24, AddressKind::Reserved},
};

constexpr std::array ipv6Ranges{
    Range{"::1", 128, AddressKind::Loopback},    Range{"::", 128, AddressKind::Unspecified},
    Range{"::", 96, AddressKind::Reserved}, // IPv4-compatible, deprecated
    Range{"fc00::", 7, AddressKind::Private},    Range{"fec0::", 10, AddressKind::Private},
    Range{"fe80::", 10, AddressKind::LinkLocal}, Range{"ff00::", 8, AddressKind::Multicast},
    Range{"100::", 64, AddressKind::Reserved},   Range{"2001:db8::", 32, AddressKind::Reserved},
};

template <std::size_t N> AddressKind lookUp(const QHostAddress &address, const std::array<Range, N> &ranges)
{
    for (const Range &range : ranges) {
        if (address.isInSubnet(QHostAddress(QString::fromLatin1(range.network)), range.prefixLength))
            return range.kind;
    }
    return AddressKind::Public;
}

// 64:ff9b::/96 translates to the IPv4 address in its last 32 bits.
bool nat64Embedded(const QHostAddress &address, quint32 *ipv4)
{
    static const QHostAddress prefix(QStringLiteral("64:ff9b::"));
    if (!address.isInSubnet(prefix, 96))
        return false;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    *ipv4 = (quint32(bytes[12]) << 24) | (quint32(bytes[13]) << 16) | (quint32(bytes[14]) << 8) | bytes[15];
    return true;
}

Error urlError(QString description)
{
    return Error::make(ErrorCode::ValidationFailed, std::move(description), {QStringLiteral("url")});
}

bool isLocalhostName(const QString &host)
{
    return host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost"));
}

} // namespace

QString addressKindName(AddressKind kind)
{
    switch (kind) {
    case AddressKind::Public:
        return QStringLiteral("public");
    case AddressKind::Loopback:
        return QStringLiteral("loopback");
    case AddressKind::Private:
        return QStringLiteral("private");
    case AddressKind::LinkLocal:
        return QStringLiteral("link-local");
    case AddressKind::Unspecified:
        return QStringLiteral("unspecified");
    case AddressKind::Multicast:
        return QStringLiteral("multicast");
    case AddressKind::Reserved:
        return QStringLiteral("reserved");
    }
    return QStringLiteral("unknown");
}

AddressKind WebhookUrlPolicy::classify(const QHostAddress &address)
{
    if (address.isNull())
        return AddressKind::Unspecified;
    bool isIpv4 = false;
    quint32 ipv4 = address.toIPv4Address(&isIpv4); // also true for ::ffff:a.b.c.d
    if (isIpv4 || nat64Embedded(address, &ipv4))
        return lookUp(QHostAddress(ipv4), ipv4Ranges);
    return lookUp(address, ipv6Ranges);
}

bool WebhookUrlPolicy::allows(const QHostAddress &address) const
{
    return m_allowPrivate || classify(address) == AddressKind::Public;
}

Result<QUrl> WebhookUrlPolicy::checkUrl(const QString &text) const
{
    if (text.size() > MaxUrlLength)
        return urlError(QStringLiteral("The webhook URL is longer than %1 characters.").arg(MaxUrlLength));
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return urlError(QStringLiteral("The webhook URL is not a valid absolute URL."));
    const QString scheme = url.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return urlError(QStringLiteral("The webhook URL must use http or https."));
    const QString host = url.host();
    if (host.isEmpty())
        return urlError(QStringLiteral("The webhook URL has no host."));
    if (m_allowPrivate)
        return url;
    if (isLocalhostName(host))
        return urlError(QStringLiteral("The webhook URL must not point to a loopback address."));
    const QHostAddress literal(host);
    if (!literal.isNull() && !allows(literal)) {
        return urlError(QStringLiteral("The webhook URL must not point to a %1 address.")
                            .arg(addressKindName(classify(literal))));
    }
    return url;
}

Result<QHostAddress> WebhookUrlPolicy::pickAddress(const QList<QHostAddress> &addresses) const
{
    if (addresses.isEmpty())
        return Error::make(ErrorCode::BadRequest, QStringLiteral("The host resolved to no address."));
    const QHostAddress *chosen = nullptr;
    for (const QHostAddress &address : addresses) {
        if (!allows(address)) {
            return Error::make(ErrorCode::BadRequest,
                               QStringLiteral("The host resolves to %1, a %2 address.")
                                   .arg(address.toString(), addressKindName(classify(address))));
        }
        if (!chosen || (chosen->protocol() != QAbstractSocket::IPv4Protocol &&
                        address.protocol() == QAbstractSocket::IPv4Protocol)) {
            chosen = &address;
        }
    }
    return *chosen;
}

} // namespace handover
