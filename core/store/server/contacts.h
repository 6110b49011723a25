#pragma once

#include "core/domain/contact.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <optional>

// Contacts (leads) of an org.
namespace handover::store::server {

// crm_id is unique per org: a duplicate is UniqueConstraintFailed on "crm_id". A phone that is not E.164
// fails the schema's check (Internal): the API validates it first.
Result<void> insertContact(QSqlDatabase &db, const Contact &contact, const QDateTime &now);
// Changes crm_id, names, opt-in date, is_inbound and source of the org's contact (NotFound otherwise); the
// phone number and create date stay as they were.
Result<void> updateContact(QSqlDatabase &db, const Contact &contact, const QDateTime &now);
Result<Contact> contactById(QSqlDatabase &db, const OrgId &orgId, const ContactId &contactId);
Result<std::optional<Contact>> contactByCrmId(QSqlDatabase &db, const OrgId &orgId, const QString &crmId);
// Every contact of the org with that phone (R13: several contacts may share one), oldest first.
Result<QList<Contact>> contactsByPhone(QSqlDatabase &db, const OrgId &orgId, const QString &phoneNumber);

} // namespace handover::store::server
