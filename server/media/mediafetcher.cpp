#include "server/media/mediafetcher.h"

#include "core/domain/richcontent.h"
#include "core/logging.h"
#include "core/rules/delivery.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/mediafiles.h"
#include "core/store/server/messages.h"
#include "server/services/outcomecommit.h"
#include "server/whatsapp/metarichinbound.h"
#include "server/whatsapp/phoneaccesstokens.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace handover {

namespace ss = store::server;

namespace {
constexpr int kFetchBatch = 16;
constexpr int kFetchIdleCheckMs = 2'000;

QNetworkRequest graphRequest(const QUrl &url, const QString &token, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
    request.setTransferTimeout(timeoutMs);
    return request;
}

// Meta writes file_size as a number or as decimal text.
qint64 announcedSize(const QJsonValue &value)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    return value.toString().toLongLong();
}

// Writes the media's new state on its message and records it on the media row, in one transaction.
Command mediaStateCommand(const ss::MediaRecord &media, MediaStatus status, qint64 size,
                          const QString &sha256, const QString &error, const Clock &clock, IdSource &ids)
{
    return [media, status, size, sha256, error, &clock, &ids](QSqlDatabase &db) -> Result<CommandEffects> {
        const QDateTime now = clock.now();
        auto marked = status == MediaStatus::Ready ? ss::markMediaReady(db, media.id, size, sha256, now)
                                                   : ss::markMediaFailed(db, media.id, error, now);
        if (!marked)
            return marked.error();
        auto message = ss::findMessage(db, media.messageId);
        if (!message)
            return message.error();
        auto chatroom = message->has_value() ? ss::findChatroom(db, (*message)->chatroomId)
                                             : Result<std::optional<Chatroom>>(std::optional<Chatroom>());
        if (!chatroom)
            return chatroom.error();
        if (!chatroom->has_value())
            return CommandEffects{};
        auto seq = nextSeqFor(db, (*chatroom)->orgId);
        if (!seq)
            return seq.error();
        RuleContext rules(clock, ids, *seq);
        const Outcome outcome = applyMediaState(**chatroom, **message, status, size, sha256, rules);
        if (!outcome.changed())
            return CommandEffects{};
        return commitOutcome(db, outcome, rules.now(), 200, {});
    };
}

} // namespace

struct MediaFetcher::Fetch
{
    ss::MediaRecord media;
    QString token;
    std::unique_ptr<MediaStore::Writer> writer;
    QString expectedSha256;
};

MediaFetcher::MediaFetcher(const Clock &clock, IdSource &ids, QSqlDatabase &readDb, CommandRunner &commands,
                           const PhoneAccessTokens &tokens, const MediaStore &files,
                           MediaFetcherOptions options, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_ids(ids)
    , m_db(readDb)
    , m_commands(commands)
    , m_tokens(tokens)
    , m_files(files)
    , m_options(std::move(options))
    , m_waker([this] { pump(); }, kFetchIdleCheckMs)
{
    // The phone's token goes with every request: never to wherever a redirect points.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void MediaFetcher::wake()
{
    m_waker.wake();
}

void MediaFetcher::pump()
{
    m_waker.pumping();
    const int room = m_options.maxInFlight - int(m_inFlight.size());
    if (room > 0) {
        auto due = ss::dueMediaFetches(m_db, m_clock.now(), kFetchBatch);
        if (!due) {
            qCWarning(lcWhatsApp) << "reading the media queue failed:" << due.error().description;
        } else {
            int started = 0;
            for (const ss::MediaRecord &media : std::as_const(*due)) {
                if (started >= room)
                    break;
                if (m_inFlight.contains(media.id))
                    continue;
                start(media);
                ++started;
            }
        }
    }
}

void MediaFetcher::start(const ss::MediaRecord &media)
{
    m_inFlight.insert(media.id);
    auto fetch = std::make_shared<Fetch>();
    fetch->media = media;
    const Result<QString> token = m_tokens.tokenFor(media.remotePhoneId);
    if (!token) {
        failed(fetch, token.error().description, false);
        return;
    }
    fetch->token = *token;
    fetch->expectedSha256 = media.sha256;
    askForUrl(fetch);
}

void MediaFetcher::askForUrl(const std::shared_ptr<Fetch> &fetch)
{
    QUrl url = m_options.graphUrl;
    url.setPath(url.path() + QStringLiteral("/v21.0/") + fetch->media.waMediaId);
    QNetworkReply *reply = m_network.get(graphRequest(url, fetch->token, m_options.timeoutMs));
    connect(reply, &QNetworkReply::finished, this, [this, reply, fetch] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status != 200) {
            failed(fetch, QStringLiteral("media id lookup: HTTP %1 %2").arg(status).arg(reply->errorString()),
                   status == 400 || status == 404);
            return;
        }
        const QUrl location(answer.value(QLatin1String("url")).toString());
        const qint64 size = announcedSize(answer.value(QLatin1String("file_size")));
        const QString sha256 = sha256Hex(answer.value(QLatin1String("sha256")).toString());
        if (!sha256.isEmpty())
            fetch->expectedSha256 = sha256;
        if (!location.isValid() || location.scheme().isEmpty()) {
            failed(fetch, QStringLiteral("the media id lookup gave no download URL"), false);
            return;
        }
        if (size > kMaxDocumentBytes) {
            failed(fetch, QStringLiteral("the file has %1 bytes, more than WhatsApp carries").arg(size),
                   true);
            return;
        }
        download(fetch, location, size);
    });
}

void MediaFetcher::download(const std::shared_ptr<Fetch> &fetch, const QUrl &url, qint64 announced)
{
    auto writer = m_files.begin();
    if (!writer) {
        failed(fetch, writer.error().description, false);
        return;
    }
    fetch->writer = std::move(writer).value();
    const qint64 limit = announced > 0 ? std::min(announced, kMaxDocumentBytes) : kMaxDocumentBytes;
    QNetworkReply *reply = m_network.get(graphRequest(url, fetch->token, m_options.timeoutMs));
    // Bytes are written as they arrive and counted: a file larger than announced (or than WhatsApp carries)
    // is cut off there instead of being held in memory.
    connect(reply, &QNetworkReply::readyRead, this, [reply, fetch, limit] {
        if (!fetch->writer)
            return;
        const QByteArray part = reply->readAll();
        if (fetch->writer->size() + part.size() > limit) {
            fetch->writer.reset();
            reply->setProperty("tooLarge", true);
            reply->abort();
            return;
        }
        if (!fetch->writer->write(part))
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, fetch] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->property("tooLarge").toBool()) {
            failed(fetch, QStringLiteral("the file is larger than announced"), true);
            return;
        }
        if (status != 200 || reply->error() != QNetworkReply::NoError || !fetch->writer) {
            failed(fetch, QStringLiteral("download: HTTP %1 %2").arg(status).arg(reply->errorString()),
                   false);
            return;
        }
        if (auto rest = fetch->writer->write(reply->readAll()); !rest) {
            failed(fetch, rest.error().description, false);
            return;
        }
        const qint64 size = fetch->writer->size();
        auto stored = fetch->writer->commit(fetch->expectedSha256);
        fetch->writer.reset();
        if (!stored) {
            failed(fetch, stored.error().description, false);
            return;
        }
        succeeded(fetch, size, *stored);
    });
}

void MediaFetcher::succeeded(const std::shared_ptr<Fetch> &fetch, qint64 size, const QString &sha256)
{
    ++m_fetched;
    const QString id = fetch->media.id;
    m_commands.run(mediaStateCommand(fetch->media, MediaStatus::Ready, size, sha256, {}, m_clock, m_ids),
                   [this, id](const Result<CommandEffects> &) { finished(id); });
}

void MediaFetcher::failed(const std::shared_ptr<Fetch> &fetch, const QString &error, bool permanent)
{
    fetch->writer.reset();
    const ss::MediaRecord &media = fetch->media;
    const int attempts = media.attempts + 1;
    qCInfo(lcWhatsApp) << "fetching media" << media.id << "failed, attempt" << attempts << ":" << error;
    if (permanent || attempts >= m_options.maxAttempts) {
        m_commands.run(mediaStateCommand(media, MediaStatus::Failed, 0, {}, error, m_clock, m_ids),
                       [this, id = media.id](const Result<CommandEffects> &) { finished(id); });
        return;
    }
    const QDateTime next = m_clock.now().addMSecs(m_options.firstRetryMs << std::min(attempts - 1, 10));
    const QDateTime now = m_clock.now();
    m_commands.run(
        [id = media.id, error, next, now](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto recorded = ss::recordMediaFetchFailure(db, id, error, next, now); !recorded)
                return recorded.error();
            return CommandEffects{};
        },
        [this, id = media.id](const Result<CommandEffects> &) { finished(id); });
}

void MediaFetcher::finished(const QString &mediaId)
{
    m_inFlight.remove(mediaId);
    wake();
}

} // namespace handover
