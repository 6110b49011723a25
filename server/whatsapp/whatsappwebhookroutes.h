#pragma once

#include "server/routes/routecontext.h"

namespace handover {

struct WhatsAppWebhookConfig
{
    QByteArray appSecret;
    QString verifyToken;
};

// GET /webhooks/whatsapp answers Meta's verification; POST accepts Meta's signed envelope (API.md).
void addWhatsAppWebhookRoutes(Router &router, RouteContext &context, WhatsAppWebhookConfig config);

} // namespace handover
