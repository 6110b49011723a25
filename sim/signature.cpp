#include "sim/signature.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QString>

namespace handover::sim {

QByteArray metaSignature(const QByteArray &body, const QByteArray &appSecret)
{
    const QByteArray mac = QMessageAuthenticationCode::hash(body, appSecret, QCryptographicHash::Sha256);
    return QByteArrayLiteral("sha256=") + mac.toHex();
}

bool verifyMetaSignature(const QByteArray &body, const QByteArray &appSecret, const QByteArray &header)
{
    // Hex digits are compared case-insensitively; the prefix must be exact.
    return constantTimeEquals(metaSignature(body, appSecret), header.trimmed().toLower());
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // The length is not secret; the content is.
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace handover::sim
