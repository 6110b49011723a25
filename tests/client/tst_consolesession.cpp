#include "client/consolesession.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;

class TestConsoleSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInThenSyncAndSendThroughTheOutbox();
    void aSessionOpensFromItsCacheWhileTheServerIsAwayAndCatchesUp();
    void aRejectedTokenEndsTheSessionOnce();

private:
    ConsoleSessionOptions options() const;

    ClientTestOrg m_org;
    QTemporaryDir m_data;
    QString m_room;
};

void TestConsoleSession::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
    m_room = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!m_room.isEmpty(), m_org.why());
}

ConsoleSessionOptions TestConsoleSession::options() const
{
    ConsoleSessionOptions o;
    o.dataDirectory = m_data.path();
    o.watchNetwork = false; // no hints from the system in a test
    return o;
}

void TestConsoleSession::signInThenSyncAndSendThroughTheOutbox()
{
    const SignedInUser who = m_org.signIn(m_org.member);
    QCOMPARE(who.user, m_org.member.user);
    auto session = MUST_OK(ConsoleSession::open(who, options()));
    QVERIFY(session->cachePath().startsWith(QDir(m_data.path()).filePath(QStringLiteral("caches/"))));
    QVERIFY(QFile::exists(session->cachePath()));
    QSignalSpy states(session.get(), &ConsoleSession::connectionStateChanged);
    QList<Event> events;
    connect(session.get(), &ConsoleSession::eventsApplied, this,
            [&](const QList<Event> &batch) { events += batch; });
    session->start();
    QTRY_COMPARE_WITH_TIMEOUT(session->connectionState().phase, ConnectionState::Phase::Connected, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_org.differenceFromServer(session->cache(), m_org.member, View::Mine).isEmpty(),
                             10000);
    QVERIFY(MUST_OK(session->cache().chatroom(m_room)).has_value());

    // A send: stored, sent while connected, and its message comes back on the stream with the same id.
    TemplateSend send;
    send.chatroomId = m_room;
    send.remoteTemplateId = ClientTestOrg::kPlainTemplate;
    const qint64 localId = MUST_OK(session->outbox().enqueueTemplate(send)).localId;
    QTRY_COMPARE_WITH_TIMEOUT(MUST_OK(session->outbox().item(localId))->state, OutboxState::Sent, 10000);
    const QString messageId = MUST_OK(session->outbox().item(localId))->messageId();
    QVERIFY(!messageId.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(),
                                         [&](const Event &e) {
                                             return e.kind == EventKind::MessageCreated && e.message &&
                                                    e.message->id == messageId;
                                         }),
                             10000);
    session->stop();
    QCOMPARE(session->connectionState().phase, ConnectionState::Phase::Offline);
    QVERIFY(!session->outbox().isOnline());
}

void TestConsoleSession::aSessionOpensFromItsCacheWhileTheServerIsAwayAndCatchesUp()
{
    const SignedInUser who = m_org.signIn(m_org.member);
    qint64 position = 0;
    {
        auto session = MUST_OK(ConsoleSession::open(who, options()));
        session->start();
        QTRY_VERIFY_WITH_TIMEOUT(
            session->cache().lastAppliedSeq() > 0 &&
                m_org.differenceFromServer(session->cache(), m_org.member, View::Mine).isEmpty(),
            10000);
        position = session->cache().lastAppliedSeq();
    }
    m_org.server().stopServe();
    auto session = MUST_OK(ConsoleSession::open(who, options()));
    // The last known state is there before any connection.
    QCOMPARE(session->cache().lastAppliedSeq(), position);
    QVERIFY(MUST_OK(session->cache().chatroom(m_room)).has_value());
    session->start();
    TemplateSend send;
    send.chatroomId = m_room;
    send.remoteTemplateId = ClientTestOrg::kOrderTemplate;
    send.params = {TemplateParamValue{QStringLiteral("order"), QStringLiteral("S-1")}};
    const qint64 localId = MUST_OK(session->outbox().enqueueTemplate(send)).localId;
    QTRY_COMPARE_WITH_TIMEOUT(session->connectionState().phase, ConnectionState::Phase::Reconnecting, 10000);
    QTest::qWait(800);
    QCOMPARE(MUST_OK(session->outbox().item(localId))->state, OutboxState::Pending);
    QCOMPARE(MUST_OK(session->outbox().item(localId))->attempts, 0); // held while the stream is down
    QVERIFY2(m_org.server().startServe(), qPrintable(m_org.server().errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(session->connectionState().phase, ConnectionState::Phase::Connected, 40000);
    QTRY_COMPARE_WITH_TIMEOUT(MUST_OK(session->outbox().item(localId))->state, OutboxState::Sent, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_org.differenceFromServer(session->cache(), m_org.member, View::Mine).isEmpty(),
                             10000);
    QVERIFY(session->cache().lastAppliedSeq() > position);
}

void TestConsoleSession::aRejectedTokenEndsTheSessionOnce()
{
    SignedInUser who = m_org.signIn(m_org.member);
    who.token = QStringLiteral("hos_revoked");
    auto session = MUST_OK(ConsoleSession::open(who, options()));
    QSignalSpy ended(session.get(), &ConsoleSession::sessionEnded);
    session->start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 10000);
    QTest::qWait(300);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(session->connectionState().phase, ConnectionState::Phase::Offline);
}

QTEST_GUILESS_MAIN(TestConsoleSession)
#include "tst_consolesession.moc"
