#include "server/auth/tokens.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace handover {

namespace {
constexpr int kSecretBytes = 32;

QString urlToken(QLatin1String prefix)
{
    return prefix
           + QString::fromLatin1(
               randomBytes(kSecretBytes).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes;
}

QString newApiKey() { return urlToken(QLatin1String("hok_")); }
QString newSessionToken() { return urlToken(QLatin1String("hos_")); }

QString newWebhookSecret()
{
    return QStringLiteral("whsec_") + QString::fromLatin1(randomBytes(kSecretBytes).toBase64());
}

QString tokenHash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace handover
