#include "sim/mediaendpoints.h"

#include "core/clock.h"
#include "core/logging.h"
#include "sim/controlformat.h"
#include "sim/graphhttp.h"
#include "sim/latin1.h"
#include "sim/multipart.h"

#include <QCryptographicHash>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrlQuery>

namespace handover::sim {

namespace {

using StatusCode = QHttpServerResponse::StatusCode;

// What a failed lookup answers: Meta's error body with the armed status.
MetaError lookupFaultError(const QString &mediaId, int httpStatus)
{
    if (httpStatus == 400)
        return MetaError::unknownObject(mediaId, str("get"));
    if (httpStatus == 401)
        return MetaError::invalidAccessToken();
    MetaError error;
    error.httpStatus = httpStatus;
    if (httpStatus >= 500) {
        error.code = 2;
        error.message = str("An unexpected error has occurred. Please retry your request later.");
    } else {
        error.message = str("(#100) Invalid parameter");
    }
    return error;
}

QHttpServerResponse notFound()
{
    return QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("Not Found\n"),
                               StatusCode::NotFound);
}

QByteArray corrupted(QByteArray bytes)
{
    if (bytes.isEmpty())
        return QByteArrayLiteral("\x01");
    bytes[0] = static_cast<char>(bytes.at(0) ^ 0xFF);
    return bytes;
}

} // namespace

MediaEndpoints::MediaEndpoints(const PhoneRegistry &phones, const QByteArray &openToken, const Clock &clock,
                               MediaLimits limits)
    : m_phones(phones)
    , m_openToken(openToken)
    , m_clock(clock)
    , m_limits(limits)
    , m_store(limits.maxStoreBytes)
    , m_urlKey(QByteArray::number(QRandomGenerator::global()->generate64(), 16) +
               QByteArray::number(QRandomGenerator::global()->generate64(), 16))
{}

const MediaAsset &MediaEndpoints::add(const QString &phoneNumberId, QByteArray bytes, const QString &mimeType,
                                      const QString &filename)
{
    const MediaAsset &asset = m_store.add(phoneNumberId, std::move(bytes), mimeType, filename, m_clock.now());
    m_faults.mediaCreated(asset.id);
    return asset;
}

QHttpServerResponse MediaEndpoints::upload(const QString &phoneNumberId, const QHttpServerRequest &request)
{
    if (request.body().size() > m_limits.maxUploadBytes) {
        MetaError error = MetaError::invalidParameter(
            QStringLiteral("The upload is larger than %1 bytes.").arg(m_limits.maxUploadBytes));
        error.httpStatus = 413;
        return metaErrorResponse(error);
    }
    const QByteArray token = bearerToken(request);
    const GraphAccess granted =
        token.isEmpty() ? GraphAccess::InvalidToken : m_phones.access(phoneNumberId, token, m_openToken);
    if (auto refused = refusedGraphAccess(granted, phoneNumberId, str("post")))
        return std::move(*refused);

    MultipartLimits limits;
    limits.maxBodyBytes = m_limits.maxUploadBytes;
    const auto parts = parseMultipartFormData(requestHeader(request, QByteArrayLiteral("Content-Type")),
                                              request.body(), limits);
    if (!parts)
        return metaErrorResponse(MetaError::invalidParameter(parts.error().description));
    const FormPart *product = findFormPart(*parts, str("messaging_product"));
    if (!product)
        return metaErrorResponse(MetaError::missingParameter(str("messaging_product")));
    if (product->data.trimmed() != "whatsapp")
        return metaErrorResponse(MetaError::invalidParameter(str("messaging_product must be 'whatsapp'")));
    const FormPart *file = findFormPart(*parts, str("file"));
    if (!file)
        return metaErrorResponse(MetaError::missingParameter(str("file")));
    const FormPart *type = findFormPart(*parts, str("type"));
    const QString mimeType = QString::fromUtf8(type ? type->data.trimmed() : file->contentType.trimmed());
    if (mimeType.isEmpty())
        return metaErrorResponse(MetaError::missingParameter(str("type")));
    const QString kind = uploadKindOf(mimeType);
    if (kind.isEmpty())
        return metaErrorResponse(MetaError::invalidParameter(
            QStringLiteral("Param file must be a file with one of the following types: ") +
            supportedMimeTypesText() + QStringLiteral(". Received file of type '") + mimeType +
            QStringLiteral("'.")));
    if (file->data.isEmpty())
        return metaErrorResponse(MetaError::invalidParameter(str("Param file must not be empty.")));
    if (file->data.size() > maxMediaBytes(kind))
        return metaErrorResponse(MetaError::invalidParameter(
            QStringLiteral("Param file is %1 bytes; %2 media may have at most %3 bytes.")
                .arg(file->data.size())
                .arg(kind)
                .arg(maxMediaBytes(kind))));
    const MediaAsset &asset = add(phoneNumberId, file->data, mimeType, file->filename);
    qCDebug(lcWhatsApp) << "business uploaded" << mimeType << asset.bytes.size() << "bytes as" << asset.id;
    return QHttpServerResponse(QJsonObject{{str("id"), asset.id}});
}

std::optional<QHttpServerResponse>
MediaEndpoints::lookup(const QString &id, const QHttpServerRequest &request, const QUrl &graphUrl)
{
    const MediaAsset *asset = m_store.find(id);
    if (!asset) {
        if (!m_store.wasRemoved(id))
            return std::nullopt;
        return metaErrorResponse(MetaError::unknownObject(id, str("get")));
    }
    if (auto refused = refusedGraphAccess(access(*asset, request), id, str("get")))
        return std::move(*refused);
    const QString onlyFor = request.query().queryItemValue(str("phone_number_id"));
    if (!onlyFor.isEmpty() && onlyFor != asset->phoneNumberId)
        return metaErrorResponse(MetaError::unknownObject(id, str("get")));
    QJsonObject node = mediaNodeJson(*asset, downloadUrl(*asset, graphUrl));
    if (const auto fault = m_faults.take(id, MediaFaultTarget::Lookup)) {
        if (!fault->corrupt)
            return metaErrorResponse(lookupFaultError(id, fault->httpStatus));
        node.insert(
            str("sha256"),
            QString::fromLatin1(
                QCryptographicHash::hash(corrupted(asset->bytes), QCryptographicHash::Sha256).toHex()));
    }
    return QHttpServerResponse(node);
}

std::optional<QHttpServerResponse> MediaEndpoints::remove(const QString &id,
                                                          const QHttpServerRequest &request)
{
    const MediaAsset *asset = m_store.find(id);
    if (!asset)
        return m_store.wasRemoved(id)
                   ? std::optional(metaErrorResponse(MetaError::unknownObject(id, str("delete"))))
                   : std::nullopt;
    if (auto refused = refusedGraphAccess(access(*asset, request), id, str("delete")))
        return std::move(*refused);
    m_store.remove(id);
    return QHttpServerResponse(QJsonObject{{str("success"), true}});
}

QHttpServerResponse MediaEndpoints::download(const QHttpServerRequest &request)
{
    const QUrlQuery query = request.query();
    const QString id = query.queryItemValue(str("mid"));
    const QString expiry = query.queryItemValue(str("ext"));
    const QByteArray hash = query.queryItemValue(str("hash")).toLatin1();
    const MediaAsset *asset = m_store.find(id);
    if (!asset || hash.isEmpty() || hash != urlHash(id, expiry) || expiry.toLongLong() < nowSecs())
        return notFound();
    switch (access(*asset, request)) {
    case GraphAccess::Granted:
        break;
    case GraphAccess::InvalidToken:
        return metaErrorResponse(MetaError::invalidAccessToken());
    case GraphAccess::UnknownPhone:
        return notFound();
    }
    QByteArray bytes = asset->bytes;
    if (const auto fault = m_faults.take(id, MediaFaultTarget::Download)) {
        if (!fault->corrupt)
            return QHttpServerResponse(QByteArrayLiteral("text/plain"),
                                       QByteArrayLiteral("The download failed as a fault armed for it.\n"),
                                       static_cast<StatusCode>(fault->httpStatus));
        bytes = corrupted(bytes);
    }
    return QHttpServerResponse(asset->mimeType.toUtf8(), bytes);
}

QHttpServerResponse MediaEndpoints::armFault(const QHttpServerRequest &request)
{
    const Result<MediaFault> fault = parseMediaFaultRequest(request.body());
    if (!fault)
        return controlErrorResponse(fault.error().description);
    if (!fault->mediaId.isEmpty() && !m_store.find(fault->mediaId))
        return controlErrorResponse(QStringLiteral("No media has id ") + fault->mediaId + QLatin1Char('.'),
                                    StatusCode::NotFound);
    m_faults.arm(*fault);
    return QHttpServerResponse(mediaFaultJson(*fault));
}

QHttpServerResponse MediaEndpoints::clearFaults()
{
    return QHttpServerResponse(QJsonObject{{str("cleared"), m_faults.clear()}});
}

Result<void> MediaEndpoints::storeInbound(const QString &phoneNumberId, InboundMedia &media)
{
    if (!isMediaKind(media.kind))
        return Error::make(ErrorCode::ValidationFailed,
                           QStringLiteral("'") + media.kind + QStringLiteral("' is not a kind of media."));
    const bool documentType = media.kind == QLatin1String("document") &&
                              QRegularExpression(QStringLiteral("^[a-z0-9.+-]+/[a-z0-9.+-]+$"))
                                  .match(baseMimeType(media.mimeType))
                                  .hasMatch();
    if (!documentType && !kindTakesMimeType(media.kind, media.mimeType))
        return Error::make(ErrorCode::ValidationFailed,
                           QStringLiteral("%1.mime_type '%2' is not a type %1 media can have.")
                               .arg(media.kind, media.mimeType),
                           {media.kind + QStringLiteral(".mime_type")});
    if (media.bytes.isEmpty() || media.bytes.size() > maxMediaBytes(media.kind))
        return Error::make(ErrorCode::ValidationFailed,
                           QStringLiteral("%1 media must have 1 to %2 bytes; this has %3.")
                               .arg(media.kind)
                               .arg(maxMediaBytes(media.kind))
                               .arg(media.bytes.size()),
                           {media.kind + QStringLiteral(".bytes_base64")});
    const MediaAsset &asset = add(phoneNumberId, media.bytes, media.mimeType, media.filename);
    media.id = asset.id;
    media.sha256 = asset.sha256;
    return {};
}

std::optional<MetaError> MediaEndpoints::resolve(OutboundMedia &media, const QString &path,
                                                 const QByteArray &bearerToken) const
{
    if (media.id.isEmpty())
        return std::nullopt;
    const MediaAsset *asset = m_store.find(media.id);
    if (!asset ||
        m_phones.objectAccess(asset->phoneNumberId, bearerToken, m_openToken) != GraphAccess::Granted)
        return invalidMediaReference(path, QStringLiteral("no media with id ") + media.id +
                                               QStringLiteral(" was uploaded for this business"));
    if (!kindTakesMimeType(media.kind, asset->mimeType))
        return invalidMediaReference(path, QStringLiteral("media ") + media.id + QStringLiteral(" is ") +
                                               asset->mimeType + QStringLiteral(", which a ") + media.kind +
                                               QStringLiteral(" message cannot carry"));
    media.mimeType = asset->mimeType;
    media.sha256 = asset->sha256;
    media.fileSize = asset->bytes.size();
    return std::nullopt;
}

GraphAccess MediaEndpoints::access(const MediaAsset &asset, const QHttpServerRequest &request) const
{
    // Media always takes a bearer token, even from a simulator open to any token.
    const QByteArray token = bearerToken(request);
    return token.isEmpty() ? GraphAccess::InvalidToken
                           : m_phones.objectAccess(asset.phoneNumberId, token, m_openToken);
}

QUrl MediaEndpoints::downloadUrl(const MediaAsset &asset, const QUrl &graphUrl) const
{
    QUrl url = graphUrl;
    url.setPath(str("/whatsapp_business/attachments/"));
    const QString expiry = QString::number(nowSecs() + kUrlLifetimeSecs);
    QUrlQuery query;
    query.addQueryItem(str("mid"), asset.id);
    query.addQueryItem(str("ext"), expiry);
    query.addQueryItem(str("hash"), QString::fromLatin1(urlHash(asset.id, expiry)));
    url.setQuery(query);
    return url;
}

QByteArray MediaEndpoints::urlHash(const QString &mediaId, const QString &expiry) const
{
    const QByteArray message = mediaId.toUtf8() + ':' + expiry.toUtf8();
    return QMessageAuthenticationCode::hash(message, m_urlKey, QCryptographicHash::Sha256).toHex().left(32);
}

qint64 MediaEndpoints::nowSecs() const
{
    return m_clock.now().toSecsSinceEpoch();
}

} // namespace handover::sim
