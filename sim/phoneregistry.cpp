#include "sim/phoneregistry.h"

#include "sim/signature.h"

#include <algorithm>

namespace handover::sim {

void PhoneRegistry::add(const PhoneRegistration &registration)
{
    PhoneRegistration &entry = m_phones[registration.phone.phoneNumberId];
    const bool hadToken = !entry.accessToken.isEmpty();
    const QByteArray token =
        registration.accessToken.isEmpty() ? entry.accessToken : registration.accessToken;
    entry = registration;
    entry.accessToken = token;
    if (!hadToken && !token.isEmpty())
        ++m_withToken;
}

BusinessPhone PhoneRegistry::phone(const QString &phoneNumberId) const
{
    const auto found = m_phones.constFind(phoneNumberId);
    if (found == m_phones.cend())
        return BusinessPhone{phoneNumberId, phoneNumberId, QStringLiteral("0")};
    return found->phone;
}

QString PhoneRegistry::verifiedName(const QString &phoneNumberId) const
{
    const QString given = m_phones.value(phoneNumberId).verifiedName;
    if (!given.isEmpty())
        return given;
    return QStringLiteral("Business ") + phone(phoneNumberId).displayPhoneNumber.right(4);
}

GraphAccess PhoneRegistry::access(const QString &phoneNumberId, const QByteArray &bearerToken,
                                  const QByteArray &openToken) const
{
    if (!isStrict()) {
        if (openToken.isEmpty() || constantTimeEquals(bearerToken, openToken))
            return GraphAccess::Granted;
        return GraphAccess::InvalidToken;
    }
    const QByteArray token = m_phones.value(phoneNumberId).accessToken;
    if (!token.isEmpty())
        return constantTimeEquals(bearerToken, token) ? GraphAccess::Granted : GraphAccess::InvalidToken;
    // Meta checks the token before the object: a token it knows sees no such phone, any other is invalid.
    return knowsToken(bearerToken) ? GraphAccess::UnknownPhone : GraphAccess::InvalidToken;
}

GraphAccess PhoneRegistry::objectAccess(const QString &phoneNumberId, const QByteArray &bearerToken,
                                        const QByteArray &openToken) const
{
    const GraphAccess phoneAccess = access(phoneNumberId, bearerToken, openToken);
    if (phoneAccess == GraphAccess::InvalidToken && isStrict() && knowsToken(bearerToken))
        return GraphAccess::UnknownPhone;
    return phoneAccess;
}

bool PhoneRegistry::knowsToken(const QByteArray &bearerToken) const
{
    return std::any_of(m_phones.cbegin(), m_phones.cend(), [&](const PhoneRegistration &entry) {
        return !entry.accessToken.isEmpty() && constantTimeEquals(bearerToken, entry.accessToken);
    });
}

} // namespace handover::sim
