#pragma once

#include <QtGlobal>

#include <compare>

namespace handover {

// R20: every list is ordered by (bumped_at, bump_seq) descending. bump_seq is the org event sequence number of
// the event that last bumped, so the order is total and the same on every client.
struct SortKey
{
    qint64 bumpedAtMs = 0;
    qint64 bumpSeq = 0;

    friend auto operator<=>(const SortKey &, const SortKey &) = default;
    friend bool operator==(const SortKey &, const SortKey &) = default;
};

} // namespace handover
