// libFuzzer target: the WebSocket frames of SYNC.md (TARGETS.md L4, L9). The first byte says which side's
// decoder reads the rest: the server reads client frames, the console reads server frames. Every frame is
// answered with a value or a 4000001/4000002 error, and a frame that decodes encodes to one that decodes to
// the same value.
#include "core/json/syncframes.h"
#include "tests/fuzz/fuzzcheck.h"

using namespace handover;
using fuzz::requireRoundTrip;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray frame = fuzz::bytesOf(data + 1, size - 1);
    if (data[0] % 2 == 0)
        requireRoundTrip<ClientFrame>(frame, decodeClientFrame, encodeClientFrame,
                                      "a client frame comes back as it was");
    else
        requireRoundTrip<ServerFrame>(frame, decodeServerFrame, encodeServerFrame,
                                      "a server frame comes back as it was");
    return 0;
}
