#pragma once

#include "core/domain/ids.h"

#include <QDateTime>

namespace handover {

// A customer record (a "lead").
struct Contact
{
    ContactId id;
    OrgId orgId;
    QString crmId;
    QString phoneNumber; // E.164, "+919999990001"
    QString firstName;
    QString lastName;
    QDateTime optInDate;
    QDateTime createDate;
    bool isInbound = false;
    QString source;
    friend bool operator==(const Contact &, const Contact &) = default;
};

// R16: "crm_id first_name last_name" joined by single spaces, empty parts skipped.
QString derivedDisplayName(const Contact &contact);

// E.164: '+', a non-zero digit, at most 15 digits in all.
bool isE164(const QString &phone);

// Meta writes phone numbers as digits only; "919999990001" <-> "+919999990001".
QString metaPhoneFromE164(const QString &phone);
QString e164FromMetaPhone(const QString &digits);

} // namespace handover
