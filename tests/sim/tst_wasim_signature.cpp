#include "sim/signature.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTest>

using namespace handover::sim;

class TestWaSimSignature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesKnownAnswer_data();
    void matchesKnownAnswer();
    void matchesIndependentHmac();
    void verifyAcceptsOnlyTheRightSignature_data();
    void verifyAcceptsOnlyTheRightSignature();
    void constantTimeEqualsComparesContent();
};

void TestWaSimSignature::matchesKnownAnswer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("expected");

    // Computed at authoring time with: printf '%s' BODY | openssl dgst -sha256 -hmac SECRET
    QTest::newRow("an empty envelope signed with the test secret")
        << QByteArrayLiteral(R"({"object":"whatsapp_business_account","entry":[]})")
        << QByteArrayLiteral("handover-test-secret")
        << QByteArrayLiteral("sha256=c9a3cb500875d1fdcbdecbb911114b067866b370cff91783b40de128976c9e42");
    QTest::newRow("the classic fox sentence signed with 'key'")
        << QByteArrayLiteral("The quick brown fox jumps over the lazy dog") << QByteArrayLiteral("key")
        << QByteArrayLiteral("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    QTest::newRow("an empty body signed with 'k'")
        << QByteArray() << QByteArrayLiteral("k")
        << QByteArrayLiteral("sha256=8bb990c40a7d61cb97597a942125025be50ac8beb74436e3735b98893a7f6620");
}

void TestWaSimSignature::matchesKnownAnswer()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, expected);
    QCOMPARE(metaSignature(body, secret), expected);
}

void TestWaSimSignature::matchesIndependentHmac()
{
    for (int round = 0; round < 20; ++round) {
        QByteArray body(QRandomGenerator::global()->bounded(0, 5000), Qt::Uninitialized);
        QByteArray secret(QRandomGenerator::global()->bounded(1, 100), Qt::Uninitialized);
        for (char &c : body)
            c = static_cast<char>(QRandomGenerator::global()->bounded(256));
        for (char &c : secret)
            c = static_cast<char>(QRandomGenerator::global()->bounded(256));
        QMessageAuthenticationCode mac(QCryptographicHash::Sha256);
        mac.setKey(secret);
        mac.addData(body);
        QCOMPARE(metaSignature(body, secret), QByteArrayLiteral("sha256=") + mac.result().toHex());
    }
}

void TestWaSimSignature::verifyAcceptsOnlyTheRightSignature_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("accepted");

    const QByteArray body = QByteArrayLiteral(R"({"object":"whatsapp_business_account","entry":[]})");
    const QByteArray right = metaSignature(body, QByteArrayLiteral("handover-test-secret"));
    QTest::newRow("the right signature is accepted") << right << true;
    QTest::newRow("uppercase hex is accepted") << QByteArray("sha256=" + right.mid(7).toUpper()) << true;
    QTest::newRow("a signature with another secret is refused")
        << metaSignature(body, QByteArrayLiteral("other")) << false;
    QTest::newRow("the hex without its prefix is refused") << right.mid(7) << false;
    QTest::newRow("a truncated signature is refused") << right.left(right.size() - 1) << false;
    QTest::newRow("an empty header is refused") << QByteArray() << false;
    QTest::newRow("a sha1 signature is refused") << QByteArray("sha1=" + right.mid(7)) << false;
}

void TestWaSimSignature::verifyAcceptsOnlyTheRightSignature()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, accepted);
    const QByteArray body = QByteArrayLiteral(R"({"object":"whatsapp_business_account","entry":[]})");
    QCOMPARE(verifyMetaSignature(body, QByteArrayLiteral("handover-test-secret"), header), accepted);
}

void TestWaSimSignature::constantTimeEqualsComparesContent()
{
    QVERIFY(constantTimeEquals(QByteArrayLiteral("token"), QByteArrayLiteral("token")));
    QVERIFY(!constantTimeEquals(QByteArrayLiteral("token"), QByteArrayLiteral("tokem")));
    QVERIFY(!constantTimeEquals(QByteArrayLiteral("token"), QByteArrayLiteral("token2")));
    QVERIFY(constantTimeEquals(QByteArray(), QByteArray()));
}

QTEST_GUILESS_MAIN(TestWaSimSignature)
#include "tst_wasim_signature.moc"
