#pragma once

#include "core/clock.h"
#include "core/domain/ids.h"
#include "server/services/commandrunner.h"
#include "server/services/queuewaker.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QUrl>
#include <memory>

namespace handover {

class PhoneAccessTokens;
class MediaStore;
class MediaUploader;

struct WhatsAppSenderOptions
{
    QUrl graphUrl;
    int maxInFlight = 16;
    int timeoutMs = 15000;
};

// Posts queued outbound messages to the Cloud API. The queue is durable: a message stays queued until Meta
// has accepted it (it then gets its wa_message_id and status sent) or refused it for good (failed, with
// Meta's reason for the agent). Network failures, 429 and 5xx are retried with backoff. Each message goes out
// with the access token of the phone it is sent from.
class WhatsAppSender : public QObject
{
    Q_OBJECT
public:
    WhatsAppSender(const Clock &clock, IdSource &ids, QSqlDatabase &readDb, CommandRunner &commands,
                   const PhoneAccessTokens &tokens, const MediaStore &files, WhatsAppSenderOptions options,
                   QObject *parent = nullptr);
    ~WhatsAppSender() override;

    void wake(); // new sends were queued
    quint64 sentCount() const { return m_sent; }
    quint64 failedCount() const { return m_failed; }
    int inFlight() const { return int(m_inFlight.size()); }

    // Backoff before retry number `attempt` (1-based), and when to give up.
    static qint64 retryDelayMs(int attempt);
    static constexpr qint64 kGiveUpAfterMs = 24LL * 60 * 60 * 1000;

private:
    void pump();
    void post(const MessageId &messageId, int attempts, const QDateTime &queuedAt);
    void postRequest(const MessageId &messageId, int attempts, const QDateTime &queuedAt,
                     const QString &remotePhoneId, const QString &token, const QJsonObject &body);
    void accepted(const MessageId &messageId, const QString &waMessageId);
    void refused(const MessageId &messageId, const QString &error);
    void retryLater(const MessageId &messageId, int attempts, const QDateTime &queuedAt,
                    const QString &error);
    void finished(const MessageId &messageId);

    const Clock &m_clock;
    IdSource &m_ids;
    QSqlDatabase &m_db;
    CommandRunner &m_commands;
    const PhoneAccessTokens &m_tokens;
    const MediaStore &m_files;
    WhatsAppSenderOptions m_options;
    std::unique_ptr<MediaUploader> m_uploader;
    QNetworkAccessManager m_network;
    QSet<MessageId> m_inFlight;
    QueueWaker m_waker;
    quint64 m_sent = 0;
    quint64 m_failed = 0;
};

} // namespace handover
