#include "core/store/server/contacts.h"

#include "core/store/server/statementcache.h"

namespace handover::store::server {

namespace {

const QString selectContact =
    QStringLiteral("SELECT id, org_id, crm_id, phone_number, first_name, last_name, opt_in_date, is_inbound, "
                   "source, create_date FROM contacts ");

Contact contactFromRow(const Statement &row)
{
    Contact contact;
    contact.id = row.value(0).toString();
    contact.orgId = row.value(1).toString();
    contact.crmId = row.value(2).toString();
    contact.phoneNumber = row.value(3).toString();
    contact.firstName = textFrom(row.value(4));
    contact.lastName = textFrom(row.value(5));
    contact.optInDate = timeFrom(row.value(6));
    contact.isInbound = row.value(7).toInt() != 0;
    contact.source = textFrom(row.value(8));
    contact.createDate = timeFrom(row.value(9));
    return contact;
}

Result<QList<Contact>> contactsWhere(QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    auto rows = run(db, selectContact + where, values);
    if (!rows)
        return rows.error();
    QList<Contact> contacts;
    while (rows->next())
        contacts.append(contactFromRow(*rows));
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return contacts;
}

Error crmIdConflict(const Error &error)
{
    return describeConflict(error, QStringLiteral("A contact with this crm_id already exists in the org."),
                            {QStringLiteral("crm_id")});
}

} // namespace

Result<void> insertContact(QSqlDatabase &db, const Contact &contact, const QDateTime &now)
{
    const QDateTime created = contact.createDate.isValid() ? contact.createDate : now;
    auto inserted =
        change(db,
               QStringLiteral("INSERT INTO contacts (id, org_id, crm_id, phone_number, first_name, "
                              "last_name, opt_in_date, is_inbound, source, create_date, updated_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {contact.id, contact.orgId, textNotNull(contact.crmId), textNotNull(contact.phoneNumber),
                textNotNull(contact.firstName), textNotNull(contact.lastName), msOrNull(contact.optInDate),
                flag(contact.isInbound), textOrNull(contact.source), msOf(created), msOf(now)});
    if (!inserted)
        return crmIdConflict(inserted.error());
    return {};
}

Result<void> updateContact(QSqlDatabase &db, const Contact &contact, const QDateTime &now)
{
    auto updated =
        change(db,
               QStringLiteral("UPDATE contacts SET crm_id = ?, first_name = ?, last_name = ?, "
                              "opt_in_date = ?, is_inbound = ?, source = ?, updated_at = ? "
                              "WHERE id = ? AND org_id = ?"),
               {textNotNull(contact.crmId), textNotNull(contact.firstName), textNotNull(contact.lastName),
                msOrNull(contact.optInDate), flag(contact.isInbound), textOrNull(contact.source), msOf(now),
                contact.id, contact.orgId});
    if (!updated)
        return crmIdConflict(updated.error());
    if (*updated == 0)
        return notFound(QStringLiteral("contact"));
    return {};
}

Result<Contact> contactById(QSqlDatabase &db, const OrgId &orgId, const ContactId &contactId)
{
    auto found = contactsWhere(db, QStringLiteral("WHERE id = ? AND org_id = ?"), {contactId, orgId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return notFound(QStringLiteral("contact"));
    return found->first();
}

Result<std::optional<Contact>> contactByCrmId(QSqlDatabase &db, const OrgId &orgId, const QString &crmId)
{
    auto found = contactsWhere(db, QStringLiteral("WHERE org_id = ? AND crm_id = ?"), {orgId, crmId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<Contact>();
    return std::optional<Contact>(found->first());
}

Result<QList<Contact>> contactsByPhone(QSqlDatabase &db, const OrgId &orgId, const QString &phoneNumber)
{
    return contactsWhere(db, QStringLiteral("WHERE org_id = ? AND phone_number = ? ORDER BY create_date, id"),
                         {orgId, phoneNumber});
}

} // namespace handover::store::server
