#pragma once

#include "app/console/consoleoptions.h"

class QApplication;

namespace handover::console {

// Chooses between local mode and a configured server, opens the window and runs the event loop.
int runConsole(QApplication &app, const ConsoleOptions &options);

} // namespace handover::console
