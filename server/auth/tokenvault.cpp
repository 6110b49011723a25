#include "server/auth/tokenvault.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <sodium.h>

namespace handover {

namespace {

static_assert(TokenVault::kKeyBytes == crypto_secretbox_KEYBYTES);
static_assert(TokenVault::kNonceBytes == crypto_secretbox_NONCEBYTES);
static_assert(TokenVault::kMacBytes == crypto_secretbox_MACBYTES);

Error vaultError(const QString &description)
{
    return Error::make(ErrorCode::Internal, description);
}

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

TokenVault TokenVault::fromKey(const std::array<unsigned char, kKeyBytes> &key)
{
    return TokenVault(key);
}

TokenVault::~TokenVault()
{
    sodium_memzero(m_key.data(), m_key.size());
}

Result<TokenVault> TokenVault::readKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return vaultError(QStringLiteral("Cannot read the key file %1: %2.").arg(path, file.errorString()));
    // One byte more than a key is enough to tell a wrong file; never read a large one.
    const QByteArray bytes = file.read(kKeyBytes + 1);
    if (bytes.size() != kKeyBytes) {
        const QString held =
            bytes.size() > kKeyBytes ? QStringLiteral("more") : QString::number(bytes.size());
        return vaultError(
            QStringLiteral("The key file %1 is not a Handover key: it holds %2 bytes instead of %3.")
                .arg(path, held, QString::number(kKeyBytes)));
    }
    std::array<unsigned char, kKeyBytes> key{};
    std::copy(bytes.cbegin(), bytes.cend(), key.begin());
    TokenVault vault(key);
    sodium_memzero(key.data(), key.size());
    return vault;
}

Result<TokenVault> TokenVault::createKeyFile(const QString &path)
{
    if (!sodiumReady())
        return vaultError(QStringLiteral("libsodium could not start."));
    if (QFileInfo::exists(path))
        return vaultError(QStringLiteral("The key file %1 exists already.").arg(path));
    std::array<unsigned char, kKeyBytes> key{};
    randombytes_buf(key.data(), key.size());
    TokenVault vault(key);

    // QSaveFile writes a temporary file, syncs it to the disk and renames it: a crash never leaves half a
    // key, and a power cut cannot lose a key whose tokens the database has committed.
    QSaveFile file(path);
    const auto fail = [&](const QString &what) {
        return vaultError(
            QStringLiteral("Cannot %1 the key file %2: %3.").arg(what, path, file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("create"));
#ifdef Q_OS_UNIX
    // Owner-only before the key is in it, whatever the umask; on Windows the data directory's ACL applies.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(QStringLiteral("restrict"));
#endif
    const bool written = file.write(reinterpret_cast<const char *>(key.data()), kKeyBytes) == kKeyBytes;
    sodium_memzero(key.data(), key.size());
    if (!written)
        return fail(QStringLiteral("write"));
    if (!file.commit())
        return fail(QStringLiteral("save"));
    return vault;
}

QByteArray TokenVault::seal(QByteArrayView plain) const
{
    (void)sodiumReady();
    QByteArray sealed(kNonceBytes + kMacBytes + plain.size(), Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(sealed.data());
    randombytes_buf(nonce, kNonceBytes);
    crypto_secretbox_easy(nonce + kNonceBytes, reinterpret_cast<const unsigned char *>(plain.data()),
                          static_cast<unsigned long long>(plain.size()), nonce, m_key.data());
    return sealed;
}

Result<QByteArray> TokenVault::open(QByteArrayView sealed) const
{
    if (sealed.size() < kNonceBytes + kMacBytes)
        return vaultError(QStringLiteral("A sealed value is too short to have been sealed here."));
    const auto *nonce = reinterpret_cast<const unsigned char *>(sealed.data());
    const qsizetype cipherBytes = sealed.size() - kNonceBytes;
    QByteArray plain(cipherBytes - kMacBytes, Qt::Uninitialized);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()), nonce + kNonceBytes,
                                   static_cast<unsigned long long>(cipherBytes), nonce, m_key.data()) != 0) {
        return vaultError(
            QStringLiteral("A sealed value does not open with this key: it was sealed with another "
                           "key file, or changed."));
    }
    return plain;
}

} // namespace handover
