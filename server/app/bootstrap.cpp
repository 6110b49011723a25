#include "core/store/schema.h"
#include "core/store/server/credentials.h"
#include "core/store/server/orgs.h"
#include "core/store/server/users.h"
#include "core/store/sql.h"
#include "server/app/serverinstance.h"
#include "server/auth/tokens.h"

#include <QDir>

namespace handover {

namespace ss = store::server;

Result<InitResult> initServer(const InitOptions &options, PasswordStrength strength)
{
    if (!QDir().mkpath(options.dataDir))
        return Error::make(ErrorCode::Internal, QStringLiteral("Cannot create the data directory %1.").arg(options.dataDir));
    auto db = store::Database::open({databasePath(options.dataDir), store::Durability::SurvivesPowerLoss, 5000},
                                    store::serverSchema());
    if (!db)
        return db.error();
    QSqlDatabase &conn = db->connection();
    if (auto existing = ss::orgByName(conn, options.orgName); existing) {
        return Error::make(ErrorCode::UniqueConstraintFailed,
                           QStringLiteral("An org named \"%1\" already exists in %2; nothing was changed.")
                               .arg(options.orgName, options.dataDir));
    }
    auto hash = hashPassword(options.adminPassword, strength);
    if (!hash)
        return hash.error();

    UuidSource ids;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    InitResult result{ids.newId(), ids.newId(), newApiKey()};
    if (auto begun = store::execute(conn, QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return begun.error();
    const auto work = [&]() -> Result<void> {
        if (auto org = ss::createOrg(conn, result.orgId, options.orgName.trimmed(), now); !org)
            return org.error();
        User admin;
        admin.id = result.adminUserId;
        admin.orgId = result.orgId;
        admin.email = options.adminEmail.trimmed();
        admin.firstName = QStringLiteral("Admin");
        admin.role = Role::Admin;
        if (auto user = ss::insertUser(conn, admin, *hash, now); !user)
            return user.error();
        ss::NewApiKey key;
        key.id = ids.newId();
        key.orgId = result.orgId;
        key.name = QStringLiteral("bootstrap");
        key.role = Role::Admin;
        key.keySha256 = QByteArray::fromHex(tokenHash(result.apiKey).toLatin1());
        return ss::insertApiKey(conn, key, now);
    };
    if (auto done = work(); !done) {
        (void)store::execute(conn, QStringLiteral("ROLLBACK"));
        return done.error();
    }
    if (auto committed = store::execute(conn, QStringLiteral("COMMIT")); !committed)
        return committed.error();
    return result;
}

} // namespace handover
