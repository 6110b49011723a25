#include "server/webhook/webhooksigner.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <array>

namespace handover {

Result<QByteArray> WebhookSigner::decodeSecret(QStringView secret)
{
    QStringView encoded = secret;
    if (encoded.startsWith(SecretPrefix))
        encoded = encoded.mid(SecretPrefix.size());
    const auto decoded =
        QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    // toLatin1() turns anything outside Latin-1 into '?', which is not base64 either.
    if (!decoded || decoded.decoded.isEmpty()) {
        return Error::make(ErrorCode::ValidationFailed,
                           QStringLiteral("The webhook secret must be \"whsec_\" followed by base64."),
                           {QStringLiteral("secret")});
    }
    return decoded.decoded;
}

QByteArray WebhookSigner::signature(const QByteArray &key, const QByteArray &webhookId, qint64 unixSeconds,
                                    const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(webhookId);
    mac.addData(QByteArrayLiteral("."));
    mac.addData(QByteArray::number(unixSeconds));
    mac.addData(QByteArrayLiteral("."));
    mac.addData(body);
    return QByteArrayLiteral("v1,") + mac.result().toBase64();
}

Result<SignedWebhookHeaders> WebhookSigner::sign(QStringView secret, const QString &webhookId,
                                                 const QDateTime &at, const QByteArray &body)
{
    auto key = decodeSecret(secret);
    if (!key)
        return key.error();
    SignedWebhookHeaders headers;
    headers.webhookId = webhookId.toUtf8();
    const qint64 seconds = at.toSecsSinceEpoch();
    headers.timestamp = QByteArray::number(seconds);
    headers.signature = signature(*key, headers.webhookId, seconds, body);
    return headers;
}

QString WebhookSigner::generateSecret()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return SecretPrefix + QString::fromLatin1(bytes.toBase64());
}

QString WebhookSigner::newWebhookId()
{
    std::array<quint32, 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return QStringLiteral("msg_") + QString::fromLatin1(bytes.toHex());
}

} // namespace handover
