// The console's translations are compiled into it, and the LanguageSwitcher installs them.
#include "app/console/languageswitcher.h"

#include "core/clock.h"
#include "ui/shell/mainwindow.h"

#include <QCoreApplication>
#include <QMenuBar>
#include <QPushButton>
#include <QFile>
#include <QTest>

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

#include "tst_languageswitcher.moc"
