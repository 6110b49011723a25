// The committed .ts files are current: lupdate, run over the same sources into a copy, finds no string they
// lack and none they keep in vain. A new tr() string fails here until the update_translations target has run
// and the string is translated.
#include "tests/i18n/tsfile.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace handover::i18n;
using namespace Qt::StringLiterals;

namespace {

const QString kTsDir = QStringLiteral(HANDOVER_TS_DIR);
const QString kLupdate = QStringLiteral(HANDOVER_LUPDATE);
const QString kSourcesList = QStringLiteral(HANDOVER_LUPDATE_SOURCES);

QStringList sortedList(const QSet<QString> &keys)
{
    QStringList list(keys.cbegin(), keys.cend());
    list.sort();
    return list;
}

} // namespace

class TestTranslationSources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theTsFilesHoldEverySourceString_data();
    void theTsFilesHoldEverySourceString();
};

void TestTranslationSources::theTsFilesHoldEverySourceString_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("de") << u"handover_de.ts"_s << QStringList();
    QTest::newRow("pt_BR") << u"handover_pt_BR.ts"_s << QStringList();
    QTest::newRow("en") << u"handover_en.ts"_s << QStringList{u"-pluralonly"_s};
}

void TestTranslationSources::theTsFilesHoldEverySourceString()
{
    QFETCH(QString, file);
    QFETCH(QStringList, options);
    const TsFile committed = readTsFile(kTsDir + u'/' + file);
    QVERIFY2(committed.error.isEmpty(), qPrintable(committed.error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(file);
    QVERIFY(QFile::copy(kTsDir + u'/' + file, copy));
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(kLupdate, QStringList{u"-silent"_s, u"-no-obsolete"_s, u"-locations"_s, u"none"_s} + options
                                + QStringList{u'@' + kSourcesList, u"-ts"_s, copy});
    QVERIFY2(lupdate.waitForFinished(120'000), qPrintable(lupdate.errorString()));
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             lupdate.readAll().constData());
    const TsFile updated = readTsFile(copy);
    QVERIFY2(updated.error.isEmpty(), qPrintable(updated.error));

    const QSet<QString> inFile = currentKeys(committed);
    const QSet<QString> inSources = currentKeys(updated);
    QVERIFY(!inSources.isEmpty());
    const QStringList added = sortedList(inSources - inFile);
    const QStringList gone = sortedList(inFile - inSources);
    QVERIFY2(added.isEmpty(), qPrintable(u"Build the update_translations target and translate the strings "
                                          "%1 lacks:\n"_s.arg(file)
                                          + added.join(u'\n')));
    QVERIFY2(gone.isEmpty(), qPrintable(u"%1 keeps strings the sources no longer have; build the "
                                         "update_translations target:\n"_s.arg(file)
                                         + gone.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestTranslationSources)
#include "tst_translationsources.moc"
