#include "tests/support/concurrentrequests.h"
#include "tests/support/scenario.h"
#include "tests/support/webhook-receiver/webhookreceiverprocess.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>
#include <algorithm>
#include <functional>

using namespace handover;
using namespace handover::testing;

// TARGETS.md L2: the server is killed with SIGKILL while several clients send STMs with Idempotency-Keys and
// customers tap relayed buttons, then started again, round after round. After every kill the SQLite file
// passes `PRAGMA integrity_check`; after every restart each STM that was answered 2xx is there exactly once,
// a retry of one that got no answer (same key) is answered 2xx and leaves exactly one message; and every tap
// the server acknowledged reaches the org webhook in the end.
//
// HANDOVER_CRASHLOOP_ROUNDS sets the number of kills (5 by default; L2 asks for 100), HANDOVER_CRASHLOOP_SEED
// the random seed (printed, so that a failing run can be repeated).
namespace {

constexpr int kClients = 4;          // connections sending STMs at once, each into a chatroom of its own
constexpr int kMaxStmsPerRoom = 150; // one page of GET messages holds every STM of a round
constexpr int kTapsPerRound = 4;

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

// One STM: its Idempotency-Key is also its `order` parameter, so the message it made can be found by value.
struct Stm
{
    QString key = {};
    QString room = {};
    bool relay = false;
    int status = 0; // 0: no answer (the server died with the request in flight)
    QString messageId = {};
};

RawRequest stmRequest(Scenario &s, const Stm &stm)
{
    const QJsonObject body{{QStringLiteral("remote_template_id"), Scenario::kButtonsTemplate},
                           {QStringLiteral("template_params"),
                            QJsonArray{QJsonObject{{QStringLiteral("tag"), QStringLiteral("order")},
                                                   {QStringLiteral("value"), stm.key}}}},
                           {QStringLiteral("relay_response"), stm.relay}};
    return RawRequest{
        .url = s.server().url().resolved(
            QUrl(QStringLiteral("v3/orgs/%1/chatrooms/%2/template-messages").arg(s.orgId(), stm.room))),
        .body = QJsonDocument(body).toJson(QJsonDocument::Compact),
        .token = s.server().apiKey(),
        .headers = {{QByteArrayLiteral("Idempotency-Key"), stm.key.toUtf8()}}};
}

// A tap on a relay-enabled STM, ready to be posted through the simulator.
struct Tap
{
    QString templateMessageId = {};
    QJsonObject inbound = {}; // the body of POST /sim/inbound
    bool acknowledged = false;
};

// Keeps one STM in flight on each of kClients connections, and posts taps one after another on another, until
// stop(). A client that loses its answer stops; stop() lets what is in flight finish.
class Load
{
public:
    Load(Scenario &s, QStringList rooms, QList<Tap> taps, int round)
        : m_s(s)
        , m_rooms(std::move(rooms))
        , m_taps(std::move(taps))
        , m_round(round)
    {}

    std::function<void()> onSuccess; // after each 2xx STM answer

    void start()
    {
        for (int i = 0; i < m_rooms.size(); ++i) {
            m_networks.push_back(std::make_unique<QNetworkAccessManager>());
            sendNext(i);
        }
        m_networks.push_back(std::make_unique<QNetworkAccessManager>());
        tapNext(0);
    }
    void stop() { m_stopped = true; }
    bool waitUntilIdle()
    {
        return QTest::qWaitFor([this] { return m_inFlight == 0; }, 60000);
    }

    const QList<Stm> &stms() const { return m_stms; }
    const QList<Tap> &taps() const { return m_taps; }

private:
    void sendNext(int client)
    {
        if (m_stopped || m_sent.value(client) >= kMaxStmsPerRoom)
            return;
        const int n = m_sent[client]++;
        const Stm stm{.key = QStringLiteral("r%1-c%2-%3").arg(m_round).arg(client).arg(n),
                      .room = m_rooms.at(client),
                      .relay = n % 3 == 0};
        const qsizetype index = m_stms.size();
        m_stms.append(stm);
        QNetworkReply *reply = startRequest(*m_networks.at(client), stmRequest(m_s, stm));
        ++m_inFlight;
        QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, index, client] {
            const HttpResult result = resultOf(reply);
            reply->deleteLater();
            --m_inFlight;
            Stm &done = m_stms[index];
            done.status = result.status;
            done.messageId = result.string(QStringLiteral("id"));
            if (result.status / 100 != 2)
                return; // the server is gone (or refused it: the checks report that)
            if (onSuccess)
                onSuccess();
            sendNext(client);
        });
    }

    void tapNext(qsizetype index)
    {
        if (m_stopped || index >= m_taps.size())
            return;
        const RawRequest request{
            .url = m_s.server().simulatorUrl().resolved(QUrl(QStringLiteral("sim/inbound"))),
            .body = QJsonDocument(m_taps.at(index).inbound).toJson(QJsonDocument::Compact)};
        QNetworkReply *reply = startRequest(*m_networks.back(), request);
        ++m_inFlight;
        QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, index] {
            const HttpResult result = resultOf(reply);
            reply->deleteLater();
            --m_inFlight;
            // The simulator answers with the server's status: 200 means the tap and its delivery are stored.
            m_taps[index].acknowledged =
                result.status == 200 && result.json().value(QLatin1String("status")).toInt() == 200;
            tapNext(index + 1);
        });
    }

    Scenario &m_s;
    QStringList m_rooms;
    QList<Tap> m_taps;
    int m_round = 0;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_networks; // one per client, the last for taps
    QHash<int, int> m_sent;
    QList<Stm> m_stms;
    int m_inFlight = 0;
    bool m_stopped = false;
};

// The `order` value of each template message of a chatroom -> the ids of the messages carrying it.
QHash<QString, QStringList> messagesByOrder(const QJsonArray &messages)
{
    QHash<QString, QStringList> byOrder;
    for (const QJsonValue &m : messages) {
        const QJsonObject message = m.toObject();
        for (const QJsonValue &p :
             objectField(message, "template").value(QLatin1String("params")).toArray()) {
            if (field(p.toObject(), "tag") == QLatin1String("order"))
                byOrder[field(p.toObject(), "value")].append(field(message, "id"));
        }
    }
    return byOrder;
}

} // namespace

class TestCrashLoop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void l2_killedUnderStmLoadLosesNothing();

private:
    // Loads the server, kills it at a random answer, checks the file, restarts it and checks the answers.
    void runRound(int round, int killAfter);
    QString integrityCheck();
    QList<Tap> prepareTaps(const QList<Stm> &answered);
    void checkRoom(const QString &room, const QList<Stm> &stms);
    bool useWebhook();
    QSet<QString> deliveredTemplateMessages() const;

    Scenario s;
    QRandomGenerator m_random;
    std::unique_ptr<webhooktest::ReceiverProcess> m_receiver; // null without node: deliveries go unchecked
    QHash<QString, QList<Stm>> m_answered; // chatroom -> its STMs answered 2xx, every round
    QList<Tap> m_nextTaps;
    QStringList m_acknowledgedTaps; // template message ids whose tap the server acknowledged
};

void TestCrashLoop::initTestCase()
{
    quint32 seed = quint32(envInt("HANDOVER_CRASHLOOP_SEED", 0));
    if (seed == 0)
        seed = QRandomGenerator::system()->generate();
    qInfo("HANDOVER_CRASHLOOP_SEED=%u", seed);
    m_random.seed(seed);
    QVERIFY2(s.start(), s.why());

    const QString node = webhooktest::nodeExecutable();
    if (node.isEmpty()) {
        qWarning("node is not installed: webhook deliveries are not checked (apt-get install nodejs npm)");
        return;
    }
    QString problem;
    const QString dir = webhooktest::prepareReceiverDir(&problem);
    QVERIFY2(!dir.isEmpty(), qPrintable(problem));
    m_receiver = std::make_unique<webhooktest::ReceiverProcess>(node, dir);
    QVERIFY(m_receiver->start(QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(32, 'k').toBase64()),
                              {}));
    QVERIFY(useWebhook());
}

bool TestCrashLoop::useWebhook()
{
    const QString secret = QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(32, 'k').toBase64());
    const HttpResult put = s.api().put(QStringLiteral("/v1/orgs/%1/webhook").arg(s.orgId()),
                                       QJsonObject{{QStringLiteral("url"), m_receiver->url().toString()},
                                                   {QStringLiteral("secret"), secret}});
    return put.status == 200;
}

void TestCrashLoop::l2_killedUnderStmLoadLosesNothing()
{
    const int rounds = envInt("HANDOVER_CRASHLOOP_ROUNDS", 5);
    for (int round = 1; round <= rounds; ++round) {
        runRound(round, int(m_random.bounded(1, 31)));
        if (QTest::currentTestFailed())
            return;
    }
    // Later kills lost nothing that earlier rounds had answered.
    for (auto it = m_answered.cbegin(); it != m_answered.cend(); ++it) {
        checkRoom(it.key(), it.value());
        if (QTest::currentTestFailed())
            return;
    }
    if (!m_receiver)
        return;
    const QSet<QString> expected(m_acknowledgedTaps.cbegin(), m_acknowledgedTaps.cend());
    QSet<QString> missing;
    const bool arrived = QTest::qWaitFor(
        [&] {
            missing = expected - deliveredTemplateMessages();
            return missing.isEmpty();
        },
        180000);
    QVERIFY2(arrived, qPrintable(QStringLiteral("%1 of %2 acknowledged taps never reached the webhook: %3")
                                     .arg(missing.size())
                                     .arg(expected.size())
                                     .arg(QStringList(missing.cbegin(), missing.cend()).join(u' '))));
    qInfo("%d rounds, %lld acknowledged taps delivered", rounds, qlonglong(expected.size()));
}

void TestCrashLoop::runRound(int round, int killAfter)
{
    QStringList rooms;
    for (int i = 0; i < kClients; ++i) {
        rooms.append(s.newChatroom(QJsonObject{{QStringLiteral("user_id"), s.alice.id}}));
        QVERIFY2(!rooms.last().isEmpty(), s.why());
    }

    Load load(s, rooms, m_nextTaps, round);
    int successes = 0;
    load.onSuccess = [&] {
        if (++successes == killAfter) {
            s.server().stopServe(true);
            load.stop();
        }
    };
    load.start();
    QVERIFY2(load.waitUntilIdle(), "requests still in flight a minute after the kill");
    if (successes < killAfter) // every client hit kMaxStmsPerRoom first
        s.server().stopServe(true);

    for (const Tap &tap : load.taps()) {
        if (tap.acknowledged)
            m_acknowledgedTaps.append(tap.templateMessageId);
    }
    const QString integrity = integrityCheck();
    QVERIFY2(integrity == QLatin1String("ok"),
             qPrintable(QStringLiteral("round %1: %2").arg(round).arg(integrity)));
    QVERIFY2(s.server().startServe(),
             qPrintable(QStringLiteral("round %1: the server did not start again: %2")
                            .arg(round)
                            .arg(s.server().errorString())));

    // What the kill left unanswered is retried with its key: 2xx, and one message either way.
    QList<Stm> stms = load.stms();
    QList<RawRequest> retries;
    QList<qsizetype> retried;
    for (qsizetype i = 0; i < stms.size(); ++i) {
        if (stms.at(i).status == 0) {
            retries.append(stmRequest(s, stms.at(i)));
            retried.append(i);
        }
    }
    const QList<HttpResult> answers = sendTogether(retries);
    for (qsizetype i = 0; i < answers.size(); ++i) {
        Stm &stm = stms[retried.at(i)];
        QVERIFY2(answers.at(i).status == 201,
                 qPrintable(QStringLiteral("round %1: retrying %2 after the restart: %3")
                                .arg(round)
                                .arg(stm.key, QString::fromUtf8(answers.at(i).body))));
        stm.status = answers.at(i).status;
        stm.messageId = answers.at(i).string(QStringLiteral("id"));
    }
    QList<Stm> answered;
    for (const Stm &stm : std::as_const(stms)) {
        QVERIFY2(stm.status == 201,
                 qPrintable(
                     QStringLiteral("round %1: STM %2 answered %3").arg(round).arg(stm.key).arg(stm.status)));
        answered.append(stm);
        m_answered[stm.room].append(stm);
    }
    for (const QString &room : std::as_const(rooms)) {
        checkRoom(room, m_answered.value(room));
        if (QTest::currentTestFailed())
            return;
    }
    m_nextTaps = prepareTaps(answered);
    qInfo("round %d: killed after %d answers, %lld STMs, %lld retried, %lld of %lld taps acknowledged", round,
          killAfter, qlonglong(stms.size()), qlonglong(retries.size()),
          qlonglong(std::count_if(load.taps().cbegin(), load.taps().cend(),
                                  [](const Tap &t) { return t.acknowledged; })),
          qlonglong(load.taps().size()));
}

// Each STM answered 2xx is in its chatroom exactly once, as the message it was answered with.
void TestCrashLoop::checkRoom(const QString &room, const QList<Stm> &stms)
{
    const QHash<QString, QStringList> byOrder = messagesByOrder(s.messages(room));
    for (const Stm &stm : stms) {
        const QStringList found = byOrder.value(stm.key);
        QVERIFY2(found == QStringList{stm.messageId},
                 qPrintable(QStringLiteral("STM %1 was answered with message %2; the chatroom has [%3]")
                                .arg(stm.key, stm.messageId, found.join(u' '))));
    }
}

// `PRAGMA integrity_check` on the server's file, opened read-only while the server is down.
QString TestCrashLoop::integrityCheck()
{
    const QString connection =
        QStringLiteral("crashloop-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString outcome;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(QDir(s.server().dataDir()).filePath(QStringLiteral("handover.db")));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            outcome = QStringLiteral("cannot open the database: ") + db.lastError().text();
        } else {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
                outcome = QStringLiteral("integrity_check failed: ") + query.lastError().text();
            QStringList rows;
            while (query.next())
                rows.append(query.value(0).toString());
            if (outcome.isEmpty())
                outcome = rows.join(u'\n');
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return outcome;
}

// Taps for the next round on the relay-enabled STMs of this one, once the server has sent them to the
// simulator (so that the customer's phone has their buttons).
QList<Tap> TestCrashLoop::prepareTaps(const QList<Stm> &answered)
{
    QList<Tap> taps;
    for (const Stm &stm : answered) {
        if (!stm.relay || taps.size() == kTapsPerRound)
            continue;
        const QJsonObject sent = s.waitUntilSent(stm.room, stm.messageId, 30000);
        if (sent.isEmpty())
            continue;
        const QString waId = field(sent, "wa_message_id");
        const QString phone = s.phoneOf(stm.room);
        QString payload;
        for (const QJsonValue &m : s.simulatorMessages(phone)) {
            if (field(m.toObject(), "wa_message_id") != waId)
                continue;
            for (const QJsonValue &b : m.toObject().value(QLatin1String("buttons")).toArray()) {
                if (b.toObject().value(QLatin1String("index")).toInt() == 0)
                    payload = field(b.toObject(), "payload");
            }
        }
        if (payload.isEmpty())
            continue;
        taps.append(Tap{.templateMessageId = stm.messageId,
                        .inbound = QJsonObject{{QStringLiteral("from"), Scenario::digits(phone)},
                                               {QStringLiteral("phone_number_id"), Scenario::kPhoneA},
                                               {QStringLiteral("button"),
                                                QJsonObject{{QStringLiteral("context_id"), waId},
                                                            {QStringLiteral("text"), QStringLiteral("Yes")},
                                                            {QStringLiteral("payload"), payload}}}}});
    }
    return taps;
}

QSet<QString> TestCrashLoop::deliveredTemplateMessages() const
{
    QSet<QString> delivered;
    for (const webhooktest::ReceivedRequest &request : m_receiver->requests()) {
        if (request.verified() && request.statusSent() / 100 == 2) {
            const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
            delivered.insert(field(objectField(body, "data"), "message_id"));
        }
    }
    return delivered;
}

QTEST_GUILESS_MAIN(TestCrashLoop)
#include "tst_crashloop.moc"
