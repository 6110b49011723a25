#include "core/domain/richcontent.h"

namespace handover {

QString mediaStatusName(MediaStatus status)
{
    switch (status) {
    case MediaStatus::Pending:
        return QStringLiteral("pending");
    case MediaStatus::Ready:
        return QStringLiteral("ready");
    case MediaStatus::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<MediaStatus> mediaStatusFromName(const QString &name)
{
    for (MediaStatus status : {MediaStatus::Pending, MediaStatus::Ready, MediaStatus::Failed}) {
        if (mediaStatusName(status) == name)
            return status;
    }
    return std::nullopt;
}

qint64 maxUploadBytes(const QString &mimeType)
{
    if (mimeType.startsWith(QLatin1String("image/")))
        return kMaxImageBytes;
    if (mimeType.startsWith(QLatin1String("audio/")) || mimeType.startsWith(QLatin1String("video/")))
        return kMaxAudioVideoBytes;
    return kMaxDocumentBytes;
}

QList<Reaction> withReaction(QList<Reaction> reactions, const Reaction &reaction)
{
    reactions.removeIf([&](const Reaction &earlier) { return earlier.from == reaction.from; });
    if (!reaction.emoji.isEmpty())
        reactions.append(reaction);
    return reactions;
}

} // namespace handover
