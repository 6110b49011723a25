#include "server/whatsapp/whatsappwebhookroutes.h"

#include "server/auth/tokens.h"
#include "server/whatsapp/inboundprocessor.h"
#include "server/whatsapp/metainbound.h"

namespace handover {

using Method = HttpMethod;

void addWhatsAppWebhookRoutes(Router &router, RouteContext &ctx, WhatsAppWebhookConfig config)
{
    router.add(Method::Get, QStringLiteral("/webhooks/whatsapp"), Access::open(),
               [config](ApiRequest &request, const HttpReply &reply) {
                   const QString mode = request.query.value(QStringLiteral("hub.mode"));
                   const QString token = request.query.value(QStringLiteral("hub.verify_token"));
                   const QString challenge = request.query.value(QStringLiteral("hub.challenge"));
                   const bool tokenMatches = !config.verifyToken.isEmpty()
                                             && constantTimeEquals(token.toUtf8(), config.verifyToken.toUtf8());
                   if (mode != QLatin1String("subscribe") || !tokenMatches) {
                       reply.error(Error::make(ErrorCode::Forbidden, QStringLiteral("Verification failed.")));
                       return;
                   }
                   reply.send(HttpResponse::text(200, challenge.toUtf8(), QByteArrayLiteral("text/plain")));
               });
    router.add(Method::Post, QStringLiteral("/webhooks/whatsapp"), Access::open(),
               [&ctx, config](ApiRequest &request, const HttpReply &reply) {
                   if (!metaSignatureValid(request.body, config.appSecret, request.header("x-hub-signature-256"))) {
                       reply.error(Error::make(ErrorCode::Unauthenticated,
                                               QStringLiteral("X-Hub-Signature-256 is missing or wrong.")));
                       return;
                   }
                   auto batch = parseMetaWebhook(request.body);
                   if (replyIfError(batch, reply))
                       return;
                   if (batch->messages.isEmpty() && batch->statuses.isEmpty()) {
                       reply.json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
                       return;
                   }
                   const Clock &clock = ctx.clock;
                   IdSource &ids = ctx.ids;
                   ctx.commands.run([batch = *batch, &clock, &ids](QSqlDatabase &db) {
                       return applyInboundBatch(db, batch, clock, ids);
                   },
                                    reply);
               });
}

} // namespace handover
