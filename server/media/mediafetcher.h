#pragma once

#include "core/clock.h"
#include "core/domain/ids.h"
#include "server/media/mediastore.h"
#include "server/services/commandrunner.h"
#include "server/services/queuewaker.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QUrl>

namespace handover {

class PhoneAccessTokens;
namespace store::server {
struct MediaRecord;
}

struct MediaFetcherOptions
{
    QUrl graphUrl;
    int maxInFlight = 4;
    int timeoutMs = 60000;
    int maxAttempts = 5;
    qint64 firstRetryMs = 1000; // doubles with each attempt
};

// Fetches the files of inbound media messages from the Graph API: the media id gives a download URL, the URL
// (with the phone's token) gives the bytes, which are counted against WhatsApp's limit as they arrive,
// checked against the announced sha256 and stored in the MediaStore. The message then shows the file as ready
// (message.updated); a file that still cannot be had after the last attempt shows as failed.
class MediaFetcher : public QObject
{
    Q_OBJECT
public:
    MediaFetcher(const Clock &clock, IdSource &ids, QSqlDatabase &readDb, CommandRunner &commands,
                 const PhoneAccessTokens &tokens, const MediaStore &files, MediaFetcherOptions options,
                 QObject *parent = nullptr);

    void wake(); // new files wait
    quint64 fetchedCount() const { return m_fetched; }

private:
    struct Fetch;
    void pump();
    void start(const store::server::MediaRecord &media);
    void askForUrl(const std::shared_ptr<Fetch> &fetch);
    void download(const std::shared_ptr<Fetch> &fetch, const QUrl &url, qint64 announcedSize);
    void succeeded(const std::shared_ptr<Fetch> &fetch, qint64 size, const QString &sha256);
    void failed(const std::shared_ptr<Fetch> &fetch, const QString &error, bool permanent);
    void finished(const QString &mediaId);

    const Clock &m_clock;
    IdSource &m_ids;
    QSqlDatabase &m_db;
    CommandRunner &m_commands;
    const PhoneAccessTokens &m_tokens;
    const MediaStore &m_files;
    MediaFetcherOptions m_options;
    QNetworkAccessManager m_network;
    QSet<QString> m_inFlight;
    QueueWaker m_waker;
    quint64 m_fetched = 0;
};

} // namespace handover
