#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>
#include <functional>

namespace handover {

// What the Graph API said when asked about a phone number id with a token.
struct PhoneLookup
{
    enum class Verdict
    {
        Confirmed,  // 2xx naming the same id: the token may use the number
        Refused,    // any other answer of Meta's: the token may not (or the number does not exist)
        Unavailable // no answer, a timeout, 429 or 5xx: nothing is known
    };
    Verdict verdict = Verdict::Unavailable;
    QString displayPhoneNumber; // Meta's, when confirmed
    QString verifiedName;
    QString detail; // for the log: Meta's error message, the status or the network error
};

// Asks Meta's Graph API whether an access token may use a WhatsApp phone number:
// `GET {graph-url}/v21.0/{phone-number-id}?fields=id,display_phone_number,verified_name` with the token as
// bearer. Meta answers the phone number node only to a token with access to that number. Never blocks: the
// answer arrives through the event loop, within the timeout.
class GraphPhoneLookup : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 10000;
    static constexpr qint64 kMaxAnswerBytes = 64 * 1024;

    explicit GraphPhoneLookup(QUrl graphUrl, int timeoutMs = kDefaultTimeoutMs, QObject *parent = nullptr);

    // `done` is called exactly once, from the event loop (never from inside this call).
    void lookup(const QString &remotePhoneId, const QString &accessToken,
                std::function<void(const PhoneLookup &)> done);

private:
    QUrl m_graphUrl;
    int m_timeoutMs;
    QNetworkAccessManager m_network;
};

} // namespace handover
