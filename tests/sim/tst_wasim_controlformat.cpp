#include "sim/controlformat.h"
#include "sim/messagelog.h"

#include <QJsonArray>
#include <QTest>

using namespace handover;
using namespace handover::sim;

namespace {

OutboundMessage sentMessage(const QString &id, const QString &to)
{
    OutboundMessage message;
    message.waMessageId = id;
    message.to = to;
    message.type = QStringLiteral("text");
    message.text = id;
    return message;
}

QStringList idsOf(const QList<OutboundMessage> &messages)
{
    QStringList ids;
    for (const OutboundMessage &message : messages)
        ids.append(message.waMessageId);
    return ids;
}

} // namespace

class TestWaSimControlFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inboundTextIsRead();
    void inboundButtonIsRead();
    void inboundRefused_data();
    void inboundRefused();
    void statusIsRead();
    void statusRefused_data();
    void statusRefused();
    void businessPhoneIsRead();
    void recordedTemplateShowsNameParametersAndButtons();
    void logFindsByIdAndRecipient();
    void logDropsTheOldestPastItsCapacity();
};

void TestWaSimControlFormat::inboundTextIsRead()
{
    const Result<CustomerMessage> message = parseInboundRequest(
        R"({"from":"+919999990001","phone_number_id":"106540352242922","text":"Hi","profile_name":"Asha"})");
    QVERIFY(message.ok());
    QCOMPARE(message->from, QStringLiteral("919999990001"));
    QCOMPARE(message->phoneNumberId, QStringLiteral("106540352242922"));
    QCOMPARE(message->text, QStringLiteral("Hi"));
    QCOMPARE(message->profileName, QStringLiteral("Asha"));
    QVERIFY(!message->button);
    QVERIFY(message->waMessageId.isEmpty());
    QCOMPARE(message->timestamp, 0);
}

void TestWaSimControlFormat::inboundButtonIsRead()
{
    const Result<CustomerMessage> message = parseInboundRequest(
        R"({"from":"919999990001","phone_number_id":"1","wa_message_id":"wamid.AGAIN",)"
        R"("timestamp":"1767258000","button":{"context_id":"wamid.T","text":"Yes","payload":"p"}})");
    QVERIFY(message.ok());
    QVERIFY(message->button.has_value());
    QCOMPARE(*message->button,
             (ButtonTap{QStringLiteral("wamid.T"), QStringLiteral("Yes"), QStringLiteral("p")}));
    QCOMPARE(message->waMessageId, QStringLiteral("wamid.AGAIN"));
    QCOMPARE(message->timestamp, 1767258000);
}

void TestWaSimControlFormat::inboundRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << QByteArray("from=1");
    QTest::newRow("not an object") << QByteArray("[]");
    QTest::newRow("no from") << QByteArray(R"({"phone_number_id":"1","text":"x"})");
    QTest::newRow("a from that is no phone")
        << QByteArray(R"({"from":"abc","phone_number_id":"1","text":"x"})");
    QTest::newRow("no phone_number_id") << QByteArray(R"({"from":"919999990001","text":"x"})");
    QTest::newRow("neither text nor button")
        << QByteArray(R"({"from":"919999990001","phone_number_id":"1"})");
    QTest::newRow("both text and button")
        << QByteArray(R"({"from":"919999990001","phone_number_id":"1","text":"x",)"
                      R"("button":{"context_id":"c","text":"t","payload":"p"}})");
    QTest::newRow("an empty text") << QByteArray(
        R"({"from":"919999990001","phone_number_id":"1","text":""})");
    QTest::newRow("a button without context_id")
        << QByteArray(R"({"from":"919999990001","phone_number_id":"1","button":{"text":"t","payload":"p"}})");
    QTest::newRow("a button without payload") << QByteArray(
        R"({"from":"919999990001","phone_number_id":"1","button":{"context_id":"c","text":"t"}})");
    QTest::newRow("a profile name that is a number")
        << QByteArray(R"({"from":"919999990001","phone_number_id":"1","text":"x","profile_name":7})");
    QTest::newRow("a negative timestamp")
        << QByteArray(R"({"from":"919999990001","phone_number_id":"1","text":"x","timestamp":-5})");
}

void TestWaSimControlFormat::inboundRefused()
{
    QFETCH(QByteArray, body);
    const Result<CustomerMessage> message = parseInboundRequest(body);
    QVERIFY(!message.ok());
    QVERIFY(!message.error().description.isEmpty());
}

void TestWaSimControlFormat::statusIsRead()
{
    const Result<StatusUpdate> failed = parseStatusRequest(
        R"({"wa_message_id":"wamid.X","status":"failed","error":{"code":131026,"title":"Message undeliverable"}})");
    QVERIFY(failed.ok());
    QCOMPARE(failed->status, QStringLiteral("failed"));
    QCOMPARE(failed->error, (StatusError{131026, QStringLiteral("Message undeliverable"), {}, {}, {}}));

    const Result<StatusUpdate> titled =
        parseStatusRequest(R"({"wa_message_id":"wamid.X","status":"failed","error":"Boom"})");
    QVERIFY(titled.ok());
    QCOMPARE(titled->error, (StatusError{131000, QStringLiteral("Boom"), {}, {}, {}}));

    const Result<StatusUpdate> read =
        parseStatusRequest(R"({"wa_message_id":"wamid.X","status":"read","error":"x"})");
    QVERIFY(read.ok());
    QVERIFY2(!read->error, "only failed statuses carry errors");
}

void TestWaSimControlFormat::statusRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << QByteArray("{");
    QTest::newRow("no wa_message_id") << QByteArray(R"({"status":"read"})");
    QTest::newRow("no status") << QByteArray(R"({"wa_message_id":"wamid.X"})");
    QTest::newRow("an unknown status") << QByteArray(R"({"wa_message_id":"wamid.X","status":"seen"})");
    QTest::newRow("an error that is a number")
        << QByteArray(R"({"wa_message_id":"wamid.X","status":"failed","error":5})");
}

void TestWaSimControlFormat::statusRefused()
{
    QFETCH(QByteArray, body);
    QVERIFY(!parseStatusRequest(body).ok());
}

void TestWaSimControlFormat::businessPhoneIsRead()
{
    const Result<PhoneRegistration> phone = parseBusinessPhoneRequest(
        R"({"phone_number_id":"106","display_phone_number":"+1 555 078 3881","waba_id":"102"})");
    QVERIFY(phone.ok());
    QCOMPARE(phone->phone,
             (BusinessPhone{QStringLiteral("106"), QStringLiteral("15550783881"), QStringLiteral("102")}));
    QVERIFY(phone->accessToken.isEmpty());
    QVERIFY(!parseBusinessPhoneRequest(R"({"phone_number_id":"106"})").ok());

    const Result<PhoneRegistration> owned =
        parseBusinessPhoneRequest(R"({"phone_number_id":"106","display_phone_number":"15550783881",)"
                                  R"("verified_name":"Acme Clinics","access_token":"EAAG-106"})");
    QVERIFY(owned.ok());
    QCOMPARE(owned->verifiedName, QStringLiteral("Acme Clinics"));
    QCOMPARE(owned->accessToken, QByteArrayLiteral("EAAG-106"));
    QVERIFY(
        !parseBusinessPhoneRequest(R"({"phone_number_id":"106","display_phone_number":"1","access_token":7})")
             .ok());
}

void TestWaSimControlFormat::recordedTemplateShowsNameParametersAndButtons()
{
    OutboundMessage message;
    message.waMessageId = QStringLiteral("wamid.T");
    message.phoneNumberId = QStringLiteral("106");
    message.to = QStringLiteral("919999990001");
    message.type = QStringLiteral("template");
    message.templateName = QStringLiteral("order_update");
    message.templateLanguage = QStringLiteral("en");
    message.bodyParameters = {QStringLiteral("Asha")};
    message.buttons = {OutboundButton{0, QStringLiteral("quick_reply"), QStringLiteral("yes"), {}}};
    message.sentAt = QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);

    const QJsonObject json = outboundMessageJson(message);
    QCOMPARE(json[QStringLiteral("wa_message_id")].toString(), QStringLiteral("wamid.T"));
    QCOMPARE(json[QStringLiteral("type")].toString(), QStringLiteral("template"));
    QCOMPARE(json[QStringLiteral("phone_number_id")].toString(), QStringLiteral("106"));
    QCOMPARE(json[QStringLiteral("to")].toString(), QStringLiteral("919999990001"));
    QCOMPARE(json[QStringLiteral("sent_at")].toString(), QStringLiteral("2026-01-01T09:00:00.000Z"));
    QCOMPARE(json[QStringLiteral("template")][QStringLiteral("name")].toString(),
             QStringLiteral("order_update"));
    QCOMPARE(json[QStringLiteral("template")][QStringLiteral("language")].toString(), QStringLiteral("en"));
    QCOMPARE(json[QStringLiteral("template")][QStringLiteral("parameters")].toArray(),
             QJsonArray{QStringLiteral("Asha")});
    const QJsonObject button = json[QStringLiteral("buttons")][0].toObject();
    QCOMPARE(button[QStringLiteral("index")].toInt(), 0);
    QCOMPARE(button[QStringLiteral("payload")].toString(), QStringLiteral("yes"));
    QVERIFY2(!button.contains(QStringLiteral("text")), "a quick reply's label is not in Meta's send request");
    QVERIFY(!json.contains(QStringLiteral("text")));
}

void TestWaSimControlFormat::logFindsByIdAndRecipient()
{
    MessageLog log;
    log.append(sentMessage(QStringLiteral("a"), QStringLiteral("111111")));
    log.append(sentMessage(QStringLiteral("b"), QStringLiteral("222222")));
    log.append(sentMessage(QStringLiteral("c"), QStringLiteral("111111")));
    QCOMPARE(idsOf(log.sentTo(QStringLiteral("111111"))),
             (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
    QCOMPARE(idsOf(log.sentTo(QStringLiteral("222222"))), QStringList{QStringLiteral("b")});
    QVERIFY(log.sentTo(QStringLiteral("333333")).isEmpty());
    QCOMPARE(log.find(QStringLiteral("b"))->to, QStringLiteral("222222"));
    QVERIFY(!log.find(QStringLiteral("z")));
    log.clear();
    QCOMPARE(log.size(), 0);
    QVERIFY(!log.find(QStringLiteral("a")));
    log.append(sentMessage(QStringLiteral("d"), QStringLiteral("111111")));
    QCOMPARE(idsOf(log.sentTo(QStringLiteral("111111"))), QStringList{QStringLiteral("d")});
}

void TestWaSimControlFormat::logDropsTheOldestPastItsCapacity()
{
    MessageLog log(3);
    for (const char *id : {"m1", "m2", "m3", "m4", "m5"})
        log.append(sentMessage(QString::fromLatin1(id),
                               id[1] % 2 ? QStringLiteral("111111") : QStringLiteral("222222")));
    QCOMPARE(log.size(), 3);
    QVERIFY(!log.find(QStringLiteral("m1")));
    QVERIFY(!log.find(QStringLiteral("m2")));
    QVERIFY(log.find(QStringLiteral("m3")));
    QCOMPARE(idsOf(log.sentTo(QStringLiteral("111111"))),
             (QStringList{QStringLiteral("m3"), QStringLiteral("m5")}));
    QCOMPARE(idsOf(log.sentTo(QStringLiteral("222222"))), QStringList{QStringLiteral("m4")});
}

QTEST_GUILESS_MAIN(TestWaSimControlFormat)
#include "tst_wasim_controlformat.moc"
