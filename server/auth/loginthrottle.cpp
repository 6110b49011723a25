#include "server/auth/loginthrottle.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace handover {

namespace {
constexpr int kAccountKeyBytes = 16; // of the SHA-256: plenty to tell accounts apart, half the memory
constexpr int kIpv6NetworkBytes = 8; // a /64
} // namespace

LoginThrottle::LoginThrottle(const Clock &clock, LoginThrottleOptions options)
    : m_accounts(clock, options.perAccount)
    , m_addresses(clock, options.perAddress)
{}

FailureLedger::Verdict LoginThrottle::admit(const QString &email, const QHostAddress &client,
                                            Attempt *attempt)
{
    Attempt candidate{accountKey(email), addressKey(client)};
    const FailureLedger::Verdict byAddress = m_addresses.begin(candidate.address);
    if (!byAddress.allowed)
        return byAddress;
    const FailureLedger::Verdict byAccount = m_accounts.begin(candidate.account);
    if (!byAccount.allowed) {
        m_addresses.abandoned(candidate.address);
        return byAccount;
    }
    *attempt = std::move(candidate);
    return {};
}

void LoginThrottle::failed(const Attempt &attempt)
{
    m_accounts.failed(attempt.account);
    m_addresses.failed(attempt.address);
}

void LoginThrottle::succeeded(const Attempt &attempt)
{
    m_accounts.succeeded(attempt.account, true);
    // A success does not vouch for the address: one valid account must not reset a spray from there.
    m_addresses.succeeded(attempt.address, false);
}

void LoginThrottle::abandoned(const Attempt &attempt)
{
    m_accounts.abandoned(attempt.account);
    m_addresses.abandoned(attempt.address);
}

QByteArray LoginThrottle::accountKey(const QString &email)
{
    const QByteArray folded = email.trimmed().toCaseFolded().toUtf8();
    return QCryptographicHash::hash(folded, QCryptographicHash::Sha256).left(kAccountKeyBytes);
}

QByteArray LoginThrottle::addressKey(const QHostAddress &address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    if (isIpv4) {
        QByteArray key(4, Qt::Uninitialized);
        qToBigEndian(ipv4, key.data());
        return key;
    }
    const Q_IPV6ADDR ipv6 = address.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(ipv6.c), kIpv6NetworkBytes);
}

} // namespace handover
