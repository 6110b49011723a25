#include "core/rules/chatroomcreation.h"
#include "core/rules/customerinput.h"
#include "core/store/schema.h"
#include "core/store/server/chatrooms.h"
#include "core/store/server/contacts.h"
#include "core/store/server/eventlog.h"
#include "core/store/server/orgs.h"
#include "core/store/server/outcomewriter.h"
#include "core/store/server/storedirectory.h"
#include "core/store/server/users.h"
#include "core/store/server/wabaphones.h"
#include "server/services/commandrunner.h"
#include "server/services/lifecyclejob.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace handover;
namespace ss = handover::store::server;

// R12's timed part runs in the server as a job over the store. Days pass on a fake clock, against a real
// SQLite file and the real group-commit writer.
class TestLifecycleJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void chatroomsDeactivateAndExpireByTheOrgsDays_data();
    void chatroomsDeactivateAndExpireByTheOrgsDays();
    void oldEventsAreTrimmedAfterTheRetention();

private:
    template <typename F>
    auto write(F &&f)
    {
        auto future = m_writer->submit([&](QSqlDatabase &db) -> Result<QVariant> { return f(db); });
        return future.get();
    }
    ChatroomId openChatroom(bool customerWrites);
    Chatroom load(const ChatroomId &id);
    int runJob();

    QTemporaryDir m_dir;
    FakeClock m_clock;
    SequentialIdSource m_ids{QStringLiteral("lc")};
    std::unique_ptr<store::GroupCommitWriter> m_writer;
    std::unique_ptr<CommandRunner> m_commands;
    OrgId m_org = QStringLiteral("org-1");
    int m_contacts = 0;
};

void TestLifecycleJob::init()
{
    QVERIFY(m_dir.isValid());
    auto writer = store::GroupCommitWriter::start(
        {m_dir.filePath(QStringLiteral("lc-%1.db").arg(QString::fromUtf8(QTest::currentDataTag())).replace(QLatin1Char(' '), QLatin1Char('_'))),
         store::Durability::SurvivesProcessCrash, 5000},
        store::serverSchema());
    QVERIFY2(writer.ok(), writer.ok() ? "" : qPrintable(writer.error().description));
    m_writer = std::move(writer).value();
    m_commands = std::make_unique<CommandRunner>(*m_writer, m_clock);
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    auto seeded = write([&](QSqlDatabase &db) -> Result<QVariant> {
        if (auto r = ss::createOrg(db, m_org, QStringLiteral("Acme %1").arg(QString::fromUtf8(QTest::currentDataTag())), m_clock.now()); !r)
            return r.error();
        User agent{QStringLiteral("agent-1"), m_org, QStringLiteral("a@acme.test"), QStringLiteral("Ann"), {},
                   Role::Member, false};
        if (auto r = ss::insertUser(db, agent, QByteArrayLiteral("x"), m_clock.now()); !r)
            return r.error();
        if (auto r = ss::insertWabaPhone(db, WabaPhone{QStringLiteral("p1"), m_org, QStringLiteral("w1"),
                                                       QStringLiteral("100"), QStringLiteral("+15550100")},
                                         m_clock.now());
            !r)
            return r.error();
        OrgSettings settings;
        settings.deactivateAfterDays = 30;
        settings.expireAfterDays = 90;
        if (auto r = ss::updateOrgSettings(db, m_org, settings); !r)
            return r.error();
        return QVariant();
    });
    QVERIFY2(seeded.ok(), seeded.ok() ? "" : qPrintable(seeded.error().description));
}

void TestLifecycleJob::cleanup()
{
    m_commands.reset();
    m_writer.reset();
}

ChatroomId TestLifecycleJob::openChatroom(bool customerWrites)
{
    ChatroomId id;
    auto done = write([&](QSqlDatabase &db) -> Result<QVariant> {
        Contact contact;
        contact.id = m_ids.newId();
        contact.orgId = m_org;
        contact.crmId = QStringLiteral("crm-%1").arg(++m_contacts);
        contact.phoneNumber = QStringLiteral("+9199999900%1").arg(m_contacts, 2, 10, QLatin1Char('0'));
        if (auto r = ss::insertContact(db, contact, m_clock.now()); !r)
            return r.error();
        auto phones = ss::wabaPhonesOf(db, m_org);
        if (!phones)
            return phones.error();
        auto seq = ss::nextEventSeq(db, m_org);
        if (!seq)
            return seq.error();
        RuleContext rules(m_clock, m_ids, *seq);
        ss::StoreDirectory directory(db);
        CreateChatroomRequest request;
        request.contact = contact;
        request.userId = QStringLiteral("agent-1");
        auto created = createChatroom(request, CreateChatroomContext{*phones, {}}, directory, rules);
        if (!created)
            return created.error();
        Outcome outcome = *created;
        if (customerWrites)
            outcome.append(receiveCustomerText(outcome.chatroom, CustomerText{QStringLiteral("hi"), {}}, directory, rules));
        if (auto r = ss::writeOutcome(db, outcome, nullptr, m_clock.now()); !r)
            return r.error();
        id = outcome.chatroom.id;
        return QVariant();
    });
    return done.ok() ? id : ChatroomId();
}

Chatroom TestLifecycleJob::load(const ChatroomId &id)
{
    Chatroom chatroom;
    auto done = write([&](QSqlDatabase &db) -> Result<QVariant> {
        auto found = ss::chatroomById(db, m_org, id);
        if (!found)
            return found.error();
        chatroom = *found;
        return QVariant();
    });
    return chatroom;
}

int TestLifecycleJob::runJob()
{
    LifecycleJob job(m_clock, m_ids, *m_commands, 7);
    QSignalSpy finished(&job, &LifecycleJob::finished);
    job.runNow();
    if (!finished.wait(10000))
        return -1;
    return finished.first().first().toInt();
}

void TestLifecycleJob::chatroomsDeactivateAndExpireByTheOrgsDays_data()
{
    QTest::addColumn<bool>("customerWrites");
    QTest::addColumn<int>("daysLater");
    QTest::addColumn<QString>("state");
    QTest::newRow("R12: a chatroom stays active before deactivate_after_days") << true << 29 << QStringLiteral("active");
    QTest::newRow("R12: it is deactivated deactivate_after_days after the last customer message")
        << true << 30 << QStringLiteral("deactivated");
    QTest::newRow("R12: a chatroom the customer never wrote in counts from its creation")
        << false << 31 << QStringLiteral("deactivated");
    QTest::newRow("R12: it expires expire_after_days after creation") << true << 90 << QStringLiteral("expired");
}

void TestLifecycleJob::chatroomsDeactivateAndExpireByTheOrgsDays()
{
    QFETCH(bool, customerWrites);
    QFETCH(int, daysLater);
    QFETCH(QString, state);
    const ChatroomId id = openChatroom(customerWrites);
    QVERIFY(!id.isEmpty());
    const Chatroom before = load(id);

    m_clock.advanceSecs(qint64(daysLater) * 24 * 3600);
    const int changed = runJob();
    QCOMPARE(changed, state == QLatin1String("active") ? 0 : 1);
    const Chatroom after = load(id);
    QCOMPARE(chatroomStateName(after.state), state);
    QCOMPARE(after.sortKey, before.sortKey); // R12 never bumps
    QCOMPARE(runJob(), 0);                   // and a second run finds nothing more to do
}

void TestLifecycleJob::oldEventsAreTrimmedAfterTheRetention()
{
    QVERIFY(!openChatroom(true).isEmpty());
    qint64 head = 0;
    qint64 first = 0;
    const auto read = [&] {
        return write([&](QSqlDatabase &db) -> Result<QVariant> {
            head = *ss::headSeq(db, m_org);
            first = *ss::firstRetainedSeq(db, m_org);
            return QVariant();
        });
    };
    QVERIFY(read().ok());
    QCOMPARE(first, 1);
    m_clock.advanceSecs(8 * 24 * 3600);
    QCOMPARE(runJob(), 0);
    QVERIFY(read().ok());
    QCOMPARE(first, head + 1); // everything older than 7 days is gone; the counter stays
}

QTEST_GUILESS_MAIN(TestLifecycleJob)
#include "tst_lifecyclejob.moc"
