#include "tests/support/scenario.h"
#include "tests/support/webhook-receiver/webhookreceiverprocess.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

using namespace handover;
using namespace handover::testing;

// The org webhook against the real server, with the reference receiver (Node.js, verifying with the Standard
// Webhooks library): what is relayed (R5, R6, R9) and how deliveries behave (R22).
class TestScenarioRelay : public QObject
{
    Q_OBJECT

public:
    using Scene = void (TestScenarioRelay::*)();

private Q_SLOTS:
    void initTestCase();
    void r5_data();
    void r5() { run(); }
    void r22_data();
    void r22() { run(); }

private:
    void run();

    void relayDelivered();
    void nonRelayedNotDelivered();
    void freeFlowNotRelayed();
    void noWebhookNothingQueued();
    void inactiveStillRelayed();
    void generatedSecret();
    void retriedWithSameId();
    void goneStops();
    void redeliverSameId();
    void survivesKill();

    std::unique_ptr<webhooktest::ReceiverProcess> startReceiver(const QStringList &arguments,
                                                                const QString &secret = {});
    bool useWebhook(const webhooktest::ReceiverProcess &receiver, const QString &secret = {});
    // Sends a relay-enabled STM into a new chatroom of alice and taps button `index`; the tap's message id.
    QString relayedTap(int index = 0, QJsonObject *templateMessage = nullptr);
    QJsonArray deliveries(const QString &status = {});
    QJsonObject deliveryNotIn(const QSet<QString> &known);
    QSet<QString> deliveryIds();
    static QList<webhooktest::ReceivedRequest> requestsFor(const webhooktest::ReceiverProcess &receiver,
                                                           const QString &replyMessageId);
    QString tapOf(const QString &room);

    Scenario s;
    QString m_node;
    QString m_receiverDir;
    QString m_problem;
    QString m_secret;
    std::unique_ptr<webhooktest::ReceiverProcess> m_receiver; // answers 200 at once
};

Q_DECLARE_METATYPE(TestScenarioRelay::Scene)

namespace {

void addScene(const char *name, TestScenarioRelay::Scene scene)
{
    QTest::newRow(name) << scene;
}

QString newSecret()
{
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), key.size() / 4);
    return QStringLiteral("whsec_") + QString::fromLatin1(key.toBase64());
}

QJsonObject bodyOf(const webhooktest::ReceivedRequest &request)
{
    return QJsonDocument::fromJson(request.body()).object();
}

} // namespace

void TestScenarioRelay::initTestCase()
{
    QVERIFY2(s.start(), s.why());
    m_node = webhooktest::nodeExecutable();
    if (m_node.isEmpty())
        return;
    m_receiverDir = webhooktest::prepareReceiverDir(&m_problem);
    QVERIFY2(!m_receiverDir.isEmpty(), qPrintable(m_problem));
    m_secret = newSecret();
    m_receiver = startReceiver({});
    QVERIFY(m_receiver);
}

void TestScenarioRelay::run()
{
    if (m_node.isEmpty())
        QSKIP("node is not installed (apt-get install nodejs npm)");
    QFETCH(Scene, scene);
    (this->*scene)();
}

std::unique_ptr<webhooktest::ReceiverProcess> TestScenarioRelay::startReceiver(const QStringList &arguments,
                                                                               const QString &secret)
{
    auto receiver = std::make_unique<webhooktest::ReceiverProcess>(m_node, m_receiverDir);
    if (!receiver->start(secret.isEmpty() ? m_secret : secret, arguments))
        return {};
    return receiver;
}

bool TestScenarioRelay::useWebhook(const webhooktest::ReceiverProcess &receiver, const QString &secret)
{
    const QString key = secret.isEmpty() ? m_secret : secret;
    const HttpResult put = s.api().put(
        QStringLiteral("/v1/orgs/%1/webhook").arg(s.orgId()),
        QJsonObject{{QStringLiteral("url"), receiver.url().toString()}, {QStringLiteral("secret"), key}});
    if (put.status != 200) {
        qWarning("PUT webhook answered %d: %s", put.status, put.body.constData());
        return false;
    }
    return field(put.json(), "secret") == key && field(put.json(), "url") == receiver.url().toString();
}

QString TestScenarioRelay::tapOf(const QString &room)
{
    QString id;
    for (const QJsonValue &m : s.messages(room)) {
        if (field(m.toObject(), "kind") == QLatin1String("button_reply"))
            id = field(m.toObject(), "id");
    }
    return id;
}

QString TestScenarioRelay::relayedTap(int index, QJsonObject *templateMessage)
{
    const QString room = s.newChatroom(QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    StmOptions relayed;
    relayed.relayResponse = true;
    const QJsonObject sent = s.sendTemplate(room, relayed);
    if (sent.isEmpty() || !s.customerTaps(sent, index))
        return {};
    if (templateMessage)
        *templateMessage = sent;
    return tapOf(room);
}

QJsonArray TestScenarioRelay::deliveries(const QString &status)
{
    QString path = QStringLiteral("/v1/orgs/%1/webhook/deliveries").arg(s.orgId());
    if (!status.isEmpty())
        path += QStringLiteral("?status=") + status;
    const HttpResult result = s.api().get(path);
    if (result.status != 200)
        qWarning("GET deliveries answered %d: %s", result.status, result.body.constData());
    return result.array(QStringLiteral("deliveries"));
}

QSet<QString> TestScenarioRelay::deliveryIds()
{
    QSet<QString> ids;
    for (const QJsonValue &d : deliveries())
        ids.insert(field(d.toObject(), "id"));
    return ids;
}

QJsonObject TestScenarioRelay::deliveryNotIn(const QSet<QString> &known)
{
    QJsonObject found;
    int count = 0;
    for (const QJsonValue &d : deliveries()) {
        if (!known.contains(field(d.toObject(), "id"))) {
            found = d.toObject();
            ++count;
        }
    }
    return count == 1 ? found : QJsonObject();
}

QList<webhooktest::ReceivedRequest>
TestScenarioRelay::requestsFor(const webhooktest::ReceiverProcess &receiver, const QString &replyMessageId)
{
    QList<webhooktest::ReceivedRequest> found;
    for (const webhooktest::ReceivedRequest &request : receiver.requests()) {
        if (field(objectField(bodyOf(request), "data"), "reply_message_id") == replyMessageId)
            found.append(request);
    }
    return found;
}

// ---- R5

void TestScenarioRelay::r5_data()
{
    QTest::addColumn<Scene>("scene");
    addScene(
        "R5: a tap on a relay-enabled template is delivered to the org webhook as template.button_reply, "
        "signed and verifiable",
        &TestScenarioRelay::relayDelivered);
    addScene("R6: a tap on a template sent without relay_response reaches no webhook",
             &TestScenarioRelay::nonRelayedNotDelivered);
    addScene("R9: a free-flow message is never relayed, even in reply to a relay-enabled template",
             &TestScenarioRelay::freeFlowNotRelayed);
    addScene(
        "R5: with no webhook configured a relayed tap queues nothing, fails nothing, and is not sent later",
        &TestScenarioRelay::noWebhookNothingQueued);
    addScene("R5: a tap on a relayed template of a deactivated chatroom is stored there and still relayed",
             &TestScenarioRelay::inactiveStillRelayed);
}

void TestScenarioRelay::relayDelivered()
{
    QVERIFY(useWebhook(*m_receiver));
    const QSet<QString> known = deliveryIds();
    QJsonObject sent;
    const QString tap = relayedTap(1, &sent);
    QVERIFY2(!tap.isEmpty(), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*m_receiver, tap).size(), 1, 10000);
    const webhooktest::ReceivedRequest request = requestsFor(*m_receiver, tap).first();
    QVERIFY2(request.verified(), qPrintable(request.error()));
    QVERIFY(request.webhookId().startsWith(QLatin1String("msg_")));
    QVERIFY(request.webhookId().size() > 10);
    QCOMPARE(request.json.value(QLatin1String("content_type")).toString(),
             QStringLiteral("application/json"));
    QCOMPARE(request.json.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QVERIFY(qAbs(request.timestamp().toLongLong() - QDateTime::currentSecsSinceEpoch()) < 60);

    const QJsonObject body = bodyOf(request);
    QCOMPARE(field(body, "type"), QStringLiteral("template.button_reply"));
    QVERIFY(!field(body, "timestamp").isEmpty());
    const QJsonObject data = objectField(body, "data");
    const QString room = field(sent, "chatroom_id");
    const QJsonObject chatroom = s.chatroom(room);
    const QJsonObject contact = s.contact(field(chatroom, "contact_id"));
    QCOMPARE(field(data, "org_id"), s.orgId());
    QCOMPARE(field(data, "chatroom_id"), room);
    QCOMPARE(objectField(data, "contact"),
             (QJsonObject{{QStringLiteral("id"), field(contact, "id")},
                          {QStringLiteral("crm_id"), field(contact, "crm_id")},
                          {QStringLiteral("phone_number"), field(contact, "phone_number")}}));
    QCOMPARE(field(data, "message_id"), field(sent, "id"));
    QCOMPARE(field(data, "remote_template_id"), Scenario::kButtonsTemplate);
    QCOMPARE(field(data, "template_name"), QStringLiteral("order_ready"));
    const QJsonObject button = objectField(data, "button");
    QCOMPARE(button.value(QLatin1String("index")).toInt(), 1);
    QCOMPARE(field(button, "text"), QStringLiteral("No"));
    QCOMPARE(field(button, "payload"),
             field(objectField(sent, "template").value(QLatin1String("buttons")).toArray().at(1).toObject(),
                   "payload"));
    QCOMPARE(field(data, "reply_message_id"), tap);
    QVERIFY(!field(data, "received_at").isEmpty());

    // The delivery is listed as delivered after one attempt.
    QTRY_COMPARE_WITH_TIMEOUT(field(deliveryNotIn(known), "status"), QStringLiteral("delivered"), 10000);
    const QJsonObject delivery = deliveryNotIn(known);
    QCOMPARE(field(delivery, "event_type"), QStringLiteral("template.button_reply"));
    QCOMPARE(delivery.value(QLatin1String("attempts")).toInt(), 1);
    QCOMPARE(delivery.value(QLatin1String("last_status_code")).toInt(), 200);
    // And the tap is in the chatroom, with no handover of any kind.
    QCOMPARE(participantsOf(chatroom), QStringList{s.alice.id});
}

void TestScenarioRelay::nonRelayedNotDelivered()
{
    QVERIFY(useWebhook(*m_receiver));
    const QSet<QString> known = deliveryIds();
    const qsizetype before = m_receiver->requests().size();
    const QString room = s.newChatroom(QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    const QJsonObject plain = s.sendTemplate(room); // relay_response false by default
    QVERIFY2(!plain.isEmpty() && s.customerTaps(plain, 0), s.why());
    QVERIFY(!tapOf(room).isEmpty());
    // A relayed tap afterwards is the marker: once it has arrived, the first one would have too.
    const QString marker = relayedTap();
    QVERIFY2(!marker.isEmpty(), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*m_receiver, marker).size(), 1, 10000);
    QCOMPARE(m_receiver->requests().size(), before + 1);
    QCOMPARE(deliveryIds().size(), known.size() + 1);
}

void TestScenarioRelay::freeFlowNotRelayed()
{
    QVERIFY(useWebhook(*m_receiver));
    const qsizetype before = m_receiver->requests().size();
    const QString room = s.newChatroom(QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    StmOptions relayed;
    relayed.relayResponse = true;
    QVERIFY2(!s.sendTemplate(room, relayed).isEmpty(), s.why());
    QVERIFY2(s.customerWrites(s.phoneOf(room), QStringLiteral("Yes")), s.why());
    const QString marker = relayedTap();
    QVERIFY2(!marker.isEmpty(), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*m_receiver, marker).size(), 1, 10000);
    QCOMPARE(m_receiver->requests().size(), before + 1);
}

void TestScenarioRelay::noWebhookNothingQueued()
{
    QCOMPARE(s.api().del(QStringLiteral("/v1/orgs/%1/webhook").arg(s.orgId())).status, 204);
    QCOMPARE(s.api().get(QStringLiteral("/v1/orgs/%1/webhook").arg(s.orgId())).status, 404);
    const QSet<QString> known = deliveryIds();
    const qsizetype before = m_receiver->requests().size();
    const QString unsent = relayedTap(); // customerTaps checks that the server answered Meta 200
    QVERIFY2(!unsent.isEmpty(), s.why());
    QCOMPARE(deliveryIds(), known);

    // Configured again, only later taps go out.
    QVERIFY(useWebhook(*m_receiver));
    const QString marker = relayedTap();
    QVERIFY2(!marker.isEmpty(), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*m_receiver, marker).size(), 1, 10000);
    QCOMPARE(m_receiver->requests().size(), before + 1);
    QVERIFY(requestsFor(*m_receiver, unsent).isEmpty());
}

void TestScenarioRelay::inactiveStillRelayed()
{
    QVERIFY(useWebhook(*m_receiver));
    const QString room = s.newChatroom(QJsonObject{{QStringLiteral("user_id"), s.alice.id}});
    StmOptions relayed;
    relayed.relayResponse = true;
    const QJsonObject sent = s.sendTemplate(room, relayed);
    QVERIFY2(!sent.isEmpty() && !s.waitUntilSent(room, field(sent, "id")).isEmpty(), s.why());
    QCOMPARE(s.as(s.supervisor)
                 .post(QStringLiteral("/v1/orgs/%1/chatrooms/%2/deactivate").arg(s.orgId(), room), {})
                 .status,
             200);
    QVERIFY2(s.customerTaps(sent, 0), s.why());
    const QString tap = tapOf(room);
    QVERIFY(!tap.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*m_receiver, tap).size(), 1, 10000);
    QCOMPARE(field(objectField(bodyOf(requestsFor(*m_receiver, tap).first()), "data"), "chatroom_id"), room);
    QCOMPARE(field(s.chatroom(room), "state"), QStringLiteral("deactivated"));
}

// ---- R22

void TestScenarioRelay::r22_data()
{
    QTest::addColumn<Scene>("scene");
    addScene("R22: a failed attempt is retried about 5 s later with the same webhook-id and body",
             &TestScenarioRelay::retriedWithSameId);
    addScene("R22: 410 Gone stops the delivery at once: failed after one attempt",
             &TestScenarioRelay::goneStops);
    addScene("R22: a redelivered delivery goes out again at once with the same webhook-id",
             &TestScenarioRelay::redeliverSameId);
    addScene("R22: a delivery on the wire when the server is killed is made again after the restart, same "
             "webhook-id",
             &TestScenarioRelay::survivesKill);
    addScene(
        "R22: a webhook configured without a secret gets a generated whsec_ secret that signs its deliveries",
        &TestScenarioRelay::generatedSecret);
}

void TestScenarioRelay::retriedWithSameId()
{
    auto flaky = startReceiver({QStringLiteral("--fail-first"), QStringLiteral("1")});
    QVERIFY(flaky);
    QVERIFY(useWebhook(*flaky));
    const QSet<QString> known = deliveryIds();
    const QString tap = relayedTap();
    QVERIFY2(!tap.isEmpty(), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*flaky, tap).size(), 1, 10000);
    QElapsedTimer sinceFirst;
    sinceFirst.start();
    QCOMPARE(requestsFor(*flaky, tap).first().statusSent(), 500);
    QTRY_COMPARE_WITH_TIMEOUT(deliveryNotIn(known).value(QLatin1String("attempts")).toInt(), 1, 5000);
    const QJsonObject pending = deliveryNotIn(known);
    QCOMPARE(field(pending, "status"), QStringLiteral("pending"));
    QCOMPARE(pending.value(QLatin1String("last_status_code")).toInt(), 500);
    const QDateTime next = QDateTime::fromString(field(pending, "next_attempt_at"), Qt::ISODateWithMs);
    const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(next) + sinceFirst.elapsed();
    QVERIFY2(wait >= 3500 && wait <= 6500,
             qPrintable(QStringLiteral("next attempt %1 ms after the first").arg(wait)));

    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*flaky, tap).size(), 2, 10000);
    const qint64 gap = sinceFirst.elapsed();
    QVERIFY2(gap >= 3500, qPrintable(QStringLiteral("retried after %1 ms").arg(gap)));
    const auto attempts = requestsFor(*flaky, tap);
    QCOMPARE(attempts.at(1).statusSent(), 200);
    QCOMPARE(attempts.at(1).webhookId(), attempts.at(0).webhookId());
    QCOMPARE(attempts.at(1).body(), attempts.at(0).body());
    QVERIFY(attempts.at(0).verified() && attempts.at(1).verified());
    QVERIFY(attempts.at(1).timestamp().toLongLong() >= attempts.at(0).timestamp().toLongLong());
    QTRY_COMPARE_WITH_TIMEOUT(field(deliveryNotIn(known), "status"), QStringLiteral("delivered"), 5000);
    QCOMPARE(deliveryNotIn(known).value(QLatin1String("attempts")).toInt(), 2);
}

void TestScenarioRelay::goneStops()
{
    auto gone = startReceiver({QStringLiteral("--status-after"), QStringLiteral("410")});
    QVERIFY(gone);
    QVERIFY(useWebhook(*gone));
    const QSet<QString> known = deliveryIds();
    const QString tap = relayedTap();
    QVERIFY2(!tap.isEmpty(), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(field(deliveryNotIn(known), "status"), QStringLiteral("failed"), 10000);
    const QJsonObject failed = deliveryNotIn(known);
    QCOMPARE(failed.value(QLatin1String("attempts")).toInt(), 1);
    QCOMPARE(failed.value(QLatin1String("last_status_code")).toInt(), 410);
    QCOMPARE(requestsFor(*gone, tap).size(), 1);
    QVERIFY(!deliveries(QStringLiteral("failed")).isEmpty());
}

void TestScenarioRelay::redeliverSameId()
{
    QVERIFY(useWebhook(*m_receiver));
    const QSet<QString> known = deliveryIds();
    const QString tap = relayedTap();
    QVERIFY2(!tap.isEmpty(), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(field(deliveryNotIn(known), "status"), QStringLiteral("delivered"), 10000);
    const QString id = field(deliveryNotIn(known), "id");
    const HttpResult again =
        s.api().post(QStringLiteral("/v1/orgs/%1/webhook/deliveries/%2/redeliver").arg(s.orgId(), id), {});
    QCOMPARE(again.status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*m_receiver, tap).size(), 2, 5000);
    const auto attempts = requestsFor(*m_receiver, tap);
    QCOMPARE(attempts.at(1).webhookId(), attempts.at(0).webhookId());
    QVERIFY(attempts.at(1).verified());
    QTRY_COMPARE_WITH_TIMEOUT(field(deliveryNotIn(known), "status"), QStringLiteral("delivered"), 5000);
    QCOMPARE(s.api()
                 .post(QStringLiteral("/v1/orgs/%1/webhook/deliveries/nope/redeliver").arg(s.orgId()), {})
                 .status,
             404);
}

void TestScenarioRelay::survivesKill()
{
    // A receiver that answers late, so that the attempt is on the wire when the server dies.
    auto slow = startReceiver({QStringLiteral("--delay-ms"), QStringLiteral("1500")});
    QVERIFY(slow);
    QVERIFY(useWebhook(*slow));
    const QSet<QString> known = deliveryIds();
    const QString tap = relayedTap();
    QVERIFY2(!tap.isEmpty(), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*slow, tap).size(), 1, 10000);
    QVERIFY2(s.restartServe(true), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(*slow, tap).size(), 2, 10000);
    const auto attempts = requestsFor(*slow, tap);
    QCOMPARE(attempts.at(1).webhookId(), attempts.at(0).webhookId());
    QCOMPARE(attempts.at(1).body(), attempts.at(0).body());
    QVERIFY(attempts.at(1).verified());
    QTRY_COMPARE_WITH_TIMEOUT(field(deliveryNotIn(known), "status"), QStringLiteral("delivered"), 10000);
    QCOMPARE(requestsFor(*slow, tap).size(), 2);
}

void TestScenarioRelay::generatedSecret()
{
    // The receiver's address is chosen first, since its secret is only known once the server has made it.
    const quint16 port = freeLoopbackPort();
    const QString url = QStringLiteral("http://127.0.0.1:%1/hooks/handover").arg(port);
    const HttpResult put = s.api().put(QStringLiteral("/v1/orgs/%1/webhook").arg(s.orgId()),
                                       QJsonObject{{QStringLiteral("url"), url}});
    QCOMPARE(put.status, 200);
    const QString secret = field(put.json(), "secret");
    QVERIFY2(secret.startsWith(QLatin1String("whsec_")), qPrintable(secret));
    QCOMPARE(QByteArray::fromBase64(secret.mid(6).toLatin1(), QByteArray::AbortOnBase64DecodingErrors).size(),
             32);
    const HttpResult got = s.api().get(QStringLiteral("/v1/orgs/%1/webhook").arg(s.orgId()));
    QCOMPARE(got.status, 200);
    QCOMPARE(field(got.json(), "secret"), secret);
    QCOMPARE(field(got.json(), "url"), url);

    webhooktest::ReceiverProcess verifier(m_node, m_receiverDir);
    QVERIFY(verifier.start(secret, {}, port));
    const QString tap = relayedTap();
    QVERIFY2(!tap.isEmpty(), s.why());
    QTRY_COMPARE_WITH_TIMEOUT(requestsFor(verifier, tap).size(), 1, 10000);
    QVERIFY2(requestsFor(verifier, tap).first().verified(),
             qPrintable(requestsFor(verifier, tap).first().error()));
}

QTEST_GUILESS_MAIN(TestScenarioRelay)
#include "tst_scenario_relay.moc"
