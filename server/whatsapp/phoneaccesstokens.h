#pragma once

#include "core/result.h"
#include "server/auth/tokenvault.h"

#include <QSqlDatabase>
#include <QString>

namespace handover {

// Which access token speaks for a WABA phone to the Cloud API: the org's own, registered with the phone and
// kept sealed in the database, or the server-wide `--wa-access-token` for phones registered without one
// (single-org installs, and every phone of a database from before tokens). Sends use it; so will media
// downloads.
class PhoneAccessTokens
{
public:
    static constexpr char kKeyFileName[] = "token-vault.key";
    static QString keyFilePath(const QString &dataDir);

    // Opens the data directory's key file and checks it against the tokens the database holds. A key file is
    // created when there is none and the database holds no sealed token; a database with sealed tokens and no
    // key file, or with a key file that does not open them, is an error that names the file.
    static Result<PhoneAccessTokens> open(const QString &dataDir, QSqlDatabase &readDb,
                                          QString serverWideToken);

    // For a phone of any org, by Meta's phone number id; an unknown phone gets the server-wide token too.
    Result<QString> tokenFor(const QString &remotePhoneId) const;
    QByteArray seal(const QString &accessToken) const;

private:
    PhoneAccessTokens(TokenVault vault, QSqlDatabase &readDb, QString serverWideToken);

    TokenVault m_vault;
    QSqlDatabase *m_db;
    QString m_serverWideToken;
};

} // namespace handover
