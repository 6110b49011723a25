// The byte transfers of ApiClient: media files and thumbnails down, agents' files up (API.md, media).
#include "client/apiclient.h"
#include "client/apireplies_p.h"
#include "core/json/jsonreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkReply>
#include <QSaveFile>
#include <QTimer>

namespace handover::client {

namespace {

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

int statusOf(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// The error of a finished transfer that did not succeed: no answer at all, or the server's error body.
ApiError failureOf(QNetworkReply *reply)
{
    const int status = statusOf(reply);
    if (status == 0)
        return ApiError::network(reply->errorString());
    return detail::httpError(status, reply->readAll(), reply);
}

Result<UploadedMedia> uploadedFromJson(const QJsonObject &body)
{
    JsonReader r(body);
    UploadedMedia media;
    media.id = r.requiredString("id", JsonReader::kUnlimited);
    media.mimeType = r.requiredString("mime_type", JsonReader::kUnlimited);
    media.size = r.optionalInt64("size", 0, std::numeric_limits<qint64>::max()).value_or(0);
    media.filename = r.stringOrEmpty("filename");
    media.sha256 = r.stringOrEmpty("sha256");
    if (!r.ok())
        return r.error();
    return media;
}

template <typename Signal>
void reportProgress(QNetworkReply *reply, Signal signal, const QObject *context, ApiClient::Progress progress)
{
    if (progress)
        QObject::connect(reply, signal, context, std::move(progress));
}

} // namespace

QString ApiClient::mediaPath(const QString &mediaId) const
{
    return orgPath(QStringLiteral("/media/") + QString::fromLatin1(QUrl::toPercentEncoding(mediaId)));
}

void ApiClient::mediaBytes(const QString &mediaId, MediaVariant variant, const QObject *context,
                           Callback<QByteArray> done)
{
    QUrlQuery query;
    if (variant == MediaVariant::Thumbnail)
        query.addQueryItem(QStringLiteral("variant"), QStringLiteral("thumb"));
    const QString path = mediaPath(mediaId);
    QNetworkReply *reply = m_network.get(request(path, query, {}));
    track(reply, QByteArrayLiteral("GET"), path);
    connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        if (!isSuccess(statusOf(reply))) {
            done(failureOf(reply));
            return;
        }
        done(reply->readAll());
    });
}

void ApiClient::downloadMedia(const QString &mediaId, const QString &path, const QObject *context,
                              Progress progress, Callback<QString> done)
{
    const QString route = mediaPath(mediaId);
    QNetworkReply *reply = m_network.get(request(route, {}, {}));
    track(reply, QByteArrayLiteral("GET"), route);
    // The file belongs to the transfer, not to whoever asked: it is finished (or dropped) either way.
    QDir().mkpath(QFileInfo(path).absolutePath());
    auto *file = new QSaveFile(path, reply);
    const bool opened = file->open(QIODevice::WriteOnly);
    connect(reply, &QNetworkReply::readyRead, reply, [reply, file] {
        if (isSuccess(statusOf(reply)) && file->isOpen())
            file->write(reply->readAll()); // an error's body stays in the reply, for its description
    });
    reportProgress(reply, &QNetworkReply::downloadProgress, context, std::move(progress));
    connect(reply, &QNetworkReply::finished, context, [reply, file, opened, path, done = std::move(done)] {
        if (!isSuccess(statusOf(reply)) || reply->error() != QNetworkReply::NoError) {
            file->cancelWriting();
            done(failureOf(reply));
            return;
        }
        if (!opened || file->write(reply->readAll()) < 0 || !file->commit()) {
            done(ApiError::protocol(statusOf(reply),
                                    QStringLiteral("cannot write %1: %2").arg(path, file->errorString())));
            return;
        }
        done(path);
    });
}

void ApiClient::uploadMedia(const QString &path, const QString &mimeType, const QString &filename,
                            const QObject *context, Progress progress, Callback<UploadedMedia> done)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        // Answered like a transfer, later, so callers see one path for every failure.
        QTimer::singleShot(0, context, [done = std::move(done), why = file->errorString(), path] {
            done(ApiError::protocol(0, QStringLiteral("cannot read %1: %2").arg(path, why)));
        });
        return;
    }
    const QString route = orgPath(QStringLiteral("/media"));
    QNetworkRequest upload = request(route, {}, {});
    upload.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    upload.setHeader(QNetworkRequest::ContentTypeHeader, mimeType.toUtf8());
    upload.setHeader(QNetworkRequest::ContentLengthHeader, file->size());
    if (!filename.isEmpty())
        upload.setRawHeader(QByteArrayLiteral("X-Filename"), QUrl::toPercentEncoding(filename));
    QNetworkReply *reply = m_network.post(upload, file.get());
    file.release()->setParent(reply); // read while the request goes out, closed with the reply
    track(reply, QByteArrayLiteral("POST"), route);
    reportProgress(reply, &QNetworkReply::uploadProgress, context, std::move(progress));
    connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        ApiResult<QJsonObject> answer = detail::decodeReply(reply);
        if (!answer) {
            done(answer.error());
            return;
        }
        Result<UploadedMedia> media = uploadedFromJson(*answer);
        if (!media) {
            done(ApiError::protocol(statusOf(reply), media.error().description));
            return;
        }
        done(std::move(media).value());
    });
}

} // namespace handover::client
