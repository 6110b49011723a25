#pragma once

#include <QtGlobal>

namespace handover::bench {

// One monotonic clock for every timestamp of a run, read from any thread: times taken in different places of
// the program can be subtracted from each other.
qint64 nowNs();

} // namespace handover::bench
