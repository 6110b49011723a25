#include "app/console/consolelauncher.h"

#include <QApplication>

namespace handover::console {

int runConsole(QApplication &app, const ConsoleOptions &options)
{
    Q_UNUSED(options);
    return app.exec();
}

} // namespace handover::console
