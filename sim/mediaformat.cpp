#include "sim/mediaformat.h"

#include "sim/customercontent.h"
#include "sim/jsonfields.h"
#include "sim/latin1.h"

#include <QStringList>

namespace handover::sim {

namespace {

constexpr qint64 kMiB = 1024 * 1024;

struct KindRule
{
    const char *kind;
    qint64 maxBytes;
    QStringList mimeTypes; // what an upload of this kind may be
};

const QList<KindRule> &kindRules()
{
    static const QList<KindRule> rules{
        {"image", 5 * kMiB, {str("image/jpeg"), str("image/png")}},
        {"sticker", 500 * 1024, {str("image/webp")}},
        {"audio",
         16 * kMiB,
         {str("audio/aac"), str("audio/amr"), str("audio/mpeg"), str("audio/mp4"), str("audio/ogg")}},
        {"video", 16 * kMiB, {str("video/mp4"), str("video/3gpp"), str("video/3gp")}},
        {"document",
         100 * kMiB,
         {str("application/pdf"), str("text/plain"), str("application/msword"),
          str("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
          str("application/vnd.ms-excel"),
          str("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          str("application/vnd.ms-powerpoint"),
          str("application/vnd.openxmlformats-officedocument.presentationml.presentation")}},
    };
    return rules;
}

const KindRule *ruleOf(const QString &kind)
{
    for (const KindRule &rule : kindRules()) {
        if (kind == QLatin1String(rule.kind))
            return &rule;
    }
    return nullptr;
}

QString mediaFieldPath(const QString &object, const QString &field)
{
    return object + QStringLiteral("['") + field + QStringLiteral("']");
}

// id xor link of a media object at `path`; fills media.id or media.link.
std::optional<MetaError> readMediaReference(const QJsonObject &object, const QString &path,
                                            OutboundMedia &media)
{
    const QJsonValue id = object.value(str("id"));
    const QJsonValue link = object.value(str("link"));
    const bool hasId = !id.isUndefined() && !id.isNull();
    const bool hasLink = !link.isUndefined() && !link.isNull();
    if (!hasId && !hasLink)
        return MetaError::missingParameter(mediaFieldPath(path, str("id")) + QStringLiteral(" or ") +
                                           mediaFieldPath(path, str("link")));
    if (hasId && hasLink)
        return MetaError::invalidParameter(path + QStringLiteral(" takes either id or link, not both"));
    if (hasId) {
        if (!id.isString() || id.toString().isEmpty())
            return MetaError::invalidParameter(mediaFieldPath(path, str("id")) +
                                               QStringLiteral(" must be a non-empty string"));
        media.id = id.toString();
        return std::nullopt;
    }
    const QUrl url(link.toString(), QUrl::StrictMode);
    if (!link.isString() || !url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return MetaError::invalidParameter(mediaFieldPath(path, str("link")) +
                                           QStringLiteral(" must be an http(s) URL"));
    media.link = link.toString();
    return std::nullopt;
}

} // namespace

bool isMediaKind(const QString &kind)
{
    return ruleOf(kind) != nullptr;
}

QString baseMimeType(const QString &mimeType)
{
    return mimeType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

QString uploadKindOf(const QString &mimeType)
{
    const QString base = baseMimeType(mimeType);
    for (const KindRule &rule : kindRules()) {
        if (rule.mimeTypes.contains(base))
            return str(rule.kind);
    }
    return {};
}

bool kindTakesMimeType(const QString &kind, const QString &mimeType)
{
    const KindRule *rule = ruleOf(kind);
    if (!rule)
        return false;
    if (kind == QLatin1String("document"))
        return !uploadKindOf(mimeType).isEmpty();
    return rule->mimeTypes.contains(baseMimeType(mimeType));
}

qint64 maxMediaBytes(const QString &kind)
{
    const KindRule *rule = ruleOf(kind);
    return rule ? rule->maxBytes : 0;
}

QString supportedMimeTypesText()
{
    QStringList all;
    for (const KindRule &rule : kindRules())
        all += rule.mimeTypes;
    return all.join(QStringLiteral(", "));
}

QJsonObject mediaNodeJson(const MediaAsset &asset, const QUrl &downloadUrl)
{
    return QJsonObject{{str("messaging_product"), str("whatsapp")},
                       {str("url"), downloadUrl.toString(QUrl::FullyEncoded)},
                       {str("mime_type"), asset.mimeType},
                       {str("sha256"), QString::fromLatin1(asset.sha256.toHex())},
                       {str("file_size"), QString::number(asset.bytes.size())},
                       {str("id"), asset.id}};
}

QJsonObject inboundMediaJson(const InboundMedia &media)
{
    QJsonObject json{{str("id"), media.id},
                     {str("mime_type"), media.mimeType},
                     {str("sha256"), QString::fromLatin1(media.sha256.toBase64())}};
    const bool takesCaption = media.kind == QLatin1String("image") || media.kind == QLatin1String("video") ||
                              media.kind == QLatin1String("document");
    if (takesCaption && !media.caption.isEmpty())
        json.insert(str("caption"), media.caption);
    insertUnlessEmpty(json, "url", media.url);
    if (media.kind == QLatin1String("document"))
        json.insert(str("filename"), media.filename);
    if (media.kind == QLatin1String("audio"))
        json.insert(str("voice"), media.voice);
    if (media.kind == QLatin1String("sticker"))
        json.insert(str("animated"), media.animated);
    return json;
}

std::optional<MetaError> parseOutboundMedia(const QJsonObject &request, OutboundMessage &message)
{
    const QString kind = message.type;
    const QJsonValue value = request.value(kind);
    if (!value.isObject())
        return MetaError::missingParameter(kind);
    const QJsonObject object = value.toObject();
    OutboundMedia media;
    media.kind = kind;
    if (auto error = readMediaReference(object, kind, media))
        return error;
    if (!readOptionalString(object, str("caption"), &media.caption))
        return MetaError::invalidParameter(mediaFieldPath(kind, str("caption")) +
                                           QStringLiteral(" must be a string"));
    if (!media.caption.isEmpty() && (kind == QLatin1String("audio") || kind == QLatin1String("sticker")))
        return MetaError::invalidParameter(kind + QStringLiteral(" messages take no caption"));
    if (media.caption.size() > kMaxMediaCaptionLength)
        return MetaError::invalidParameter(
            mediaFieldPath(kind, str("caption")) + QStringLiteral(" must be at most ") +
            QString::number(kMaxMediaCaptionLength) + QStringLiteral(" characters"));
    if (!readOptionalString(object, str("filename"), &media.filename))
        return MetaError::invalidParameter(mediaFieldPath(kind, str("filename")) +
                                           QStringLiteral(" must be a string"));
    if (!media.filename.isEmpty() && kind != QLatin1String("document"))
        return MetaError::invalidParameter(kind + QStringLiteral(" messages take no filename; documents do"));
    message.media = media;
    return std::nullopt;
}

std::optional<MetaError> parseHeaderMedia(const QJsonObject &parameter, const QString &path,
                                          OutboundMedia &media)
{
    const QString kind = parameter.value(str("type")).toString();
    const QString mediaPath = mediaFieldPath(path, kind);
    const QJsonValue value = parameter.value(kind);
    if (!value.isObject())
        return MetaError::missingParameter(mediaPath);
    media.kind = kind;
    return readMediaReference(value.toObject(), mediaPath, media);
}

MetaError invalidMediaReference(const QString &path, const QString &details)
{
    MetaError error;
    error.code = 131009;
    error.message = str("(#131009) Parameter value is not valid");
    error.details = path + QStringLiteral(": ") + details;
    return error;
}

} // namespace handover::sim
