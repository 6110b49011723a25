#include "server/auth/passwords.h"

#include "server/auth/sodiumready.h"

#include <sodium.h>

namespace handover {

Result<QByteArray> hashPassword(const QString &password, PasswordStrength strength)
{
    if (!sodiumReady())
        return Error::make(ErrorCode::Internal, QStringLiteral("libsodium could not start."));
    const QByteArray utf8 = password.toUtf8();
    const auto ops = strength == PasswordStrength::Minimal ? crypto_pwhash_OPSLIMIT_MIN
                                                           : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const auto mem = strength == PasswordStrength::Minimal ? crypto_pwhash_MEMLIMIT_MIN
                                                           : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()), ops, mem) != 0)
        return Error::make(ErrorCode::Internal, QStringLiteral("Out of memory while hashing a password."));
    return QByteArray(out);
}

bool verifyPassword(const QString &password, const QByteArray &storedHash)
{
    if (!sodiumReady() || storedHash.isEmpty() || storedHash.size() >= crypto_pwhash_STRBYTES)
        return false;
    char stored[crypto_pwhash_STRBYTES] = {};
    std::copy(storedHash.cbegin(), storedHash.cend(), stored);
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(stored, utf8.constData(), static_cast<unsigned long long>(utf8.size())) ==
           0;
}

} // namespace handover
