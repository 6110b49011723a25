#include "tests/ui/composerfixtures.h"
#include "ui/conversation/composer.h"

#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace handover;
using namespace handover::testing;
using namespace Qt::StringLiterals;

namespace {

const UserId kAgent = kComposerAgent;
const QDateTime kNow = kComposerNow; // each test starts here

} // namespace

class TestComposer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void theModeFollowsTheWindowTheStateAndTheParticipants_data();
    void aTranslatedReasonEndsWithOneFullStop_data();
    void aTranslatedReasonEndsWithOneFullStop();
    void theModeFollowsTheWindowTheStateAndTheParticipants();
    void itSwitchesToTemplateModeWhenTheClockPassesTheWindowsEnd();
    void ctrlReturnSendsTheTextThroughTheOutbox();
    void enterSendsAndShiftEnterStartsANewLine_data();
    void enterSendsAndShiftEnterStartsANewLine();
    void ctrlTAndTheTemplatesButtonAskForTheTemplateDialog();
    void aCounterShowsNearTheLimitAndATooLongTextStays_data();
    void aCounterShowsNearTheLimitAndATooLongTextStays();
    void aTakenBackTextFollowsTheDraft();
    void nothingIsSentInTemplateMode();

private:
    QTranslator m_plurals;
    FakeClock m_clock;
    std::unique_ptr<OfflineOutbox> m_offline;
    client::Outbox *m_outbox = nullptr;
};

void TestComposer::initTestCase()
{
    // English plural forms ("1 character", "504 characters").
    QVERIFY(m_plurals.load(u":/i18n/handover_en.qm"_s));
    QCoreApplication::installTranslator(&m_plurals);
}

void TestComposer::init()
{
    m_clock.set(kNow);
    // Nothing goes out: the outbox is offline and its server does not exist.
    m_offline = std::make_unique<OfflineOutbox>(m_clock);
    m_outbox = &m_offline->outbox();
}

void TestComposer::theModeFollowsTheWindowTheStateAndTheParticipants_data()
{
    QTest::addColumn<Chatroom>("chatroom");
    QTest::addColumn<UserId>("viewer");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("reason");
    const QDateTime now = kNow;
    using Kind = ComposerMode::Kind;
    QTest::newRow("a participant writes text while the window is open")
        << chatroomWithWindow(now.addSecs(-3600)) << kAgent << int(Kind::Text)
        << u"The 24-hour window closes in 23 hours."_s;
    QTest::newRow("a window that closed three hours ago allows only templates")
        << chatroomWithWindow(now.addSecs(-27 * 3600)) << kAgent << int(Kind::TemplatesOnly)
        << u"The 24-hour window closed 3 hours ago: only templates can be sent."_s;
    QTest::newRow("a customer who never wrote allows only templates")
        << chatroomWithWindow({}) << kAgent << int(Kind::TemplatesOnly)
        << u"The customer has not written yet: only templates can be sent."_s;
    QTest::newRow("a supervisor who is not a participant sends only templates")
        << chatroomWithWindow(now.addSecs(-60)) << u"supervisor"_s << int(Kind::TemplatesOnly)
        << u"You are not a participant in this chatroom: only templates can be sent."_s;
    Chatroom deactivated = chatroomWithWindow(now.addSecs(-60));
    deactivated.state = ChatroomState::Deactivated;
    QTest::newRow("a deactivated chatroom takes nothing")
        << deactivated << kAgent << int(Kind::Disabled)
        << u"This chatroom is deactivated: nothing can be sent to it."_s;
    Chatroom expired = chatroomWithWindow(now.addSecs(-60));
    expired.state = ChatroomState::Expired;
    QTest::newRow("an expired chatroom takes nothing")
        << expired << kAgent << int(Kind::Disabled)
        << u"This chatroom has expired: nothing can be sent to it."_s;
}

void TestComposer::theModeFollowsTheWindowTheStateAndTheParticipants()
{
    QFETCH(Chatroom, chatroom);
    QFETCH(UserId, viewer);
    QFETCH(int, kind);
    QFETCH(QString, reason);
    Composer composer(m_clock);
    composer.setChatroom(chatroom, viewer);
    QCOMPARE(int(composer.mode().kind), kind);
    QCOMPARE(composer.findChild<QLabel *>(u"composerNotice"_s)->text(), reason);
    const bool text = kind == int(ComposerMode::Kind::Text);
    QCOMPARE(composer.findChild<QPlainTextEdit *>(u"composerText"_s)->isEnabled(), text);
    QCOMPARE(composer.findChild<QPushButton *>(u"composerTemplates"_s)->isEnabled(),
             kind != int(ComposerMode::Kind::Disabled));
}

void TestComposer::aTranslatedReasonEndsWithOneFullStop_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<qint64>("customerWroteSecsAgo");
    QTest::addColumn<QString>("reason");
    QTest::newRow("German hours left say Stunden, not Std..")
        << u"de"_s << qint64(3600) << u"Das 24-Stunden-Fenster schließt sich in 23 Stunden."_s;
    QTest::newRow("German minutes left say Minuten")
        << u"de"_s << qint64(23 * 3600 + 50 * 60) << u"Das 24-Stunden-Fenster schließt sich in 10 Minuten."_s;
    QTest::newRow("Portuguese hours left say horas")
        << u"pt_BR"_s << qint64(3600) << u"A janela de 24 horas fecha em 23 horas."_s;
}

// A sentence that ends with a duration gets the duration in words: an abbreviation's dot would meet the
// full stop.
void TestComposer::aTranslatedReasonEndsWithOneFullStop()
{
    QFETCH(QString, language);
    QFETCH(qint64, customerWroteSecsAgo);
    QFETCH(QString, reason);
    QTranslator translation;
    QVERIFY(translation.load(u":/i18n/handover_%1.qm"_s.arg(language)));
    QCoreApplication::installTranslator(&translation);
    Composer composer(m_clock);
    composer.setChatroom(chatroomWithWindow(m_clock.now().addSecs(-customerWroteSecsAgo)), kAgent);
    const QString shown = composer.mode().reason;
    QCoreApplication::removeTranslator(&translation);
    QCOMPARE(shown, reason);
    QVERIFY(!shown.contains(u".."_s));
}

void TestComposer::itSwitchesToTemplateModeWhenTheClockPassesTheWindowsEnd()
{
    Composer composer(m_clock);
    composer.setChatroom(chatroomWithWindow(m_clock.now().addSecs(-(23 * 3600 + 50 * 60))), kAgent);
    QCOMPARE(composer.mode().kind, ComposerMode::Kind::Text);
    QCOMPARE(composer.mode().reason, u"The 24-hour window closes in 10 minutes."_s);
    composer.setText(u"draft"_s);
    QVERIFY(composer.findChild<QPushButton *>(u"composerSend"_s)->isEnabled());

    m_clock.advanceSecs(3 * 3600 + 10 * 60); // the window ended three hours ago
    composer.updateMode();                   // what its timer does at the window's end
    QCOMPARE(composer.mode().kind, ComposerMode::Kind::TemplatesOnly);
    QCOMPARE(composer.findChild<QLabel *>(u"composerNotice"_s)->text(),
             u"The 24-hour window closed 3 hours ago: only templates can be sent."_s);
    QVERIFY(!composer.findChild<QPlainTextEdit *>(u"composerText"_s)->isEnabled());
    QVERIFY(!composer.findChild<QPushButton *>(u"composerSend"_s)->isEnabled());
    QVERIFY(composer.findChild<QPushButton *>(u"composerTemplates"_s)->isEnabled());
}

void TestComposer::ctrlReturnSendsTheTextThroughTheOutbox()
{
    Composer composer(m_clock);
    composer.setOutbox(m_outbox);
    composer.setChatroom(chatroomWithWindow(m_clock.now().addSecs(-60)), kAgent);
    QSignalSpy queued(&composer, &Composer::textQueued);
    auto *text = composer.findChild<QPlainTextEdit *>(u"composerText"_s);
    QTest::keyClicks(text, u"Your order ships today"_s);
    QTest::keyClick(text, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(queued.size(), 1);
    QVERIFY(composer.text().isEmpty());
    const auto items = m_outbox->items();
    QVERIFY(items.ok());
    QCOMPARE(items->size(), qsizetype(1));
    QCOMPARE(items->first().kind, client::CommandKind::SendText);
    QCOMPARE(items->first().chatroomId, u"room-1"_s);
    QCOMPARE(items->first().payload.value(u"text"_s).toString(), u"Your order ships today"_s);
    QCOMPARE(items->first().localId, queued.first().first().toLongLong());
}

void TestComposer::enterSendsAndShiftEnterStartsANewLine_data()
{
    QTest::addColumn<bool>("enterSends");
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<bool>("sent");
    QTest::newRow("Enter sends by default") << true << int(Qt::Key_Return) << int(Qt::NoModifier) << true;
    QTest::newRow("the keypad's Enter sends too")
        << true << int(Qt::Key_Enter) << int(Qt::KeypadModifier) << true;
    QTest::newRow("Shift+Enter starts a new line")
        << true << int(Qt::Key_Return) << int(Qt::ShiftModifier) << false;
    QTest::newRow("Ctrl+Enter sends") << true << int(Qt::Key_Return) << int(Qt::ControlModifier) << true;
    QTest::newRow("with Enter sending turned off, Enter starts a new line")
        << false << int(Qt::Key_Return) << int(Qt::NoModifier) << false;
    QTest::newRow("with Enter sending turned off, Ctrl+Enter still sends")
        << false << int(Qt::Key_Return) << int(Qt::ControlModifier) << true;
}

void TestComposer::enterSendsAndShiftEnterStartsANewLine()
{
    QFETCH(bool, enterSends);
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(bool, sent);
    Composer composer(m_clock);
    composer.setOutbox(m_outbox);
    composer.setEnterSends(enterSends);
    composer.setChatroom(chatroomWithWindow(m_clock.now().addSecs(-60)), kAgent);
    QSignalSpy queued(&composer, &Composer::textQueued);
    auto *text = composer.findChild<QPlainTextEdit *>(u"composerText"_s);
    QTest::keyClicks(text, u"first line"_s);
    QTest::keyClick(text, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
    QCOMPARE(queued.size(), sent ? 1 : 0);
    if (sent) {
        QVERIFY(composer.text().isEmpty());
        QCOMPARE(m_outbox->items()->first().payload.value(u"text"_s).toString(), u"first line"_s);
        return;
    }
    QTest::keyClicks(text, u"second line"_s);
    QCOMPARE(composer.text(), u"first line\nsecond line"_s);
    QCOMPARE(m_outbox->items()->size(), qsizetype(0));
}

void TestComposer::ctrlTAndTheTemplatesButtonAskForTheTemplateDialog()
{
    Composer composer(m_clock);
    composer.setChatroom(chatroomWithWindow(m_clock.now().addSecs(-60)), kAgent);
    QSignalSpy wanted(&composer, &Composer::templatesWanted);
    QTest::keyClick(composer.findChild<QPlainTextEdit *>(u"composerText"_s), Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(wanted.size(), 1);
    QTest::mouseClick(composer.findChild<QPushButton *>(u"composerTemplates"_s), Qt::LeftButton);
    QCOMPARE(wanted.size(), 2);
}

void TestComposer::aCounterShowsNearTheLimitAndATooLongTextStays_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("counter");
    QTest::addColumn<bool>("sendable");
    QTest::addColumn<QString>("notice");
    const QString window = u"The 24-hour window closes in 23 hours."_s;
    QTest::newRow("a short text shows no counter") << 200 << false << true << window;
    QTest::newRow("near the limit the counter shows") << 3800 << true << true << window;
    QTest::newRow("exactly the limit can be sent") << 4096 << true << true << window;
    QTest::newRow("one character over cannot be sent, and the notice says by how much")
        << 4097 << true << false
        << u"Too long for one WhatsApp message: 1 character over the limit of 4,096. Shorten it or send it "
           u"in two parts."_s;
    QTest::newRow("4,600 characters stay in the box, 504 over")
        << 4600 << true << false
        << u"Too long for one WhatsApp message: 504 characters over the limit of 4,096. Shorten it or send "
           u"it "
           u"in two parts."_s;
}

void TestComposer::aCounterShowsNearTheLimitAndATooLongTextStays()
{
    QFETCH(int, length);
    QFETCH(bool, counter);
    QFETCH(bool, sendable);
    QFETCH(QString, notice);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    Composer composer(m_clock);
    composer.setOutbox(m_outbox);
    composer.setChatroom(chatroomWithWindow(m_clock.now().addSecs(-3600)), kAgent);
    composer.show();
    const QString words = QString(length, u'a');
    composer.setText(words);
    auto *label = composer.findChild<QLabel *>(u"composerCounter"_s);
    QCOMPARE(label->isVisible(), counter);
    if (counter)
        QCOMPARE(label->text(), u"%1 / 4,096"_s.arg(QLocale().toString(length)));
    QCOMPARE(composer.findChild<QPushButton *>(u"composerSend"_s)->isEnabled(), sendable);
    QCOMPARE(composer.findChild<QLabel *>(u"composerNotice"_s)->text(), notice);
    QTest::keyClick(composer.findChild<QPlainTextEdit *>(u"composerText"_s), Qt::Key_Return);
    QCOMPARE(m_outbox->items()->size(), qsizetype(sendable ? 1 : 0));
    QCOMPARE(composer.text(), sendable ? QString() : words); // nothing lost
}

void TestComposer::aTakenBackTextFollowsTheDraft()
{
    Composer composer(m_clock);
    composer.setChatroom(chatroomWithWindow(m_clock.now().addSecs(-60)), kAgent);
    composer.takeBack(u"The refused answer"_s);
    QCOMPARE(composer.text(), u"The refused answer"_s);
    composer.setText(u"A new line"_s);
    composer.takeBack(u"The refused answer"_s);
    QCOMPARE(composer.text(), u"A new line\n\nThe refused answer"_s);
}

void TestComposer::nothingIsSentInTemplateMode()
{
    Composer composer(m_clock);
    composer.setOutbox(m_outbox);
    composer.setChatroom(chatroomWithWindow(m_clock.now().addSecs(-25 * 3600)), kAgent);
    composer.setText(u"too late"_s);
    QVERIFY(!composer.send());
    QCOMPARE(m_outbox->items()->size(), qsizetype(0));
}

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
