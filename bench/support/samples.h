#pragma once

#include <QtGlobal>
#include <vector>

namespace handover::bench {

// The nearest-rank percentile (fraction 0.99 for p99) of values sorted in ascending order; 0 when empty.
double percentileOfSorted(const std::vector<double> &sorted, double fraction);
// The same of values in any order.
double percentile(std::vector<double> values, double fraction);
// Nanosecond durations, answered in milliseconds.
double percentileMs(std::vector<qint64> nanoseconds, double fraction);
// The middle value (the mean of the two middle ones for an even count); 0 when empty.
double median(std::vector<double> values);

} // namespace handover::bench
