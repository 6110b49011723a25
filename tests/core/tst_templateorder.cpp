#include "core/domain/template.h"

#include <QtTest>

using namespace handover;
using namespace Qt::StringLiterals;

// Meta fills a template's placeholders by number (POSITIONAL, in the order Meta numbered them: by number, or by
// appearance for tags of our own) or by name (NAMED, each value sent with its parameter_name); the order in which a
// request listed its params must never decide which slot a value lands in.
class TestTemplateOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valuesGoInMetasOrder_data();
    void valuesGoInMetasOrder();
    void namedPlaceholdersAreMetasNames_data();
    void namedPlaceholdersAreMetasNames();
    void formatNamesRoundTrip();
};

void TestTemplateOrder::valuesGoInMetasOrder_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("given"); // tag=value, in the request's order
    QTest::addColumn<QStringList>("sent");  // tag=value, in the order they go to Meta
    const QString order = u"Hi {{first_name}}, your order {{order_no}} ships on {{ship_date}}."_s;
    const QStringList shuffled{u"ship_date=May 3"_s, u"order_no=A-17"_s, u"first_name=Asha"_s};
    const QStringList inBodyOrder{u"first_name=Asha"_s, u"order_no=A-17"_s, u"ship_date=May 3"_s};
    QTest::newRow("positional with tags of our own: in the order of the body, not of the request")
        << u"POSITIONAL"_s << order << shuffled << inBodyOrder;
    QTest::newRow("named: in the order of the body as well") << u"NAMED"_s << order << shuffled << inBodyOrder;
    QTest::newRow("positional numbers: by number even where the body uses them out of order")
        << u"POSITIONAL"_s << u"Your order {{2}} is ready, {{1}}. Pick it up by {{10}}."_s
        << QStringList{u"10=Friday"_s, u"2=A-17"_s, u"1=Asha"_s}
        << QStringList{u"1=Asha"_s, u"2=A-17"_s, u"10=Friday"_s};
    QTest::newRow("a placeholder used twice is sent once")
        << u"NAMED"_s << u"{{name}}, yes {{name}}!"_s << QStringList{u"name=Asha"_s} << QStringList{u"name=Asha"_s};
}

void TestTemplateOrder::valuesGoInMetasOrder()
{
    QFETCH(QString, format);
    QFETCH(QString, body);
    QFETCH(QStringList, given);
    QFETCH(QStringList, sent);
    QList<TemplateParamValue> values;
    for (const QString &pair : std::as_const(given))
        values.append(TemplateParamValue{pair.section(u'=', 0, 0), pair.section(u'=', 1)});
    QStringList ordered;
    for (const TemplateParamValue &value : valuesInMetaOrder(body, values, *parameterFormatFromName(format)))
        ordered.append(value.tag + u'=' + value.value);
    QCOMPARE(ordered, sent);
}

void TestTemplateOrder::namedPlaceholdersAreMetasNames_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("lower-case with underscores") << u"order_no"_s << true;
    QTest::newRow("with digits after the first character") << u"line2"_s << true;
    QTest::newRow("a leading digit is refused") << u"2nd"_s << false;
    QTest::newRow("upper case is refused") << u"OrderNo"_s << false;
    QTest::newRow("a dot is refused") << u"contact.first_name"_s << false;
}

void TestTemplateOrder::namedPlaceholdersAreMetasNames()
{
    QFETCH(QString, tag);
    QFETCH(bool, accepted);
    QCOMPARE(isMetaParameterName(tag), accepted);
}

void TestTemplateOrder::formatNamesRoundTrip()
{
    for (ParameterFormat format : {ParameterFormat::Positional, ParameterFormat::Named})
        QCOMPARE(parameterFormatFromName(parameterFormatName(format)), format);
    QCOMPARE(parameterFormatFromName(u"named"_s), std::nullopt);
}

QTEST_GUILESS_MAIN(TestTemplateOrder)
#include "tst_templateorder.moc"
