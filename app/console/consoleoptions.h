#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace handover::console {

// What the command line asks of the console. Parsed before QApplication exists, so --help and --version work
// without a display.
struct ConsoleOptions
{
    enum class Kind { Run, Help, Version } kind = Kind::Run;
    QUrl serverUrl;        // --server: a thin client of that server; empty: the configured one, else local mode
    bool localMode = false; // --local: local mode even when a server is configured
    QString dataDirectory; // --data-dir: where the cache, the settings of local mode and its server live
    QString language;      // --language: a locale name such as de or pt_BR; empty: settings, then the system
    QString helpText;
};

Result<ConsoleOptions> parseConsoleOptions(const QStringList &arguments);

} // namespace handover::console
