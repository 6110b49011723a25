#pragma once

#include "core/result.h"

#include <QCryptographicHash>
#include <QString>
#include <memory>

class QSaveFile;

namespace handover {

// Media bytes under the data directory, content-addressed: media/<first two hex digits>/<sha256>. The same
// file sent twice is stored once; a file is written under a temporary name and renamed into place when
// complete.
class MediaStore
{
public:
    explicit MediaStore(QString dataDir);

    QString pathOf(const QString &sha256) const; // empty for a name that is not 64 hex digits
    bool contains(const QString &sha256) const;
    // A thumbnail made of the file, cached beside it.
    QString thumbnailPathOf(const QString &sha256) const;

    // Writes bytes that are all at hand; their sha256.
    Result<QString> put(const QByteArray &bytes) const;

    // A file arriving in parts: write() each, then commit() checks the hash (when one is expected) and moves
    // it into place; a writer dropped without commit leaves nothing behind.
    class Writer
    {
    public:
        ~Writer();
        Result<void> write(const QByteArray &part);
        qint64 size() const { return m_size; }
        Result<QString> commit(const QString &expectedSha256);

    private:
        friend class MediaStore;
        Writer(const MediaStore &store, std::unique_ptr<QSaveFile> file);
        const MediaStore &m_store;
        std::unique_ptr<QSaveFile> m_file;
        QCryptographicHash m_hash{QCryptographicHash::Sha256};
        qint64 m_size = 0;
    };
    Result<std::unique_ptr<Writer>> begin() const;

private:
    QString m_root;
};

} // namespace handover
