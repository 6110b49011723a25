// The simulator's media store and the download faults tests arm: ids, digests, the size bound, and how many
// requests a fault fails.

#include "sim/controlformat.h"
#include "sim/mediafaults.h"
#include "sim/mediastore.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

using namespace handover;
using namespace handover::sim;

class TestWaSimMediaStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mediaIsKeptWithItsDigest();
    void idsAreSixteenDigitsAndUnique();
    void oldestMediaGoesPastTheSizeBound();
    void removedIdsAreRemembered();
    void faultForTheNextMediaBindsToIt();
    void faultFailsItsNumberOfTimes();
    void faultsPerTargetAreSeparate();
    void clearingDropsEveryFault();
    void faultRequestIsRead();
    void faultRequestIsRefused_data();
    void faultRequestIsRefused();
};

void TestWaSimMediaStore::mediaIsKeptWithItsDigest()
{
    MediaStore store;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1767258000, Qt::UTC);
    const MediaAsset &asset =
        store.add(QStringLiteral("4242"), "bytes", QStringLiteral("image/png"), QStringLiteral("a.png"), now);
    const QString id = asset.id;
    const MediaAsset *found = store.find(id);
    QVERIFY(found);
    QCOMPARE(found->phoneNumberId, QStringLiteral("4242"));
    QCOMPARE(found->bytes, QByteArray("bytes"));
    QCOMPARE(found->sha256, QCryptographicHash::hash("bytes", QCryptographicHash::Sha256));
    QCOMPARE(found->filename, QStringLiteral("a.png"));
    QCOMPARE(found->createdAt, now);
    QCOMPARE(store.totalBytes(), 5);
    QVERIFY(!store.find(QStringLiteral("1")));
}

void TestWaSimMediaStore::idsAreSixteenDigitsAndUnique()
{
    MediaStore store;
    QSet<QString> ids;
    static const QRegularExpression sixteenDigits(QStringLiteral("^[1-9]\\d{15}$"));
    for (int i = 0; i < 100; ++i) {
        const QString id = store.add(QStringLiteral("1"), "x", QStringLiteral("image/png"), {}, {}).id;
        QVERIFY2(sixteenDigits.match(id).hasMatch(), qPrintable(id));
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 100);
}

void TestWaSimMediaStore::oldestMediaGoesPastTheSizeBound()
{
    MediaStore store(10);
    const QString first = store.add(QStringLiteral("1"), "aaaa", QStringLiteral("image/png"), {}, {}).id;
    const QString second = store.add(QStringLiteral("1"), "bbbb", QStringLiteral("image/png"), {}, {}).id;
    const QString third = store.add(QStringLiteral("1"), "cccc", QStringLiteral("image/png"), {}, {}).id;
    QVERIFY(!store.find(first));
    QVERIFY(store.wasRemoved(first));
    QVERIFY(store.find(second));
    QVERIFY(store.find(third));
    QCOMPARE(store.totalBytes(), 8);
    QCOMPARE(store.size(), 2);
}

void TestWaSimMediaStore::removedIdsAreRemembered()
{
    MediaStore store;
    const QString id = store.add(QStringLiteral("1"), "x", QStringLiteral("image/png"), {}, {}).id;
    QVERIFY(!store.wasRemoved(id));
    QVERIFY(store.remove(id));
    QVERIFY(!store.remove(id));
    QVERIFY(!store.find(id));
    QVERIFY(store.wasRemoved(id));
    QVERIFY(!store.wasRemoved(QStringLiteral("42")));
    QCOMPARE(store.totalBytes(), 0);
    // Many uploads after many removals keep the store's bookkeeping bounded and correct.
    for (int i = 0; i < 3000; ++i)
        store.remove(store.add(QStringLiteral("1"), "y", QStringLiteral("image/png"), {}, {}).id);
    QCOMPARE(store.size(), 0);
}

void TestWaSimMediaStore::faultForTheNextMediaBindsToIt()
{
    MediaFaults faults;
    faults.arm(MediaFault{QString(), MediaFaultTarget::Download, 1, 503, false});
    QVERIFY(!faults.take(QStringLiteral("100"), MediaFaultTarget::Download));
    faults.mediaCreated(QStringLiteral("100"));
    faults.mediaCreated(QStringLiteral("101")); // only the first media created gets it
    QVERIFY(!faults.take(QStringLiteral("101"), MediaFaultTarget::Download));
    const auto fault = faults.take(QStringLiteral("100"), MediaFaultTarget::Download);
    QVERIFY(fault);
    QCOMPARE(fault->httpStatus, 503);
    QCOMPARE(fault->mediaId, QStringLiteral("100"));
}

void TestWaSimMediaStore::faultFailsItsNumberOfTimes()
{
    MediaFaults faults;
    faults.arm(MediaFault{QStringLiteral("7"), MediaFaultTarget::Download, 2, 500, false});
    QVERIFY(faults.take(QStringLiteral("7"), MediaFaultTarget::Download));
    QVERIFY(faults.take(QStringLiteral("7"), MediaFaultTarget::Download));
    QVERIFY(!faults.take(QStringLiteral("7"), MediaFaultTarget::Download));
    QCOMPARE(faults.armedCount(), 0);
}

void TestWaSimMediaStore::faultsPerTargetAreSeparate()
{
    MediaFaults faults;
    faults.arm(MediaFault{QStringLiteral("7"), MediaFaultTarget::Lookup, 1, 400, false});
    faults.arm(MediaFault{QStringLiteral("7"), MediaFaultTarget::Download, 1, 0, true});
    faults.arm(MediaFault{QStringLiteral("7"), MediaFaultTarget::Lookup, 3, 502, false}); // replaces
    QCOMPARE(faults.armedCount(), 2);
    QVERIFY(faults.take(QStringLiteral("7"), MediaFaultTarget::Download)->corrupt);
    QCOMPARE(faults.take(QStringLiteral("7"), MediaFaultTarget::Lookup)->httpStatus, 502);
}

void TestWaSimMediaStore::clearingDropsEveryFault()
{
    MediaFaults faults;
    faults.arm(MediaFault{QStringLiteral("7"), MediaFaultTarget::Lookup, 1, 400, false});
    faults.arm(MediaFault{QString(), MediaFaultTarget::Download, 1, 500, false});
    QCOMPARE(faults.clear(), 2);
    faults.mediaCreated(QStringLiteral("8"));
    QVERIFY(!faults.take(QStringLiteral("8"), MediaFaultTarget::Download));
    QVERIFY(!faults.take(QStringLiteral("7"), MediaFaultTarget::Lookup));
}

void TestWaSimMediaStore::faultRequestIsRead()
{
    const auto defaults = parseMediaFaultRequest("{}");
    QVERIFY(defaults.ok());
    QCOMPARE(*defaults, (MediaFault{QString(), MediaFaultTarget::Download, 1, 500, false}));
    const auto full =
        parseMediaFaultRequest(R"({"media_id":"1003","target":"lookup","fail_times":2,"status":404})");
    QVERIFY(full.ok());
    QCOMPARE(*full, (MediaFault{QStringLiteral("1003"), MediaFaultTarget::Lookup, 2, 404, false}));
    QCOMPARE(mediaFaultJson(*full), (QJsonObject{{QStringLiteral("media_id"), QStringLiteral("1003")},
                                                 {QStringLiteral("target"), QStringLiteral("lookup")},
                                                 {QStringLiteral("fail_times"), 2},
                                                 {QStringLiteral("status"), 404}}));
    const auto corrupt = parseMediaFaultRequest(R"({"corrupt":true})");
    QVERIFY(corrupt->corrupt);
    QCOMPARE(mediaFaultJson(*corrupt)[QStringLiteral("media_id")], QJsonValue(QJsonValue::Null));
    QVERIFY(mediaFaultJson(*corrupt)[QStringLiteral("corrupt")].toBool());
}

void TestWaSimMediaStore::faultRequestIsRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << QByteArray("fail");
    QTest::newRow("an unknown field (a misspelt one)") << QByteArray(R"({"failTimes":2})");
    QTest::newRow("zero times") << QByteArray(R"({"fail_times":0})");
    QTest::newRow("1001 times") << QByteArray(R"({"fail_times":1001})");
    QTest::newRow("a fraction of a time") << QByteArray(R"({"fail_times":1.5})");
    QTest::newRow("a success status") << QByteArray(R"({"status":200})");
    QTest::newRow("a status past 599") << QByteArray(R"({"status":600})");
    QTest::newRow("a status as text") << QByteArray(R"({"status":"500"})");
    QTest::newRow("both a status and corrupt") << QByteArray(R"({"status":500,"corrupt":true})");
    QTest::newRow("an unknown target") << QByteArray(R"({"target":"upload"})");
    QTest::newRow("a media id as a number") << QByteArray(R"({"media_id":1003})");
}

void TestWaSimMediaStore::faultRequestIsRefused()
{
    QFETCH(QByteArray, body);
    const auto fault = parseMediaFaultRequest(body);
    QVERIFY(!fault.ok());
    QVERIFY(!fault.error().description.isEmpty());
}

QTEST_GUILESS_MAIN(TestWaSimMediaStore)
#include "tst_wasim_mediastore.moc"
