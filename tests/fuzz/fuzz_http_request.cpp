// libFuzzer target: a request as the server's HTTP layer reads it (server/http: the head reader and the body
// reader; TARGETS.md L7, L9). The first byte of the input chooses how the rest is cut into pieces, as TCP may
// deliver it. Whatever arrives, the readers hold their limits at the byte that passes one, a head read in
// pieces is the head read at once, and nothing is taken past the end of the request.
#include "server/http/httpbodyreader.h"
#include "server/http/httphead.h"
#include "tests/fuzz/fuzzcheck.h"

#include <algorithm>

using namespace handover;
using fuzz::require;

namespace {

constexpr HttpHeadLimits kLimits{2048, 512, 20}; // small, so the fuzzer reaches every limit
constexpr HttpBodyReader::Limits kBodyLimits{4096, 256, 512};

bool sameHead(const HttpHead &a, const HttpHead &b)
{
    if (a.method != b.method || a.methodToken != b.methodToken || a.target != b.target ||
        a.minorVersion != b.minorVersion || a.contentLength != b.contentLength || a.chunked != b.chunked ||
        a.keepAlive != b.keepAlive || a.expectContinue != b.expectContinue ||
        a.upgradeToWebSocket != b.upgradeToWebSocket || a.headers.size() != b.headers.size())
        return false;
    for (qsizetype i = 0; i < a.headers.size(); ++i) {
        if (a.headers[i].name != b.headers[i].name || a.headers[i].value != b.headers[i].value)
            return false;
    }
    return true;
}

void requireRefusalShape(const HttpRefusal &refusal)
{
    require(refusal.status >= 400 && refusal.status < 600, "a refusal is a 4xx or 5xx");
    require(refusal.errorCode / 10000 == refusal.status, "a refusal's error code starts with its status");
    require(!refusal.description.isEmpty(), "a refusal says why");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype piece = 1 + data[0] % 64;
    const QByteArray input = fuzz::bytesOf(data + 1, size - 1);
    // Empty lines before a request line are skipped, not kept (RFC 9112 §2.2): they count for no limit.
    qsizetype blank = 0;
    while (blank < input.size() && (input[blank] == '\r' || input[blank] == '\n'))
        ++blank;

    // The head, all at once and in pieces.
    HttpHeadReader whole(kLimits);
    const qsizetype takenWhole = whole.feed(input);
    HttpHeadReader pieces(kLimits);
    qsizetype takenPieces = 0;
    while (pieces.state() == HttpHeadReader::State::NeedMore && takenPieces < input.size()) {
        const QByteArrayView next = QByteArrayView(input).sliced(takenPieces).first(
            std::min(piece, input.size() - takenPieces));
        const qsizetype taken = pieces.feed(next);
        require(taken <= next.size(), "the head reader takes no more than it is given");
        takenPieces += taken;
        if (taken < next.size())
            break; // the head ended, or was refused, inside this piece
    }
    require(whole.state() == pieces.state(), "a head read in pieces ends as the head read at once");
    require(takenWhole <= input.size(), "the head reader takes no more than it is given");
    if (whole.state() == HttpHeadReader::State::NeedMore) {
        require(takenWhole == input.size(), "an unfinished head takes every byte");
        require(input.size() - blank <= kLimits.maxHeadBytes + 1,
                "an unfinished head is never longer than the limit");
        return 0;
    }
    require(takenWhole == takenPieces, "a head ends at the same byte however it arrives");
    if (whole.state() == HttpHeadReader::State::Refused) {
        requireRefusalShape(whole.refusal());
        require(whole.refusal().status == pieces.refusal().status &&
                    whole.refusal().errorCode == pieces.refusal().errorCode,
                "a head is refused for the same reason however it arrives");
        require(takenWhole - blank <= kLimits.maxHeadBytes + 1, "a head is refused by the byte after its limit");
        return 0;
    }
    const HttpHead &head = whole.head();
    require(sameHead(head, pieces.head()), "a head read in pieces is the head read at once");
    require(takenWhole - blank <= kLimits.maxHeadBytes, "an accepted head is within the limit");
    require(head.headers.size() <= kLimits.maxHeaderFields, "an accepted head has at most the fields allowed");
    require(!(head.chunked && head.contentLength > 0), "a body is either chunked or counted, never both");
    require(head.contentLength >= 0, "a body's length is never negative");

    // The body behind it, in pieces, when its length is one the server would read.
    const QByteArrayView rest = QByteArrayView(input).sliced(takenWhole);
    HttpBodyReader body;
    if (head.chunked)
        body.startChunked(kBodyLimits);
    else if (head.contentLength <= kBodyLimits.maxBodyBytes)
        body.startFixed(head.contentLength, kBodyLimits);
    else
        return 0; // refused from its Content-Length before any of it is read
    qsizetype used = 0;
    while (body.state() == HttpBodyReader::State::NeedMore && used < rest.size()) {
        const QByteArrayView next = rest.sliced(used).first(std::min(piece, rest.size() - used));
        const qsizetype taken = body.feed(next);
        require(taken >= 0 && taken <= next.size(), "the body reader takes no more than it is given");
        used += taken;
        require(body.received() <= kBodyLimits.maxBodyBytes, "a body never holds more than its limit");
        if (taken < next.size())
            break;
    }
    if (body.state() == HttpBodyReader::State::Refused)
        requireRefusalShape(body.refusal());
    if (body.state() == HttpBodyReader::State::Done && !head.chunked)
        require(body.received() == head.contentLength, "a counted body is exactly its Content-Length");
    return 0;
}
