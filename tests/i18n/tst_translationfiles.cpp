// The committed translations are complete: nothing unfinished or left over, the right number of plural forms,
// and every placeholder, template parameter, tag and accelerator of a source kept in its translation.
#include "tests/i18n/tsfile.h"

#include <QRegularExpression>
#include <QTest>

using namespace handover::i18n;
using namespace Qt::StringLiterals;

namespace {

const QString kTsDir = QStringLiteral(HANDOVER_TS_DIR);

// What must survive translation: %1..%99 and %n, {{parameters}} of template bodies and HTML tags.
QStringList tokens(const QString &text)
{
    static const QRegularExpression pattern(uR"(%(?:\d{1,2}|n)|\{\{\w+\}\}|</?\w+[^>]*>)"_s);
    QStringList found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        found.append(match.captured());
    found.sort();
    found.removeDuplicates();
    return found;
}

// Accelerators: a single '&' before a character ("&&" is a literal ampersand).
int accelerators(const QString &text)
{
    int count = 0;
    for (qsizetype at = 0; at + 1 < text.size(); ++at) {
        if (text.at(at) != u'&')
            continue;
        if (text.at(at + 1) == u'&')
            ++at;
        else if (!text.at(at + 1).isSpace())
            ++count;
    }
    return count;
}

QString where(const TsMessage &message)
{
    return u"[%1] \"%2\""_s.arg(message.context, message.source);
}

} // namespace

class TestTranslationFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMessageIsTranslated_data();
    void everyMessageIsTranslated();
    void englishCarriesThePluralFormsOnly();
};

void TestTranslationFiles::everyMessageIsTranslated_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << u"handover_de.ts"_s << u"de"_s;
    QTest::newRow("pt_BR") << u"handover_pt_BR.ts"_s << u"pt_BR"_s;
}

void TestTranslationFiles::everyMessageIsTranslated()
{
    QFETCH(QString, file);
    QFETCH(QString, language);
    const TsFile ts = readTsFile(kTsDir + u'/' + file);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QCOMPARE(ts.language, language);
    QVERIFY(!ts.messages.isEmpty());

    QStringList problems;
    for (const TsMessage &message : ts.messages) {
        if (!message.type.isEmpty()) {
            problems.append(u"%1 is %2"_s.arg(where(message), message.type));
            continue;
        }
        const int forms = message.numerus ? 2 : 1; // German and Portuguese (Brasil): singular and plural
        if (message.translations.size() != forms) {
            problems.append(u"%1 has %2 forms, not %3"_s.arg(where(message)).arg(message.translations.size()).arg(forms));
            continue;
        }
        for (const QString &translation : message.translations) {
            if (translation.trimmed().isEmpty())
                problems.append(u"%1 has an empty translation"_s.arg(where(message)));
            else if (tokens(translation) != tokens(message.source))
                problems.append(u"%1: \"%2\" does not keep %3"_s.arg(where(message), translation,
                                                                       tokens(message.source).join(u' ')));
            else if (accelerators(translation) != accelerators(message.source))
                problems.append(u"%1: \"%2\" has %3 accelerators, the source %4"_s.arg(where(message), translation)
                                    .arg(accelerators(translation))
                                    .arg(accelerators(message.source)));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslationFiles::englishCarriesThePluralFormsOnly()
{
    const TsFile ts = readTsFile(kTsDir + u"/handover_en.ts"_s);
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QCOMPARE(ts.language, u"en"_s);
    QVERIFY(!ts.messages.isEmpty());
    QStringList problems;
    for (const TsMessage &message : ts.messages) {
        if (!message.numerus)
            problems.append(u"%1 is not a plural form"_s.arg(where(message)));
        else if (!message.type.isEmpty())
            problems.append(u"%1 is %2"_s.arg(where(message), message.type));
        else if (message.translations.size() != 2 || message.translations.contains(QString()))
            problems.append(u"%1 needs its singular and plural"_s.arg(where(message)));
        else if (tokens(message.translations.constFirst()) != tokens(message.source)
                 || tokens(message.translations.constLast()) != tokens(message.source))
            problems.append(u"%1 loses a placeholder"_s.arg(where(message)));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestTranslationFiles)
#include "tst_translationfiles.moc"
