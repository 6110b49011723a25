// The console's translations are compiled into it, and the LanguageSwitcher installs them.
#include "app/console/languageswitcher.h"
#include "app/console/localmode/localwebhookreceiver.h"
#include "app/console/webhookdeliveriespanel.h"
#include "core/clock.h"
#include "ui/shell/mainwindow.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

using handover::console::LanguageSwitcher;
using namespace Qt::StringLiterals;

namespace {

QString fileMenu()
{
    return QCoreApplication::translate("handover::MainWindow", "&File");
}

QString chatrooms(int count)
{
    return QCoreApplication::translate("handover::BoardColumnView", "%n chatroom(s)", nullptr, count);
}

} // namespace

class TestLanguageSwitcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTranslationIsEmbedded();
    void eachLanguageTranslatesTheMenusAndPluralForms_data();
    void eachLanguageTranslatesTheMenusAndPluralForms();
    void switchingBackToEnglishDropsTheTranslation();
    void anUnknownLanguageFallsBackToEnglish();
    void openWidgetsFollowASwitchAtOnce();
    void qtsOwnButtonsSpeakTheLanguage_data();
    void qtsOwnButtonsSpeakTheLanguage();
    void webhookRowsFollowASwitchWhole();
};

void TestLanguageSwitcher::everyTranslationIsEmbedded()
{
    for (const QString &language : {u"en"_s, u"de"_s, u"pt_BR"_s})
        QVERIFY2(QFile::exists(u":/i18n/handover_%1.qm"_s.arg(language)), qPrintable(language));
}

void TestLanguageSwitcher::eachLanguageTranslatesTheMenusAndPluralForms_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("one");
    QTest::addColumn<QString>("two");
    QTest::newRow("de") << u"de"_s << u"&Datei"_s << u"1 Chatroom"_s << u"2 Chatrooms"_s;
    QTest::newRow("pt_BR") << u"pt_BR"_s << u"&Arquivo"_s << u"1 chat"_s << u"2 chats"_s;
    // English keeps its source strings; its file only adds the plural forms.
    QTest::newRow("en") << u"en"_s << u"&File"_s << u"1 chatroom"_s << u"2 chatrooms"_s;
}

void TestLanguageSwitcher::eachLanguageTranslatesTheMenusAndPluralForms()
{
    QFETCH(QString, language);
    QFETCH(QString, file);
    QFETCH(QString, one);
    QFETCH(QString, two);
    LanguageSwitcher switcher;
    QCOMPARE(switcher.use(language), language);
    QCOMPARE(switcher.current(), language);
    QCOMPARE(fileMenu(), file);
    QCOMPARE(chatrooms(1), one);
    QCOMPARE(chatrooms(2), two);
}

void TestLanguageSwitcher::switchingBackToEnglishDropsTheTranslation()
{
    LanguageSwitcher switcher;
    switcher.use(u"de"_s);
    QCOMPARE(fileMenu(), u"&Datei"_s);
    QCOMPARE(switcher.use(u"en"_s), u"en"_s);
    QCOMPARE(fileMenu(), u"&File"_s);
}

void TestLanguageSwitcher::anUnknownLanguageFallsBackToEnglish()
{
    LanguageSwitcher switcher;
    QCOMPARE(switcher.use(u"fi"_s), u"en"_s);
    QCOMPARE(fileMenu(), u"&File"_s);
}

QTEST_MAIN(TestLanguageSwitcher)
// The composer and the window's menus are already open when the user picks another language in Settings.
void TestLanguageSwitcher::openWidgetsFollowASwitchAtOnce()
{
    handover::SystemClock clock;
    handover::MainWindow window(clock);
    auto *send = window.findChild<QPushButton *>(u"composerSend"_s);
    QVERIFY(send);
    LanguageSwitcher switcher;
    switcher.use(u"en"_s);
    QCoreApplication::processEvents();
    QCOMPARE(send->text(), u"Send"_s);
    switcher.use(u"de"_s);
    QCoreApplication::processEvents();
    QCOMPARE(send->text(), u"Senden"_s);
    QCOMPARE(window.menuBar()->actions().constFirst()->text(), u"&Datei"_s);
    switcher.use(u"en"_s);
    QCoreApplication::processEvents();
    QCOMPARE(send->text(), u"Send"_s);
}

void TestLanguageSwitcher::qtsOwnButtonsSpeakTheLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("cancel");
    QTest::addColumn<QString>("yes");
    QTest::newRow("German from qtbase_de") << u"de"_s << u"&Abbrechen"_s << u"&Ja"_s;
    QTest::newRow("Portuguese from qtbase_pt_BR") << u"pt_BR"_s << u"Cancelar"_s << u"&Sim"_s;
    QTest::newRow("English") << u"en"_s << u"Cancel"_s << u"&Yes"_s;
}

// Qt's standard buttons come from Qt's own translation (Debian's qt6-translations-l10n), loaded beside ours,
// in a dialog opened before the switch as in one opened after.
void TestLanguageSwitcher::qtsOwnButtonsSpeakTheLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, cancel);
    QFETCH(QString, yes);
    const auto withoutAccelerator = [](QString text) { return text.remove(u'&'); };
    LanguageSwitcher switcher;
    switcher.use(u"en"_s);
    QDialogButtonBox before(QDialogButtonBox::Cancel);
    switcher.use(language);
    QCoreApplication::processEvents();
    QCOMPARE(withoutAccelerator(before.button(QDialogButtonBox::Cancel)->text()), withoutAccelerator(cancel));
    QMessageBox after(QMessageBox::Question, u"Handover"_s, u"?"_s, QMessageBox::Yes | QMessageBox::Cancel);
    QCOMPARE(withoutAccelerator(after.button(QMessageBox::Cancel)->text()), withoutAccelerator(cancel));
    QCOMPARE(withoutAccelerator(after.button(QMessageBox::Yes)->text()), withoutAccelerator(yes));
    switcher.use(u"en"_s);
}

// Local mode's webhook panel: rows shown before a switch follow it, the time and the signature problem too,
// so no row mixes two languages.
void TestLanguageSwitcher::webhookRowsFollowASwitchWhole()
{
    using handover::console::LocalWebhookReceiver;
    using handover::console::ReceivedWebhook;
    LanguageSwitcher switcher;
    switcher.use(u"en"_s);
    LocalWebhookReceiver receiver(nullptr);
    handover::console::WebhookDeliveriesPanel panel(receiver);
    ReceivedWebhook tap;
    tap.receivedAt = QDateTime(QDate(2024, 5, 6), QTime(14, 5), QTimeZone::utc());
    tap.type = u"template.button_reply"_s;
    tap.templateName = u"appointment_reminder"_s;
    tap.buttonText = u"Confirm"_s;
    tap.verified = true;
    ReceivedWebhook forged = tap;
    forged.verified = false;
    forged.problem = handover::console::standardWebhookProblem(u"whsec_"_s, "id", "1", "{}", "v1,AAAA", 1);
    Q_EMIT receiver.deliveryReceived(tap);
    Q_EMIT receiver.deliveryReceived(forged);
    auto *list = panel.findChild<QTreeWidget *>(u"webhookDeliveryList"_s);
    QVERIFY(list);
    QCOMPARE(list->topLevelItem(0)->text(2), u"\u2718 no signature matches"_s);
    QCOMPARE(list->topLevelItem(1)->text(1), u"\u201cConfirm\u201d on appointment_reminder"_s);

    switcher.use(u"de"_s);
    QCoreApplication::processEvents();
    const QString time = QLocale(u"de"_s).toString(tap.receivedAt.toLocalTime().time(), QLocale::ShortFormat);
    QCOMPARE(list->topLevelItem(0)->text(2), u"\u2718 keine Signatur passt"_s);
    QCOMPARE(list->topLevelItem(1)->text(1), u"\u201eConfirm\u201c in appointment_reminder"_s);
    QCOMPARE(list->topLevelItem(1)->text(2), u"\u2714 signiert"_s);
    QCOMPARE(list->topLevelItem(1)->text(0), time);
    QCOMPARE(list->headerItem()->text(0), u"Zeit"_s);
    switcher.use(u"en"_s);
}

#include "tst_languageswitcher.moc"
