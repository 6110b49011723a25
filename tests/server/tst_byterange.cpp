#include "server/http/byterange.h"

#include <QtTest>

using namespace handover;

class TestByteRange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rangesOfAHundredBytes_data();
    void rangesOfAHundredBytes();
};

void TestByteRange::rangesOfAHundredBytes_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("first"); // -1: not satisfiable
    QTest::addColumn<qint64>("last");
    QTest::newRow("a closed range") << QByteArray("bytes=10-19") << qint64(10) << qint64(19);
    QTest::newRow("an open range runs to the end") << QByteArray("bytes=90-") << qint64(90) << qint64(99);
    QTest::newRow("a suffix gives the last bytes") << QByteArray("bytes=-5") << qint64(95) << qint64(99);
    QTest::newRow("a suffix longer than the file gives all of it")
        << QByteArray("bytes=-500") << qint64(0) << qint64(99);
    QTest::newRow("a last position past the end is cut to it")
        << QByteArray("bytes=50-1000") << qint64(50) << qint64(99);
    QTest::newRow("a first position at the end is not satisfiable")
        << QByteArray("bytes=100-") << qint64(-1) << qint64(-1);
    QTest::newRow("a range that ends before it starts is refused")
        << QByteArray("bytes=20-10") << qint64(-1) << qint64(-1);
    QTest::newRow("several ranges are refused") << QByteArray("bytes=0-1,5-6") << qint64(-1) << qint64(-1);
    QTest::newRow("another unit is refused") << QByteArray("items=0-1") << qint64(-1) << qint64(-1);
    QTest::newRow("a signed number is refused") << QByteArray("bytes=+1-2") << qint64(-1) << qint64(-1);
    QTest::newRow("a number too long to hold is refused")
        << QByteArray("bytes=0-99999999999999999999") << qint64(-1) << qint64(-1);
    QTest::newRow("an empty suffix is refused") << QByteArray("bytes=-0") << qint64(-1) << qint64(-1);
}

void TestByteRange::rangesOfAHundredBytes()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    const std::optional<ByteRange> range = parseByteRange(header, 100);
    if (first < 0) {
        QVERIFY(!range);
        return;
    }
    QVERIFY(range);
    QCOMPARE(range->first, first);
    QCOMPARE(range->last, last);
}

QTEST_GUILESS_MAIN(TestByteRange)
#include "tst_byterange.moc"
