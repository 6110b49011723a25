#pragma once

#include "sim/mediaformat.h"

#include <QHash>
#include <QSet>
#include <deque>

namespace handover::sim {

// The media Meta holds for the businesses: uploads and what customers sent, by media id. Bounded by total
// size: past it the oldest assets are dropped. Ids that were deleted or dropped are remembered (the most
// recent 100,000), so that looking one up is Meta's "does not exist" rather than a phone number lookup.
class MediaStore
{
public:
    explicit MediaStore(qint64 maxTotalBytes = 512LL * 1024 * 1024);

    // Stores the bytes under a new id shaped like Meta's (16 digits) and returns the asset.
    const MediaAsset &add(const QString &phoneNumberId, QByteArray bytes, const QString &mimeType,
                          const QString &filename, const QDateTime &now);
    const MediaAsset *find(const QString &id) const;
    bool remove(const QString &id);
    bool wasRemoved(const QString &id) const { return m_removed.contains(id); }

    qsizetype size() const { return m_assets.size(); }
    qint64 totalBytes() const { return m_totalBytes; }
    qint64 maxTotalBytes() const { return m_maxTotalBytes; }

private:
    void forget(const QString &id);

    qint64 m_maxTotalBytes;
    qint64 m_totalBytes = 0;
    quint64 m_nextId;
    QHash<QString, MediaAsset> m_assets;
    std::deque<QString> m_order; // oldest first; may hold ids already removed
    QSet<QString> m_removed;
    std::deque<QString> m_removedOrder;
};

} // namespace handover::sim
