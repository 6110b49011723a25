#include "server/media/mediastore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUuid>

namespace handover {

namespace {

bool isSha256Hex(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(text).hasMatch();
}

Error storeError(const QString &what)
{
    return Error::make(ErrorCode::Internal, what);
}

} // namespace

MediaStore::MediaStore(QString dataDir)
    : m_root(QDir(dataDir).filePath(QStringLiteral("media")))
{}

QString MediaStore::pathOf(const QString &sha256) const
{
    if (!isSha256Hex(sha256))
        return {};
    return m_root + QLatin1Char('/') + sha256.left(2) + QLatin1Char('/') + sha256;
}

bool MediaStore::contains(const QString &sha256) const
{
    const QString path = pathOf(sha256);
    return !path.isEmpty() && QFile::exists(path);
}

QString MediaStore::thumbnailPathOf(const QString &sha256) const
{
    const QString path = pathOf(sha256);
    return path.isEmpty() ? QString() : path + QStringLiteral(".thumb.jpg");
}

Result<QString> MediaStore::put(const QByteArray &bytes) const
{
    auto writer = begin();
    if (!writer)
        return writer.error();
    if (auto written = (*writer)->write(bytes); !written)
        return written.error();
    return (*writer)->commit({});
}

Result<std::unique_ptr<MediaStore::Writer>> MediaStore::begin() const
{
    const QString incoming = m_root + QStringLiteral("/incoming");
    if (!QDir().mkpath(incoming))
        return storeError(QStringLiteral("Cannot create %1.").arg(incoming));
    auto file =
        std::make_unique<QSaveFile>(incoming + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::Id128));
    if (!file->open(QIODevice::WriteOnly))
        return storeError(QStringLiteral("Cannot write %1: %2").arg(file->fileName(), file->errorString()));
    return std::unique_ptr<Writer>(new Writer(*this, std::move(file)));
}

MediaStore::Writer::Writer(const MediaStore &store, std::unique_ptr<QSaveFile> file)
    : m_store(store)
    , m_file(std::move(file))
{}

MediaStore::Writer::~Writer()
{
    if (m_file)
        m_file->cancelWriting();
}

Result<void> MediaStore::Writer::write(const QByteArray &part)
{
    if (m_file->write(part) != part.size())
        return storeError(
            QStringLiteral("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
    m_hash.addData(part);
    m_size += part.size();
    return {};
}

Result<QString> MediaStore::Writer::commit(const QString &expectedSha256)
{
    const QString sha256 = QString::fromLatin1(m_hash.result().toHex());
    if (!expectedSha256.isEmpty() && expectedSha256.compare(sha256, Qt::CaseInsensitive) != 0) {
        m_file->cancelWriting();
        m_file.reset();
        return Error::make(
            ErrorCode::ValidationFailed,
            QStringLiteral("sha256 %1 of the file is not the announced %2").arg(sha256, expectedSha256));
    }
    if (!m_file->commit()) {
        const QString reason = m_file->errorString();
        m_file.reset();
        return storeError(QStringLiteral("Cannot keep the file: %1").arg(reason));
    }
    const QString temporary = m_file->fileName();
    m_file.reset();
    const QString target = m_store.pathOf(sha256);
    if (!QDir().mkpath(QFileInfo(target).path())) {
        QFile::remove(temporary);
        return storeError(QStringLiteral("Cannot create the folder of %1.").arg(target));
    }
    if (QFile::exists(target)) {
        QFile::remove(temporary); // the same bytes are stored already
        return sha256;
    }
    if (!QFile::rename(temporary, target)) {
        QFile::remove(temporary);
        return storeError(QStringLiteral("Cannot move the file to %1.").arg(target));
    }
    return sha256;
}

} // namespace handover
