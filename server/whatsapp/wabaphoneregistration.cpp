#include "server/whatsapp/wabaphoneregistration.h"

#include "core/clock.h"
#include "core/json/apicodec.h"
#include "core/logging.h"
#include "core/store/server/orgs.h"
#include "core/store/server/wabaphones.h"
#include "server/routes/routecontext.h"
#include "server/services/commandrunner.h"
#include "server/whatsapp/graphphonelookup.h"
#include "server/whatsapp/phoneaccesstokens.h"

namespace handover {

namespace ss = store::server;

namespace {

// The one answer for "Meta refused this token" and "another org holds this number": the same code, the same
// sentence and the same fields, so that the answer never tells the two apart.
Error notVerified(const QString &remotePhoneId)
{
    return Error::make(
        ErrorCode::WabaPhoneNotVerified,
        QStringLiteral("WhatsApp did not confirm that this access_token may use the phone number "
                       "with remote_phone_id %1.")
            .arg(remotePhoneId),
        {QStringLiteral("access_token")});
}

Error tokenRequired()
{
    return Error::make(
        ErrorCode::WabaPhoneNotVerified,
        QStringLiteral("This server holds more than one org, so a phone number is registered only with "
                       "an access_token that WhatsApp confirms for it."),
        {QStringLiteral("access_token")});
}

Error graphUnavailable()
{
    return Error::make(
        ErrorCode::UpstreamUnavailable,
        QStringLiteral("WhatsApp's Graph API could not be asked whether this access_token may use the "
                       "phone number; nothing was registered. Try again later."));
}

} // namespace

WabaPhoneRegistration::WabaPhoneRegistration(const Clock &clock, CommandRunner &commands,
                                             GraphPhoneLookup &graph, const PhoneAccessTokens &tokens)
    : m_clock(clock)
    , m_commands(commands)
    , m_graph(graph)
    , m_tokens(tokens)
{}

void WabaPhoneRegistration::registerPhone(const WabaPhone &phone, const std::optional<QString> &accessToken,
                                          const HttpReply &reply)
{
    if (!accessToken) {
        claim(phone, std::nullopt, reply);
        return;
    }
    int &inFlight = m_lookupsInFlight[phone.orgId];
    if (inFlight >= kMaxLookupsPerOrg) {
        HttpResponse response = HttpResponse::error(
            Error::make(
                ErrorCode::RateLimited,
                QStringLiteral("This org has %1 phone numbers waiting for WhatsApp's answer already; retry "
                               "in a moment.")
                    .arg(kMaxLookupsPerOrg)),
            reply.requestId());
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
        reply.send(std::move(response));
        return;
    }
    ++inFlight;
    const QByteArray sealed = m_tokens.seal(*accessToken);
    m_graph.lookup(
        phone.remotePhoneId, *accessToken, [this, phone, sealed, reply](const PhoneLookup &lookup) {
            if (--m_lookupsInFlight[phone.orgId] <= 0)
                m_lookupsInFlight.remove(phone.orgId);
            switch (lookup.verdict) {
            case PhoneLookup::Verdict::Confirmed:
                claim(phone, sealed, reply);
                return;
            case PhoneLookup::Verdict::Refused:
                qCInfo(lcWhatsApp).noquote() << "Meta refused the access token of org" << phone.orgId
                                             << "for phone" << phone.remotePhoneId << ":" << lookup.detail;
                reply.error(notVerified(phone.remotePhoneId));
                return;
            case PhoneLookup::Verdict::Unavailable:
                qCWarning(lcWhatsApp).noquote()
                    << "could not ask Meta about phone" << phone.remotePhoneId << ":" << lookup.detail;
                reply.error(graphUnavailable());
                return;
            }
        });
}

void WabaPhoneRegistration::claim(const WabaPhone &phone, const std::optional<QByteArray> &sealedToken,
                                  const HttpReply &reply)
{
    const Clock &clock = m_clock;
    m_commands.run(
        [phone, sealedToken, &clock](QSqlDatabase &db) -> Result<CommandEffects> {
            if (!sealedToken) {
                auto orgs = ss::orgCount(db);
                if (!orgs)
                    return orgs.error();
                if (*orgs != 1)
                    return tokenRequired();
            }
            auto existing = ss::wabaPhoneByRemoteId(db, phone.remotePhoneId);
            if (!existing)
                return existing.error();
            WabaPhone stored = phone;
            int status = 201;
            if (existing->has_value()) {
                if ((*existing)->orgId != phone.orgId)
                    return notVerified(phone.remotePhoneId);
                stored.id = (*existing)->id;
                status = 200;
                if (auto updated = ss::updateWabaPhone(db, stored); !updated)
                    return updated.error();
            } else if (auto inserted = ss::insertWabaPhone(db, stored, clock.now()); !inserted) {
                return inserted.error();
            }
            if (auto kept = ss::setSealedAccessToken(db, stored.id, sealedToken, clock.now()); !kept)
                return kept.error();
            return answer(status, wabaPhoneToJson(stored), stored.orgId);
        },
        reply);
}

} // namespace handover
