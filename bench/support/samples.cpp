#include "samples.h"

#include <algorithm>
#include <cmath>

namespace handover::bench {

double percentileOfSorted(const std::vector<double> &sorted, double fraction)
{
    if (sorted.empty())
        return 0;
    const auto rank = size_t(std::ceil(fraction * double(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

double percentile(std::vector<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    return percentileOfSorted(values, fraction);
}

double percentileMs(std::vector<qint64> nanoseconds, double fraction)
{
    std::vector<double> ms;
    ms.reserve(nanoseconds.size());
    for (qint64 ns : nanoseconds)
        ms.push_back(double(ns) / 1e6);
    return percentile(std::move(ms), fraction);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

} // namespace handover::bench
