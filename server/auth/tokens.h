#pragma once

#include <QByteArray>
#include <QString>

namespace handover {

// Secrets handed out once and stored only as SHA-256 hashes.
QString newApiKey();       // "hok_" + 32 random bytes, base64url
QString newSessionToken(); // "hos_" + 32 random bytes, base64url
QString newWebhookSecret(); // "whsec_" + base64 of 32 random bytes (Standard Webhooks)
QByteArray randomBytes(int count);
QString tokenHash(const QString &token); // hex SHA-256
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace handover
