#pragma once

#include "core/result.h"
#include "sim/mediafaults.h"
#include "sim/mediastore.h"
#include "sim/phoneregistry.h"

#include <QByteArray>
#include <QHttpServerResponse>
#include <QUrl>
#include <optional>

class QHttpServerRequest;

namespace handover {
class Clock;
}

namespace handover::sim {

struct MediaLimits
{
    qint64 maxStoreBytes = 512LL * 1024 * 1024;
    qint64 maxUploadBytes = 110LL * 1024 * 1024; // the whole multipart body
};

// Meta's media endpoints as the simulator serves them: uploads (POST /{phone-id}/media), the media node (GET
// and DELETE /{media-id}), the download URL the node names (GET /whatsapp_business/attachments/?mid=...),
// which takes the same bearer token, and the faults tests arm for them (/sim/media-faults). Media belongs to
// a business phone; a token may use it when it may use that phone (PhoneRegistry).
class MediaEndpoints
{
public:
    static constexpr int kUrlLifetimeSecs = 300; // Meta's download URLs last five minutes

    MediaEndpoints(const PhoneRegistry &phones, const QByteArray &openToken, const Clock &clock,
                   MediaLimits limits = {});

    QHttpServerResponse upload(const QString &phoneNumberId, const QHttpServerRequest &request);
    // Nothing when `id` is no media id the simulator ever held: then it is a phone number id.
    std::optional<QHttpServerResponse> lookup(const QString &id, const QHttpServerRequest &request,
                                              const QUrl &graphUrl);
    std::optional<QHttpServerResponse> remove(const QString &id, const QHttpServerRequest &request);
    QHttpServerResponse download(const QHttpServerRequest &request);

    QHttpServerResponse armFault(const QHttpServerRequest &request);
    QHttpServerResponse clearFaults();

    // Stores what a customer sends and fills media.id and media.sha256. Errors: a MIME type the kind cannot
    // carry, or more bytes than Meta allows for the kind.
    Result<void> storeInbound(const QString &phoneNumberId, InboundMedia &media);
    // Checks that a send request's media id is media the token may use, of a type the message kind takes, and
    // fills in its MIME type, sha256 and size. Links are taken as they are.
    std::optional<MetaError> resolve(OutboundMedia &media, const QString &path,
                                     const QByteArray &bearerToken) const;

    const MediaStore &store() const { return m_store; }
    // A download URL for held media, valid for kUrlLifetimeSecs from now.
    QUrl downloadUrl(const MediaAsset &asset, const QUrl &graphUrl) const;
    const MediaAsset &add(const QString &phoneNumberId, QByteArray bytes, const QString &mimeType,
                          const QString &filename);

private:
    GraphAccess access(const MediaAsset &asset, const QHttpServerRequest &request) const;
    QByteArray urlHash(const QString &mediaId, const QString &expiry) const;
    qint64 nowSecs() const;

    const PhoneRegistry &m_phones;
    const QByteArray &m_openToken;
    const Clock &m_clock;
    MediaLimits m_limits;
    MediaStore m_store;
    MediaFaults m_faults;
    QByteArray m_urlKey;
};

} // namespace handover::sim
