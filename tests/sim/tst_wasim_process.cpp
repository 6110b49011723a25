// The real handover-wa-sim executable, driven over HTTP the way the server's tests and demos use it.

#include "simprocess.h"
#include "simtesthelpers.h"

#include <QJsonArray>
#include <QProcess>
#include <QTest>

using simtest::httpCall;
using simtest::object;
using simtest::toJson;

namespace {

const QByteArray kSecret = QByteArrayLiteral("process-secret");
const QByteArray kToken = QByteArrayLiteral("process-token");
const QString kPhoneId = QStringLiteral("106540352242922");
const QString kCustomer = QStringLiteral("919999990001");

} // namespace

class TestWaSimProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void readyLineNamesTheChosenPort();
    void healthAnswers();
    void outboundTemplateIsReadBack();
    void inboundTextReachesTheServerSigned();
    void inboundButtonTapReachesTheServerSigned();
    void statusReachesTheServerSigned();
    void wrongBearerTokenIsRefused();
    void malformedSendIsRefused();
    void phonesGivenAtStartTakeOnlyTheirToken();

private:
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:") + QString::number(m_port) + pathAndQuery);
    }
    QUrl sendUrl() const { return url(QStringLiteral("/v21.0/") + kPhoneId + QStringLiteral("/messages")); }
    QString sendTemplate(const QString &payload);
    void verifySigned(const simtest::ReceivedWebhook &hook);

    std::unique_ptr<simtest::WebhookReceiver> m_receiver;
    QProcess m_process;
    QString m_readyLine;
    quint16 m_port = 0;
};

void TestWaSimProcess::initTestCase()
{
    m_receiver = std::make_unique<simtest::WebhookReceiver>();
    QVERIFY(m_receiver->isListening());
    m_port = simtest::startSimulator(m_process,
                                     {QStringLiteral("--webhook-url"), m_receiver->url().toString(),
                                      QStringLiteral("--access-token"), QString::fromLatin1(kToken),
                                      QStringLiteral("--verify-token"), QStringLiteral("verify-me")},
                                     kSecret, &m_readyLine);
    QVERIFY2(m_port != 0, qPrintable(m_readyLine));
}

void TestWaSimProcess::cleanupTestCase()
{
    simtest::stopSimulator(m_process);
}

void TestWaSimProcess::init()
{
    QVERIFY(m_port != 0);
    QCOMPARE(m_process.state(), QProcess::Running);
    m_receiver->received.clear();
}

QString TestWaSimProcess::sendTemplate(const QString &payload)
{
    const QJsonObject request = object(
        {{"messaging_product", QStringLiteral("whatsapp")},
         {"recipient_type", QStringLiteral("individual")},
         {"to", QStringLiteral("+919999990001")},
         {"type", QStringLiteral("template")},
         {"template",
          object(
              {{"name", QStringLiteral("order_update")},
               {"language", object({{"code", QStringLiteral("en")}})},
               {"components",
                QJsonArray{object({{"type", QStringLiteral("body")},
                                   {"parameters", QJsonArray{object({{"type", QStringLiteral("text")},
                                                                     {"text", QStringLiteral("Asha")}})}}}),
                           object({{"type", QStringLiteral("button")},
                                   {"sub_type", QStringLiteral("quick_reply")},
                                   {"index", QStringLiteral("0")},
                                   {"parameters", QJsonArray{object({{"type", QStringLiteral("payload")},
                                                                     {"payload", payload}})}}})}}})}});
    const simtest::HttpResult answer =
        httpCall("POST", sendUrl(), toJson(request), {{"Authorization", "Bearer " + kToken}});
    if (answer.status != 200)
        return {};
    const QJsonObject json = answer.json();
    if (json[QStringLiteral("messaging_product")].toString() != QLatin1String("whatsapp") ||
        json[QStringLiteral("contacts")][0][QStringLiteral("wa_id")].toString() != kCustomer ||
        json[QStringLiteral("contacts")][0][QStringLiteral("input")].toString() !=
            QLatin1String("+919999990001"))
        return {};
    return json[QStringLiteral("messages")][0][QStringLiteral("id")].toString();
}

void TestWaSimProcess::verifySigned(const simtest::ReceivedWebhook &hook)
{
    QCOMPARE(hook.signature, simtest::expectedSignature(hook.body, kSecret));
    const QJsonObject envelope = hook.json();
    QCOMPARE(envelope[QStringLiteral("object")].toString(), QStringLiteral("whatsapp_business_account"));
    QCOMPARE(envelope[QStringLiteral("entry")][0][QStringLiteral("changes")][0][QStringLiteral("field")]
                 .toString(),
             QStringLiteral("messages"));
    QCOMPARE(hook.value()[QStringLiteral("messaging_product")].toString(), QStringLiteral("whatsapp"));
    QCOMPARE(hook.value()[QStringLiteral("metadata")][QStringLiteral("phone_number_id")].toString(),
             kPhoneId);
}

void TestWaSimProcess::readyLineNamesTheChosenPort()
{
    QCOMPARE(m_readyLine,
             QStringLiteral("handover-wa-sim listening on 127.0.0.1:") + QString::number(m_port));
}

void TestWaSimProcess::healthAnswers()
{
    QCOMPARE(httpCall("GET", url(QStringLiteral("/sim/health"))).status, 200);
}

void TestWaSimProcess::outboundTemplateIsReadBack()
{
    const QString waMessageId = sendTemplate(QStringLiteral("tpl:42:btn:0"));
    QVERIFY(waMessageId.startsWith(QStringLiteral("wamid.")));

    const simtest::HttpResult answer = httpCall("GET", url(QStringLiteral("/sim/messages?to=") + kCustomer));
    QCOMPARE(answer.status, 200);
    const QJsonArray messages = answer.json()[QStringLiteral("messages")].toArray();
    QVERIFY(!messages.isEmpty());
    const QJsonObject message = messages.last().toObject();
    QCOMPARE(message[QStringLiteral("wa_message_id")].toString(), waMessageId);
    QCOMPARE(message[QStringLiteral("type")].toString(), QStringLiteral("template"));
    QCOMPARE(message[QStringLiteral("phone_number_id")].toString(), kPhoneId);
    QCOMPARE(message[QStringLiteral("to")].toString(), kCustomer);
    QCOMPARE(message[QStringLiteral("template")][QStringLiteral("name")].toString(),
             QStringLiteral("order_update"));
    QCOMPARE(message[QStringLiteral("template")][QStringLiteral("language")].toString(),
             QStringLiteral("en"));
    QCOMPARE(message[QStringLiteral("template")][QStringLiteral("parameters")].toArray(),
             QJsonArray{QStringLiteral("Asha")});
    const QJsonObject button = message[QStringLiteral("buttons")][0].toObject();
    QCOMPARE(button[QStringLiteral("index")].toInt(), 0);
    QCOMPARE(button[QStringLiteral("payload")].toString(), QStringLiteral("tpl:42:btn:0"));
}

void TestWaSimProcess::inboundTextReachesTheServerSigned()
{
    const simtest::HttpResult answer =
        httpCall("POST", url(QStringLiteral("/sim/inbound")),
                 toJson(object({{"from", kCustomer},
                                {"phone_number_id", kPhoneId},
                                {"text", QStringLiteral("Is my order on its way?")},
                                {"profile_name", QStringLiteral("Asha")}})));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json()[QStringLiteral("status")].toInt(), 200);
    const QString waMessageId = answer.json()[QStringLiteral("wa_message_id")].toString();
    QVERIFY(waMessageId.startsWith(QStringLiteral("wamid.")));

    QCOMPARE(m_receiver->received.size(), 1);
    const simtest::ReceivedWebhook &hook = m_receiver->received.first();
    verifySigned(hook);
    const QJsonObject value = hook.value();
    QCOMPARE(value[QStringLiteral("contacts")][0][QStringLiteral("wa_id")].toString(), kCustomer);
    QCOMPARE(
        value[QStringLiteral("contacts")][0][QStringLiteral("profile")][QStringLiteral("name")].toString(),
        QStringLiteral("Asha"));
    const QJsonObject message = value[QStringLiteral("messages")][0].toObject();
    QCOMPARE(message[QStringLiteral("from")].toString(), kCustomer);
    QCOMPARE(message[QStringLiteral("id")].toString(), waMessageId);
    QCOMPARE(message[QStringLiteral("type")].toString(), QStringLiteral("text"));
    QCOMPARE(message[QStringLiteral("text")][QStringLiteral("body")].toString(),
             QStringLiteral("Is my order on its way?"));
    bool numeric = false;
    const qint64 timestamp = message[QStringLiteral("timestamp")].toString().toLongLong(&numeric);
    QVERIFY(numeric);
    QVERIFY(qAbs(timestamp - QDateTime::currentSecsSinceEpoch()) < 60);
}

void TestWaSimProcess::inboundButtonTapReachesTheServerSigned()
{
    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/phones")),
                      toJson(object({{"phone_number_id", kPhoneId},
                                     {"display_phone_number", QStringLiteral("15550783881")},
                                     {"waba_id", QStringLiteral("102290129340398")}})))
                 .status,
             200);
    const QString templateId = sendTemplate(QStringLiteral("yes-payload"));
    QVERIFY(!templateId.isEmpty());

    const simtest::HttpResult answer =
        httpCall("POST", url(QStringLiteral("/sim/inbound")),
                 toJson(object({{"from", kCustomer},
                                {"phone_number_id", kPhoneId},
                                {"button", object({{"context_id", templateId},
                                                   {"text", QStringLiteral("Yes")},
                                                   {"payload", QStringLiteral("yes-payload")}})}})));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json()[QStringLiteral("status")].toInt(), 200);

    QCOMPARE(m_receiver->received.size(), 1);
    const simtest::ReceivedWebhook &hook = m_receiver->received.first();
    verifySigned(hook);
    QCOMPARE(hook.json()[QStringLiteral("entry")][0][QStringLiteral("id")].toString(),
             QStringLiteral("102290129340398"));
    const QJsonObject message = hook.value()[QStringLiteral("messages")][0].toObject();
    QCOMPARE(message[QStringLiteral("id")].toString(),
             answer.json()[QStringLiteral("wa_message_id")].toString());
    QCOMPARE(message[QStringLiteral("type")].toString(), QStringLiteral("button"));
    QCOMPARE(message[QStringLiteral("button")][QStringLiteral("text")].toString(), QStringLiteral("Yes"));
    QCOMPARE(message[QStringLiteral("button")][QStringLiteral("payload")].toString(),
             QStringLiteral("yes-payload"));
    QCOMPARE(message[QStringLiteral("context")][QStringLiteral("id")].toString(), templateId);
    QCOMPARE(message[QStringLiteral("context")][QStringLiteral("from")].toString(),
             QStringLiteral("15550783881"));
}

void TestWaSimProcess::statusReachesTheServerSigned()
{
    const QString waMessageId = sendTemplate(QStringLiteral("p"));
    QVERIFY(!waMessageId.isEmpty());
    m_receiver->answerStatus = 500;
    const simtest::HttpResult answer = httpCall(
        "POST", url(QStringLiteral("/sim/status")),
        toJson(object(
            {{"wa_message_id", waMessageId},
             {"status", QStringLiteral("failed")},
             {"error", object({{"code", 131026}, {"title", QStringLiteral("Message undeliverable")}})}})));
    m_receiver->answerStatus = 200;
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.json()[QStringLiteral("status")].toInt(), 500);
    QCOMPARE(answer.json()[QStringLiteral("wa_message_id")].toString(), waMessageId);

    QCOMPARE(m_receiver->received.size(), 1);
    const simtest::ReceivedWebhook &hook = m_receiver->received.first();
    verifySigned(hook);
    const QJsonObject status = hook.value()[QStringLiteral("statuses")][0].toObject();
    QCOMPARE(status[QStringLiteral("id")].toString(), waMessageId);
    QCOMPARE(status[QStringLiteral("status")].toString(), QStringLiteral("failed"));
    QCOMPARE(status[QStringLiteral("recipient_id")].toString(), kCustomer);
    QCOMPARE(status[QStringLiteral("errors")][0][QStringLiteral("code")].toInt(), 131026);
    QCOMPARE(status[QStringLiteral("errors")][0][QStringLiteral("title")].toString(),
             QStringLiteral("Message undeliverable"));

    QCOMPARE(httpCall("POST", url(QStringLiteral("/sim/status")),
                      toJson(object({{"wa_message_id", QStringLiteral("wamid.UNKNOWN")},
                                     {"status", QStringLiteral("read")}})))
                 .status,
             400);
    QCOMPARE(m_receiver->received.size(), 1);
}

void TestWaSimProcess::wrongBearerTokenIsRefused()
{
    const QByteArray body = toJson(object({{"messaging_product", QStringLiteral("whatsapp")},
                                           {"to", kCustomer},
                                           {"type", QStringLiteral("text")},
                                           {"text", object({{"body", QStringLiteral("hi")}})}}));
    for (const QByteArray &authorization : {QByteArrayLiteral("Bearer wrong"), QByteArray()}) {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!authorization.isEmpty())
            headers.append({QByteArrayLiteral("Authorization"), authorization});
        const simtest::HttpResult answer = httpCall("POST", sendUrl(), body, headers);
        QCOMPARE(answer.status, 401);
        const QJsonObject error = answer.json()[QStringLiteral("error")].toObject();
        QCOMPARE(error[QStringLiteral("code")].toInt(), 190);
        QCOMPARE(error[QStringLiteral("type")].toString(), QStringLiteral("OAuthException"));
        QVERIFY(!error[QStringLiteral("message")].toString().isEmpty());
    }
    QVERIFY(httpCall("GET", url(QStringLiteral("/sim/messages?to=") + kCustomer)).body.indexOf("\"hi\"") < 0);
}

void TestWaSimProcess::malformedSendIsRefused()
{
    const QByteArray body =
        toJson(object({{"messaging_product", QStringLiteral("whatsapp")},
                       {"to", kCustomer},
                       {"type", QStringLiteral("template")},
                       {"template", object({{"name", QStringLiteral("order_update")}})}}));
    const simtest::HttpResult answer =
        httpCall("POST", sendUrl(), body, {{"Authorization", "Bearer " + kToken}});
    QCOMPARE(answer.status, 400);
    const QJsonObject error = answer.json()[QStringLiteral("error")].toObject();
    QCOMPARE(error[QStringLiteral("code")].toInt(), 100);
    QCOMPARE(error[QStringLiteral("type")].toString(), QStringLiteral("OAuthException"));
    QVERIFY(error[QStringLiteral("message")].toString().startsWith(QStringLiteral("(#100)")));
    QVERIFY(error.contains(QStringLiteral("fbtrace_id")));
}

void TestWaSimProcess::phonesGivenAtStartTakeOnlyTheirToken()
{
    QProcess strict;
    QString readyLine;
    const quint16 port = simtest::startSimulator(
        strict, {QStringLiteral("--phone"), QStringLiteral("4242:EAAG-start")}, kSecret, &readyLine);
    QVERIFY2(port != 0, qPrintable(readyLine));
    const auto lookUp = [port](const QString &phoneId, const QByteArray &token) {
        return httpCall("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/v21.0/%2").arg(port).arg(phoneId)),
                        {}, {{"Authorization", "Bearer " + token}});
    };
    const simtest::HttpResult owned = lookUp(QStringLiteral("4242"), "EAAG-start");
    QCOMPARE(owned.status, 200);
    QCOMPARE(owned.json()[QStringLiteral("id")].toString(), QStringLiteral("4242"));
    QCOMPARE(lookUp(QStringLiteral("4242"), kToken).status, 401);
    QCOMPARE(lookUp(kPhoneId, "EAAG-start").status, 400); // no such phone for this token
    simtest::stopSimulator(strict);
}

QTEST_GUILESS_MAIN(TestWaSimProcess)
#include "tst_wasim_process.moc"
