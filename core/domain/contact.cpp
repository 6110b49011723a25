#include "core/domain/contact.h"

#include <QStringList>

namespace handover {

QString derivedDisplayName(const Contact &contact)
{
    QStringList parts;
    for (const QString &part : {contact.crmId, contact.firstName, contact.lastName}) {
        const QString simplified = part.simplified();
        if (!simplified.isEmpty())
            parts.append(simplified);
    }
    return parts.join(QLatin1Char(' '));
}

bool isE164(const QString &phone)
{
    if (phone.size() < 3 || phone.size() > 16 || phone.front() != QLatin1Char('+'))
        return false;
    if (phone.at(1) == QLatin1Char('0'))
        return false;
    for (qsizetype i = 1; i < phone.size(); ++i) {
        if (!phone.at(i).isDigit() || phone.at(i).unicode() > '9')
            return false;
    }
    return true;
}

QString metaPhoneFromE164(const QString &phone)
{
    return phone.startsWith(QLatin1Char('+')) ? phone.mid(1) : phone;
}

QString e164FromMetaPhone(const QString &digits)
{
    return digits.startsWith(QLatin1Char('+')) ? digits : QLatin1Char('+') + digits;
}

} // namespace handover
