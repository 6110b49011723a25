#include "client/mediacache.h"

#include <QDir>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QRegularExpression>

namespace handover::client {

namespace {

constexpr int kMaxFileNameLength = 120;

// Keeps a key to characters every file system takes in a name.
QString safeKey(const QString &text)
{
    QString key;
    key.reserve(text.size());
    for (const QChar c : text) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                           c == u'-' || c == u'_';
        key.append(plain ? c : QChar(u'_'));
    }
    return key;
}

bool isReserved(QChar c)
{
    // What Windows forbids in names, plus the separators of every system.
    return c.unicode() < 0x20 || c == u'/' || c == u'\\' || c == u':' || c == u'*' || c == u'?' ||
           c == u'"' || c == u'<' || c == u'>' || c == u'|' || c.unicode() == 0x7f;
}

QString fallbackName(const MediaAttachment &media)
{
    const QString family = media.mimeType.section(u'/', 0, 0);
    const QString stem = family == QLatin1String("image")   ? QStringLiteral("photo")
                         : family == QLatin1String("audio") ? QStringLiteral("audio")
                         : family == QLatin1String("video") ? QStringLiteral("video")
                                                            : QStringLiteral("file");
    const QString suffix = QMimeDatabase().mimeTypeForName(media.mimeType).preferredSuffix();
    return suffix.isEmpty() ? stem : stem + u'.' + suffix;
}

} // namespace

MediaCache::MediaCache(QString directory)
    : m_directory(std::move(directory))
{}

QString MediaCache::keyOf(const MediaAttachment &media)
{
    if (!media.sha256.isEmpty())
        return safeKey(media.sha256.toLower());
    return QStringLiteral("id-") + safeKey(media.id);
}

QString MediaCache::thumbnailPath(const MediaAttachment &media) const
{
    return m_directory + QStringLiteral("/thumbs/") + keyOf(media) + QStringLiteral(".jpg");
}

QString MediaCache::filePath(const MediaAttachment &media) const
{
    return m_directory + QStringLiteral("/files/") + keyOf(media) + u'/' + safeFileName(media);
}

QString MediaCache::existingFile(const MediaAttachment &media) const
{
    const QString path = filePath(media);
    return QFileInfo::exists(path) ? path : QString();
}

QString MediaCache::safeFileName(const MediaAttachment &media)
{
    QString name;
    for (const QChar c : media.filename)
        name.append(isReserved(c) ? QChar(u'_') : c);
    name = name.trimmed();
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    while (name.endsWith(u'.') || name.endsWith(u' '))
        name.chop(1);
    if (name.isEmpty())
        return fallbackName(media);
    static const QRegularExpression deviceName(
        QStringLiteral("^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?$"),
        QRegularExpression::CaseInsensitiveOption);
    if (deviceName.match(name).hasMatch())
        name.prepend(u'_'); // Windows' device names cannot be files

    if (name.size() > kMaxFileNameLength) {
        const QString suffix = QFileInfo(name).suffix().left(16);
        qsizetype keep = kMaxFileNameLength - (suffix.isEmpty() ? 0 : suffix.size() + 1);
        if (name.at(keep - 1).isHighSurrogate())
            --keep; // never half a character
        name = suffix.isEmpty() ? name.left(keep) : name.left(keep) + u'.' + suffix;
    }
    return name;
}

} // namespace handover::client
