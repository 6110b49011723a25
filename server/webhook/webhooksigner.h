#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace handover {

// The header names of a delivery, exactly as the Standard Webhooks specification writes them.
namespace webhookheader {
inline constexpr char Id[] = "webhook-id";
inline constexpr char Timestamp[] = "webhook-timestamp";
inline constexpr char Signature[] = "webhook-signature";
inline constexpr char ContentType[] = "content-type";
inline constexpr char JsonContentType[] = "application/json";
} // namespace webhookheader

struct SignedWebhookHeaders
{
    QByteArray webhookId; // "msg_..."
    QByteArray timestamp; // unix seconds of this attempt, in decimal
    QByteArray signature; // "v1,<base64 HMAC-SHA256>"
};

// Standard Webhooks signing: HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>", keyed with the bytes
// the secret's base64 part (after "whsec_") decodes to. Pure functions, apart from the two generators.
class WebhookSigner
{
public:
    static inline const QString SecretPrefix = QStringLiteral("whsec_");

    // The HMAC key of a secret: "whsec_<base64>" (the prefix may be left out, as the reference libraries
    // allow). An empty key or bad base64 is a validation error.
    static Result<QByteArray> decodeSecret(QStringView secret);

    // "v1,<base64>" for one attempt.
    static QByteArray signature(const QByteArray &key, const QByteArray &webhookId, qint64 unixSeconds,
                                const QByteArray &body);

    // The three webhook-* headers of an attempt made at `at` (its unix seconds are the timestamp).
    static Result<SignedWebhookHeaders> sign(QStringView secret, const QString &webhookId,
                                             const QDateTime &at, const QByteArray &body);

    // "whsec_" + base64 of 32 random bytes, for PUT /webhook without a secret.
    static QString generateSecret();
    // "msg_" + 32 random hex digits: a new delivery's webhook-id.
    static QString newWebhookId();
};

} // namespace handover
