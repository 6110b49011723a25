#pragma once

namespace handover {

// Starts libsodium once for the process (thread-safe); false when it cannot run on this machine.
bool sodiumReady();

} // namespace handover
