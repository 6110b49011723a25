#pragma once

// Meta's published payloads, field for field, as test data: each shape below has exactly the members, nesting
// and JSON types of the example cited above it, with values of this project's own. The simulator's output is
// compared with them whole.
//
// Sources:
// [OPENAPI] Meta's OpenAPI description of the WhatsApp Business Platform,
//           https://github.com/facebook/openapi/blob/main/business-messaging-api_v23.0.yaml
//           (webhook examples under "/whatsapp/webhooks", schemas AudioMessage_1, DocumentMessage_1,
//           StickerMessage_1, VideoMessage_1, Statuses, Conversation, Pricing, StatusError,
//           MessageResponsePayload, and the "Retrieve Media URL" and "Upload Image" responses).
// [REF]     Meta's webhook reference pages,
//           https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/<type>/
//           for image, document, audio, video and sticker (the media object with its download "url"),
//           reaction
//           ("Reaction Removed by end user": no emoji) and status (sent: conversation and per-message pricing
//           with "type"; read: neither).
// [POSTMAN] Meta's Postman collection "WhatsApp Cloud API"
// (documenter.getpostman.com/view/13382743/UVC5FTHT),
//           "Status: Message Delivered": conversation with its expiry, pricing without "type" (CBP).
// [PYWA]    Examples the pywa SDK keeps as fixtures, for what the pages above do not show:
//           https://github.com/david-lev/pywa/blob/main/tests/data/updates/message.json (an unsupported
//           message naming its type) and .../message_status.json (a failed status with href).

namespace metaexamples {

// The envelope every messages webhook shares; %1 is the value's own member ("messages": [...] or "statuses").
// [OPENAPI] "Image Message" (and every other example under /whatsapp/webhooks).
inline constexpr char kEnvelope[] = R"({
  "object": "whatsapp_business_account",
  "entry": [{
    "id": "102290129340398",
    "changes": [{
      "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Asha"}, "wa_id": "919999990001"}],
        "messages": [%1]
      },
      "field": "messages"
    }]
  }]
})";

// The messages[0] of each example. Every one has from, id and a string timestamp.
// [OPENAPI] "Image Message"; [REF] image (with url).
inline constexpr char kImage[] = R"({"from": "919999990001", "id": "wamid.IN1", "timestamp": "1767258000",
  "type": "image",
  "image": {"caption": "The scratch", "mime_type": "image/jpeg",
            "sha256": "n6MnQb5Olch0VQjSlSCioDTl647jy5LbedDuh/Lk5WY=", "id": "1003383421387256",
            "url": "http://127.0.0.1:8090/whatsapp_business/attachments/?mid=1003383421387256"}})";

// [REF] document; [OPENAPI] DocumentMessage_1 (filename required).
inline constexpr char kDocument[] = R"({"from": "919999990001", "id": "wamid.IN2", "timestamp": "1767258000",
  "type": "document",
  "document": {"caption": "My invoice", "filename": "invoice-1001.pdf", "mime_type": "application/pdf",
               "sha256": "n6MnQb5Olch0VQjSlSCioDTl647jy5LbedDuh/Lk5WY=", "id": "1003383421387257",
               "url": "http://127.0.0.1:8090/whatsapp_business/attachments/?mid=1003383421387257"}})";

// [REF] audio (a voice note); [OPENAPI] AudioMessage_1 (voice required).
inline constexpr char kVoiceNote[] = R"({"from": "919999990001", "id": "wamid.IN3", "timestamp": "1767258000",
  "type": "audio",
  "audio": {"mime_type": "audio/ogg; codecs=opus", "sha256": "n6MnQb5Olch0VQjSlSCioDTl647jy5LbedDuh/Lk5WY=",
            "id": "1003383421387258",
            "url": "http://127.0.0.1:8090/whatsapp_business/attachments/?mid=1003383421387258", "voice": true}})";

// [REF] video; [OPENAPI] VideoMessage_1.
inline constexpr char kVideo[] = R"({"from": "919999990001", "id": "wamid.IN4", "timestamp": "1767258000",
  "type": "video",
  "video": {"caption": "How it wobbles", "mime_type": "video/mp4",
            "sha256": "n6MnQb5Olch0VQjSlSCioDTl647jy5LbedDuh/Lk5WY=", "id": "1003383421387259",
            "url": "http://127.0.0.1:8090/whatsapp_business/attachments/?mid=1003383421387259"}})";

// [REF] sticker; [OPENAPI] StickerMessage_1 (animated required).
inline constexpr char kSticker[] = R"({"from": "919999990001", "id": "wamid.IN5", "timestamp": "1767258000",
  "type": "sticker",
  "sticker": {"mime_type": "image/webp", "sha256": "n6MnQb5Olch0VQjSlSCioDTl647jy5LbedDuh/Lk5WY=",
              "id": "1003383421387260",
              "url": "http://127.0.0.1:8090/whatsapp_business/attachments/?mid=1003383421387260", "animated": true}})";

// [OPENAPI] "Location Message".
inline constexpr char kLocation[] = R"({"from": "919999990001", "id": "wamid.IN6", "timestamp": "1767258000",
  "location": {"address": "12 Harbour Road, Kochi", "latitude": 9.9312, "longitude": 76.2673,
               "name": "Harbour Store", "url": "https://example.com/store"},
  "type": "location"})";

// [OPENAPI] "Contact Sharing Message".
inline constexpr char kContacts[] = R"({"from": "919999990001", "id": "wamid.IN7", "timestamp": "1767258000",
  "type": "contacts",
  "contacts": [{"name": {"first_name": "Ravi", "last_name": "Menon", "formatted_name": "Ravi Menon"},
                "org": {"company": "Menon Traders"},
                "phones": [{"phone": "+91 99999 90002", "wa_id": "919999990002", "type": "MOBILE"}]}]})";

// [OPENAPI] "Reaction Message".
inline constexpr char kReaction[] = R"({"from": "919999990001", "id": "wamid.IN8", "timestamp": "1767258000",
  "type": "reaction",
  "reaction": {"message_id": "wamid.OUT1", "emoji": "\u2764\ufe0f"}})";

// [REF] reaction, "Reaction Removed by end user": the reaction without emoji takes it back.
inline constexpr char kReactionRemoved[] = R"({"from": "919999990001", "id": "wamid.IN9",
  "timestamp": "1767258000", "type": "reaction", "reaction": {"message_id": "wamid.OUT1"}})";

// [OPENAPI] "Interactive List Reply Message".
inline constexpr char kListReply[] = R"({"context": {"from": "15550783881", "id": "wamid.OUT2"},
  "from": "919999990001", "id": "wamid.IN10", "timestamp": "1767258000",
  "type": "interactive",
  "interactive": {"type": "list_reply",
                  "list_reply": {"id": "slot-sat-10", "title": "Saturday 10:00", "description": "Morning delivery"}}})";

// [OPENAPI] "Interactive Button Reply Message".
inline constexpr char kButtonReply[] = R"({"context": {"from": "15550783881", "id": "wamid.OUT3"},
  "from": "919999990001", "id": "wamid.IN11", "timestamp": "1767258000",
  "type": "interactive",
  "interactive": {"type": "button_reply", "button_reply": {"id": "keep-order", "title": "Keep my order"}}})";

// [OPENAPI] "Unsupported Message".
inline constexpr char kUnsupported[] =
    R"({"from": "919999990001", "id": "wamid.IN12", "timestamp": "1767258000",
  "errors": [{"code": 131051, "title": "Message type unknown", "message": "Message type unknown",
              "error_data": {"details": "Message type is currently not supported."}}],
  "type": "unsupported"})";

// [PYWA] "unsupported_with_type".
inline constexpr char kUnsupportedPoll[] = R"({"from": "919999990001", "id": "wamid.IN13",
  "timestamp": "1767258000",
  "errors": [{"code": 131051, "title": "Message type unknown", "message": "Message type unknown",
              "error_data": {"details": "Message type is currently not supported."}}],
  "type": "unsupported", "unsupported": {"type": "poll"}})";

// statuses[0] of status webhooks. [REF] status, "sent": conversation with its expiry, per-message pricing.
inline constexpr char kStatusSent[] = R"({"id": "wamid.OUT1", "status": "sent", "timestamp": "1767258001",
  "recipient_id": "919999990001",
  "conversation": {"id": "b7d1c0ffee5a4e1d9d2f64c0a1e7c3d2", "expiration_timestamp": "1767344401",
                   "origin": {"type": "utility"}},
  "pricing": {"billable": true, "pricing_model": "PMP", "type": "regular", "category": "utility"}})";

// [POSTMAN] "Status: Message Delivered": conversation-based pricing, no pricing type.
inline constexpr char kStatusDelivered[] = R"({"id": "wamid.OUT1", "recipient_id": "919999990001",
  "status": "delivered", "timestamp": "1767258002",
  "conversation": {"id": "b7d1c0ffee5a4e1d9d2f64c0a1e7c3d2", "expiration_timestamp": "1767344401",
                   "origin": {"type": "user_initiated"}},
  "pricing": {"pricing_model": "CBP", "billable": true, "category": "user_initiated"}})";

// [REF] status, "read" (and played): neither conversation nor pricing.
inline constexpr char kStatusRead[] = R"({"id": "wamid.OUT1", "status": "read", "timestamp": "1767258003",
  "recipient_id": "919999990001"})";

// [REF] status and [PYWA] "failed": no conversation nor pricing; errors with href.
inline constexpr char kStatusFailed[] = R"({"id": "wamid.OUT1", "status": "failed", "timestamp": "1767258003",
  "recipient_id": "919999990001",
  "errors": [{"code": 131026, "title": "Message undeliverable", "message": "Message undeliverable",
              "error_data": {"details": "The recipient's phone cannot receive this message."},
              "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]})";

// The Graph API's answers. [OPENAPI] MessageResponsePayload.
inline constexpr char kSendAnswer[] = R"({"messaging_product": "whatsapp",
  "contacts": [{"input": "+919999990001", "wa_id": "919999990001"}],
  "messages": [{"id": "wamid.OUT1", "message_status": "accepted"}]})";

// [OPENAPI] GET /{Media-ID}, "Retrieve Media URL": file_size is a decimal string. The sha256 is the hex
// digest (Meta writes "<HASH>"; the webhooks above carry the base64 of the same digest).
inline constexpr char kMediaNode[] = R"({"messaging_product": "whatsapp",
  "url": "http://127.0.0.1:8090/whatsapp_business/attachments/?mid=1003383421387256",
  "mime_type": "image/jpeg",
  "sha256": "9fa32741be4e95c8745508d29520a2a034e5eb8ee3cb92db79d0ee87f2e4e566",
  "file_size": "14", "id": "1003383421387256"})";

// [OPENAPI] POST /{Phone-Number-ID}/media, "Upload Image JSON".
inline constexpr char kUploadAnswer[] = R"({"id": "1003383421387256"})";

} // namespace metaexamples
