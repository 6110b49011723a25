#include "app/console/consolelauncher.h"
#include "app/console/consoleoptions.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const auto options = handover::console::parseConsoleOptions(arguments);
    if (!options) {
        std::fprintf(stderr, "handover: %s\n", qPrintable(options.error().description));
        return 2;
    }
    switch (options->kind) {
    case handover::console::ConsoleOptions::Kind::Help:
        std::fputs(qPrintable(options->helpText), stdout);
        return 0;
    case handover::console::ConsoleOptions::Kind::Version:
        std::printf("handover %s\n", HANDOVER_VERSION);
        return 0;
    case handover::console::ConsoleOptions::Kind::Run:
        break;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("handover"));
    QApplication::setOrganizationName(QStringLiteral("Handover"));
    QApplication::setApplicationVersion(QStringLiteral(HANDOVER_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("Handover"));
    QApplication::setDesktopFileName(QStringLiteral("handover"));
    return handover::console::runConsole(app, *options);
}
