#include "server/auth/sodiumready.h"

#include <sodium.h>

namespace handover {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace handover
