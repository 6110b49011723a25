#include "server/whatsapp/phoneaccesstokens.h"

#include "core/logging.h"
#include "core/store/server/wabaphones.h"

#include <QDir>
#include <QFileInfo>

namespace handover {

namespace ss = store::server;

QString PhoneAccessTokens::keyFilePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QString::fromLatin1(kKeyFileName));
}

Result<PhoneAccessTokens> PhoneAccessTokens::open(const QString &dataDir, QSqlDatabase &readDb,
                                                  QString serverWideToken)
{
    const QString path = keyFilePath(dataDir);
    auto sample = ss::anySealedAccessToken(readDb);
    if (!sample)
        return sample.error();
    if (!QFileInfo::exists(path)) {
        if (sample->has_value()) {
            return Error::make(
                ErrorCode::Internal,
                QStringLiteral("The database holds sealed WhatsApp access tokens, but their key file %1 "
                               "is missing. Restore it from the backup taken with the database "
                               "(docs/operations.md, \"The token key file\").")
                    .arg(path));
        }
        auto created = TokenVault::createKeyFile(path);
        if (!created)
            return created.error();
        qCInfo(lcWhatsApp).noquote() << "created the token key file" << path;
        return PhoneAccessTokens(std::move(*created), readDb, std::move(serverWideToken));
    }
    auto vault = TokenVault::readKeyFile(path);
    if (!vault)
        return vault.error();
    if (sample->has_value() && !vault->open(**sample)) {
        return Error::make(
            ErrorCode::Internal,
            QStringLiteral("The key file %1 does not open the WhatsApp access tokens in the database: "
                           "it belongs to another database. Restore the key file that was backed up "
                           "with this database (docs/operations.md, \"The token key file\").")
                .arg(path));
    }
#ifdef Q_OS_UNIX
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (QFileInfo(path).permissions() & others)
        qCWarning(lcWhatsApp).noquote()
            << "the token key file" << path << "is readable by other users; make it owner-only: chmod 600";
#endif
    return PhoneAccessTokens(std::move(*vault), readDb, std::move(serverWideToken));
}

PhoneAccessTokens::PhoneAccessTokens(TokenVault vault, QSqlDatabase &readDb, QString serverWideToken)
    : m_vault(std::move(vault))
    , m_db(&readDb)
    , m_serverWideToken(std::move(serverWideToken))
{}

Result<QString> PhoneAccessTokens::tokenFor(const QString &remotePhoneId) const
{
    auto sealed = ss::sealedAccessTokenOf(*m_db, remotePhoneId);
    if (!sealed)
        return sealed.error();
    if (!sealed->has_value())
        return m_serverWideToken;
    auto token = m_vault.open(**sealed);
    if (!token)
        return token.error();
    return QString::fromUtf8(*token);
}

QByteArray PhoneAccessTokens::seal(const QString &accessToken) const
{
    return m_vault.seal(accessToken.toUtf8());
}

} // namespace handover
