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

Result<std::optional<QByteArray>> oneSealedToken(QSqlDatabase &db, const QString &sql,
                                                 const QVariantList &values)
{
    auto value = firstValue(db, sql, values);
    if (!value)
        return value.error();
    if (!value->has_value())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>((*value)->toByteArray());
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

Result<void> updateWabaPhone(QSqlDatabase &db, const WabaPhone &phone)
{
    auto updated =
        change(db,
               QStringLiteral("UPDATE waba_phones SET remote_waba_id = ?, display_phone_number = ? "
                              "WHERE id = ?"),
               {textNotNull(phone.remoteWabaId), textNotNull(phone.displayPhoneNumber), phone.id});
    if (!updated)
        return updated.error();
    if (*updated == 0)
        return notFound(QStringLiteral("WABA phone"));
    return {};
}

Result<void> setSealedAccessToken(QSqlDatabase &db, const QString &wabaPhoneId,
                                  const std::optional<QByteArray> &sealed, const QDateTime &now)
{
    if (!sealed) {
        auto removed = change(db, QStringLiteral("DELETE FROM waba_phone_tokens WHERE waba_phone_id = ?"),
                              {wabaPhoneId});
        if (!removed)
            return removed.error();
        return {};
    }
    auto stored =
        change(db,
               QStringLiteral("INSERT INTO waba_phone_tokens (waba_phone_id, sealed_token, updated_at) "
                              "VALUES (?, ?, ?) ON CONFLICT (waba_phone_id) DO UPDATE SET "
                              "sealed_token = excluded.sealed_token, updated_at = excluded.updated_at"),
               {wabaPhoneId, blobOrNull(*sealed), msOf(now)});
    if (!stored)
        return stored.error();
    return {};
}

Result<std::optional<QByteArray>> sealedAccessTokenOf(QSqlDatabase &db, const QString &remotePhoneId)
{
    return oneSealedToken(
        db,
        QStringLiteral("SELECT t.sealed_token FROM waba_phone_tokens t "
                       "JOIN waba_phones p ON p.id = t.waba_phone_id WHERE p.remote_phone_id = ?"),
        {remotePhoneId});
}

Result<std::optional<QByteArray>> anySealedAccessToken(QSqlDatabase &db)
{
    return oneSealedToken(db, QStringLiteral("SELECT sealed_token FROM waba_phone_tokens LIMIT 1"), {});
}

} // namespace handover::store::server
