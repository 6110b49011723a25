#include "core/domain/template.h"

#include <QtTest>

using namespace handover;
using namespace Qt::StringLiterals;

// Meta fills a template's placeholders by number (POSITIONAL) or by name (NAMED, each value sent with its
// parameter_name); the order of a request's params must never decide which slot a value lands in.
class TestTemplateOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatFollowsThePlaceholders_data();
    void formatFollowsThePlaceholders();
    void valuesGoInMetasOrder_data();
    void valuesGoInMetasOrder();
};

void TestTemplateOrder::formatFollowsThePlaceholders_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("format");
    QTest::newRow("numbered placeholders are positional")
        << QString() << u"Hi {{1}}, order {{2}}."_s << u"POSITIONAL"_s;
    QTest::newRow("named placeholders are named")
        << QString() << u"Hi {{first_name}}, order {{order_no}}."_s << u"NAMED"_s;
    QTest::newRow("a named header makes the template named")
        << u"Order {{order_no}}"_s << u"Hi {{1}}."_s << u"NAMED"_s;
    QTest::newRow("no placeholders is positional") << QString() << u"Thank you."_s << u"POSITIONAL"_s;
}

void TestTemplateOrder::formatFollowsThePlaceholders()
{
    QFETCH(QString, header);
    QFETCH(QString, body);
    QFETCH(QString, format);
    MessageTemplate t;
    t.header = header;
    t.body = body;
    QCOMPARE(parameterFormatName(parameterFormatOf(t)), format);
    QCOMPARE(parameterFormatFromName(format), parameterFormatOf(t));
}

void TestTemplateOrder::valuesGoInMetasOrder_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("given"); // tag=value, in the request's order
    QTest::addColumn<QStringList>("sent");  // tag=value, in the order they go to Meta
    QTest::newRow("named values in the order of the body, not of the request")
        << u"Hi {{first_name}}, your order {{order_no}} ships on {{ship_date}}."_s
        << QStringList{u"ship_date=May 3"_s, u"order_no=A-17"_s, u"first_name=Asha"_s}
        << QStringList{u"first_name=Asha"_s, u"order_no=A-17"_s, u"ship_date=May 3"_s};
    QTest::newRow("positional values by number even where the body uses them out of order")
        << u"Your order {{2}} is ready, {{1}}. Pick it up by {{10}}."_s
        << QStringList{u"10=Friday"_s, u"2=A-17"_s, u"1=Asha"_s}
        << QStringList{u"1=Asha"_s, u"2=A-17"_s, u"10=Friday"_s};
    QTest::newRow("a placeholder used twice is sent once")
        << u"{{name}}, yes {{name}}!"_s << QStringList{u"name=Asha"_s} << QStringList{u"name=Asha"_s};
}

void TestTemplateOrder::valuesGoInMetasOrder()
{
    QFETCH(QString, body);
    QFETCH(QStringList, given);
    QFETCH(QStringList, sent);
    QList<TemplateParamValue> values;
    for (const QString &pair : std::as_const(given))
        values.append(TemplateParamValue{pair.section(u'=', 0, 0), pair.section(u'=', 1)});
    MessageTemplate t;
    t.body = body;
    QStringList ordered;
    for (const TemplateParamValue &value : valuesInMetaOrder(body, values, parameterFormatOf(t)))
        ordered.append(value.tag + u'=' + value.value);
    QCOMPARE(ordered, sent);
}

QTEST_GUILESS_MAIN(TestTemplateOrder)
#include "tst_templateorder.moc"
