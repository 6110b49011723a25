#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace handover {

// Passwords are stored as Argon2id strings (libsodium), salted and self-describing.
enum class PasswordStrength { Interactive, Minimal }; // Minimal: for tests and local demos only

Result<QByteArray> hashPassword(const QString &password, PasswordStrength strength = PasswordStrength::Interactive);
bool verifyPassword(const QString &password, const QByteArray &storedHash);

} // namespace handover
