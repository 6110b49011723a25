#include "core/store/server/wabaphones.h"

#include "core/store/server/statementcache.h"

namespace handover::store::server {

namespace {

const QString selectPhone = QStringLiteral(
    "SELECT id, org_id, remote_waba_id, remote_phone_id, display_phone_number FROM waba_phones ");

Result<QList<WabaPhone>> phonesWhere(QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    auto rows = run(db, selectPhone + where, values);
    if (!rows)
        return rows.error();
    QList<WabaPhone> phones;
    while (rows->next()) {
        phones.append(WabaPhone{rows->value(0).toString(), rows->value(1).toString(),
                                rows->value(2).toString(), rows->value(3).toString(),
                                rows->value(4).toString()});
    }
    if (auto read = rows->checkRead(); !read)
        return read.error();
    return phones;
}

} // namespace

Result<void> insertWabaPhone(QSqlDatabase &db, const WabaPhone &phone, const QDateTime &now)
{
    auto inserted =
        change(db,
               QStringLiteral("INSERT INTO waba_phones (id, org_id, remote_waba_id, remote_phone_id, "
                              "display_phone_number, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
               {phone.id, phone.orgId, textNotNull(phone.remoteWabaId), textNotNull(phone.remotePhoneId),
                textNotNull(phone.displayPhoneNumber), msOf(now)});
    if (!inserted)
        return describeConflict(inserted.error(),
                                QStringLiteral("This remote_phone_id is already registered."),
                                {QStringLiteral("remote_phone_id")});
    return {};
}

Result<QList<WabaPhone>> wabaPhonesOf(QSqlDatabase &db, const OrgId &orgId)
{
    return phonesWhere(db, QStringLiteral("WHERE org_id = ? ORDER BY created_at, rowid"), {orgId});
}

Result<std::optional<WabaPhone>> wabaPhoneByRemoteId(QSqlDatabase &db, const QString &remotePhoneId)
{
    auto found = phonesWhere(db, QStringLiteral("WHERE remote_phone_id = ?"), {remotePhoneId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<WabaPhone>();
    return std::optional<WabaPhone>(found->first());
}

} // namespace handover::store::server
