#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace handover::sim {

// Which request of the two a media fetch makes fails: GET /{media-id} or the download of its URL.
enum class MediaFaultTarget
{
    Lookup,
    Download,
};

// A fault armed for tests: the next failTimes requests of `target` for the media fail, with httpStatus or,
// when corrupt, with 200 and bytes that no longer match their sha256.
struct MediaFault
{
    QString mediaId; // empty: the next media the simulator creates
    MediaFaultTarget target = MediaFaultTarget::Download;
    int failTimes = 1;
    int httpStatus = 500;
    bool corrupt = false;
    friend bool operator==(const MediaFault &, const MediaFault &) = default;
};

// The faults armed and not yet used up. One fault per media and target: arming again replaces it.
class MediaFaults
{
public:
    void arm(const MediaFault &fault);
    // A media was created: the faults armed for "the next media" now belong to it.
    void mediaCreated(const QString &mediaId);
    // The fault for this request, counted as used, or none.
    std::optional<MediaFault> take(const QString &mediaId, MediaFaultTarget target);
    qsizetype clear();
    qsizetype armedCount() const { return m_armed.size() + m_forNextMedia.size(); }

private:
    static QString key(const QString &mediaId, MediaFaultTarget target);

    QHash<QString, MediaFault> m_armed;
    QList<MediaFault> m_forNextMedia;
};

} // namespace handover::sim
