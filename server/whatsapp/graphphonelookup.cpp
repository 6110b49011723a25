#include "server/whatsapp/graphphonelookup.h"

#include "server/whatsapp/metaoutbound.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QUrlQuery>
#include <memory>

namespace handover {

namespace {

PhoneLookup verdictOf(const QString &remotePhoneId, int status, const QByteArray &answer,
                      const QString &networkError)
{
    PhoneLookup lookup;
    if (status == 0) {
        lookup.detail = networkError;
        return lookup; // Unavailable
    }
    if (status == 429 || status >= 500) {
        lookup.detail = metaErrorText(answer, status);
        return lookup;
    }
    if (status < 200 || status >= 300) {
        lookup.verdict = PhoneLookup::Verdict::Refused;
        lookup.detail = metaErrorText(answer, status);
        return lookup;
    }
    const QJsonObject node = QJsonDocument::fromJson(answer).object();
    if (node.value(QLatin1String("id")).toString() != remotePhoneId) {
        lookup.verdict = PhoneLookup::Verdict::Refused;
        lookup.detail = QStringLiteral("the answer names another phone number id");
        return lookup;
    }
    lookup.verdict = PhoneLookup::Verdict::Confirmed;
    lookup.displayPhoneNumber = node.value(QLatin1String("display_phone_number")).toString();
    lookup.verifiedName = node.value(QLatin1String("verified_name")).toString();
    return lookup;
}

} // namespace

GraphPhoneLookup::GraphPhoneLookup(QUrl graphUrl, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_graphUrl(std::move(graphUrl))
    , m_timeoutMs(timeoutMs)
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void GraphPhoneLookup::lookup(const QString &remotePhoneId, const QString &accessToken,
                              std::function<void(const PhoneLookup &)> done)
{
    QUrl url = m_graphUrl;
    url.setPath(url.path() + QStringLiteral("/v21.0/") + remotePhoneId);
    url.setQuery(
        QUrlQuery{{QStringLiteral("fields"), QStringLiteral("id,display_phone_number,verified_name")}});
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + accessToken.toUtf8());
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network.get(request);
    // The phone number node is a few hundred bytes; a Graph URL that streams more is not Meta.
    auto tooLarge = std::make_shared<bool>(false);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, tooLarge](qint64 received, qint64) {
        if (received > kMaxAnswerBytes && !*tooLarge) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [reply, remotePhoneId, tooLarge, done = std::move(done)] {
        reply->deleteLater();
        if (*tooLarge) {
            PhoneLookup lookup;
            lookup.detail = QStringLiteral("the answer is larger than %1 bytes").arg(kMaxAnswerBytes);
            done(lookup);
            return;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        done(verdictOf(remotePhoneId, status, reply->readAll(), reply->errorString()));
    });
}

} // namespace handover
