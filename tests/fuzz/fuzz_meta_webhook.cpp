// libFuzzer target: Meta's webhook envelope as the server parses it (server/whatsapp/metainbound; TARGETS.md
// L4, L9). Whatever arrives, the parser answers a batch or BadRequest, and every message it keeps can be
// routed: it names our phone, a WhatsApp message id and an E.164 sender. The signature check accepts exactly
// the signature of these bytes.
#include "core/domain/contact.h"
#include "server/whatsapp/metainbound.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QMessageAuthenticationCode>

using namespace handover;
using fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body = fuzz::bytesOf(data, size);
    const Result<MetaWebhookBatch> batch = parseMetaWebhook(body);
    if (!batch) {
        require(batch.code() == ErrorCode::BadRequest, "a body that is not a JSON object is BadRequest");
    } else {
        for (const MetaInboundMessage &message : batch->messages) {
            require(!message.phoneNumberId.isEmpty(), "a message names the phone it was sent to");
            require(!message.waMessageId.isEmpty(), "a message has its WhatsApp id");
            require(isE164(message.from), "a message's sender is an E.164 number");
        }
        for (const MetaStatusUpdate &status : batch->statuses) {
            require(!status.phoneNumberId.isEmpty(), "a status names the phone");
            require(!status.waMessageId.isEmpty(), "a status names the message");
        }
    }

    static const QByteArray secret = QByteArrayLiteral("fuzz-app-secret");
    const QByteArray signature =
        "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
    require(metaSignatureValid(body, secret, signature), "the body's own signature is valid");
    require(metaSignatureValid(body, secret, signature.toUpper().replace("SHA256=", "sha256=")),
            "the signature's hex digits may be upper case");
    require(!metaSignatureValid(body, "other-secret", signature), "another secret's signature is not valid");
    require(!metaSignatureValid(body, secret, body.left(80)), "the body itself is not a signature");
    return 0;
}
