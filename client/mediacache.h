#pragma once

#include "core/domain/richcontent.h"

#include <QString>

namespace handover::client {

// Where the console keeps media files on disk: beside its cache database, in a folder of its own
// (`<cache>-media/`). A file is named by its sha256 when the server gave one (the same photo in two
// chatrooms is kept once), else by its media id:
// - `thumbs/<key>.jpg`: the server's thumbnail of an image, sticker or photo sent by an agent;
// - `files/<key>/<file name>`: a file downloaded in full, under its own name so that the system's application
//   for it opens it and shows that name.
// Files are written whole or not at all (ApiClient::downloadMedia, QSaveFile), so a file there is complete.
class MediaCache
{
public:
    explicit MediaCache(QString directory);

    const QString &directory() const { return m_directory; }
    // The name a file is kept under: its sha256 (lower-case hex), or "id-" and its media id.
    static QString keyOf(const MediaAttachment &media);
    QString thumbnailPath(const MediaAttachment &media) const;
    QString filePath(const MediaAttachment &media) const;
    // filePath() when that file is there, else an empty string.
    QString existingFile(const MediaAttachment &media) const;
    // The media's file name made safe for any file system (no folders, no control or reserved characters,
    // not hidden, at most 120 characters), or "<kind>.<suffix>" from its media type when it has none.
    static QString safeFileName(const MediaAttachment &media);

private:
    QString m_directory;
};

} // namespace handover::client
