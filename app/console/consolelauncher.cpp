#include "app/console/consolelauncher.h"

#include "app/console/consolecontroller.h"

#include <QApplication>

namespace handover::console {

int runConsole(QApplication &app, const ConsoleOptions &options)
{
    ConsoleController controller(options);
    if (!controller.start())
        return 1;
    return app.exec();
}

} // namespace handover::console
