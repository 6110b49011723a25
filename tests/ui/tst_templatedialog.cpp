#include "client/apiclient.h"
#include "client/outbox.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"
#include "ui/conversation/templatedialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;
using namespace Qt::StringLiterals;

namespace {

MessageTemplate menuTemplate()
{
    MessageTemplate t;
    t.remoteTemplateId = u"tpl-menu"_s;
    t.name = u"menu"_s;
    t.header = u"Hello {{name}}"_s;
    t.body = u"Your table for {{people}} is ready, {{name}}."_s;
    t.footer = u"Reply below"_s;
    t.buttons = {TemplateButton{ButtonType::QuickReply, u"Confirm"_s, {}},
                 TemplateButton{ButtonType::Url, u"Menu"_s, u"https://example.test/menu"_s}};
    t.params = {TemplateParam{u"people"_s, ParamType::UserFill, {}},
                TemplateParam{u"name"_s, ParamType::AutoFill, u"contact.first_name"_s}};
    return t;
}

} // namespace

class TestTemplateDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void thePreviewFillsAsTheUserTypes_data();
    void thePreviewFillsAsTheUserTypes();
    void onlyVisibleEnabledApprovedTemplatesAreOffered();
    void theFlagsDefaultAsTheApiSays();
    void theParametersComeFirstInTheTabOrder();
    void thePreviewShowsTheCustomersRealValues();
    void theFlagsSpeakPlainlyWithTheApiNameInTheirTooltips();
    void theListIsWideEnoughForEveryName();
    void aFilledTemplateGoesToTheServerWithTheChosenFlags();

private:
    ClientTestOrg m_org;
    QTemporaryDir m_dir;
    SystemClock m_clock;
    UuidSource m_keys;
    SystemRandomSource m_random;
    QString m_room;
};

void TestTemplateDialog::initTestCase()
{
    QVERIFY2(m_org.start(), m_org.why());
    m_room = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!m_room.isEmpty(), m_org.why());
}

void TestTemplateDialog::thePreviewFillsAsTheUserTypes_data()
{
    QTest::addColumn<QString>("people");
    QTest::addColumn<QString>("preview");
    QTest::newRow("a blank parameter stays a placeholder")
        << u"  "_s
        << u"Hello [the customer's first name]\n\nYour table for {{people}} is ready, [the customer's first "
           u"name]."
           u"\n\nReply below"_s;
    QTest::newRow("a filled parameter is rendered")
        << u"four"_s
        << u"Hello [the customer's first name]\n\nYour table for four is ready, [the customer's first name]."
           u"\n\nReply below"_s;
}

void TestTemplateDialog::thePreviewFillsAsTheUserTypes()
{
    QFETCH(QString, people);
    QFETCH(QString, preview);
    TemplateDialog dialog(m_room);
    dialog.setTemplates({menuTemplate()});
    auto *field = dialog.findChild<QLineEdit *>(u"templateParam-people"_s);
    QVERIFY(field);
    QVERIFY(!dialog.findChild<QLineEdit *>(u"templateParam-name"_s)); // AUTO_FILL: the server fills it
    QTest::keyClicks(field, people);
    QCOMPARE(dialog.previewText(), preview);
    QCOMPARE(dialog.findChild<QLabel *>(u"templateButtonsPreview"_s)->text(), u"[ Confirm ] [ Menu ]"_s);
    QCOMPARE(dialog.currentSend().has_value(), !people.trimmed().isEmpty());
}

void TestTemplateDialog::onlyVisibleEnabledApprovedTemplatesAreOffered()
{
    MessageTemplate hidden = menuTemplate();
    hidden.remoteTemplateId = u"hidden"_s;
    hidden.visible = false;
    MessageTemplate paused = menuTemplate();
    paused.remoteTemplateId = u"paused"_s;
    paused.status = TemplateStatus::Paused;
    MessageTemplate disabled = menuTemplate();
    disabled.remoteTemplateId = u"disabled"_s;
    disabled.enabled = false;
    TemplateDialog dialog(m_room);
    dialog.setTemplates({hidden, paused, menuTemplate(), disabled});
    QCOMPARE(dialog.templates().size(), qsizetype(1));
    QCOMPARE(dialog.templates().first().remoteTemplateId, u"tpl-menu"_s);
    QCOMPARE(dialog.findChild<QListWidget *>(u"templateList"_s)->count(), 1);
}

void TestTemplateDialog::theFlagsDefaultAsTheApiSays()
{
    TemplateDialog dialog(m_room);
    dialog.setTemplates({menuTemplate()});
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"templateParam-people"_s), u"2"_s);
    const auto send = dialog.currentSend();
    QVERIFY(send);
    QVERIFY(send->bump);
    QVERIFY(send->bumpResponse);
    QVERIFY(!send->relayResponse);
}

void TestTemplateDialog::theParametersComeFirstInTheTabOrder()
{
    MessageTemplate reminder = menuTemplate();
    reminder.params.append(TemplateParam{u"slot"_s, ParamType::UserFill, {}});
    reminder.body += u" See you at {{slot}}."_s;
    TemplateDialog dialog(m_room);
    dialog.setTemplates({reminder});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto *people = dialog.findChild<QLineEdit *>(u"templateParam-people"_s);
    auto *slot = dialog.findChild<QLineEdit *>(u"templateParam-slot"_s);
    auto *bump = dialog.findChild<QCheckBox *>(u"templateBump"_s);
    QCOMPARE(QApplication::focusWidget(), people); // what there is to type has the focus at once

    // Typing goes into the fields; Tab goes from one to the next, then on to the flags.
    QTest::keyClicks(QApplication::focusWidget(), u"four"_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), slot);
    QTest::keyClicks(QApplication::focusWidget(), u"10 00"_s); // a space would toggle a check box
    QCOMPARE(slot->text(), u"10 00"_s);
    QVERIFY(bump->isChecked());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), bump);

    // From the template list, Tab goes to the parameters first.
    dialog.findChild<QListWidget *>(u"templateList"_s)->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), people);
    QCOMPARE(people->text(), u"four"_s);
}

void TestTemplateDialog::thePreviewShowsTheCustomersRealValues()
{
    MessageTemplate greeting = menuTemplate();
    greeting.header.clear();
    greeting.footer.clear();
    greeting.body = u"Hi {{name}}, {{people}} seats. {{agent}} from {{last}}"_s;
    greeting.params.append(TemplateParam{u"agent"_s, ParamType::AutoFill, u"agent.first_name"_s});
    greeting.params.append(TemplateParam{u"last"_s, ParamType::AutoFill, u"contact.last_name"_s});
    TemplateDialog dialog(m_room);
    dialog.setTemplates({greeting});
    dialog.setPreviewValues({{u"contact.first_name"_s, u"Maya"_s}, {u"agent.first_name"_s, u"Alex"_s}});
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"templateParam-people"_s), u"two"_s);
    // What the console knows is shown as it will be sent; what it does not know is said in words.
    QCOMPARE(dialog.previewText(), u"Hi Maya, two seats. Alex from [the customer's last name]"_s);
    dialog.setPreviewValues({{u"contact.last_name"_s, u"Lindqvist"_s}}); // the contact arrived later
    QCOMPARE(dialog.previewText(), u"Hi Maya, two seats. Alex from Lindqvist"_s);
}

void TestTemplateDialog::theFlagsSpeakPlainlyWithTheApiNameInTheirTooltips()
{
    TemplateDialog dialog(m_room);
    const QList<std::pair<QString, QString>> flags{{u"templateBump"_s, u"bump"_s},
                                                   {u"templateBumpResponse"_s, u"bump_response"_s},
                                                   {u"templateRelayResponse"_s, u"relay_response"_s}};
    for (const auto &[name, apiName] : flags) {
        const auto *box = dialog.findChild<QCheckBox *>(name);
        QVERIFY(box);
        QVERIFY2(!box->text().contains(u"ump"_s) && !box->text().contains(u"elay"_s),
                 qPrintable(box->text()));
        QVERIFY2(box->toolTip().contains(u"API flag: "_s + apiName + u'.'), qPrintable(box->toolTip()));
    }
    QCOMPARE(dialog.findChild<QCheckBox *>(u"templateBump"_s)->text(),
             u"Move to the top of the agent's list"_s);
}

void TestTemplateDialog::theListIsWideEnoughForEveryName()
{
    MessageTemplate longName = menuTemplate();
    longName.remoteTemplateId = u"tpl-long"_s;
    longName.name = u"seasonal_furniture_clearance_reminder_with_a_long_name"_s;
    TemplateDialog dialog(m_room);
    dialog.setTemplates({menuTemplate(), longName});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = dialog.findChild<QListWidget *>(u"templateList"_s);
    const QRect item = list->visualItemRect(list->item(1));
    QVERIFY2(list->viewport()->width() >= list->fontMetrics().horizontalAdvance(list->item(1)->text()),
             qPrintable(QString::number(list->viewport()->width())));
    QVERIFY(item.width() > 0);
}

void TestTemplateDialog::aFilledTemplateGoesToTheServerWithTheChosenFlags()
{
    ApiClient api(m_org.url());
    api.setToken(m_org.member.token);
    api.setOrgId(m_org.orgId());
    auto outbox = MUST_OK(
        Outbox::open(m_dir.filePath(u"outbox.sqlite"_s), m_org.orgId(), api, m_clock, m_keys, m_random));
    TemplateDialog dialog(m_room);
    dialog.setOutbox(outbox.get());
    QSignalSpy loaded(&dialog, &TemplateDialog::templatesLoaded);
    dialog.loadTemplates(api);
    QVERIFY(loaded.wait(10000));
    QVERIFY(dialog.selectTemplate(ClientTestOrg::kOrderTemplate));
    auto *send = dialog.findChild<QPushButton *>(u"templateSend"_s);
    QVERIFY(!send->isEnabled()); // the order number is missing
    QCOMPARE(dialog.previewText(), u"Order {{order}} is ready."_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"templateParam-order"_s), u"A-7"_s);
    QCOMPARE(dialog.previewText(), u"Order A-7 is ready."_s);
    QVERIFY(send->isEnabled());
    dialog.findChild<QCheckBox *>(u"templateBump"_s)->setChecked(false);
    dialog.findChild<QCheckBox *>(u"templateBumpResponse"_s)->setChecked(false);
    dialog.findChild<QCheckBox *>(u"templateRelayResponse"_s)->setChecked(true);
    QSignalSpy queued(&dialog, &TemplateDialog::templateQueued);
    QTest::mouseClick(send, Qt::LeftButton);
    QCOMPARE(queued.size(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const qint64 localId = queued.first().first().toLongLong();
    QTRY_COMPARE_WITH_TIMEOUT(MUST_OK(outbox->item(localId))->state, OutboxState::Sent, 10000);
    const MessageId id = MUST_OK(outbox->item(localId))->messageId();
    bool found = false;
    for (const Message &m : m_org.serverMessages(m_room)) {
        if (m.id != id)
            continue;
        found = true;
        QCOMPARE(m.text, u"Order A-7 is ready."_s);
        QCOMPARE(m.kind, MessageKind::Template);
        QVERIFY(!m.bump);
        QVERIFY(!m.bumpResponse);
        QVERIFY(m.relayResponse);
    }
    QVERIFY2(found, "the server has no such message");
}

QTEST_MAIN(TestTemplateDialog)
#include "tst_templatedialog.moc"
