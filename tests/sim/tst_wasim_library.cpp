// The simulator in-process, the way the console's local mode and demos use it.

#include "core/clock.h"
#include "sim/signature.h"
#include "sim/whatsappsimulator.h"
#include "simtesthelpers.h"

#include <QJsonArray>
#include <QTest>

using namespace handover;
using namespace handover::sim;
using simtest::httpCall;
using simtest::toJson;

namespace {

const QByteArray kSecret = QByteArrayLiteral("library-secret");
const QByteArray kToken = QByteArrayLiteral("library-token");
const QString kPhoneId = QStringLiteral("106540352242922");
const QString kCustomer = QStringLiteral("919999990001");

QByteArray templateRequest(const QString &to, const QString &payload)
{
    return toJson(QJsonObject{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("to"), to},
        {QStringLiteral("type"), QStringLiteral("template")},
        {QStringLiteral("template"),
         QJsonObject{
             {QStringLiteral("name"), QStringLiteral("order_update")},
             {QStringLiteral("language"), QJsonObject{{QStringLiteral("code"), QStringLiteral("en")}}},
             {QStringLiteral("components"),
              QJsonArray{
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("button")},
                              {QStringLiteral("sub_type"), QStringLiteral("quick_reply")},
                              {QStringLiteral("index"), QStringLiteral("0")},
                              {QStringLiteral("parameters"),
                               QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("payload")},
                                                      {QStringLiteral("payload"), payload}}}}}}}}}});
}

// Waits for a delivery and returns what it reported.
DeliveryResult waitFor(WebhookDelivery *delivery)
{
    QSignalSpy finished(delivery, &WebhookDelivery::finished);
    if (!finished.wait(10000))
        return DeliveryResult{QString(), 0, QByteArray(), QStringLiteral("timed out"), false};
    return finished.first().first().value<DeliveryResult>();
}

} // namespace

class TestWaSimLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void businessSendIsRecordedAndAnnounced();
    void sendNeedsTheAccessToken();
    void inboundTextReachesTheWebhookSigned();
    void buttonTapNamesTheRegisteredBusinessPhone();
    void statusNamesTheRecipientOfTheMessage();
    void statusForAnUnknownMessageIsRefused();
    void deliveryReportsTheServersStatus();
    void unreachableServerIsReported();
    void verificationEchoesTheChallenge();
    void recordedMessagesAreBounded();
    void oversizedBodiesAreRefused();
    void controlApiRefusesBadInput();
    void openSimulatorLooksUpAnyPhone();
    void registeredPhoneIsLookedUpOnlyWithItsToken();
    void registeredPhoneSendsOnlyWithItsToken();
    void customerMediaIsStoredAndNamedInTheWebhook();
    void downloadUrlsLastFiveMinutes();
    void mediaTakesABearerEvenFromAnOpenSimulator();

private:
    std::unique_ptr<FakeClock> m_clock;
    std::unique_ptr<simtest::WebhookReceiver> m_receiver;
    std::unique_ptr<WhatsAppSimulator> m_sim;

    SimulatorOptions options() const
    {
        SimulatorOptions options;
        options.webhookUrl = m_receiver->url();
        options.appSecret = kSecret;
        options.accessToken = kToken;
        options.verifyToken = QStringLiteral("verify-me");
        options.clock = m_clock.get();
        return options;
    }
    QUrl url(const QString &path) const { return m_sim->graphUrl().resolved(QUrl(path)); }
    simtest::HttpResult send(const QByteArray &body)
    {
        return httpCall("POST", url(QStringLiteral("/v21.0/") + kPhoneId + QStringLiteral("/messages")), body,
                        {{"Authorization", "Bearer " + kToken}});
    }
};

void TestWaSimLibrary::init()
{
    qRegisterMetaType<DeliveryResult>();
    m_clock = std::make_unique<FakeClock>();
    m_receiver = std::make_unique<simtest::WebhookReceiver>();
    QVERIFY(m_receiver->isListening());
    m_sim = std::make_unique<WhatsAppSimulator>(options());
    QVERIFY(m_sim->listen());
    QVERIFY(m_sim->port() != 0);
}

void TestWaSimLibrary::cleanup()
{
    m_sim.reset();
    m_receiver.reset();
    m_clock.reset();
}

void TestWaSimLibrary::businessSendIsRecordedAndAnnounced()
{
    QSignalSpy sent(m_sim.get(), &WhatsAppSimulator::businessMessageSent);
    const simtest::HttpResult answer =
        send(templateRequest(QStringLiteral("+919999990001"), QStringLiteral("yes-1")));
    QCOMPARE(answer.status, 200);
    const QString waMessageId = answer.json()[QStringLiteral("messages")][0][QStringLiteral("id")].toString();
    QVERIFY(waMessageId.startsWith(QStringLiteral("wamid.")));

    QTRY_COMPARE(sent.size(), 1);
    const auto announced = sent.first().first().value<OutboundMessage>();
    QCOMPARE(announced.waMessageId, waMessageId);
    QCOMPARE(announced.phoneNumberId, kPhoneId);
    QCOMPARE(announced.sentAt, m_clock->now());

    const QList<OutboundMessage> recorded = m_sim->messagesTo(QStringLiteral("+919999990001"));
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().templateName, QStringLiteral("order_update"));
    QCOMPARE(recorded.first().buttons.first().payload, QStringLiteral("yes-1"));
    QCOMPARE(m_sim->message(waMessageId)->to, kCustomer);
    QCOMPARE(m_sim->messageCount(), 1);

    const simtest::HttpResult second = send(templateRequest(kCustomer, QStringLiteral("yes-2")));
    QVERIFY(second.json()[QStringLiteral("messages")][0][QStringLiteral("id")].toString() != waMessageId);
    QCOMPARE(m_sim->messagesTo(kCustomer).size(), 2);
}

void TestWaSimLibrary::sendNeedsTheAccessToken()
{
    const QUrl sendUrl = url(QStringLiteral("/v21.0/") + kPhoneId + QStringLiteral("/messages"));
    const QByteArray body = templateRequest(kCustomer, QStringLiteral("p"));
    QCOMPARE(httpCall("POST", sendUrl, body).status, 401);
    QCOMPARE(httpCall("POST", sendUrl, body, {{"Authorization", "Bearer nope"}}).status, 401);
    QCOMPARE(httpCall("POST", sendUrl, body, {{"authorization", "bearer " + kToken}}).status, 200);
    QCOMPARE(m_sim->messageCount(), 1);

    SimulatorOptions open = options();
    open.accessToken.clear();
    WhatsAppSimulator openSim(open);
    QVERIFY(openSim.listen());
    const QUrl openUrl = openSim.graphUrl().resolved(QUrl(QStringLiteral("/v21.0/1/messages")));
    QCOMPARE(httpCall("POST", openUrl, body).status, 200);
}

void TestWaSimLibrary::inboundTextReachesTheWebhookSigned()
{
    const Result<WebhookDelivery *> started = m_sim->sendInboundText(
        QStringLiteral("+919999990001"), kPhoneId, QStringLiteral("Hello"), QStringLiteral("Asha"));
    QVERIFY(started.ok());
    const DeliveryResult result = waitFor(*started);
    QCOMPARE(result.httpStatus, 200);
    QVERIFY(result.waMessageId.startsWith(QStringLiteral("wamid.")));

    QCOMPARE(m_receiver->received.size(), 1);
    const simtest::ReceivedWebhook &hook = m_receiver->received.first();
    QVERIFY(verifyMetaSignature(hook.body, kSecret, hook.signature));
    QVERIFY(hook.contentType.startsWith("application/json"));
    const QJsonObject message = hook.value()[QStringLiteral("messages")][0].toObject();
    QCOMPARE(message[QStringLiteral("id")].toString(), result.waMessageId);
    QCOMPARE(message[QStringLiteral("from")].toString(), kCustomer);
    QCOMPARE(message[QStringLiteral("text")][QStringLiteral("body")].toString(), QStringLiteral("Hello"));
    QCOMPARE(message[QStringLiteral("timestamp")].toString(),
             QString::number(m_clock->now().toSecsSinceEpoch()));
    QCOMPARE(hook.value()[QStringLiteral("contacts")][0][QStringLiteral("profile")][QStringLiteral("name")]
                 .toString(),
             QStringLiteral("Asha"));
}

void TestWaSimLibrary::buttonTapNamesTheRegisteredBusinessPhone()
{
    m_sim->addBusinessPhone(
        BusinessPhone{kPhoneId, QStringLiteral("15550783881"), QStringLiteral("102290129340398")});
    const Result<WebhookDelivery *> started = m_sim->sendButtonTap(
        kCustomer, kPhoneId,
        ButtonTap{QStringLiteral("wamid.TEMPLATE"), QStringLiteral("Yes"), QStringLiteral("yes-1")});
    QVERIFY(started.ok());
    QCOMPARE(waitFor(*started).httpStatus, 200);

    const simtest::ReceivedWebhook &hook = m_receiver->received.first();
    QCOMPARE(hook.json()[QStringLiteral("entry")][0][QStringLiteral("id")].toString(),
             QStringLiteral("102290129340398"));
    QCOMPARE(hook.value()[QStringLiteral("metadata")][QStringLiteral("display_phone_number")].toString(),
             QStringLiteral("15550783881"));
    const QJsonObject message = hook.value()[QStringLiteral("messages")][0].toObject();
    QCOMPARE(message[QStringLiteral("type")].toString(), QStringLiteral("button"));
    QCOMPARE(message[QStringLiteral("button")][QStringLiteral("payload")].toString(),
             QStringLiteral("yes-1"));
    QCOMPARE(message[QStringLiteral("context")][QStringLiteral("from")].toString(),
             QStringLiteral("15550783881"));
    QCOMPARE(message[QStringLiteral("context")][QStringLiteral("id")].toString(),
             QStringLiteral("wamid.TEMPLATE"));
}

void TestWaSimLibrary::statusNamesTheRecipientOfTheMessage()
{
    const QString waMessageId = send(templateRequest(kCustomer, QStringLiteral("p")))
                                    .json()[QStringLiteral("messages")][0][QStringLiteral("id")]
                                    .toString();
    const Result<WebhookDelivery *> started =
        m_sim->sendStatus(waMessageId, QStringLiteral("failed"),
                          StatusError{131026, QStringLiteral("Undeliverable"), {}, {}, {}});
    QVERIFY(started.ok());
    QCOMPARE(waitFor(*started).httpStatus, 200);

    const QJsonObject status = m_receiver->received.first().value()[QStringLiteral("statuses")][0].toObject();
    QCOMPARE(status[QStringLiteral("id")].toString(), waMessageId);
    QCOMPARE(status[QStringLiteral("status")].toString(), QStringLiteral("failed"));
    QCOMPARE(status[QStringLiteral("recipient_id")].toString(), kCustomer);
    QCOMPARE(status[QStringLiteral("errors")][0][QStringLiteral("code")].toInt(), 131026);
    QCOMPARE(m_receiver->received.first()
                 .value()[QStringLiteral("metadata")][QStringLiteral("phone_number_id")]
                 .toString(),
             kPhoneId);
}

void TestWaSimLibrary::statusForAnUnknownMessageIsRefused()
{
    const Result<WebhookDelivery *> started =
        m_sim->sendStatus(QStringLiteral("wamid.NOPE"), QStringLiteral("read"));
    QVERIFY(!started.ok());
    QCOMPARE(started.code(), ErrorCode::NotFound);
    QCOMPARE(m_receiver->received.size(), 0);
}

void TestWaSimLibrary::deliveryReportsTheServersStatus()
{
    m_receiver->answerStatus = 401;
    const simtest::HttpResult answer = httpCall("POST", url(QStringLiteral("/sim/inbound")),
                                                toJson({{QStringLiteral("from"), kCustomer},
                                                        {QStringLiteral("phone_number_id"), kPhoneId},
                                                        {QStringLiteral("text"), QStringLiteral("hi")}}));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json()[QStringLiteral("status")].toInt(), 401);
    QVERIFY(answer.json()[QStringLiteral("wa_message_id")].toString().startsWith(QStringLiteral("wamid.")));
}

void TestWaSimLibrary::unreachableServerIsReported()
{
    m_sim->setWebhookUrl(QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(simtest::closedPort()) +
                              QStringLiteral("/webhooks/whatsapp")));
    const Result<WebhookDelivery *> started =
        m_sim->sendInboundText(kCustomer, kPhoneId, QStringLiteral("hi"));
    QVERIFY(started.ok());
    const DeliveryResult result = waitFor(*started);
    QVERIFY(!result.reached());
    QVERIFY(!result.error.isEmpty());

    const simtest::HttpResult answer = httpCall("POST", url(QStringLiteral("/sim/inbound")),
                                                toJson({{QStringLiteral("from"), kCustomer},
                                                        {QStringLiteral("phone_number_id"), kPhoneId},
                                                        {QStringLiteral("text"), QStringLiteral("hi")}}));
    QCOMPARE(answer.status, 502);
    QVERIFY(!answer.json()[QStringLiteral("error")].toString().isEmpty());

    m_sim->setWebhookUrl(QUrl());
    const DeliveryResult unconfigured =
        waitFor(*m_sim->sendInboundText(kCustomer, kPhoneId, QStringLiteral("hi")));
    QVERIFY(!unconfigured.reached());
}

void TestWaSimLibrary::verificationEchoesTheChallenge()
{
    const DeliveryResult result = waitFor(m_sim->verifyWebhook(QStringLiteral("1158201444")));
    QCOMPARE(result.httpStatus, 200);
    QVERIFY(result.challengeEchoed);
    QCOMPARE(result.responseBody, QByteArrayLiteral("1158201444"));

    const DeliveryResult wrongToken = waitFor(
        verifyWebhookSubscription(m_receiver->url(), QStringLiteral("wrong"), QStringLiteral("42"), this));
    QCOMPARE(wrongToken.httpStatus, 403);
    QVERIFY(!wrongToken.challengeEchoed);

    const simtest::HttpResult viaHttp = httpCall("POST", url(QStringLiteral("/sim/verify")));
    QCOMPARE(viaHttp.status, 200);
    QCOMPARE(viaHttp.json()[QStringLiteral("challenge_echoed")].toBool(), true);
    QCOMPARE(m_receiver->verifications, 3);
}

void TestWaSimLibrary::recordedMessagesAreBounded()
{
    SimulatorOptions small = options();
    small.maxRecordedMessages = 3;
    m_sim = std::make_unique<WhatsAppSimulator>(small);
    QVERIFY(m_sim->listen());
    QStringList ids;
    for (int i = 0; i < 5; ++i)
        ids.append(send(templateRequest(kCustomer, QString::number(i)))
                       .json()[QStringLiteral("messages")][0][QStringLiteral("id")]
                       .toString());
    QCOMPARE(m_sim->messageCount(), 3);
    QVERIFY(!m_sim->message(ids.at(0)));
    const QList<OutboundMessage> kept = m_sim->messagesTo(kCustomer);
    QCOMPARE(kept.size(), 3);
    QCOMPARE(kept.first().waMessageId, ids.at(2));
    QCOMPARE(kept.last().waMessageId, ids.at(4));
}

void TestWaSimLibrary::oversizedBodiesAreRefused()
{
    SimulatorOptions small = options();
    small.maxBodyBytes = 2048;
    small.maxMediaRequestBytes = 2048; // /sim/inbound carries media, so it has the media limit
    m_sim = std::make_unique<WhatsAppSimulator>(small);
    QVERIFY(m_sim->listen());
    const QString big(3000, QLatin1Char('a'));
    const QByteArray text = toJson({{QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                                    {QStringLiteral("to"), kCustomer},
                                    {QStringLiteral("text"), QJsonObject{{QStringLiteral("body"), big}}}});
    QCOMPARE(send(text).status, 413);
    const QByteArray inbound = toJson({{QStringLiteral("from"), kCustomer},
                                       {QStringLiteral("phone_number_id"), kPhoneId},
                                       {QStringLiteral("text"), big}});
    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/inbound")), inbound).status, 413);
    QCOMPARE(m_sim->messageCount(), 0);
    QCOMPARE(m_receiver->received.size(), 0);
}

void TestWaSimLibrary::controlApiRefusesBadInput()
{
    QCOMPARE(httpCall("GET", url(QStringLiteral("/sim/health"))).status, 200);
    const simtest::HttpResult noTo = httpCall("GET", url(QStringLiteral("/sim/messages")));
    QCOMPARE(noTo.status, 400);
    QVERIFY(noTo.json()[QStringLiteral("error")].isString());
    QCOMPARE(httpCall("GET", url(QStringLiteral("/sim/messages?to=919999990009")))
                 .json()[QStringLiteral("messages")]
                 .toArray()
                 .size(),
             0);
    const simtest::HttpResult badJson = httpCall("POST", url(QStringLiteral("/sim/inbound")), "{nope");
    QCOMPARE(badJson.status, 400);
    QVERIFY(badJson.json()[QStringLiteral("error")].isString());
    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/status")),
                      R"({"wa_message_id":"wamid.NOPE","status":"read"})")
                 .status,
             400);
    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/phones")), R"({"phone_number_id":"1"})").status, 400);
    QCOMPARE(httpCall("GET", url(QStringLiteral("/sim/nothing"))).status, 404);
    QCOMPARE(
        httpCall("POST", url(QStringLiteral("/v0/1/messages")), "{}", {{"Authorization", "Bearer " + kToken}})
            .status,
        400);
    QCOMPARE(m_receiver->received.size(), 0);
}

void TestWaSimLibrary::openSimulatorLooksUpAnyPhone()
{
    const simtest::HttpResult found =
        httpCall("GET", url(QStringLiteral("/v21.0/4242?fields=id,display_phone_number,verified_name")), {},
                 {{"Authorization", "Bearer " + kToken}});
    QCOMPARE(found.status, 200);
    QCOMPARE(found.json()[QStringLiteral("id")].toString(), QStringLiteral("4242"));
    QCOMPARE(found.json()[QStringLiteral("display_phone_number")].toString(), QStringLiteral("+4242"));
    QVERIFY(!found.json()[QStringLiteral("verified_name")].toString().isEmpty());
    // Started with an access token, the open simulator takes only that one.
    QCOMPARE(
        httpCall("GET", url(QStringLiteral("/v21.0/4242")), {}, {{"Authorization", "Bearer other"}}).status,
        401);
}

void TestWaSimLibrary::registeredPhoneIsLookedUpOnlyWithItsToken()
{
    const QByteArray owner = QByteArrayLiteral("EAAG-owner-of-the-number");
    const simtest::HttpResult registered =
        httpCall("POST", url(QStringLiteral("/sim/phones")),
                 toJson({{QStringLiteral("phone_number_id"), kPhoneId},
                         {QStringLiteral("display_phone_number"), QStringLiteral("+1 555 078 3881")},
                         {QStringLiteral("verified_name"), QStringLiteral("Acme Clinics")},
                         {QStringLiteral("access_token"), QString::fromLatin1(owner)}}));
    QCOMPARE(registered.status, 200);
    QVERIFY(!registered.json().contains(QStringLiteral("access_token")));

    const QUrl node = url(QStringLiteral("/v21.0/") + kPhoneId);
    const simtest::HttpResult found = httpCall("GET", node, {}, {{"Authorization", "Bearer " + owner}});
    QCOMPARE(found.status, 200);
    QCOMPARE(found.json(),
             (QJsonObject{{QStringLiteral("id"), kPhoneId},
                          {QStringLiteral("display_phone_number"), QStringLiteral("+15550783881")},
                          {QStringLiteral("verified_name"), QStringLiteral("Acme Clinics")}}));

    for (const QByteArray &wrong : {kToken, QByteArrayLiteral("EAAG-someone-else"), QByteArray()}) {
        const simtest::HttpResult refused = httpCall("GET", node, {}, {{"Authorization", "Bearer " + wrong}});
        QCOMPARE(refused.status, 401);
        QVERIFY(refused.header("WWW-Authenticate").startsWith("OAuth"));
        const QJsonObject error = refused.json()[QStringLiteral("error")].toObject();
        QCOMPARE(error[QStringLiteral("type")].toString(), QStringLiteral("OAuthException"));
        QCOMPARE(error[QStringLiteral("code")].toInt(), 190);
        QVERIFY(!error[QStringLiteral("message")].toString().isEmpty());
        QVERIFY(!error[QStringLiteral("fbtrace_id")].toString().isEmpty());
    }

    // The owner's token sees no phone the simulator does not know.
    const simtest::HttpResult unknown =
        httpCall("GET", url(QStringLiteral("/v21.0/999")), {}, {{"Authorization", "Bearer " + owner}});
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.json()[QStringLiteral("error")][QStringLiteral("code")].toInt(), 100);
    QCOMPARE(unknown.json()[QStringLiteral("error")][QStringLiteral("error_subcode")].toInt(), 33);
    QCOMPARE(httpCall("GET", url(QStringLiteral("/sim/nothing"))).status, 404);
}

void TestWaSimLibrary::registeredPhoneSendsOnlyWithItsToken()
{
    const QByteArray owner = QByteArrayLiteral("EAAG-owner-of-the-number");
    m_sim->registerPhone(PhoneRegistration{
        BusinessPhone{kPhoneId, QStringLiteral("15550783881"), QStringLiteral("102290129340398")},
        {},
        owner});
    const QUrl sendUrl = url(QStringLiteral("/v21.0/") + kPhoneId + QStringLiteral("/messages"));
    const QByteArray body = templateRequest(kCustomer, QStringLiteral("p"));
    QCOMPARE(httpCall("POST", sendUrl, body, {{"Authorization", "Bearer " + kToken}}).status, 401);
    QCOMPARE(httpCall("POST", sendUrl, body, {{"Authorization", "Bearer " + owner}}).status, 200);
    const QUrl otherPhone = url(QStringLiteral("/v21.0/999/messages"));
    QCOMPARE(httpCall("POST", otherPhone, body, {{"Authorization", "Bearer " + owner}}).status, 400);
    QCOMPARE(m_sim->messageCount(), 1);

    // Every recorded send shows the token it carried.
    QCOMPARE(m_sim->messagesTo(kCustomer).first().accessToken, owner);
    const simtest::HttpResult listed = httpCall("GET", url(QStringLiteral("/sim/messages?to=") + kCustomer));
    QCOMPARE(listed.json()[QStringLiteral("messages")][0][QStringLiteral("access_token")].toString(),
             QString::fromLatin1(owner));
}

void TestWaSimLibrary::customerMediaIsStoredAndNamedInTheWebhook()
{
    CustomerMessage photo;
    photo.from = kCustomer;
    photo.phoneNumberId = kPhoneId;
    photo.media = InboundMedia{};
    photo.media->kind = QStringLiteral("image");
    photo.media->bytes = QByteArrayLiteral("\x89PNG a photo");
    photo.media->mimeType = QStringLiteral("image/png");
    const Result<WebhookDelivery *> started = m_sim->sendInbound(photo);
    QVERIFY(started.ok());
    QCOMPARE(waitFor(*started).httpStatus, 200);
    const QJsonObject image = m_receiver->received.last()
                                  .value()[QStringLiteral("messages")][0][QStringLiteral("image")]
                                  .toObject();
    const std::optional<MediaAsset> stored = m_sim->media(image[QStringLiteral("id")].toString());
    QVERIFY(stored);
    QCOMPARE(stored->bytes, photo.media->bytes);
    QCOMPARE(stored->phoneNumberId, kPhoneId);
    QCOMPARE(image[QStringLiteral("sha256")].toString(), QString::fromLatin1(stored->sha256.toBase64()));

    // Media stored beforehand is named by its id; the webhook describes it.
    CustomerMessage again = photo;
    again.media = InboundMedia{};
    again.media->kind = QStringLiteral("document");
    again.media->id =
        m_sim->addMedia(kPhoneId, "%PDF-1.4", QStringLiteral("application/pdf"), QStringLiteral("a.pdf"));
    again.media->filename = QStringLiteral("a.pdf");
    const Result<WebhookDelivery *> second = m_sim->sendInbound(again);
    QVERIFY(second.ok());
    QCOMPARE(waitFor(*second).httpStatus, 200);
    const QJsonObject document = m_receiver->received.last()
                                     .value()[QStringLiteral("messages")][0][QStringLiteral("document")]
                                     .toObject();
    QCOMPARE(document[QStringLiteral("mime_type")].toString(), QStringLiteral("application/pdf"));
    QVERIFY(!document[QStringLiteral("sha256")].toString().isEmpty());

    again.media->id = QStringLiteral("999");
    again.media->sha256.clear();
    QCOMPARE(m_sim->sendInbound(again).code(), ErrorCode::NotFound);
    photo.media->mimeType = QStringLiteral("application/pdf");
    QCOMPARE(m_sim->sendInbound(photo).code(), ErrorCode::ValidationFailed);
}

void TestWaSimLibrary::downloadUrlsLastFiveMinutes()
{
    const QString id = m_sim->addMedia(kPhoneId, "\xff\xd8\xff jpeg", QStringLiteral("image/jpeg"));
    const auto lookUp = [this, &id] {
        return QUrl(
            httpCall("GET", url(QStringLiteral("/v21.0/") + id), {}, {{"Authorization", "Bearer " + kToken}})
                .json()[QStringLiteral("url")]
                .toString());
    };
    const QUrl download = lookUp();
    const auto fetch = [](const QUrl &at) {
        return httpCall("GET", at, {}, {{"Authorization", "Bearer " + kToken}}).status;
    };
    m_clock->advanceSecs(300);
    QCOMPARE(fetch(download), 200);
    QCOMPARE(httpCall("GET", download).status, 401);
    m_clock->advanceSecs(1);
    QCOMPARE(fetch(download), 404);
    QCOMPARE(fetch(lookUp()), 200); // a new lookup names a new URL
}

void TestWaSimLibrary::mediaTakesABearerEvenFromAnOpenSimulator()
{
    SimulatorOptions open = options();
    open.accessToken.clear();
    m_sim = std::make_unique<WhatsAppSimulator>(open);
    QVERIFY(m_sim->listen());
    const QString id = m_sim->addMedia(kPhoneId, "\x89PNG", QStringLiteral("image/png"));
    QCOMPARE(httpCall("GET", url(QStringLiteral("/v21.0/") + id)).status, 401);
    QCOMPARE(
        httpCall("GET", url(QStringLiteral("/v21.0/") + id), {}, {{"Authorization", "Bearer any"}}).status,
        200);
    // Phone lookups and sends stay open, as before.
    QCOMPARE(httpCall("GET", url(QStringLiteral("/v21.0/4242"))).status, 200);
}

QTEST_GUILESS_MAIN(TestWaSimLibrary)
#include "tst_wasim_library.moc"
