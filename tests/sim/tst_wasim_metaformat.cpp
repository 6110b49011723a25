#include "sim/metaformat.h"
#include "simtesthelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>
#include <initializer_list>

using namespace handover::sim;

namespace {

QStringList keysOf(const QJsonValue &value)
{
    QStringList keys = value.toObject().keys();
    keys.sort();
    return keys;
}

QStringList sorted(std::initializer_list<const char *> names)
{
    QStringList keys;
    for (const char *name : names)
        keys.append(QString::fromLatin1(name));
    keys.sort();
    return keys;
}

QJsonObject onlyChangeValue(const QJsonObject &envelope)
{
    return envelope[QStringLiteral("entry")][0][QStringLiteral("changes")][0][QStringLiteral("value")]
        .toObject();
}

const BusinessPhone kPhone{QStringLiteral("106540352242922"), QStringLiteral("15550783881"),
                           QStringLiteral("102290129340398")};

QJsonObject parseJson(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestWaSimMetaFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textEnvelopeHasMetaFields();
    void buttonEnvelopeHasMetaFields();
    void statusEnvelopeHasMetaFields();
    void failedStatusCarriesErrors();
    void unknownWabaIsZero();
    void sendRequestAccepted_data();
    void sendRequestAccepted();
    void templateRequestIsReadIntoItsParts();
    void sendRequestRejected_data();
    void sendRequestRejected();
    void errorBodyHasMetaShape();
    void invalidTokenIsOAuthError();
    void sendResponseHasMetaShape();
    void verificationUrlCarriesHubParameters();
    void phoneDigits_data();
    void phoneDigits();
};

void TestWaSimMetaFormat::textEnvelopeHasMetaFields()
{
    CustomerMessage message;
    message.from = QStringLiteral("919999990001");
    message.phoneNumberId = kPhone.phoneNumberId;
    message.profileName = QStringLiteral("Asha");
    message.text = QStringLiteral("Hello there");
    message.waMessageId = QStringLiteral("wamid.ABC");
    message.timestamp = 1767258000;
    const QJsonObject envelope = customerMessageEnvelope(kPhone, message);

    QCOMPARE(keysOf(envelope), sorted({"object", "entry"}));
    QCOMPARE(envelope[QStringLiteral("object")].toString(), QStringLiteral("whatsapp_business_account"));
    const QJsonValue entry = envelope[QStringLiteral("entry")][0];
    QCOMPARE(envelope[QStringLiteral("entry")].toArray().size(), 1);
    QCOMPARE(keysOf(entry), sorted({"id", "changes"}));
    QCOMPARE(entry[QStringLiteral("id")].toString(), kPhone.wabaId);
    const QJsonValue change = entry[QStringLiteral("changes")][0];
    QCOMPARE(keysOf(change), sorted({"field", "value"}));
    QCOMPARE(change[QStringLiteral("field")].toString(), QStringLiteral("messages"));

    const QJsonObject value = onlyChangeValue(envelope);
    QCOMPARE(keysOf(value), sorted({"messaging_product", "metadata", "contacts", "messages"}));
    QCOMPARE(value[QStringLiteral("messaging_product")].toString(), QStringLiteral("whatsapp"));
    QCOMPARE(keysOf(value[QStringLiteral("metadata")]), sorted({"display_phone_number", "phone_number_id"}));
    QCOMPARE(value[QStringLiteral("metadata")][QStringLiteral("display_phone_number")].toString(),
             kPhone.displayPhoneNumber);
    QCOMPARE(value[QStringLiteral("metadata")][QStringLiteral("phone_number_id")].toString(),
             kPhone.phoneNumberId);

    const QJsonValue contact = value[QStringLiteral("contacts")][0];
    QCOMPARE(keysOf(contact), sorted({"profile", "wa_id"}));
    QCOMPARE(keysOf(contact[QStringLiteral("profile")]), QStringList{QStringLiteral("name")});
    QCOMPARE(contact[QStringLiteral("profile")][QStringLiteral("name")].toString(), QStringLiteral("Asha"));
    QCOMPARE(contact[QStringLiteral("wa_id")].toString(), QStringLiteral("919999990001"));

    const QJsonValue wire = value[QStringLiteral("messages")][0];
    QCOMPARE(keysOf(wire), sorted({"from", "id", "timestamp", "type", "text"}));
    QCOMPARE(wire[QStringLiteral("from")].toString(), QStringLiteral("919999990001"));
    QCOMPARE(wire[QStringLiteral("id")].toString(), QStringLiteral("wamid.ABC"));
    QVERIFY2(wire[QStringLiteral("timestamp")].isString(), "Meta writes the timestamp as a string");
    QCOMPARE(wire[QStringLiteral("timestamp")].toString(), QStringLiteral("1767258000"));
    QCOMPARE(wire[QStringLiteral("type")].toString(), QStringLiteral("text"));
    QCOMPARE(keysOf(wire[QStringLiteral("text")]), QStringList{QStringLiteral("body")});
    QCOMPARE(wire[QStringLiteral("text")][QStringLiteral("body")].toString(), QStringLiteral("Hello there"));
}

void TestWaSimMetaFormat::buttonEnvelopeHasMetaFields()
{
    CustomerMessage message;
    message.from = QStringLiteral("919999990001");
    message.phoneNumberId = kPhone.phoneNumberId;
    message.profileName = QStringLiteral("Asha");
    message.button =
        ButtonTap{QStringLiteral("wamid.TEMPLATE"), QStringLiteral("Yes please"), QStringLiteral("p-1")};
    message.waMessageId = QStringLiteral("wamid.TAP");
    message.timestamp = 1767258001;
    const QJsonObject value = onlyChangeValue(customerMessageEnvelope(kPhone, message));

    const QJsonValue wire = value[QStringLiteral("messages")][0];
    QCOMPARE(keysOf(wire), sorted({"context", "from", "id", "timestamp", "type", "button"}));
    QCOMPARE(wire[QStringLiteral("type")].toString(), QStringLiteral("button"));
    QCOMPARE(keysOf(wire[QStringLiteral("button")]), sorted({"payload", "text"}));
    QCOMPARE(wire[QStringLiteral("button")][QStringLiteral("payload")].toString(), QStringLiteral("p-1"));
    QCOMPARE(wire[QStringLiteral("button")][QStringLiteral("text")].toString(), QStringLiteral("Yes please"));
    QCOMPARE(keysOf(wire[QStringLiteral("context")]), sorted({"from", "id"}));
    QCOMPARE(wire[QStringLiteral("context")][QStringLiteral("from")].toString(), kPhone.displayPhoneNumber);
    QCOMPARE(wire[QStringLiteral("context")][QStringLiteral("id")].toString(),
             QStringLiteral("wamid.TEMPLATE"));
    QCOMPARE(value[QStringLiteral("contacts")][0][QStringLiteral("wa_id")].toString(),
             QStringLiteral("919999990001"));
}

void TestWaSimMetaFormat::statusEnvelopeHasMetaFields()
{
    const StatusUpdate status =
        simtest::statusUpdate(QStringLiteral("wamid.OUT"), QStringLiteral("delivered"), 1767258002);
    const QJsonObject envelope = statusEnvelope(kPhone, status);
    QCOMPARE(envelope[QStringLiteral("object")].toString(), QStringLiteral("whatsapp_business_account"));
    const QJsonObject value = onlyChangeValue(envelope);
    QCOMPARE(keysOf(value), sorted({"messaging_product", "metadata", "statuses"}));
    const QJsonValue wire = value[QStringLiteral("statuses")][0];
    QCOMPARE(keysOf(wire), sorted({"id", "status", "timestamp", "recipient_id"}));
    QCOMPARE(wire[QStringLiteral("id")].toString(), QStringLiteral("wamid.OUT"));
    QCOMPARE(wire[QStringLiteral("status")].toString(), QStringLiteral("delivered"));
    QCOMPARE(wire[QStringLiteral("timestamp")].toString(), QStringLiteral("1767258002"));
    QCOMPARE(wire[QStringLiteral("recipient_id")].toString(), QStringLiteral("919999990001"));
}

void TestWaSimMetaFormat::failedStatusCarriesErrors()
{
    StatusUpdate status =
        simtest::statusUpdate(QStringLiteral("wamid.OUT"), QStringLiteral("failed"), 1767258003);
    status.error = StatusError{131026, QStringLiteral("Message undeliverable"), {}, {}, {}};
    const QJsonValue wire = onlyChangeValue(statusEnvelope(kPhone, status))[QStringLiteral("statuses")][0];
    QVERIFY(wire.toObject().contains(QStringLiteral("errors")));
    const QJsonValue error = wire[QStringLiteral("errors")][0];
    QVERIFY(keysOf(error).contains(QStringLiteral("code")));
    QVERIFY(keysOf(error).contains(QStringLiteral("title")));
    QCOMPARE(error[QStringLiteral("code")].toInt(), 131026);
    QCOMPARE(error[QStringLiteral("title")].toString(), QStringLiteral("Message undeliverable"));

    status.error.reset();
    const QJsonValue defaulted =
        onlyChangeValue(statusEnvelope(kPhone, status))[QStringLiteral("statuses")][0];
    QCOMPARE(defaulted[QStringLiteral("errors")][0][QStringLiteral("code")].toInt(), 131000);
}

void TestWaSimMetaFormat::unknownWabaIsZero()
{
    const BusinessPhone phone{QStringLiteral("1"), QStringLiteral("15550000000"), QString()};
    const QJsonObject envelope =
        statusEnvelope(phone, simtest::statusUpdate(QStringLiteral("wamid.X"), QStringLiteral("read"), 1));
    QCOMPARE(envelope[QStringLiteral("entry")][0][QStringLiteral("id")].toString(), QStringLiteral("0"));
}

void TestWaSimMetaFormat::sendRequestAccepted_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");

    QTest::newRow("a text message")
        << QByteArray(R"({"messaging_product":"whatsapp","recipient_type":"individual","to":"919999990001",)"
                      R"("type":"text","text":{"preview_url":false,"body":"Hello"}})")
        << "text";
    QTest::newRow("a text message without type defaults to text")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"+919999990001","text":{"body":"Hi"}})")
        << "text";
    QTest::newRow("a reply with context")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"text",)"
                      R"("context":{"message_id":"wamid.IN"},"text":{"body":"Thanks"}})")
        << "text";
    QTest::newRow("a template without components")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"15551234567","type":"template",)"
                      R"("template":{"name":"hello_world","language":{"code":"en_US"}}})")
        << "template";
    QTest::newRow("a template with body parameters and quick replies")
        << QByteArray(
               R"({"messaging_product":"whatsapp","to":"919999990001","type":"template","template":{)"
               R"("name":"order_update","language":{"policy":"deterministic","code":"en"},"components":[)"
               R"({"type":"header","parameters":[{"type":"image","image":{"link":"https://x.invalid/a.png"}}]},)"
               R"({"type":"body","parameters":[{"type":"text","text":"Asha"},)"
               R"({"type":"currency","currency":{"fallback_value":"$10","code":"USD","amount_1000":10000}}]},)"
               R"({"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"yes"}]},)"
               R"({"type":"button","sub_type":"quick_reply","index":1,"parameters":[{"type":"payload","payload":"no"}]}]}})")
        << "template";
    QTest::newRow("a template with a url button")
        << QByteArray(
               R"({"messaging_product":"whatsapp","to":"919999990001","type":"template","template":{)"
               R"("name":"track","language":{"code":"en"},"components":[)"
               R"({"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"ab12"}]}]}})")
        << "template";
    QTest::newRow("interactive reply buttons")
        << QByteArray(
               R"({"messaging_product":"whatsapp","to":"919999990001","type":"interactive","interactive":{)"
               R"("type":"button","body":{"text":"Pick one"},"action":{"buttons":[)"
               R"({"type":"reply","reply":{"id":"a","title":"A"}},{"type":"reply","reply":{"id":"b","title":"B"}}]}}})")
        << "interactive";
    QTest::newRow("an image by link")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"image",)"
                      R"("image":{"link":"https://x.invalid/a.png"}})")
        << "image";
}

void TestWaSimMetaFormat::sendRequestAccepted()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    const SendRequestCheck check = parseSendRequest(body);
    QVERIFY2(check.ok(), check.ok() ? "" : qPrintable(check.error->details));
    QCOMPARE(check.message.type, type);
    QVERIFY(!check.message.to.isEmpty());
    QCOMPARE(check.message.request, QJsonDocument::fromJson(body).object());
}

void TestWaSimMetaFormat::templateRequestIsReadIntoItsParts()
{
    const SendRequestCheck check = parseSendRequest(parseJson(
        R"({"messaging_product":"whatsapp","to":"+91 99999-90001","type":"template","template":{)"
        R"("name":"order_update","language":{"code":"en"},"components":[)"
        R"({"type":"button","sub_type":"quick_reply","index":"1","parameters":[{"type":"payload","payload":"no"}]},)"
        R"({"type":"body","parameters":[{"type":"text","text":"Asha"},{"type":"text","text":"42"}]},)"
        R"({"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"yes"}]}]}})"));
    QVERIFY(check.ok());
    const OutboundMessage &message = check.message;
    QCOMPARE(message.to, QStringLiteral("919999990001"));
    QCOMPARE(message.input, QStringLiteral("+91 99999-90001"));
    QCOMPARE(message.templateName, QStringLiteral("order_update"));
    QCOMPARE(message.templateLanguage, QStringLiteral("en"));
    QCOMPARE(message.bodyParameters, (QStringList{QStringLiteral("Asha"), QStringLiteral("42")}));
    QCOMPARE(message.buttons.size(), 2);
    QCOMPARE(message.buttons.at(0),
             (OutboundButton{0, QStringLiteral("quick_reply"), QStringLiteral("yes"), {}}));
    QCOMPARE(message.buttons.at(1),
             (OutboundButton{1, QStringLiteral("quick_reply"), QStringLiteral("no"), {}}));
}

void TestWaSimMetaFormat::sendRequestRejected_data()
{
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("a body that is not JSON") << QByteArray("messaging_product=whatsapp");
    QTest::newRow("a JSON array") << QByteArray(R"([{"messaging_product":"whatsapp"}])");
    QTest::newRow("no messaging_product") << QByteArray(R"({"to":"919999990001","text":{"body":"x"}})");
    QTest::newRow("another messaging_product")
        << QByteArray(R"({"messaging_product":"sms","to":"919999990001","text":{"body":"x"}})");
    QTest::newRow("no recipient") << QByteArray(R"({"messaging_product":"whatsapp","text":{"body":"x"}})");
    QTest::newRow("a recipient that is no phone")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"abc","text":{"body":"x"}})");
    QTest::newRow("a recipient as a number")
        << QByteArray(R"({"messaging_product":"whatsapp","to":919999990001,"text":{"body":"x"}})");
    QTest::newRow("an unknown type") << QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"fax","fax":{}})");
    QTest::newRow("text without its object")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"text"})");
    QTest::newRow("text without a body")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"text","text":{}})");
    QTest::newRow("an empty text body") << QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"text","text":{"body":""}})");
    QTest::newRow("a text body over 4096 characters") << QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"text","text":{"body":")" +
        QByteArray(4097, 'a') + R"("}})");
    QTest::newRow("a template without its object")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"template"})");
    QTest::newRow("a template without a name")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
                      R"("template":{"language":{"code":"en"}}})");
    QTest::newRow("a template without a language")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
                      R"("template":{"name":"t"}})");
    QTest::newRow("a template language without a code")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
                      R"("template":{"name":"t","language":{"policy":"deterministic"}}})");
    QTest::newRow("components that are not an array")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
                      R"("template":{"name":"t","language":{"code":"en"},"components":{}}})");
    QTest::newRow("a body parameter without its text")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
                      R"("template":{"name":"t","language":{"code":"en"},"components":[)"
                      R"({"type":"body","parameters":[{"type":"text"}]}]}})");
    QTest::newRow("a body parameter of an unknown type")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
                      R"("template":{"name":"t","language":{"code":"en"},"components":[)"
                      R"({"type":"body","parameters":[{"type":"emoji","emoji":"x"}]}]}})");
    QTest::newRow("a quick reply without parameters")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
                      R"("template":{"name":"t","language":{"code":"en"},"components":[)"
                      R"({"type":"button","sub_type":"quick_reply","index":"0"}]}})");
    QTest::newRow("a quick reply with a text parameter instead of a payload") << QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
        R"("template":{"name":"t","language":{"code":"en"},"components":[)"
        R"({"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"text","text":"y"}]}]}})");
    QTest::newRow("a button without sub_type")
        << QByteArray(R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
                      R"("template":{"name":"t","language":{"code":"en"},"components":[)"
                      R"({"type":"button","index":"0","parameters":[{"type":"payload","payload":"y"}]}]}})");
    QTest::newRow("a button without index") << QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
        R"("template":{"name":"t","language":{"code":"en"},"components":[)"
        R"({"type":"button","sub_type":"quick_reply","parameters":[{"type":"payload","payload":"y"}]}]}})");
    QTest::newRow("a button index out of range") << QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
        R"("template":{"name":"t","language":{"code":"en"},"components":[)"
        R"({"type":"button","sub_type":"quick_reply","index":"10","parameters":[{"type":"payload","payload":"y"}]}]}})");
    QTest::newRow("two buttons with the same index") << QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
        R"("template":{"name":"t","language":{"code":"en"},"components":[)"
        R"({"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"y"}]},)"
        R"({"type":"button","sub_type":"quick_reply","index":0,"parameters":[{"type":"payload","payload":"n"}]}]}})");
    QTest::newRow("a component of an unknown type") << QByteArray(
        R"({"messaging_product":"whatsapp","to":"919999990001","type":"template",)"
        R"("template":{"name":"t","language":{"code":"en"},"components":[{"type":"sidebar"}]}})");
}

void TestWaSimMetaFormat::sendRequestRejected()
{
    QFETCH(QByteArray, body);
    const SendRequestCheck check = parseSendRequest(body);
    QVERIFY(!check.ok());
    QCOMPARE(check.error->httpStatus, 400);
    QCOMPARE(check.error->code, 100);
    QCOMPARE(check.error->type, QStringLiteral("OAuthException"));
    QVERIFY(check.error->message.startsWith(QStringLiteral("(#100) ")));

    const QJsonObject body400 = metaErrorBody(*check.error, QStringLiteral("Atrace"));
    QCOMPARE(body400.keys(), QStringList{QStringLiteral("error")});
    const QJsonObject error = body400[QStringLiteral("error")].toObject();
    QCOMPARE(error[QStringLiteral("code")].toInt(), 100);
    QCOMPARE(error[QStringLiteral("type")].toString(), QStringLiteral("OAuthException"));
    QVERIFY(!error[QStringLiteral("message")].toString().isEmpty());
}

void TestWaSimMetaFormat::errorBodyHasMetaShape()
{
    const QJsonObject body =
        metaErrorBody(MetaError::missingParameter(QStringLiteral("to")), QStringLiteral("Atrace"));
    const QJsonObject error = body[QStringLiteral("error")].toObject();
    QCOMPARE(keysOf(error), sorted({"message", "type", "code", "error_data", "fbtrace_id"}));
    QCOMPARE(error[QStringLiteral("message")].toString(),
             QStringLiteral("(#100) The parameter to is required."));
    QCOMPARE(error[QStringLiteral("fbtrace_id")].toString(), QStringLiteral("Atrace"));
    QCOMPARE(keysOf(error[QStringLiteral("error_data")]), sorted({"messaging_product", "details"}));
    QCOMPARE(error[QStringLiteral("error_data")][QStringLiteral("messaging_product")].toString(),
             QStringLiteral("whatsapp"));
}

void TestWaSimMetaFormat::invalidTokenIsOAuthError()
{
    const MetaError error = MetaError::invalidAccessToken();
    QCOMPARE(error.httpStatus, 401);
    const QJsonObject inner =
        metaErrorBody(error, QStringLiteral("Atrace"))[QStringLiteral("error")].toObject();
    QCOMPARE(keysOf(inner), sorted({"message", "type", "code", "fbtrace_id"}));
    QCOMPARE(inner[QStringLiteral("code")].toInt(), 190);
    QCOMPARE(inner[QStringLiteral("type")].toString(), QStringLiteral("OAuthException"));
}

void TestWaSimMetaFormat::sendResponseHasMetaShape()
{
    OutboundMessage message;
    message.input = QStringLiteral("+919999990001");
    message.to = QStringLiteral("919999990001");
    message.waMessageId = QStringLiteral("wamid.OUT");
    const QJsonObject body = sendResponseBody(message);
    QCOMPARE(keysOf(body), sorted({"messaging_product", "contacts", "messages"}));
    QCOMPARE(body[QStringLiteral("messaging_product")].toString(), QStringLiteral("whatsapp"));
    QCOMPARE(body[QStringLiteral("contacts")][0].toObject(),
             (QJsonObject{{QStringLiteral("input"), QStringLiteral("+919999990001")},
                          {QStringLiteral("wa_id"), QStringLiteral("919999990001")}}));
    QCOMPARE(body[QStringLiteral("messages")][0].toObject(),
             (QJsonObject{{QStringLiteral("id"), QStringLiteral("wamid.OUT")},
                          {QStringLiteral("message_status"), QStringLiteral("accepted")}}));
}

void TestWaSimMetaFormat::verificationUrlCarriesHubParameters()
{
    const QUrl url = verificationUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/webhooks/whatsapp")),
                                     QStringLiteral("my token"), QStringLiteral("1158201444"));
    QCOMPARE(url.path(), QStringLiteral("/webhooks/whatsapp"));
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("hub.mode")), QStringLiteral("subscribe"));
    QCOMPARE(query.queryItemValue(QStringLiteral("hub.verify_token"), QUrl::FullyDecoded),
             QStringLiteral("my token"));
    QCOMPARE(query.queryItemValue(QStringLiteral("hub.challenge")), QStringLiteral("1158201444"));
}

void TestWaSimMetaFormat::phoneDigits_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("digits");
    QTest::newRow("E.164 loses its plus") << "+919999990001"
                                          << "919999990001";
    QTest::newRow("digits stay digits") << "919999990001"
                                        << "919999990001";
    QTest::newRow("spaces, dashes and brackets are dropped") << "+1 (555) 078-3881"
                                                             << "15550783881";
    QTest::newRow("letters are refused") << "91999999000a"
                                         << "";
    QTest::newRow("a plus in the middle is refused") << "91+9999990001"
                                                     << "";
    QTest::newRow("too short is refused") << "1234"
                                          << "";
    QTest::newRow("sixteen digits are refused") << "1234567890123456"
                                                << "";
    QTest::newRow("a leading zero is refused") << "0919999990001"
                                               << "";
    QTest::newRow("empty is refused") << ""
                                      << "";
}

void TestWaSimMetaFormat::phoneDigits()
{
    QFETCH(QString, phone);
    QFETCH(QString, digits);
    QCOMPARE(metaPhoneDigits(phone), digits);
}

QTEST_GUILESS_MAIN(TestWaSimMetaFormat)
#include "tst_wasim_metaformat.moc"
