#include "app/console/localmode/democatalog.h"
#include "app/console/localmode/localmode.h"
#include "app/console/localmode/orgapi.h"
#include "sim/demo/demopersonas.h"
#include "sim/whatsappsimulator.h"
#include "tests/e2e/consolesignin.h"
#include "tests/support/httpclient.h"

#include <QDir>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using namespace handover;
using namespace handover::console;
using namespace handover::testing;

namespace {

LocalModeOptions fastDemo()
{
    LocalModeOptions options;
    options.demoPace = 0.05; // a step every 150 ms, customers answer within 75 ms
    return options;
}

bool isTemplateMessage(const Event &event)
{
    return event.kind == EventKind::MessageCreated && event.message &&
           event.message->kind == MessageKind::Template;
}

int countWhere(const QList<Event> &events, const std::function<bool(const Event &)> &predicate)
{
    return int(std::count_if(events.cbegin(), events.cend(), predicate));
}

} // namespace

class TestLocalMode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theFirstRunSeedsTheDemoOrg();
    void theDemoShowsBumpsSilenceHandoversAndRelaysWithinSeconds();
    void theDemoKeepsItsLanguageWhenTheConsoleSwitches();
    void aForgedDeliveryIsRecordedAsNotVerified();
    void aRestartReusesTheOrgAndItsReceiverKeepsGettingRelays();
    void resetStartsAfresh();

private:
    QTemporaryDir m_dir;
    QString m_orgId;
    QUrl m_serverUrl;
};

void TestLocalMode::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestLocalMode::theFirstRunSeedsTheDemoOrg()
{
    LocalModeOptions options;
    options.runDemo = false;
    auto started = LocalMode::start(m_dir.path(), options);
    QVERIFY2(started, qPrintable(started ? QString() : started.error().description));
    LocalMode &mode = **started;
    QVERIFY(mode.seededThisRun());
    QVERIFY(mode.demoDriver() == nullptr);
    m_orgId = mode.demoOrg().orgId;
    m_serverUrl = mode.serverUrl();
    QCOMPARE(m_serverUrl.host(), QStringLiteral("127.0.0.1"));

    const QList<DemoUser> users = mode.demoUsers();
    QCOMPARE(users.size(), 3);
    QCOMPARE(int(std::count_if(users.cbegin(), users.cend(),
                               [](const DemoUser &u) { return u.role == Role::Member; })),
             2);
    QCOMPARE(mode.supervisor().role, Role::Supervisor);
    QVERIFY(!mode.supervisor().displayName.isEmpty());
    QVERIFY(QFile::exists(
        QDir(LocalMode::localDirectory(m_dir.path())).filePath(QStringLiteral("demo-org.json"))));
    QCOMPARE(QFile::permissions(
                 QDir(LocalMode::localDirectory(m_dir.path())).filePath(QStringLiteral("demo-org.json"))) &
                 (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());

    // Every demo user signs in with the password the demo gives.
    for (const DemoUser &user : users) {
        HttpClient client(m_serverUrl);
        const HttpResult login = client.post(
            QStringLiteral("/v1/auth/login"),
            QJsonObject{{QStringLiteral("email"), user.email}, {QStringLiteral("password"), user.password}});
        QVERIFY2(login.status == 200, login.body.constData());
    }
    // Bot-first leads wait for the front desk (R2); two customers have an agent from the start (R1).
    HttpClient admin(m_serverUrl);
    admin.setToken(mode.demoOrg().apiKey);
    const HttpResult waiting =
        admin.get(QStringLiteral("/v1/orgs/%1/chatrooms?view=awaiting_handover").arg(m_orgId));
    QCOMPARE(waiting.status, 200);
    QCOMPARE(waiting.array(QStringLiteral("chatrooms")).size(), qsizetype(6));
    const HttpResult all = admin.get(QStringLiteral("/v1/orgs/%1/chatrooms?view=all").arg(m_orgId));
    QCOMPARE(all.array(QStringLiteral("chatrooms")).size(), qsizetype(8));
    const HttpResult templates = admin.get(QStringLiteral("/v1/orgs/%1/templates").arg(m_orgId));
    QCOMPARE(templates.array(QStringLiteral("templates")).size(), qsizetype(4));
    const HttpResult webhook = admin.get(QStringLiteral("/v1/orgs/%1/webhook").arg(m_orgId));
    QCOMPARE(webhook.string(QStringLiteral("url")), mode.webhookReceiver().url().toString());
}

void TestLocalMode::theDemoShowsBumpsSilenceHandoversAndRelaysWithinSeconds()
{
    auto started = LocalMode::start(m_dir.path(), fastDemo());
    QVERIFY2(started, qPrintable(started ? QString() : started.error().description));
    LocalMode &mode = **started;
    QVERIFY(!mode.seededThisRun());
    QVERIFY(mode.demoDriver() && mode.demoDriver()->isRunning());
    QSignalSpy activity(mode.demoDriver(), &DemoDriver::activity);

    QList<Event> events;
    QByteArray why;
    auto session = startConsoleSession(mode.serverUrl(), mode.supervisor().email, mode.supervisor().password,
                                       QDir(m_dir.path()).filePath(QStringLiteral("console")), &events, &why);
    QVERIFY2(session, why.constData());

    // R4: a bumping template; R4s: a silent one, which moves nothing.
    QTRY_VERIFY_WITH_TIMEOUT(
        countWhere(events,
                   [](const Event &e) { return isTemplateMessage(e) && e.message->bump && e.bumped; }) > 0,
        20000);
    QTRY_VERIFY_WITH_TIMEOUT(
        countWhere(events,
                   [](const Event &e) { return isTemplateMessage(e) && !e.message->bump && !e.bumped; }) > 0,
        20000);
    // R8: a lead answered the bot (free-flow, or a tap that is not relayed) and got an agent of the group.
    QTRY_VERIFY_WITH_TIMEOUT(countWhere(events,
                                        [](const Event &e) {
                                            return e.kind == EventKind::ChatroomAssigned &&
                                                   e.reason.startsWith(QLatin1String("handover:"));
                                        }) > 0,
                             20000);
    const auto handover = std::find_if(events.cbegin(), events.cend(), [](const Event &e) {
        return e.kind == EventKind::ChatroomAssigned && e.reason.startsWith(QLatin1String("handover:"));
    });
    const QList<DemoUser> agents = mode.demoOrg().agents();
    QVERIFY(std::any_of(agents.cbegin(), agents.cend(),
                        [&](const DemoUser &agent) { return handover->userId == agent.userId; }));
    const auto cached = session->cache().chatroom(handover->chatroom.id);
    QVERIFY(cached && cached->has_value());
    QVERIFY(!(*cached)->participants.isEmpty());
    // R9: a customer's free-flow message, which always bumps.
    QTRY_VERIFY_WITH_TIMEOUT(countWhere(events,
                                        [](const Event &e) {
                                            return e.kind == EventKind::MessageCreated && e.message &&
                                                   e.message->kind == MessageKind::Text &&
                                                   e.message->direction == Direction::In && e.bumped;
                                        }) > 0,
                             20000);
    // R14: the customers' phones report messages as read.
    QTRY_VERIFY_WITH_TIMEOUT(countWhere(events,
                                        [](const Event &e) {
                                            return e.kind == EventKind::MessageUpdated && e.message &&
                                                   e.message->status == DeliveryStatus::Read;
                                        }) > 0,
                             20000);
    // R5: a relayed tap reached the receiver, signed as the Standard Webhooks say.
    QTRY_VERIFY_WITH_TIMEOUT(mode.webhookReceiver().verifiedCount() > 0, 20000);
    const QList<ReceivedWebhook> deliveries = mode.webhookReceiver().deliveries();
    const ReceivedWebhook relayed = *std::find_if(deliveries.cbegin(), deliveries.cend(),
                                                  [](const ReceivedWebhook &d) { return d.verified; });
    QVERIFY(!relayed.webhookId.isEmpty());
    QCOMPARE(relayed.type, QStringLiteral("template.button_reply"));
    QVERIFY(!relayed.chatroomId.isEmpty());
    QVERIFY(!relayed.buttonPayload.isEmpty());
    QVERIFY(!relayed.buttonText.isEmpty());
    // ...and was stored as a tap in its chatroom, without handing it over (R5 is not a trigger).
    QTRY_VERIFY_WITH_TIMEOUT(countWhere(events,
                                        [&](const Event &e) {
                                            return e.kind == EventKind::MessageCreated && e.message &&
                                                   e.message->kind == MessageKind::ButtonReply &&
                                                   e.chatroom.id == relayed.chatroomId;
                                        }) > 0,
                             10000);
    QVERIFY(activity.size() > 0);
    session->stop();
}

// A customer's language is not the agent's: with the console in German, the demo's business and its
// customers still write English.
void TestLocalMode::theDemoKeepsItsLanguageWhenTheConsoleSwitches()
{
    QTranslator german;
    QVERIFY(german.load(QStringLiteral(":/i18n/handover_de.qm")));
    QCoreApplication::installTranslator(&german);
    const auto cleanup = qScopeGuard([&] { QCoreApplication::removeTranslator(&german); });
    for (const MessageTemplate &t : demo::templates())
        QVERIFY2(!t.body.contains(QStringLiteral("Hallo")), qPrintable(t.body));

    auto started = LocalMode::start(m_dir.path(), fastDemo());
    QVERIFY2(started, qPrintable(started ? QString() : started.error().description));
    LocalMode &mode = **started;
    QSignalSpy sent(&mode.simulator(), &sim::WhatsAppSimulator::businessMessageSent);
    QSignalSpy activity(mode.demoDriver(), &DemoDriver::activity);
    QStringList customerLines;
    for (const sim::DemoPersona &persona : sim::demoPersonas())
        customerLines += persona.lines;
    const auto reminderSlot = [&] {
        for (const QList<QVariant> &args : std::as_const(sent)) {
            const auto message = args.at(0).value<sim::OutboundMessage>();
            if (message.templateName == QLatin1String("appointment_reminder"))
                return message.bodyParameters.join(QLatin1Char('|'));
        }
        return QString();
    };
    const auto customerWrote = [&] {
        for (const QList<QVariant> &args : std::as_const(activity)) {
            const QString line = args.at(0).toString();
            if (line.contains(QStringLiteral(" hat geschrieben: ")))
                return line.section(QStringLiteral(" hat geschrieben: "), 1);
        }
        return QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!reminderSlot().isEmpty(), 30000);
    QVERIFY2(reminderSlot().contains(QStringLiteral("tomorrow at 10:00")), qPrintable(reminderSlot()));
    // The activity log is the console's, in German; what the customer wrote in it is theirs.
    QTRY_VERIFY_WITH_TIMEOUT(!customerWrote().isEmpty(), 30000);
    QVERIFY2(customerLines.contains(customerWrote()), qPrintable(customerWrote()));
}

void TestLocalMode::aForgedDeliveryIsRecordedAsNotVerified()
{
    LocalModeOptions options;
    options.runDemo = false;
    auto started = LocalMode::start(m_dir.path(), options);
    QVERIFY2(started, qPrintable(started ? QString() : started.error().description));
    LocalWebhookReceiver &receiver = (*started)->webhookReceiver();
    QSignalSpy received(&receiver, &LocalWebhookReceiver::deliveryReceived);
    HttpClient client(receiver.url());
    const QByteArray body = R"({"type":"template.button_reply","data":{"chatroom_id":"x"}})";
    const HttpResult forged =
        client.postRaw(receiver.url().path(), body,
                       {{"content-type", "application/json"},
                        {"webhook-id", "msg_forged"},
                        {"webhook-timestamp", QByteArray::number(QDateTime::currentSecsSinceEpoch())},
                        {"webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}});
    QCOMPARE(forged.status, 401);
    QCOMPARE(received.size(), qsizetype(1));
    const ReceivedWebhook &delivery = receiver.deliveries().constLast();
    QVERIFY(!delivery.verified);
    QCOMPARE(delivery.chatroomId, QStringLiteral("x"));
    QVERIFY(!delivery.problem.isEmpty());
    // The same body signed with the org's secret but sent too late is refused as well.
    const QString secret = (*started)->demoOrg().webhookSecret;
    QVERIFY(!standardWebhookProblem(secret, "msg_1", "1000", body, "v1,x", QDateTime::currentSecsSinceEpoch())
                 .isEmpty());
}

void TestLocalMode::aRestartReusesTheOrgAndItsReceiverKeepsGettingRelays()
{
    auto started = LocalMode::start(m_dir.path(), fastDemo());
    QVERIFY2(started, qPrintable(started ? QString() : started.error().description));
    LocalMode &mode = **started;
    QVERIFY(!mode.seededThisRun());
    QCOMPARE(mode.demoOrg().orgId, m_orgId);
    QCOMPARE(mode.serverUrl(), m_serverUrl); // the same port, so the console's cache stays valid

    QList<Event> events;
    QByteArray why;
    auto session = startConsoleSession(mode.serverUrl(), mode.supervisor().email, mode.supervisor().password,
                                       QDir(m_dir.path()).filePath(QStringLiteral("console")), &events, &why);
    QVERIFY2(session, why.constData());
    // The cache of the last run is resumed, not reloaded: the org is the same one.
    QTRY_VERIFY_WITH_TIMEOUT(mode.webhookReceiver().verifiedCount() > 0, 20000);
    const auto rows = session->cache().chatroomCount();
    QVERIFY(rows && *rows >= 8);

    // Once every lead has been handed over, one comes back as a new bot-first lead (R12, then R2), so the
    // demo never runs out of handovers.
    QTRY_VERIFY_WITH_TIMEOUT(countWhere(events,
                                        [](const Event &e) {
                                            return e.kind == EventKind::ChatroomCreated &&
                                                   e.chatroom.pendingHandover;
                                        }) > 0,
                             30000);
    QVERIFY(countWhere(events, [](const Event &e) {
                return e.kind == EventKind::ChatroomUpdated && e.chatroom.state == ChatroomState::Deactivated;
            }) > 0);
    session->stop();
}

void TestLocalMode::resetStartsAfresh()
{
    QVERIFY(LocalMode::reset(m_dir.path()));
    QVERIFY(!QDir(LocalMode::localDirectory(m_dir.path())).exists());
    LocalModeOptions options;
    options.runDemo = false;
    auto started = LocalMode::start(m_dir.path(), options);
    QVERIFY2(started, qPrintable(started ? QString() : started.error().description));
    QVERIFY((*started)->seededThisRun());
    QVERIFY((*started)->demoOrg().orgId != m_orgId);
}

QTEST_MAIN(TestLocalMode)
#include "tst_localmode.moc"
