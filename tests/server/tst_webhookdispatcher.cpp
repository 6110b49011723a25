// The org webhook (API.md, "Org webhook"; R22, TARGETS.md L3): signing, the retry schedule, the address rule,
// and the dispatcher against the reference receiver, a Node.js process that verifies every request with the
// published Standard Webhooks library.

#include "core/clock.h"
#include "server/webhook/deliverybackend.h"
#include "server/webhook/retrypolicy.h"
#include "server/webhook/webhookdispatcher.h"
#include "server/webhook/webhooksigner.h"
#include "server/webhook/webhookurlpolicy.h"
#include "tests/support/webhook-receiver/webhookreceiverprocess.h"

#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <algorithm>

using namespace handover;
using namespace std::chrono_literals;
using webhooktest::ReceiverProcess;

namespace {

// The known answers below were computed outside this code base, with Python's hmac module and with
// `openssl dgst -mac HMAC`.
const QString kSecret = QStringLiteral("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="); // bytes 0..31

// The deliveries' payloads; their shape is the server's business, the dispatcher sends bytes.
QByteArray buttonReply(int n)
{
    const QJsonObject data{
        {QStringLiteral("org_id"), QStringLiteral("org-1")},
        {QStringLiteral("chatroom_id"), QStringLiteral("room-%1").arg(n)},
        {QStringLiteral("button"), QJsonObject{{QStringLiteral("index"), 0},
                                               {QStringLiteral("text"), QStringLiteral("Ja – gern")},
                                               {QStringLiteral("payload"), QStringLiteral("yes")}}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("template.button_reply")},
                                     {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

// An in-memory DeliveryBackend that records like the server's: durable first, then a queued callback.
class MemoryBackend final : public DeliveryBackend
{
public:
    struct Row
    {
        PendingDelivery delivery;
        AttemptOutcome::Status status = AttemptOutcome::Status::Pending;
        QList<AttemptOutcome> outcomes;
    };

    void add(const QString &id, const QUrl &url, const QDateTime &createdAt)
    {
        PendingDelivery delivery;
        delivery.id = id;
        delivery.webhookId = QStringLiteral("msg_") + id;
        delivery.orgId = QStringLiteral("org-1");
        delivery.url = url.toString();
        delivery.secret = kSecret;
        delivery.payload = buttonReply(int(rows.size()));
        delivery.createdAt = createdAt;
        delivery.nextAttemptAt = createdAt;
        rows.insert(id, Row{delivery, AttemptOutcome::Status::Pending, {}});
    }

    QList<PendingDelivery> dueDeliveries(const QDateTime &now, int limit) override
    {
        QList<PendingDelivery> due;
        for (const Row &row : std::as_const(rows)) {
            if (row.status == AttemptOutcome::Status::Pending && row.delivery.nextAttemptAt <= now)
                due.append(row.delivery);
        }
        std::stable_sort(due.begin(), due.end(),
                         [](const auto &a, const auto &b) { return a.nextAttemptAt < b.nextAttemptAt; });
        return due.mid(0, limit);
    }

    std::optional<QDateTime> nextDueAt() override
    {
        std::optional<QDateTime> next;
        for (const Row &row : std::as_const(rows)) {
            if (row.status == AttemptOutcome::Status::Pending &&
                (!next || row.delivery.nextAttemptAt < *next))
                next = row.delivery.nextAttemptAt;
        }
        return next;
    }

    void recordAttempt(const AttemptOutcome &outcome, std::function<void()> recorded) override
    {
        Row &row = rows[outcome.deliveryId];
        row.status = outcome.status;
        row.delivery.attempts = outcome.attempts;
        if (outcome.status == AttemptOutcome::Status::Pending)
            row.delivery.nextAttemptAt = outcome.nextAttemptAt;
        row.outcomes.append(outcome);
        if (synchronous)
            recorded();
        else
            QTimer::singleShot(0, &m_context, std::move(recorded));
    }

    int dueCount(const QDateTime &now) { return int(dueDeliveries(now, int(rows.size())).size()); }
    int count(AttemptOutcome::Status status) const
    {
        return int(std::count_if(rows.cbegin(), rows.cend(),
                                 [status](const Row &row) { return row.status == status; }));
    }

    QMap<QString, Row> rows;
    bool synchronous = false; // call back from inside recordAttempt, as a backend may

private:
    QObject m_context;
};

// Jitter factors cycle through the whole band, low end and high end included.
UnitRandom cyclingRandom()
{
    return [n = 0]() mutable {
        static constexpr double values[] = {0.0, 0.5, 0.999999, 0.25};
        return values[n++ % 4];
    };
}

WebhookDispatcherOptions privateAllowed(int maxInFlight = 8)
{
    WebhookDispatcherOptions options;
    options.allowPrivate = true;
    options.maxInFlight = maxInFlight;
    return options;
}

// A port nothing listens on (for as long as nobody else takes it).
quint16 unusedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

class TestWebhookDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void signatureMatchesKnownAnswers_data();
    void signatureMatchesKnownAnswers();
    void signedHeadersUseTheStandardNames();
    void badSecretsAreRefused_data();
    void badSecretsAreRefused();
    void generatedSecretsAndIdsHaveTheirFormat();

    void delaysLieInTheirJitterBands_data();
    void delaysLieInTheirJitterBands();
    void retriesGoOnForAtLeast72Hours_data();
    void retriesGoOnForAtLeast72Hours();
    void answersAreClassified_data();
    void answersAreClassified();

    void addressesAreClassified_data();
    void addressesAreClassified();
    void configuredUrlsAreChecked_data();
    void configuredUrlsAreChecked();
    void resolvedAddressesAreChecked();

    void unusableDeliveriesAreRetriedLikeAnyFailure();
    void sleepsUntilTheNextDueTime();
    void retriesUntilTheReceiverAcceptsThenStops();
    void nothingIsLostAcrossAnOutage_data();
    void nothingIsLostAcrossAnOutage();
    void goneStopsAtOnce();
    void redirectIsAFailedAttempt();
    void slowAnswerIsAFailedAttempt();
    void deliveryInFlightIsNotSentAgain();
    void concurrencyIsBounded();
    void stopLeavesAttemptsOnTheWireDue();
    void hostHeaderNamesTheConfiguredHost();
    void internalAddressesAreRefusedAtDelivery();

private:
    std::unique_ptr<ReceiverProcess> startReceiver(const QStringList &arguments, quint16 port = 0);
    std::unique_ptr<WebhookDispatcher> startDispatcher(MemoryBackend &backend,
                                                       WebhookDispatcherOptions options = privateAllowed(),
                                                       RetryPolicy policy = RetryPolicy::standard());
    void step(WebhookDispatcher &dispatcher, MemoryBackend &backend, ReceiverProcess *receiver);

    FakeClock m_clock;
    QString m_node;
    QString m_receiverDir;
    QString m_receiverProblem;
    QList<AttemptOutcome> m_recorded;
};

void TestWebhookDispatcher::initTestCase()
{
    m_node = webhooktest::nodeExecutable();
    if (m_node.isEmpty()) {
        qWarning("node is not installed: the tests against the reference receiver are skipped");
        return;
    }
    m_receiverDir = webhooktest::prepareReceiverDir(&m_receiverProblem);
}

void TestWebhookDispatcher::cleanup()
{
    m_recorded.clear();
    m_clock.set(FakeClock().now());
}

std::unique_ptr<ReceiverProcess> TestWebhookDispatcher::startReceiver(const QStringList &arguments,
                                                                      quint16 port)
{
    if (m_receiverDir.isEmpty())
        return nullptr;
    auto receiver = std::make_unique<ReceiverProcess>(m_node, m_receiverDir);
    if (!receiver->start(kSecret, arguments, port) || !receiver->setClock(m_clock.now()))
        return nullptr;
    return receiver;
}

// Jitter is deterministic; every recorded attempt lands in m_recorded.
std::unique_ptr<WebhookDispatcher> TestWebhookDispatcher::startDispatcher(MemoryBackend &backend,
                                                                          WebhookDispatcherOptions options,
                                                                          RetryPolicy policy)
{
    auto dispatcher =
        std::make_unique<WebhookDispatcher>(backend, m_clock, options, std::move(policy), cyclingRandom());
    connect(dispatcher.get(), &WebhookDispatcher::attemptRecorded, this,
            [this](const AttemptOutcome &outcome) { m_recorded.append(outcome); });
    dispatcher->start();
    return dispatcher;
}

// Moves the clock to the next due delivery, wakes the dispatcher, and waits until every delivery due then has
// exactly one recorded attempt.
void TestWebhookDispatcher::step(WebhookDispatcher &dispatcher, MemoryBackend &backend,
                                 ReceiverProcess *receiver)
{
    const auto next = backend.nextDueAt();
    QVERIFY(next);
    if (*next > m_clock.now())
        m_clock.set(*next);
    // Counted before anything runs: the dispatcher may start on them while the receiver's clock is set.
    const qsizetype expected = m_recorded.size() + backend.dueCount(m_clock.now());
    if (receiver)
        QVERIFY(receiver->setClock(m_clock.now()));
    dispatcher.wake();
    QVERIFY(QTest::qWaitFor([&] { return m_recorded.size() >= expected; }, 20000));
    QTest::qWait(20); // a second attempt would show up now
    QCOMPARE(m_recorded.size(), expected);
    QCOMPARE(dispatcher.counters().inFlight, 0);
}

// ---- signing

void TestWebhookDispatcher::signatureMatchesKnownAnswers_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("webhookId");
    QTest::addColumn<qint64>("timestamp");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("a button reply signed with the key of bytes 0 to 31")
        << kSecret << QByteArrayLiteral("msg_01HANDOVERTEST") << qint64(1767258000)
        << QByteArrayLiteral(R"({"type":"template.button_reply","data":{"n":1}})")
        << QByteArrayLiteral("v1,RnkahRQO5AG5C/0RsGD4adwE5UjOVy8s+LgiDNf/5k4=");
    QTest::newRow("a UTF-8 body signed with a 24-byte random key")
        << QStringLiteral("whsec_AyWBzrwSIEhSENHygDCzjH3xLYWQ2Dke") << QByteArrayLiteral("msg_7f3c")
        << qint64(1700000000) << QStringLiteral(u"{\"text\":\"Ja, bitte \u2013 gern\"}").toUtf8()
        << QByteArrayLiteral("v1,umqjq4h7EVO1TWTyRYLP3X7XrzW3sqnlE/HSu2jtwrQ=");
}

void TestWebhookDispatcher::signatureMatchesKnownAnswers()
{
    QFETCH(QString, secret);
    QFETCH(QByteArray, webhookId);
    QFETCH(qint64, timestamp);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);

    const auto key = WebhookSigner::decodeSecret(secret);
    QVERIFY(key.ok());
    QCOMPARE(WebhookSigner::signature(*key, webhookId, timestamp, body), expected);

    const auto headers = WebhookSigner::sign(secret, QString::fromLatin1(webhookId),
                                             QDateTime::fromSecsSinceEpoch(timestamp, Qt::UTC), body);
    QVERIFY(headers.ok());
    QCOMPARE(headers->webhookId, webhookId);
    QCOMPARE(headers->timestamp, QByteArray::number(timestamp));
    QCOMPARE(headers->signature, expected);
}

void TestWebhookDispatcher::signedHeadersUseTheStandardNames()
{
    QCOMPARE(QByteArray(webhookheader::Id), QByteArrayLiteral("webhook-id"));
    QCOMPARE(QByteArray(webhookheader::Timestamp), QByteArrayLiteral("webhook-timestamp"));
    QCOMPARE(QByteArray(webhookheader::Signature), QByteArrayLiteral("webhook-signature"));
    QCOMPARE(QByteArray(webhookheader::ContentType), QByteArrayLiteral("content-type"));
    QCOMPARE(QByteArray(webhookheader::JsonContentType), QByteArrayLiteral("application/json"));

    // The timestamp is the attempt's unix seconds; milliseconds are dropped.
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(1767258000999, Qt::UTC);
    const auto headers = WebhookSigner::sign(kSecret, QStringLiteral("msg_x"), at, QByteArrayLiteral("{}"));
    QVERIFY(headers.ok());
    QCOMPARE(headers->timestamp, QByteArrayLiteral("1767258000"));
    QVERIFY(headers->signature.startsWith("v1,"));
}

void TestWebhookDispatcher::badSecretsAreRefused_data()
{
    QTest::addColumn<QString>("secret");
    QTest::newRow("an empty secret") << QString();
    QTest::newRow("the prefix alone") << QStringLiteral("whsec_");
    QTest::newRow("characters outside base64") << QStringLiteral("whsec_not*base64!");
    QTest::newRow("letters outside ASCII") << QStringLiteral(u"whsec_\u00e4\u00f6\u00fc=");
}

void TestWebhookDispatcher::badSecretsAreRefused()
{
    QFETCH(QString, secret);
    const auto key = WebhookSigner::decodeSecret(secret);
    QVERIFY(!key.ok());
    QCOMPARE(key.code(), ErrorCode::ValidationFailed);
    QCOMPARE(key.error().fields, QStringList{QStringLiteral("secret")});
}

void TestWebhookDispatcher::generatedSecretsAndIdsHaveTheirFormat()
{
    const QString secret = WebhookSigner::generateSecret();
    QVERIFY(secret.startsWith(QStringLiteral("whsec_")));
    const auto key = WebhookSigner::decodeSecret(secret);
    QVERIFY(key.ok());
    QCOMPARE(key->size(), 32);
    QVERIFY(WebhookSigner::generateSecret() != secret);

    const QString id = WebhookSigner::newWebhookId();
    QVERIFY(id.startsWith(QStringLiteral("msg_")));
    QCOMPARE(id.size(), 4 + 32);
    QVERIFY(WebhookSigner::newWebhookId() != id);
}

// ---- the retry schedule

void TestWebhookDispatcher::delaysLieInTheirJitterBands_data()
{
    QTest::addColumn<int>("failedAttempts");
    QTest::addColumn<qint64>("nominalSecs");
    const qint64 schedule[] = {5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600, 10 * 3600};
    for (int n = 1; n <= 8; ++n) {
        QTest::addRow("after failed attempt %d", n) << n << schedule[n - 1];
    }
}

void TestWebhookDispatcher::delaysLieInTheirJitterBands()
{
    QFETCH(int, failedAttempts);
    QFETCH(qint64, nominalSecs);
    const RetryPolicy policy = RetryPolicy::standard();
    const qint64 nominalMs = nominalSecs * 1000;
    QCOMPARE(policy.nominalDelay(failedAttempts).count(), nominalMs);
    for (double unit : {0.0, 0.1, 0.5, 0.9, 0.999999}) {
        const qint64 ms = policy.delayAfter(failedAttempts, unit).count();
        QVERIFY2(ms >= nominalMs * 8 / 10 && ms <= nominalMs * 12 / 10, qPrintable(QString::number(ms)));
    }
    QCOMPARE(policy.delayAfter(failedAttempts, 0.0).count(), nominalMs * 8 / 10);
    QCOMPARE(policy.delayAfter(failedAttempts, 0.5).count(), nominalMs);
}

void TestWebhookDispatcher::retriesGoOnForAtLeast72Hours_data()
{
    QTest::addColumn<double>("unit");
    QTest::newRow("with the shortest waits") << 0.0;
    QTest::newRow("with nominal waits") << 0.5;
    QTest::newRow("with the longest waits") << 0.999999;
}

void TestWebhookDispatcher::retriesGoOnForAtLeast72Hours()
{
    QFETCH(double, unit);
    const RetryPolicy policy = RetryPolicy::standard();
    const QDateTime created = m_clock.now();
    QDateTime now = created;
    int attempts = 0;
    for (;;) {
        ++attempts;
        const auto decision = policy.decide(503, attempts, created, now, unit);
        if (decision.status == AttemptOutcome::Status::Failed)
            break;
        QCOMPARE(decision.status, AttemptOutcome::Status::Pending);
        QVERIFY(decision.nextAttemptAt > now);
        now = decision.nextAttemptAt;
        QVERIFY2(attempts < 100, "never gives up");
    }
    const qint64 spanSecs = created.secsTo(now);
    QVERIFY2(spanSecs >= 72 * 3600, qPrintable(QString::number(spanSecs)));
    QVERIFY2(spanSecs < 72 * 3600 + 12 * 3600, "goes on long after 72 h");
    QVERIFY(attempts >= 9);
}

void TestWebhookDispatcher::answersAreClassified_data()
{
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<AttemptOutcome::Status>("status");

    QTest::newRow("200 delivers") << 200 << 1 << AttemptOutcome::Status::Delivered;
    QTest::newRow("204 delivers") << 204 << 3 << AttemptOutcome::Status::Delivered;
    QTest::newRow("299 delivers") << 299 << 1 << AttemptOutcome::Status::Delivered;
    QTest::newRow("410 gives up at once") << 410 << 1 << AttemptOutcome::Status::Failed;
    QTest::newRow("no answer is retried") << 0 << 1 << AttemptOutcome::Status::Pending;
    QTest::newRow("a redirect is retried") << 301 << 1 << AttemptOutcome::Status::Pending;
    QTest::newRow("404 is retried") << 404 << 2 << AttemptOutcome::Status::Pending;
    QTest::newRow("500 is retried") << 500 << 5 << AttemptOutcome::Status::Pending;
    QTest::newRow("a 1xx final answer is retried") << 199 << 1 << AttemptOutcome::Status::Pending;
}

void TestWebhookDispatcher::answersAreClassified()
{
    QFETCH(int, statusCode);
    QFETCH(int, attempts);
    QFETCH(AttemptOutcome::Status, status);
    const RetryPolicy policy = RetryPolicy::standard();
    const QDateTime now = m_clock.now();
    const auto decision = policy.decide(statusCode, attempts, now.addSecs(-60), now, 0.5);
    QCOMPARE(decision.status, status);
    QCOMPARE(decision.nextAttemptAt.isValid(), status == AttemptOutcome::Status::Pending);
}

// ---- the address rule

void TestWebhookDispatcher::addressesAreClassified_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<AddressKind>("kind");

    QTest::newRow("IPv4 loopback") << QStringLiteral("127.0.0.1") << AddressKind::Loopback;
    QTest::newRow("the end of 127/8") << QStringLiteral("127.255.255.254") << AddressKind::Loopback;
    QTest::newRow("10/8") << QStringLiteral("10.1.2.3") << AddressKind::Private;
    QTest::newRow("172.16/12") << QStringLiteral("172.31.255.1") << AddressKind::Private;
    QTest::newRow("just outside 172.16/12") << QStringLiteral("172.32.0.1") << AddressKind::Public;
    QTest::newRow("192.168/16") << QStringLiteral("192.168.0.10") << AddressKind::Private;
    QTest::newRow("shared address space") << QStringLiteral("100.64.0.1") << AddressKind::Private;
    QTest::newRow("IPv4 link-local") << QStringLiteral("169.254.169.254") << AddressKind::LinkLocal;
    QTest::newRow("IPv4 unspecified") << QStringLiteral("0.0.0.0") << AddressKind::Unspecified;
    QTest::newRow("IPv4 multicast") << QStringLiteral("224.0.0.251") << AddressKind::Multicast;
    QTest::newRow("broadcast") << QStringLiteral("255.255.255.255") << AddressKind::Reserved;
    QTest::newRow("a public IPv4 address") << QStringLiteral("93.184.216.34") << AddressKind::Public;
    QTest::newRow("another public IPv4 address") << QStringLiteral("8.8.8.8") << AddressKind::Public;
    QTest::newRow("IPv6 loopback") << QStringLiteral("::1") << AddressKind::Loopback;
    QTest::newRow("IPv6 unspecified") << QStringLiteral("::") << AddressKind::Unspecified;
    QTest::newRow("unique local fc00::/7") << QStringLiteral("fd12:3456::1") << AddressKind::Private;
    QTest::newRow("IPv6 link-local") << QStringLiteral("fe80::1") << AddressKind::LinkLocal;
    QTest::newRow("IPv6 multicast") << QStringLiteral("ff02::1") << AddressKind::Multicast;
    QTest::newRow("IPv4-mapped loopback") << QStringLiteral("::ffff:127.0.0.1") << AddressKind::Loopback;
    QTest::newRow("IPv4-mapped private") << QStringLiteral("::ffff:10.0.0.1") << AddressKind::Private;
    QTest::newRow("NAT64 of a private address") << QStringLiteral("64:ff9b::c0a8:1") << AddressKind::Private;
    QTest::newRow("a public IPv6 address")
        << QStringLiteral("2a00:1450:4001:80b::200e") << AddressKind::Public;
}

void TestWebhookDispatcher::addressesAreClassified()
{
    QFETCH(QString, address);
    QFETCH(AddressKind, kind);
    const QHostAddress host(address);
    QVERIFY(!host.isNull());
    QCOMPARE(WebhookUrlPolicy::classify(host), kind);
    QCOMPARE(WebhookUrlPolicy(false).allows(host), kind == AddressKind::Public);
    QVERIFY(WebhookUrlPolicy(true).allows(host));
}

void TestWebhookDispatcher::configuredUrlsAreChecked_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowPrivate");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("a public https URL")
        << QStringLiteral("https://hooks.example.com/handover") << false << true;
    QTest::newRow("a public http URL with a port")
        << QStringLiteral("http://hooks.example.com:8080/x") << false << true;
    QTest::newRow("a public literal address")
        << QStringLiteral("https://93.184.216.34/hook") << false << true;
    QTest::newRow("ftp") << QStringLiteral("ftp://hooks.example.com/") << false << false;
    QTest::newRow("no scheme") << QStringLiteral("hooks.example.com/x") << false << false;
    QTest::newRow("no host") << QStringLiteral("http:///x") << false << false;
    QTest::newRow("not a URL") << QStringLiteral("http://exa mple.com/") << false << false;
    QTest::newRow("localhost") << QStringLiteral("http://localhost:8080/") << false << false;
    QTest::newRow("a name under localhost") << QStringLiteral("http://api.localhost/") << false << false;
    QTest::newRow("IPv4 loopback") << QStringLiteral("http://127.0.0.1:9000/") << false << false;
    QTest::newRow("a private address") << QStringLiteral("https://192.168.1.20/hook") << false << false;
    QTest::newRow("the metadata address")
        << QStringLiteral("http://169.254.169.254/latest") << false << false;
    QTest::newRow("IPv6 loopback") << QStringLiteral("http://[::1]:9000/") << false << false;
    QTest::newRow("IPv4-mapped loopback") << QStringLiteral("http://[::ffff:127.0.0.1]/") << false << false;
    QTest::newRow("loopback written as one number") << QStringLiteral("http://2130706433/") << false << false;
    QTest::newRow("loopback written in hex, short") << QStringLiteral("http://0x7f.1/") << false << false;
    QTest::newRow("loopback with --allow-private-webhooks")
        << QStringLiteral("http://127.0.0.1:9000/") << true << true;
    QTest::newRow("localhost with --allow-private-webhooks")
        << QStringLiteral("http://localhost:9000/") << true << true;
    QTest::newRow("ftp even with --allow-private-webhooks")
        << QStringLiteral("ftp://127.0.0.1/") << true << false;
    QTest::newRow("a URL longer than 2048 characters")
        << QStringLiteral("https://hooks.example.com/") + QString(2048, QLatin1Char('a')) << false << false;
}

void TestWebhookDispatcher::configuredUrlsAreChecked()
{
    QFETCH(QString, url);
    QFETCH(bool, allowPrivate);
    QFETCH(bool, accepted);
    const auto checked = WebhookUrlPolicy(allowPrivate).checkUrl(url);
    QCOMPARE(checked.ok(), accepted);
    if (!accepted) {
        QCOMPARE(checked.code(), ErrorCode::ValidationFailed);
        QCOMPARE(checked.error().fields, QStringList{QStringLiteral("url")});
    }
}

void TestWebhookDispatcher::resolvedAddressesAreChecked()
{
    const WebhookUrlPolicy policy(false);
    const QHostAddress publicV4(QStringLiteral("93.184.216.34"));
    const QHostAddress publicV6(QStringLiteral("2606:2800:220:1::1"));
    const QHostAddress internal(QStringLiteral("10.0.0.7"));

    auto picked = policy.pickAddress({publicV6, publicV4});
    QVERIFY(picked.ok());
    QCOMPARE(*picked, publicV4); // IPv4 first
    picked = policy.pickAddress({publicV6});
    QVERIFY(picked.ok());
    QCOMPARE(*picked, publicV6);
    // A name that also resolves to an internal address is refused as a whole.
    QVERIFY(!policy.pickAddress({publicV4, internal}).ok());
    QVERIFY(!policy.pickAddress({}).ok());
    QVERIFY(WebhookUrlPolicy(true).pickAddress({publicV4, internal}).ok());
}

// ---- the dispatcher against the reference receiver

#define REQUIRE_RECEIVER()                                                                                   \
    do {                                                                                                     \
        if (m_node.isEmpty())                                                                                \
            QSKIP("node is not installed (apt-get install nodejs npm)");                                     \
        QVERIFY2(!m_receiverDir.isEmpty(), qPrintable(m_receiverProblem));                                   \
    } while (false)

void TestWebhookDispatcher::unusableDeliveriesAreRetriedLikeAnyFailure()
{
    // Nothing reaches the network here; the attempts fail before, and are recorded at once.
    MemoryBackend backend;
    backend.synchronous = true;
    backend.add(QStringLiteral("ftp"), QUrl(QStringLiteral("ftp://hooks.example.com/")), m_clock.now());
    backend.add(QStringLiteral("no-secret"), QUrl(QStringLiteral("http://127.0.0.1:9/")), m_clock.now());
    backend.rows[QStringLiteral("no-secret")].delivery.secret = QStringLiteral("whsec_");
    auto dispatcher = startDispatcher(backend);
    step(*dispatcher, backend, nullptr);
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(m_recorded.size(), 2);
    for (const AttemptOutcome &outcome : std::as_const(m_recorded)) {
        QCOMPARE(outcome.status, AttemptOutcome::Status::Pending);
        QCOMPARE(outcome.statusCode, 0);
        QCOMPARE(outcome.attempts, 1);
    }
    QVERIFY(
        backend.rows.value(QStringLiteral("ftp")).outcomes.first().error.contains(QStringLiteral("http")));
    QVERIFY(backend.rows.value(QStringLiteral("no-secret"))
                .outcomes.first()
                .error.contains(QStringLiteral("secret")));
}

void TestWebhookDispatcher::sleepsUntilTheNextDueTime()
{
    // On the real clock, with no wake(): the timer alone brings each delivery out when it is due.
    SystemClock clock;
    MemoryBackend backend;
    const QDateTime start = clock.now();
    backend.add(QStringLiteral("soon"), QUrl(QStringLiteral("ftp://hooks.example.com/")), start);
    backend.rows[QStringLiteral("soon")].delivery.nextAttemptAt = start.addMSecs(400);
    backend.add(QStringLiteral("later"), QUrl(QStringLiteral("ftp://hooks.example.com/")), start);
    backend.rows[QStringLiteral("later")].delivery.nextAttemptAt = start.addMSecs(800);
    WebhookDispatcher dispatcher(backend, clock, privateAllowed(), RetryPolicy::standard(), cyclingRandom());
    QList<QDateTime> recordedAt;
    connect(&dispatcher, &WebhookDispatcher::attemptRecorded, this,
            [&](const AttemptOutcome &) { recordedAt.append(clock.now()); });
    dispatcher.start();

    QTRY_COMPARE_WITH_TIMEOUT(recordedAt.size(), 2, 5000);
    QVERIFY(start.msecsTo(recordedAt.at(0)) >= 400);
    QVERIFY(start.msecsTo(recordedAt.at(1)) >= 800);
    QVERIFY2(start.msecsTo(recordedAt.at(1)) < 3000, "the timer overslept");
}

void TestWebhookDispatcher::retriesUntilTheReceiverAcceptsThenStops()
{
    REQUIRE_RECEIVER();
    auto receiver = startReceiver({QStringLiteral("--fail-first"), QStringLiteral("3")});
    QVERIFY(receiver);
    MemoryBackend backend;
    backend.add(QStringLiteral("d1"), receiver->url(), m_clock.now());
    auto dispatcher = startDispatcher(backend);

    QList<QDateTime> attemptTimes;
    for (int i = 0; i < 4; ++i) {
        step(*dispatcher, backend, receiver.get());
        if (QTest::currentTestFailed())
            return;
        attemptTimes.append(m_clock.now());
    }

    // Waits of about 5 s, 5 min and 30 min, each within its jitter band.
    const qint64 nominal[] = {5, 300, 1800};
    for (int i = 0; i < 3; ++i) {
        const qint64 wait = attemptTimes.at(i).secsTo(attemptTimes.at(i + 1));
        QVERIFY2(wait >= nominal[i] * 8 / 10 && wait <= nominal[i] * 12 / 10,
                 qPrintable(QString::number(wait)));
        QCOMPARE(m_recorded.at(i).status, AttemptOutcome::Status::Pending);
        QCOMPARE(m_recorded.at(i).statusCode, 500);
        QCOMPARE(m_recorded.at(i).attempts, i + 1);
    }
    QCOMPARE(m_recorded.at(3).status, AttemptOutcome::Status::Delivered);
    QCOMPARE(m_recorded.at(3).statusCode, 200);
    QCOMPARE(m_recorded.at(3).attempts, 4);
    QCOMPARE(backend.rows.value(QStringLiteral("d1")).status, AttemptOutcome::Status::Delivered);

    const auto requests = receiver->requests();
    QCOMPARE(requests.size(), 4);
    QSet<QString> timestamps;
    for (int i = 0; i < requests.size(); ++i) {
        const auto &request = requests.at(i);
        QVERIFY2(request.verified(), qPrintable(request.error()));
        QCOMPARE(request.webhookId(), QStringLiteral("msg_d1"));
        QCOMPARE(request.timestamp(), QString::number(attemptTimes.at(i).toSecsSinceEpoch()));
        QCOMPARE(request.statusSent(), i < 3 ? 500 : 200);
        QCOMPARE(request.body(), backend.rows.value(QStringLiteral("d1")).delivery.payload);
        QCOMPARE(request.json.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(request.json.value(QStringLiteral("content_type")).toString(),
                 QStringLiteral("application/json"));
        timestamps.insert(request.timestamp());
    }
    QCOMPARE(timestamps.size(), 4);

    const WebhookCounters counters = dispatcher->counters();
    QCOMPARE(counters.delivered, quint64(1));
    QCOMPARE(counters.failed, quint64(0));
    QCOMPARE(counters.attempts, quint64(4));
    QCOMPARE(counters.inFlight, 0);

    // Delivered is final.
    m_clock.advanceSecs(24 * 3600);
    dispatcher->wake();
    QTest::qWait(100);
    QCOMPARE(m_recorded.size(), 4);
    QCOMPARE(receiver->requests().size(), 4);
}

void TestWebhookDispatcher::nothingIsLostAcrossAnOutage_data()
{
    QTest::addColumn<int>("outageSecs");
    QTest::newRow("a receiver down for one minute") << 60;
    QTest::newRow("a receiver down for one hour") << 3600;
}

void TestWebhookDispatcher::nothingIsLostAcrossAnOutage()
{
    QFETCH(int, outageSecs);
    REQUIRE_RECEIVER();
    const quint16 port = unusedPort();
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/hooks/handover").arg(port));
    MemoryBackend backend;
    auto dispatcher = startDispatcher(backend);

    // Taps keep coming while the receiver is down; each commit wakes the dispatcher.
    const int total = 12;
    const QDateTime outageEnd = m_clock.now().addSecs(outageSecs);
    const qint64 interval = outageSecs / total;
    int created = 0;
    QDateTime nextTap = m_clock.now();
    while (created < total || (backend.nextDueAt() && *backend.nextDueAt() < outageEnd)) {
        QDateTime next = created < total ? nextTap : outageEnd;
        if (const auto due = backend.nextDueAt(); due && *due < next)
            next = *due;
        if (next >= outageEnd && created == total)
            break;
        if (next > m_clock.now())
            m_clock.set(next);
        while (created < total && nextTap <= m_clock.now()) {
            backend.add(QStringLiteral("t%1").arg(created++), url, m_clock.now());
            nextTap = nextTap.addSecs(interval);
        }
        step(*dispatcher, backend, nullptr);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(backend.count(AttemptOutcome::Status::Pending), total);
    QVERIFY(!m_recorded.isEmpty());
    for (const AttemptOutcome &outcome : std::as_const(m_recorded)) {
        QCOMPARE(outcome.statusCode, 0); // connection refused
        QVERIFY(!outcome.error.isEmpty());
    }

    // The receiver comes back on the same port; then time goes on.
    auto receiver = startReceiver({}, port);
    QVERIFY(receiver);
    m_clock.set(std::max(m_clock.now(), outageEnd));
    for (int i = 0; i < 20 && backend.count(AttemptOutcome::Status::Pending) > 0; ++i) {
        step(*dispatcher, backend, receiver.get());
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(backend.count(AttemptOutcome::Status::Delivered), total);
    QCOMPARE(dispatcher->counters().delivered, quint64(total));
    QCOMPARE(dispatcher->counters().failed, quint64(0));

    QMap<QString, int> accepted;
    for (const auto &request : receiver->requests()) {
        QVERIFY2(request.verified(), qPrintable(request.error()));
        const QString id = request.webhookId().mid(4);
        QVERIFY(backend.rows.contains(id));
        QCOMPARE(request.body(), backend.rows.value(id).delivery.payload);
        if (request.statusSent() == 200)
            ++accepted[id];
    }
    QCOMPARE(accepted.size(), total);
    for (auto it = accepted.cbegin(); it != accepted.cend(); ++it)
        QCOMPARE(it.value(), 1);
}

void TestWebhookDispatcher::goneStopsAtOnce()
{
    REQUIRE_RECEIVER();
    auto receiver = startReceiver({QStringLiteral("--status-after"), QStringLiteral("410")});
    QVERIFY(receiver);
    MemoryBackend backend;
    backend.add(QStringLiteral("gone"), receiver->url(), m_clock.now());
    auto dispatcher = startDispatcher(backend);
    step(*dispatcher, backend, receiver.get());
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(m_recorded.size(), 1);
    QCOMPARE(m_recorded.first().status, AttemptOutcome::Status::Failed);
    QCOMPARE(m_recorded.first().statusCode, 410);
    QCOMPARE(dispatcher->counters().failed, quint64(1));
    m_clock.advanceSecs(24 * 3600);
    dispatcher->wake();
    QTest::qWait(100);
    QCOMPARE(receiver->requests().size(), 1);
    QVERIFY(receiver->requests().first().verified());
}

void TestWebhookDispatcher::redirectIsAFailedAttempt()
{
    REQUIRE_RECEIVER();
    auto receiver = startReceiver({QStringLiteral("--status-after"), QStringLiteral("302")});
    QVERIFY(receiver);
    MemoryBackend backend;
    backend.add(QStringLiteral("moved"), receiver->url(), m_clock.now());
    auto dispatcher = startDispatcher(backend);
    step(*dispatcher, backend, receiver.get());
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(m_recorded.first().status, AttemptOutcome::Status::Pending);
    QCOMPARE(m_recorded.first().statusCode, 302);
    QVERIFY(m_recorded.first().error.contains(QStringLiteral("redirect")));
    QCOMPARE(receiver->requests().size(), 1);
}

void TestWebhookDispatcher::slowAnswerIsAFailedAttempt()
{
    REQUIRE_RECEIVER();
    auto receiver = startReceiver({QStringLiteral("--delay-ms"), QStringLiteral("3000")});
    QVERIFY(receiver);
    MemoryBackend backend;
    backend.add(QStringLiteral("slow"), receiver->url(), m_clock.now());
    RetryPolicy policy = RetryPolicy::standard();
    policy.responseTimeout = 300ms; // the real one is 15 s; the rule is the same
    auto dispatcher = startDispatcher(backend, privateAllowed(), policy);
    step(*dispatcher, backend, receiver.get());
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(m_recorded.first().status, AttemptOutcome::Status::Pending);
    QCOMPARE(m_recorded.first().statusCode, 0);
    QVERIFY2(m_recorded.first().error.contains(QStringLiteral("300 ms")),
             qPrintable(m_recorded.first().error));
}

void TestWebhookDispatcher::deliveryInFlightIsNotSentAgain()
{
    REQUIRE_RECEIVER();
    auto receiver = startReceiver({QStringLiteral("--delay-ms"), QStringLiteral("500")});
    QVERIFY(receiver);
    MemoryBackend backend;
    backend.add(QStringLiteral("once"), receiver->url(), m_clock.now());
    auto dispatcher = startDispatcher(backend);
    QTRY_COMPARE(dispatcher->counters().inFlight, 1);
    // Commits and timers keep waking it while the answer is on its way; the delivery is still due.
    for (int i = 0; i < 5; ++i) {
        dispatcher->wake();
        QTest::qWait(40);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_recorded.size(), 1, 10000);
    QTest::qWait(50);
    QCOMPARE(m_recorded.size(), 1);
    QCOMPARE(m_recorded.first().status, AttemptOutcome::Status::Delivered);
    QCOMPARE(receiver->requests().size(), 1);
}

void TestWebhookDispatcher::concurrencyIsBounded()
{
    REQUIRE_RECEIVER();
    auto receiver = startReceiver({QStringLiteral("--delay-ms"), QStringLiteral("100")});
    QVERIFY(receiver);
    MemoryBackend backend;
    const int total = 10;
    for (int i = 0; i < total; ++i)
        backend.add(QStringLiteral("c%1").arg(i), receiver->url(), m_clock.now());
    auto dispatcher = startDispatcher(backend, privateAllowed(3));
    int mostInFlight = 0;
    connect(dispatcher.get(), &WebhookDispatcher::attemptStarted, this,
            [&] { mostInFlight = std::max(mostInFlight, dispatcher->counters().inFlight); });
    QTRY_COMPARE_WITH_TIMEOUT(m_recorded.size(), total, 20000);
    QCOMPARE(mostInFlight, 3);
    QCOMPARE(backend.count(AttemptOutcome::Status::Delivered), total);
    QCOMPARE(receiver->requests().size(), total);
}

void TestWebhookDispatcher::stopLeavesAttemptsOnTheWireDue()
{
    REQUIRE_RECEIVER();
    auto receiver = startReceiver({QStringLiteral("--delay-ms"), QStringLiteral("1000")});
    QVERIFY(receiver);
    MemoryBackend backend;
    backend.add(QStringLiteral("restart"), receiver->url(), m_clock.now());
    auto dispatcher = startDispatcher(backend);
    QTRY_VERIFY(!receiver->requests().isEmpty()); // the request arrived; its answer is on its way

    // A shutdown in the middle: nothing is recorded, the delivery stays due.
    dispatcher->stop();
    QCOMPARE(dispatcher->counters().inFlight, 0);
    QTest::qWait(50);
    QVERIFY(m_recorded.isEmpty());
    QCOMPARE(backend.dueCount(m_clock.now()), 1);

    // After the restart it is sent again, with the same webhook-id.
    dispatcher->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_recorded.size(), 1, 10000);
    QCOMPARE(m_recorded.first().status, AttemptOutcome::Status::Delivered);
    QCOMPARE(m_recorded.first().attempts, 1);
    const auto requests = receiver->requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).webhookId(), requests.at(1).webhookId());
    QVERIFY(requests.at(0).verified() && requests.at(1).verified());
}

void TestWebhookDispatcher::hostHeaderNamesTheConfiguredHost()
{
    REQUIRE_RECEIVER();
    auto receiver = startReceiver({});
    QVERIFY(receiver);
    MemoryBackend backend;
    backend.add(QStringLiteral("named"), receiver->url(QStringLiteral("localhost")), m_clock.now());
    auto dispatcher = startDispatcher(backend);
    step(*dispatcher, backend, receiver.get());
    if (QTest::currentTestFailed())
        return;

    // The connection goes to the checked address; the request still names the configured host.
    QCOMPARE(m_recorded.first().status, AttemptOutcome::Status::Delivered);
    const auto requests = receiver->requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().json.value(QStringLiteral("host")).toString(),
             QStringLiteral("localhost:%1").arg(receiver->port()));
}

void TestWebhookDispatcher::internalAddressesAreRefusedAtDelivery()
{
    REQUIRE_RECEIVER();
    auto receiver = startReceiver({});
    QVERIFY(receiver);
    MemoryBackend backend;
    // A literal loopback address, and this machine's own name, which resolves to one of its addresses:
    // loopback or private here, as it would be for a rebinding name.
    backend.add(QStringLiteral("literal"), receiver->url(), m_clock.now());
    const QString ownName = QHostInfo::localHostName();
    const auto ownAddresses = QHostInfo::fromName(ownName).addresses();
    const bool ownNameIsInternal =
        !ownAddresses.isEmpty() && std::any_of(ownAddresses.cbegin(), ownAddresses.cend(), [](const auto &a) {
            return WebhookUrlPolicy::classify(a) != AddressKind::Public;
        });
    if (ownNameIsInternal)
        backend.add(QStringLiteral("named"), receiver->url(ownName), m_clock.now());
    else
        qWarning("this machine's name does not resolve to an internal address; only the literal case runs");

    auto dispatcher = startDispatcher(backend, WebhookDispatcherOptions{});
    step(*dispatcher, backend, receiver.get());
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(m_recorded.size(), backend.rows.size());
    for (const AttemptOutcome &outcome : std::as_const(m_recorded)) {
        QCOMPARE(outcome.status, AttemptOutcome::Status::Pending);
        QCOMPARE(outcome.statusCode, 0);
        QVERIFY2(outcome.error.contains(QStringLiteral("address")), qPrintable(outcome.error));
    }
    QCOMPARE(receiver->requests().size(), 0);
}

QTEST_GUILESS_MAIN(TestWebhookDispatcher)
#include "tst_webhookdispatcher.moc"
