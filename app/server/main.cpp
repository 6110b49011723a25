#include "app/common/quitsignals.h"
#include "core/logging.h"
#include "server/app/serverinstance.h"
#include "server/app/serveroptions.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <cstdio>

int main(int argc, char *argv[])
{
    // Debug lines only when asked for with QT_LOGGING_RULES.
    QLoggingCategory::setFilterRules(QStringLiteral("handover.*.debug=false"));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("handover-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HANDOVER_VERSION));

    auto command = handover::parseServerCommand(app.arguments(),
                                                QProcessEnvironment::systemEnvironment().toStringList());
    if (!command) {
        std::fprintf(stderr, "handover-server: %s\n", qPrintable(command.error().description));
        return 2;
    }
    switch (command->kind) {
    case handover::ServerCommand::Kind::Help:
        std::fputs(qPrintable(command->helpText), stdout);
        return 0;
    case handover::ServerCommand::Kind::Version:
        std::printf("handover-server %s\n", HANDOVER_VERSION);
        return 0;
    case handover::ServerCommand::Kind::Init: {
        auto result = handover::initServer(command->init);
        if (!result) {
            std::fprintf(stderr, "handover-server: %s\n", qPrintable(result.error().description));
            return 2;
        }
        const QJsonObject json{{QStringLiteral("org_id"), result->orgId},
                               {QStringLiteral("admin_user_id"), result->adminUserId},
                               {QStringLiteral("api_key"), result->apiKey}};
        std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    case handover::ServerCommand::Kind::Serve:
        break;
    }

    auto server = handover::ServerInstance::start(command->serve);
    if (!server) {
        std::fprintf(stderr, "handover-server: %s\n", qPrintable(server.error().description));
        return 1;
    }
    std::printf("handover-server listening on %s\n", qPrintable((*server)->listenText()));
    std::fflush(stdout);
    handover::ServerInstance *running = server->get();
    handover::onStopRequest(app, [running] { running->shutdown([] { QCoreApplication::quit(); }); });
    return app.exec();
}
