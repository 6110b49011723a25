#pragma once

#include <functional>

class QCoreApplication;

namespace handover {

// Calls `stop` once, on the thread of `app`'s event loop, when the system asks the process to stop: SIGINT
// and SIGTERM on Unix; Ctrl+C, Ctrl+Break, closing the console window, signing out and shutting down on
// Windows. `stop` winds the program down and ends the event loop. Call once, after `app` exists.
void onStopRequest(QCoreApplication &app, std::function<void()> stop);

} // namespace handover
