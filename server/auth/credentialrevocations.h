#pragma once

#include "core/domain/ids.h"

#include <QString>

namespace handover {

// What must learn at once that a credential has ended, after the change has committed and before the
// request that ended it is answered: the HTTP caller cache (so the next request is 401) and the sync hub (so
// the credential's open streams close with 4401).
class CredentialRevocations
{
public:
    virtual ~CredentialRevocations() = default;
    virtual void sessionEnded(const OrgId &orgId, const QString &sessionHash) = 0; // logout
    virtual void apiKeyRevoked(const OrgId &orgId, const QString &apiKeyId) = 0;
    virtual void userDeactivated(const OrgId &orgId, const UserId &userId) = 0; // every session of theirs
};

} // namespace handover
