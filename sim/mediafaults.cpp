#include "sim/mediafaults.h"

namespace handover::sim {

void MediaFaults::arm(const MediaFault &fault)
{
    if (fault.failTimes <= 0)
        return;
    if (!fault.mediaId.isEmpty()) {
        m_armed.insert(key(fault.mediaId, fault.target), fault);
        return;
    }
    m_forNextMedia.removeIf([&fault](const MediaFault &other) { return other.target == fault.target; });
    m_forNextMedia.append(fault);
}

void MediaFaults::mediaCreated(const QString &mediaId)
{
    for (MediaFault fault : std::as_const(m_forNextMedia)) {
        fault.mediaId = mediaId;
        m_armed.insert(key(mediaId, fault.target), fault);
    }
    m_forNextMedia.clear();
}

std::optional<MediaFault> MediaFaults::take(const QString &mediaId, MediaFaultTarget target)
{
    const auto it = m_armed.find(key(mediaId, target));
    if (it == m_armed.end())
        return std::nullopt;
    const MediaFault fault = it.value();
    if (--it->failTimes <= 0)
        m_armed.erase(it);
    return fault;
}

qsizetype MediaFaults::clear()
{
    const qsizetype count = armedCount();
    m_armed.clear();
    m_forNextMedia.clear();
    return count;
}

QString MediaFaults::key(const QString &mediaId, MediaFaultTarget target)
{
    return mediaId +
           (target == MediaFaultTarget::Lookup ? QStringLiteral("#lookup") : QStringLiteral("#download"));
}

} // namespace handover::sim
