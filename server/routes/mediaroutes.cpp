#include "server/routes/mediaroutes.h"

#include "core/domain/chatroom.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/mediafiles.h"
#include "server/http/byterange.h"
#include "server/media/mediastore.h"
#include "server/media/thumbnails.h"

#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace handover {

namespace ss = store::server;
using Method = HttpMethod;

namespace {

// The media type of a Content-Type header, without its parameters ("image/jpeg" of "IMAGE/JPEG; q=1").
QString mediaTypeOf(const QByteArray &contentType)
{
    return QString::fromLatin1(contentType).section(u';', 0, 0).trimmed().toLower();
}

Error noSuchMedia()
{
    return Error::make(ErrorCode::NotFound, QStringLiteral("No such media."));
}

// The media row if the caller may see it: its chatroom is visible to them, or (an upload not yet sent) they
// see every chatroom of the org.
Result<ss::MediaRecord> visibleMedia(QSqlDatabase &db, const Principal &caller, const QString &mediaId)
{
    auto media = ss::mediaById(db, caller.orgId, mediaId);
    if (!media)
        return media.error();
    if (!media->has_value())
        return noSuchMedia();
    if ((*media)->chatroomId.isEmpty())
        return caller.isApiKey() || roleSeesAllChatrooms(caller.role)
                   ? Result<ss::MediaRecord>(**media)
                   : Result<ss::MediaRecord>(noSuchMedia());
    auto chatroom = ss::chatroomById(db, caller.orgId, (*media)->chatroomId);
    if (!chatroom)
        return chatroom.code() == ErrorCode::NotFound ? noSuchMedia() : chatroom.error();
    if (!chatroomVisibleTo(*chatroom, caller.userId, caller.role))
        return noSuchMedia();
    return **media;
}

HttpResponse fileResponse(const QString &path, const QByteArray &contentType, const QByteArray &etag,
                          const QByteArray &rangeHeader)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return HttpResponse::error(
            Error::make(ErrorCode::Internal, QStringLiteral("The stored file is missing.")), {});
    const qint64 size = file.size();
    HttpResponse response;
    response.contentType = contentType;
    response.headers.append({QByteArrayLiteral("ETag"), etag});
    response.headers.append({QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes")});
    response.headers.append(
        {QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("private, max-age=31536000, immutable")});
    const std::optional<ByteRange> range =
        rangeHeader.isEmpty() ? std::nullopt : parseByteRange(rangeHeader, size);
    if (!rangeHeader.isEmpty() && !range) {
        response.status = 416;
        response.contentType.clear();
        response.headers.append({QByteArrayLiteral("Content-Range"), "bytes */" + QByteArray::number(size)});
        return response;
    }
    if (range) {
        file.seek(range->first);
        response.status = 206;
        response.body = file.read(range->length());
        response.headers.append({QByteArrayLiteral("Content-Range"),
                                 "bytes " + QByteArray::number(range->first) + '-' +
                                     QByteArray::number(range->last) + '/' + QByteArray::number(size)});
        return response;
    }
    response.status = 200;
    response.body = file.readAll();
    return response;
}

void getMediaRoute(RouteContext &ctx, const MediaStore &files, ApiRequest &request, const HttpReply &reply)
{
    const QString variant = request.query.value(QStringLiteral("variant"));
    if (!variant.isEmpty() && variant != QLatin1String("thumb")) {
        reply.error(Error::make(ErrorCode::BadRequest, QStringLiteral("variant must be thumb."),
                                {QStringLiteral("variant")}));
        return;
    }
    auto media = visibleMedia(ctx.readDb, request.caller(), request.param(QStringLiteral("mediaId")));
    if (replyIfError(media, reply))
        return;
    if (media->status != MediaStatus::Ready || !files.contains(media->sha256)) {
        reply.error(Error::make(ErrorCode::NotFound,
                                media->status == MediaStatus::Failed
                                    ? QStringLiteral("The file could not be fetched from WhatsApp.")
                                    : QStringLiteral("The file has not arrived yet.")));
        return;
    }
    QString path = files.pathOf(media->sha256);
    QByteArray contentType = media->mimeType.toUtf8();
    QByteArray etag = '"' + media->sha256.toLatin1() + '"';
    if (!variant.isEmpty()) {
        auto thumbnail = thumbnailOf(path, files.thumbnailPathOf(media->sha256));
        if (!thumbnail) {
            reply.error(Error::make(ErrorCode::NotFound, QStringLiteral("This file has no thumbnail.")));
            return;
        }
        path = *thumbnail;
        contentType = QByteArrayLiteral("image/jpeg");
        etag = '"' + media->sha256.toLatin1() + "-thumb\"";
    }
    if (request.header("if-none-match") == etag) {
        HttpResponse notModified = HttpResponse::empty(304);
        notModified.headers.append({QByteArrayLiteral("ETag"), etag});
        reply.send(notModified);
        return;
    }
    reply.send(fileResponse(path, contentType, etag, request.header("range")));
}

// POST /v1/orgs/{orgId}/media: the raw bytes of a file an agent will send, with its Content-Type and
// X-Filename (percent-encoded UTF-8). Stored at once; the answer's id goes into a media message.
void uploadMediaRoute(RouteContext &ctx, const MediaStore &files, ApiRequest &request, const HttpReply &reply)
{
    const QString mimeType = mediaTypeOf(request.header("content-type"));
    const QString filename = QUrl::fromPercentEncoding(request.header("x-filename"))
                                 .trimmed()
                                 .section(u'/', -1)
                                 .section(u'\\', -1);
    if (mimeType.isEmpty() || !mimeType.contains(u'/') ||
        mimeType.startsWith(QLatin1String("application/json"))) {
        reply.error(Error::make(ErrorCode::ValidationFailed,
                                QStringLiteral("Content-Type must give the file's media type."),
                                {QStringLiteral("Content-Type")}));
        return;
    }
    if (request.body.isEmpty()) {
        reply.error(Error::make(ErrorCode::ValidationFailed, QStringLiteral("The file is empty."),
                                {QStringLiteral("body")}));
        return;
    }
    if (filename.size() > kMaxNameLength * 2) {
        reply.error(Error::make(ErrorCode::ValidationFailed, QStringLiteral("X-Filename is too long."),
                                {QStringLiteral("X-Filename")}));
        return;
    }
    const qint64 limit = maxUploadBytes(mimeType);
    if (request.body.size() > limit) {
        reply.error(Error::make(
            ErrorCode::PayloadTooLarge,
            QStringLiteral("A file of type %1 may have at most %2 bytes.").arg(mimeType).arg(limit)));
        return;
    }
    auto sha256 = files.put(request.body);
    if (replyIfError(sha256, reply))
        return;
    ss::MediaRecord media;
    media.id = ctx.ids.newId();
    media.orgId = request.caller().orgId;
    media.direction = Direction::Out;
    media.mimeType = mimeType;
    media.size = request.body.size();
    media.filename = filename;
    media.sha256 = *sha256;
    media.status = MediaStatus::Ready;
    const Clock &clock = ctx.clock;
    ctx.commands.run(
        [media, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            if (auto inserted = ss::insertMedia(db, media, clock.now()); !inserted)
                return inserted.error();
            return answer(201,
                          QJsonObject{{QStringLiteral("id"), media.id},
                                      {QStringLiteral("mime_type"), media.mimeType},
                                      {QStringLiteral("size"), media.size},
                                      {QStringLiteral("filename"), media.filename.isEmpty()
                                                                       ? QJsonValue(QJsonValue::Null)
                                                                       : QJsonValue(media.filename)},
                                      {QStringLiteral("sha256"), media.sha256}},
                          media.orgId);
        },
        reply);
}

} // namespace

qint64 mediaUploadBodyLimit(const HttpHead &head)
{
    static const QRegularExpression path(QStringLiteral("^/v1/orgs/[^/?]+/media$"));
    if (head.method != HttpMethod::Post || !path.match(QString::fromLatin1(head.target)).hasMatch())
        return 0;
    return maxUploadBytes(mediaTypeOf(head.value("content-type")));
}

void addMediaRoutes(Router &router, RouteContext &ctx, const MediaStore &files)
{
    router.add(Method::Post, QStringLiteral("/v1/orgs/{orgId}/media"), Access::anyRole(),
               [&ctx, &files](ApiRequest &request, const HttpReply &reply) {
                   uploadMediaRoute(ctx, files, request, reply);
               });
    router.add(Method::Get, QStringLiteral("/v1/orgs/{orgId}/media/{mediaId}"), Access::anyRole(),
               [&ctx, &files](ApiRequest &request, const HttpReply &reply) {
                   getMediaRoute(ctx, files, request, reply);
               });
}

} // namespace handover
