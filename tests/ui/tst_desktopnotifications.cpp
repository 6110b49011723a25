// Desktop notifications as the desktop receives them: a notification service of our own on a private session
// bus (dbus-run-session) records what the console sends and clicks it, as a user would.
#include "ui/shell/desktopnotifier.h"
#include "ui/shell/notificationcenter.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

using namespace handover;
using namespace Qt::StringLiterals;

namespace {

const QString kService = u"org.freedesktop.Notifications"_s;
const QString kPath = u"/org/freedesktop/Notifications"_s;

// The part of org.freedesktop.Notifications the console uses.
class FakeNotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Shown
    {
        QString appName;
        uint replaces = 0;
        QString title;
        QString body;
        QStringList actions;
        QVariantMap hints;
        uint id = 0;
    };
    QList<Shown> shown;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int)
    {
        const uint id = replacesId != 0 ? replacesId : uint(100 + shown.size());
        shown.append(Shown{appName, replacesId, summary, body, actions, hints, id});
        return id;
    }
    QStringList GetCapabilities() { return {u"actions"_s, u"body"_s}; }
    void CloseNotification(uint) {}
};

} // namespace

class TestDesktopNotifications : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aClickOnTheNotificationOpensItsChatroom();
    void aNoticeOfTheCenterNamesWhatHappenedAndOpensOnClick();

private:
    void click(uint id);

    QDBusConnection m_desktop{u"none"_s};
    FakeNotificationService m_service;
};

void TestDesktopNotifications::initTestCase()
{
    if (!QDBusConnection::sessionBus().isConnected())
        QSKIP("no session bus (the test runs under dbus-run-session)");
    // Its own connection, as a desktop's notification daemon is another process.
    m_desktop = QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"desktop"_s);
    QVERIFY(m_desktop.registerObject(kPath, &m_service, QDBusConnection::ExportAllSlots));
    QVERIFY(m_desktop.registerService(kService));
}

void TestDesktopNotifications::click(uint id)
{
    // A click on the notification itself: the "default" action.
    QDBusMessage signal = QDBusMessage::createSignal(kPath, kService, u"ActionInvoked"_s);
    signal << id << u"default"_s;
    QVERIFY(m_desktop.send(signal));
}

void TestDesktopNotifications::aClickOnTheNotificationOpensItsChatroom()
{
    DesktopNotifier notifier(nullptr);
    QVERIFY(notifier.usesDesktopService());
    QSignalSpy activated(&notifier, &DesktopNotifier::activated);
    m_service.shown.clear();
    notifier.show(u"Maya Lindqvist"_s, u"Is the sofa in stock?"_s, u"room-1"_s);
    QTRY_COMPARE(m_service.shown.size(), 1);
    const FakeNotificationService::Shown &first = m_service.shown.first();
    QCOMPARE(first.title, u"Maya Lindqvist"_s);
    QCOMPARE(first.body, u"Is the sofa in stock?"_s);
    QVERIFY2(first.actions.size() >= 2 && first.actions.at(0) == u"default"_s,
             qPrintable(first.actions.join(u',')));
    QCOMPARE(first.hints.value(u"desktop-entry"_s).toString(), u"handover"_s);
    QCOMPARE(first.replaces, 0u);

    click(first.id);
    QVERIFY(activated.wait(5000));
    QCOMPARE(activated.first().first().toString(), u"room-1"_s);

    // The chatroom's next notification replaces this one rather than piling up.
    notifier.show(u"Maya Lindqvist"_s, u"Hello?"_s, u"room-1"_s);
    QTRY_COMPARE(m_service.shown.size(), 2);
    QCOMPARE(m_service.shown.at(1).replaces, first.id);
    // Another application's notification is not ours to open: the click on ours that follows it is the
    // next one heard.
    click(9999);
    click(first.id);
    QVERIFY(activated.wait(5000));
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.at(1).first().toString(), u"room-1"_s);
}

void TestDesktopNotifications::aNoticeOfTheCenterNamesWhatHappenedAndOpensOnClick()
{
    NotificationCenter center;
    QVERIFY(center.notifier()->usesDesktopService());
    QSignalSpy requested(&center, &NotificationCenter::chatroomRequested);
    m_service.shown.clear();
    center.filter()->setUserId(u"agent-1"_s);
    Event handover;
    handover.seq = 12;
    handover.kind = EventKind::ChatroomAssigned;
    handover.reason = reason::handoverButton();
    handover.userId = u"agent-1"_s;
    handover.bumped = true;
    handover.chatroom.id = u"room-7"_s;
    handover.chatroom.displayName = u"Tomás Herrera"_s;
    handover.chatroom.participants = {Participant{u"agent-1"_s, {}, {}, 1}};
    handover.chatroom.lastMessage = LastMessage{u"m-1"_s, u"Yes, show me"_s, Direction::In, false, {}};
    center.filter()->applyEvents({handover});
    QTRY_COMPARE(m_service.shown.size(), 1);
    QCOMPARE(m_service.shown.first().title, u"Now yours: Tomás Herrera"_s);
    QCOMPARE(m_service.shown.first().body,
             u"Handed over to you: the customer tapped \u201cYes, show me\u201d."_s);
    click(m_service.shown.first().id);
    QTRY_COMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toString(), u"room-7"_s);
}

QTEST_MAIN(TestDesktopNotifications)
#include "tst_desktopnotifications.moc"
