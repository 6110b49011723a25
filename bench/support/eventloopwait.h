#pragma once

#include <functional>

namespace handover::bench {

// Runs the thread's event loop for `ms` milliseconds.
void pause(int ms);
// Runs the event loop until `done` is true (checked every 10 ms); false if it was not within `limitMs`.
bool waitUntil(const std::function<bool()> &done, int limitMs);

} // namespace handover::bench
