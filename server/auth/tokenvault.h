#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <array>

namespace handover {

// Seals secrets the server must use again later (an org's WhatsApp access token) so that the database alone
// does not give them away. The key is 32 random bytes in a file of its own, readable only by its owner;
// each value is sealed with XSalsa20-Poly1305 (libsodium's secretbox) under a fresh random nonce and stored
// as nonce + ciphertext. Opening fails on any byte changed, and on a value sealed with another key.
class TokenVault
{
public:
    static constexpr int kKeyBytes = 32;
    static constexpr int kNonceBytes = 24;
    static constexpr int kMacBytes = 16;

    // Reads a key file: exactly kKeyBytes bytes, or a clear error naming the file.
    static Result<TokenVault> readKeyFile(const QString &path);
    // Writes a new random key to `path`, owner-only (0600 on POSIX systems; on Windows the data directory's
    // ACL applies), synced to the disk and put in place whole. Fails when `path` exists.
    static Result<TokenVault> createKeyFile(const QString &path);
    static TokenVault fromKey(const std::array<unsigned char, kKeyBytes> &key); // tests

    TokenVault(const TokenVault &other) = default;
    TokenVault &operator=(const TokenVault &other) = default;
    ~TokenVault();

    QByteArray seal(QByteArrayView plain) const; // nonce + ciphertext, kNonceBytes + kMacBytes longer
    Result<QByteArray> open(QByteArrayView sealed) const;

private:
    explicit TokenVault(const std::array<unsigned char, kKeyBytes> &key)
        : m_key(key)
    {}

    std::array<unsigned char, kKeyBytes> m_key{};
};

} // namespace handover
