#pragma once

class QCoreApplication;

namespace handover {

// Ends the event loop of `app` when the system asks the process to stop, so that exec() returns, the writer
// drains and the database closes cleanly: SIGINT and SIGTERM on Unix; Ctrl+C, Ctrl+Break, closing the console
// window, signing out and shutting down on Windows. Call once, after `app` exists.
void quitOnSignals(QCoreApplication &app);

} // namespace handover
