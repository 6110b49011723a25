#include "sim/mediastore.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace handover::sim {

namespace {
constexpr qsizetype kRememberedRemovals = 100000;
constexpr quint64 kFirstSixteenDigitId = 1000000000000000ULL;
} // namespace

MediaStore::MediaStore(qint64 maxTotalBytes)
    : m_maxTotalBytes(maxTotalBytes)
    // Ids differ between runs against the same server database, and keep 16 digits for a long run.
    , m_nextId(kFirstSixteenDigitId + QRandomGenerator::global()->bounded(quint64(7) * kFirstSixteenDigitId))
{}

const MediaAsset &MediaStore::add(const QString &phoneNumberId, QByteArray bytes, const QString &mimeType,
                                  const QString &filename, const QDateTime &now)
{
    while (!m_order.empty() && m_totalBytes + bytes.size() > m_maxTotalBytes) {
        const QString oldest = m_order.front();
        m_order.pop_front();
        if (m_assets.contains(oldest))
            forget(oldest);
    }
    MediaAsset asset;
    asset.id = QString::number(m_nextId++);
    asset.phoneNumberId = phoneNumberId;
    asset.mimeType = mimeType;
    asset.filename = filename;
    asset.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    asset.bytes = std::move(bytes);
    asset.createdAt = now;
    m_totalBytes += asset.bytes.size();
    if (static_cast<qsizetype>(m_order.size()) > 2 * m_assets.size() + 1024) {
        // Drop the ids of removed assets that eviction has not reached yet.
        std::erase_if(m_order, [this](const QString &kept) { return !m_assets.contains(kept); });
    }
    m_order.push_back(asset.id);
    const QString id = asset.id;
    return *m_assets.insert(id, std::move(asset));
}

const MediaAsset *MediaStore::find(const QString &id) const
{
    const auto it = m_assets.constFind(id);
    return it == m_assets.cend() ? nullptr : &it.value();
}

bool MediaStore::remove(const QString &id)
{
    if (!m_assets.contains(id))
        return false;
    forget(id);
    return true;
}

void MediaStore::forget(const QString &id)
{
    m_totalBytes -= m_assets.value(id).bytes.size();
    m_assets.remove(id);
    m_removed.insert(id);
    m_removedOrder.push_back(id);
    while (static_cast<qsizetype>(m_removedOrder.size()) > kRememberedRemovals) {
        m_removed.remove(m_removedOrder.front());
        m_removedOrder.pop_front();
    }
}

} // namespace handover::sim
