#pragma once

#include "sim/metaformat.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace handover::sim {

// A business phone as Meta knows it: the names its webhooks carry, its verified business name, and the access
// token that may use it.
struct PhoneRegistration
{
    BusinessPhone phone;
    QString verifiedName;   // empty: "Business " and the display number's last four digits
    QByteArray accessToken; // empty: the phone is only named, for webhooks
    friend bool operator==(const PhoneRegistration &, const PhoneRegistration &) = default;
};

// What the Graph API lets a bearer token do with a phone number id.
enum class GraphAccess
{
    Granted,
    InvalidToken, // 401, OAuthException code 190
    UnknownPhone, // 400, GraphMethodException code 100, subcode 33: no such object for this token
};

// The business phones the simulator knows, and which token may use each. While no phone has a token the
// simulator is open, as it always was: any phone number id works with any token, or only with the one the
// simulator was started with. Once a phone is registered with a token the simulator plays Meta strictly: each
// such phone takes only its own token, phone number ids it does not know do not exist for the tokens it
// knows, and a token it does not know is invalid.
class PhoneRegistry
{
public:
    // Adds the phone or replaces its names; a token registered before stays unless this one carries another.
    void add(const PhoneRegistration &registration);
    // The phone's names for webhooks; an unknown id is named by itself, with WABA "0".
    BusinessPhone phone(const QString &phoneNumberId) const;
    QString verifiedName(const QString &phoneNumberId) const;
    bool isStrict() const { return m_withToken > 0; }

    // `openToken` is what an open simulator requires (empty: anything).
    GraphAccess access(const QString &phoneNumberId, const QByteArray &bearerToken,
                       const QByteArray &openToken) const;
    // The same for an object of the phone (its media): a token the registry knows for another phone is valid
    // but sees no such object.
    GraphAccess objectAccess(const QString &phoneNumberId, const QByteArray &bearerToken,
                             const QByteArray &openToken) const;

private:
    bool knowsToken(const QByteArray &bearerToken) const;

    QHash<QString, PhoneRegistration> m_phones;
    qsizetype m_withToken = 0;
};

} // namespace handover::sim
