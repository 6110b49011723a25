#pragma once

#include <QByteArray>

namespace handover::sim {

// Meta signs every webhook POST with the app secret: the X-Hub-Signature-256 header carries
// "sha256=" followed by the lowercase hex HMAC-SHA256 of the exact body bytes.
QByteArray metaSignature(const QByteArray &body, const QByteArray &appSecret);

// True when header is the signature of body under appSecret. Compares in constant time.
bool verifyMetaSignature(const QByteArray &body, const QByteArray &appSecret, const QByteArray &header);

// Constant-time equality for secrets (tokens, signatures).
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

inline constexpr char kSignatureHeader[] = "X-Hub-Signature-256";

} // namespace handover::sim
