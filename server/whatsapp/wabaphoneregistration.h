#pragma once

#include "core/domain/org.h"
#include "server/http/httpreply.h"

#include <QHash>
#include <QString>
#include <optional>

namespace handover {

class Clock;
class CommandRunner;
class GraphPhoneLookup;
class PhoneAccessTokens;

// POST /v1/orgs/{orgId}/waba-phones once the body is read: a WhatsApp number belongs to the org that proves
// it (API.md). With an access token, Meta's Graph API must confirm that the token may use the number before
// anything is written; the token is then stored sealed and speaks for the number from then on. Without one,
// the server-wide token is used, which only a server holding a single org allows. A number another org holds
// is refused exactly like a token Meta refuses, so no answer tells that the other org exists; re-registration
// by the owning org replaces its WABA id, display number and token (200).
class WabaPhoneRegistration
{
public:
    // Graph lookups one org may have waiting at once; more are answered 429 at once.
    static constexpr int kMaxLookupsPerOrg = 4;

    WabaPhoneRegistration(const Clock &clock, CommandRunner &commands, GraphPhoneLookup &graph,
                          const PhoneAccessTokens &tokens);

    // `phone` has its new id and the caller's org. Answers 201 (new), 200 (re-registered), 422
    // WABA_PHONE_NOT_VERIFIED, 429, or 502 UPSTREAM_UNAVAILABLE when Meta could not be asked.
    void registerPhone(const WabaPhone &phone, const std::optional<QString> &accessToken,
                       const HttpReply &reply);

private:
    void claim(const WabaPhone &phone, const std::optional<QByteArray> &sealedToken, const HttpReply &reply);

    const Clock &m_clock;
    CommandRunner &m_commands;
    GraphPhoneLookup &m_graph;
    const PhoneAccessTokens &m_tokens;
    QHash<OrgId, int> m_lookupsInFlight;
};

} // namespace handover
