#include "core/json/strictjson.h"

#include <QJsonArray>
#include <QtTest>

using namespace handover;

// What arrives from outside is JSON as RFC 8259 says, or it is refused with the code API.md gives.
class TestStrictJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validDocumentsAreRead();
    void invalidDocumentsAreRefused_data();
    void invalidDocumentsAreRefused();
    void nestingIsBounded();
};

void TestStrictJson::validDocumentsAreRead()
{
    const auto parsed = parseStrictJsonObject(
        R"({"text":"Grüße \u00e9 \ud83d\ude00 \n","n":12,"big":9007199254740993,"f":1.5,"b":true,"z":null,)"
        R"("a":[1,{"k":"v"}],"o":{}})");
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().description));
    QCOMPARE(parsed->value(QLatin1String("text")).toString(), QStringLiteral("Grüße é 😀 \n"));
    QCOMPARE(parsed->value(QLatin1String("n")).toInteger(), 12);
    QCOMPARE(parsed->value(QLatin1String("big")).toInteger(), Q_INT64_C(9007199254740993));
    QCOMPARE(parsed->value(QLatin1String("f")).toDouble(), 1.5);
    QVERIFY(parsed->value(QLatin1String("z")).isNull());
    QCOMPARE(
        parsed->value(QLatin1String("a")).toArray().at(1).toObject().value(QLatin1String("k")).toString(),
        QStringLiteral("v"));
}

void TestStrictJson::invalidDocumentsAreRefused_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("field");
    const int bad = int(ErrorCode::BadRequest);
    const int invalid = int(ErrorCode::ValidationFailed);
    QTest::newRow("a raw NUL inside a string is 4000001")
        << QByteArray("{\"a\":\"x\0y\"}", 11) << bad << QString();
    QTest::newRow("a raw control character inside a string is 4000001")
        << QByteArray("{\"a\":\"x\x01y\"}") << bad << QString();
    QTest::newRow("a raw line feed inside a string is 4000001")
        << QByteArray("{\"a\":\"x\ny\"}") << bad << QString();
    QTest::newRow("bytes that are not UTF-8 are 4000001")
        << QByteArray("{\"a\":\"\xff\xfe\"}") << bad << QString();
    QTest::newRow("an overlong UTF-8 form is 4000001")
        << QByteArray("{\"a\":\"\xc0\xaf\"}") << bad << QString();
    QTest::newRow("a duplicate key is 4000001 naming it")
        << QByteArray(R"({"crm_id":"a","crm_id":"b"})") << bad << QStringLiteral("crm_id");
    QTest::newRow("a nested duplicate key names its path")
        << QByteArray(R"({"params":[{"tag":"a"},{"tag":"b","tag":"c"}]})") << bad
        << QStringLiteral("params[1].tag");
    QTest::newRow("\\u0000 in a text is 4000002 naming the field")
        << QByteArray(R"({"first_name":"a\u0000b"})") << invalid << QStringLiteral("first_name");
    QTest::newRow("\\u0000 deep inside names its path")
        << QByteArray(R"({"p":[{"value":"\u0000"}]})") << invalid << QStringLiteral("p[0].value");
    QTest::newRow("trailing commas are 4000001") << QByteArray(R"({"a":1,})") << bad << QString();
    QTest::newRow("single quotes are 4000001") << QByteArray("{'a':1}") << bad << QString();
    QTest::newRow("a lone surrogate escape is 4000001")
        << QByteArray(R"({"a":"\ud800"})") << bad << QString();
    QTest::newRow("an array at the top is 4000001") << QByteArray("[1]") << bad << QString();
    QTest::newRow("a number no double holds is 4000001") << QByteArray(R"({"a":1e400})") << bad << QString();
    QTest::newRow("nothing is 4000001") << QByteArray() << bad << QString();
    QTest::newRow("text after the document is 4000001")
        << QByteArray(R"({"a":1} {"b":2})") << bad << QString();
}

void TestStrictJson::invalidDocumentsAreRefused()
{
    QFETCH(QByteArray, text);
    QFETCH(int, code);
    QFETCH(QString, field);
    const auto parsed = parseStrictJsonObject(text);
    QVERIFY(!parsed);
    QCOMPARE(int(parsed.error().code), code);
    if (!field.isEmpty())
        QCOMPARE(parsed.error().fields, QStringList{field});
}

void TestStrictJson::nestingIsBounded()
{
    const QByteArray deep = QByteArray("{\"a\":") + QByteArray("[").repeated(kMaxJsonDepth + 1) +
                            QByteArray("]").repeated(kMaxJsonDepth + 1) + "}";
    const auto parsed = parseStrictJsonObject(deep);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::BadRequest);
    const QByteArray fine = QByteArray("{\"a\":") + QByteArray("[").repeated(kMaxJsonDepth - 2) +
                            QByteArray("]").repeated(kMaxJsonDepth - 2) + "}";
    QVERIFY(parseStrictJsonObject(fine).ok());
}

QTEST_GUILESS_MAIN(TestStrictJson)
#include "tst_strictjson.moc"
