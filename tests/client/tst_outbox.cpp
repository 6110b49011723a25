#include "client/outbox.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;

namespace {

TemplateSend orderTemplate(const QString &chatroomId, const QString &order)
{
    TemplateSend send;
    send.chatroomId = chatroomId;
    send.remoteTemplateId = ClientTestOrg::kOrderTemplate;
    send.params = {TemplateParamValue{QStringLiteral("order"), order}};
    return send;
}

QString orderText(const QString &order)
{
    return QStringLiteral("Order %1 is ready.").arg(order);
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void sendsMadeWhileTheServerIsDownWaitThenGoOutInOrderOnce();
    void aSendWhoseAnswerWasLostGoesOutAgainAndCountsOnce();
    void offlineHoldsSendsAndAFreshOutboxResumesThem();
    void aRefusalFailsTheItemWithTheErrorAndRetryWorks();

private:
    std::unique_ptr<Outbox> openOutbox(RandomSource *random = nullptr);
    // How often each text appears among the chatroom's messages on the server.
    int serverCount(const QString &chatroomId, const QString &text);
    QList<OutboxItem> items(Outbox &outbox) { return MUST_OK(outbox.items()); }
    bool allSent(Outbox &outbox);

    ClientTestOrg m_org;
    QTemporaryDir m_dir;
    QString m_path;
    int m_files = 0;
    SystemClock m_clock;
    UuidSource m_keys;
    SystemRandomSource m_random;
    std::unique_ptr<ApiClient> m_api;
    QString m_room;
};

void TestOutbox::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
    m_room = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!m_room.isEmpty(), m_org.why());
}

void TestOutbox::init()
{
    m_path = m_dir.filePath(QStringLiteral("outbox-%1.sqlite").arg(++m_files));
    m_api = std::make_unique<ApiClient>(m_org.url());
    m_api->setToken(m_org.member.token);
    m_api->setOrgId(m_org.orgId());
}

std::unique_ptr<Outbox> TestOutbox::openOutbox(RandomSource *random)
{
    return MUST_OK(Outbox::open(m_path, m_org.orgId(), *m_api, m_clock, m_keys, random ? *random : m_random));
}

int TestOutbox::serverCount(const QString &chatroomId, const QString &text)
{
    int count = 0;
    for (const Message &m : m_org.serverMessages(chatroomId))
        count += m.text == text ? 1 : 0;
    return count;
}

bool TestOutbox::allSent(Outbox &outbox)
{
    const QList<OutboxItem> all = items(outbox);
    return std::all_of(all.cbegin(), all.cend(),
                       [](const OutboxItem &i) { return i.state == OutboxState::Sent; });
}

void TestOutbox::sendsMadeWhileTheServerIsDownWaitThenGoOutInOrderOnce()
{
    m_org.server().stopServe();
    auto outbox = openOutbox();
    QSignalSpy changed(outbox.get(), &Outbox::itemChanged);
    const QStringList orders{QStringLiteral("A1"), QStringLiteral("A2"), QStringLiteral("A3"),
                             QStringLiteral("A4"), QStringLiteral("A5")};
    QList<qint64> ids;
    for (const QString &order : orders) {
        const OutboxItem item = MUST_OK(outbox->enqueueTemplate(orderTemplate(m_room, order)));
        QCOMPARE(item.state, OutboxState::Pending); // stored before anything went out
        QVERIFY(!item.idempotencyKey.isEmpty());
        ids.append(item.localId);
    }
    // The head is tried and fails as a network error; nothing behind it overtakes it.
    QTRY_VERIFY_WITH_TIMEOUT(items(*outbox).first().attempts >= 1, 5000);
    QTest::qWait(300);
    QList<OutboxItem> waiting = items(*outbox);
    QCOMPARE(waiting.size(), qsizetype(5));
    for (const OutboxItem &item : waiting)
        QCOMPARE(item.state, OutboxState::Pending);
    QCOMPARE(waiting.first().failure->kind, ApiError::Kind::Network);
    for (qsizetype i = 1; i < waiting.size(); ++i)
        QCOMPARE(waiting.at(i).attempts, 0);
    QVERIFY(outbox->nextRetryAt().isValid() || outbox->isSending());

    QVERIFY2(m_org.server().startServe(), qPrintable(m_org.server().errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(allSent(*outbox), 40000); // the backoff brings them out
    // In the order they were made, each exactly once, matching the server's ids.
    const QList<Message> server = m_org.serverMessages(m_room);
    QStringList texts;
    for (const Message &m : server) {
        if (m.text.startsWith(QLatin1String("Order A")))
            texts.append(m.text);
    }
    QStringList expected;
    for (const QString &order : orders)
        expected.append(orderText(order));
    QCOMPARE(texts, expected);
    for (const OutboxItem &item : items(*outbox)) {
        QVERIFY(!item.messageId().isEmpty());
        QVERIFY(!item.failure.has_value());
        QVERIFY(std::any_of(server.cbegin(), server.cend(),
                            [&](const Message &m) { return m.id == item.messageId(); }));
    }
    QVERIFY(changed.size() >= 10); // pending and sent for each
}

void TestOutbox::aSendWhoseAnswerWasLostGoesOutAgainAndCountsOnce()
{
    qint64 localId = 0;
    {
        auto outbox = openOutbox();
        localId = MUST_OK(outbox->enqueueTemplate(orderTemplate(m_room, QStringLiteral("B1")))).localId;
        QTRY_VERIFY_WITH_TIMEOUT(outbox->isSending(), 5000);
        // The console dies with the request on the wire: its answer is never recorded.
    }
    QTRY_COMPARE_WITH_TIMEOUT(serverCount(m_room, orderText(QStringLiteral("B1"))), 1, 10000);
    auto outbox = openOutbox();
    QCOMPARE(MUST_OK(outbox->item(localId))->state == OutboxState::Sent, false);
    QTRY_COMPARE_WITH_TIMEOUT(MUST_OK(outbox->item(localId))->state, OutboxState::Sent, 10000);
    // The same Idempotency-Key: the server answered with the first send's message, and stored no second one.
    QCOMPARE(serverCount(m_room, orderText(QStringLiteral("B1"))), 1);
    const QList<Message> server = m_org.serverMessages(m_room);
    const QString sentId = MUST_OK(outbox->item(localId))->messageId();
    QVERIFY(std::any_of(server.cbegin(), server.cend(), [&](const Message &m) {
        return m.id == sentId && m.text == orderText(QStringLiteral("B1"));
    }));
}

void TestOutbox::offlineHoldsSendsAndAFreshOutboxResumesThem()
{
    {
        auto outbox = openOutbox();
        outbox->setOnline(false);
        (void)MUST_OK(outbox->enqueueTemplate(orderTemplate(m_room, QStringLiteral("C1"))));
        (void)MUST_OK(outbox->enqueueTemplate(orderTemplate(m_room, QStringLiteral("C2"))));
        QTest::qWait(500);
        for (const OutboxItem &item : items(*outbox))
            QCOMPARE(item.attempts, 0); // offline: nothing is even tried
    }
    QCOMPARE(serverCount(m_room, orderText(QStringLiteral("C1"))), 0);
    // A restart: the new outbox finds them and sends them, in order.
    auto outbox = openOutbox();
    QCOMPARE(items(*outbox).size(), qsizetype(2));
    QTRY_VERIFY_WITH_TIMEOUT(allSent(*outbox), 10000);
    QCOMPARE(serverCount(m_room, orderText(QStringLiteral("C1"))), 1);
    QCOMPARE(serverCount(m_room, orderText(QStringLiteral("C2"))), 1);
}

void TestOutbox::aRefusalFailsTheItemWithTheErrorAndRetryWorks()
{
    // A fresh chatroom whose customer never wrote: free text is outside the 24h window (R19).
    const QString room = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!room.isEmpty(), m_org.why());
    auto outbox = openOutbox();
    const qint64 text = MUST_OK(outbox->enqueueText(room, QStringLiteral("Hello from the console"))).localId;
    const qint64 behind = MUST_OK(outbox->enqueueTemplate(orderTemplate(room, QStringLiteral("D1")))).localId;
    QTRY_COMPARE_WITH_TIMEOUT(MUST_OK(outbox->item(text))->state, OutboxState::Failed, 10000);
    const OutboxItem failed = *MUST_OK(outbox->item(text));
    QVERIFY(failed.failure.has_value());
    QCOMPARE(failed.failure->kind, ApiError::Kind::Http);
    QCOMPARE(failed.failure->httpStatus, 409);
    QCOMPARE(failed.failure->error.code, ErrorCode::SessionWindowClosed);
    QVERIFY(!failed.failure->error.description.isEmpty());
    QCOMPARE(failed.attempts, 1);
    // A refusal does not hold up what comes after it, and is not retried by itself.
    QTRY_COMPARE_WITH_TIMEOUT(MUST_OK(outbox->item(behind))->state, OutboxState::Sent, 10000);
    QTest::qWait(1500);
    QCOMPARE(MUST_OK(outbox->item(text))->attempts, 1);
    QVERIFY(!outbox->retry(behind).ok()); // only a failed send can be retried

    QVERIFY2(m_org.customerWrites(room, QStringLiteral("Hi, anyone there?")), m_org.why());
    QSignalSpy changed(outbox.get(), &Outbox::itemChanged);
    QVERIFY(outbox->retry(text).ok());
    QTRY_COMPARE_WITH_TIMEOUT(MUST_OK(outbox->item(text))->state, OutboxState::Sent, 10000);
    QCOMPARE(changed.first().at(1).value<OutboxState>(), OutboxState::Pending);
    QCOMPARE(changed.last().at(1).value<OutboxState>(), OutboxState::Sent);
    QCOMPARE(serverCount(room, QStringLiteral("Hello from the console")), 1);
    // Under a new key: the server keeps answering the old one with the refusal it gave.
    QVERIFY(MUST_OK(outbox->item(text))->idempotencyKey != failed.idempotencyKey);
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
