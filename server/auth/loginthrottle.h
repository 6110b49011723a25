#pragma once

#include "server/auth/failureledger.h"

#include <QHostAddress>
#include <QString>

namespace handover {

// Password guessing is throttled per account (the email, whatever org or whether it exists) and per client
// address (IPv6 by its /64, which one subscriber usually holds whole). The address limit is looser, so an
// office behind one NAT can still log in while a spray of one password over many emails is stopped.
struct LoginThrottleOptions
{
    LockPolicy perAccount{5, 15 * 60'000, 60'000, 15 * 60'000, 10'000};
    LockPolicy perAddress{30, 15 * 60'000, 60'000, 15 * 60'000, 10'000};
};

// The throttle state lives in this process's memory: a restart forgets it, and several server processes
// behind one balancer each count on their own.
class LoginThrottle
{
public:
    LoginThrottle(const Clock &clock, LoginThrottleOptions options = {});

    // One login attempt, from admission to its outcome.
    struct Attempt
    {
        QByteArray account;
        QByteArray address;
    };
    // Refused (429 with Retry-After) while the account or the address is locked; otherwise the attempt runs
    // until it is reported with one of the three calls below.
    FailureLedger::Verdict admit(const QString &email, const QHostAddress &client, Attempt *attempt);
    void failed(const Attempt &attempt);
    void succeeded(const Attempt &attempt); // clears the account's failures; the address keeps its own
    void abandoned(const Attempt &attempt); // no password was checked (the server was busy)

    qsizetype trackedAccounts() const { return m_accounts.size(); }
    qsizetype trackedAddresses() const { return m_addresses.size(); }

    // The keys the two ledgers use: a digest of the case-folded email, and the address's network bytes (the
    // first 8 of an IPv6 address; IPv4-mapped addresses as IPv4).
    static QByteArray accountKey(const QString &email);
    static QByteArray addressKey(const QHostAddress &address);

private:
    FailureLedger m_accounts;
    FailureLedger m_addresses;
};

} // namespace handover
