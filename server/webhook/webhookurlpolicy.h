#pragma once

#include "core/result.h"

#include <QHostAddress>
#include <QList>
#include <QUrl>

namespace handover {

// What kind of network an address belongs to, as far as webhook delivery cares.
enum class AddressKind
{
    Public,
    Loopback,    // 127/8, ::1, and host names under "localhost"
    Private,     // 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, fec0::/10
    LinkLocal,   // 169.254/16, fe80::/10
    Unspecified, // 0/8, ::
    Multicast,   // 224/4, ff00::/8
    Reserved,    // 240/4 with broadcast, documentation and benchmark ranges: nothing to deliver to
};
QString addressKindName(AddressKind kind);

// Keeps the org webhook from reaching the server's own network (API.md): a URL must be http or https, and its
// host must not be, or resolve to, anything but a public address unless the server runs with
// --allow-private-webhooks. The URL is checked when it is configured (literal addresses at once) and again
// at every delivery after DNS resolution, so a name that later resolves to an internal address (DNS
// rebinding) is refused too.
class WebhookUrlPolicy
{
public:
    static constexpr qsizetype MaxUrlLength = 2048;

    explicit WebhookUrlPolicy(bool allowPrivate = false)
        : m_allowPrivate(allowPrivate)
    {}
    bool allowPrivate() const { return m_allowPrivate; }

    // IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4 address they carry.
    static AddressKind classify(const QHostAddress &address);
    bool allows(const QHostAddress &address) const;

    // For PUT /webhook: the normalised URL, or a validation error on the field "url".
    Result<QUrl> checkUrl(const QString &url) const;

    // At delivery, with every address the host resolved to: the one to connect to (IPv4 first). Refused if
    // any of them is not allowed, since the connection could otherwise land on that one.
    Result<QHostAddress> pickAddress(const QList<QHostAddress> &addresses) const;

private:
    bool m_allowPrivate;
};

} // namespace handover
