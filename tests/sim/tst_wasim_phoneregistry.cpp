// Which token may use which business phone, and the errors Meta gives when one may not.
//
// Meta's shapes, as published:
// - The phone number node, GET /{Version}/{Phone-Number-ID}: {"id": "1906385232743451", "verified_name":
// "Jasper's
//   Market", "display_phone_number": "+1 631-555-5555", "quality_rating": "GREEN"} (Meta's "WhatsApp Business
//   Account Phone Number API" reference, as shown at
//   https://docs.kapso.ai/api-reference/phone-numbers/get-phone-number-details and
//   https://whatsapp-docs.kap.so/documentation/whatsapp/reference/whatsapp-business-phone-number/whatsapp-business-account-phone-number-api).
// - The error body: {"error": {"message": "Message describing the error", "type": "OAuthException", "code":
// 190,
//   "error_subcode": 460, "error_user_title": "A title", "error_user_msg": "A message", "fbtrace_id":
//   "EJplcsCHuLu"}} (https://developers.facebook.com/docs/graph-api/guides/error-handling).
// - An object the token cannot see: HTTP 400, code 100, subcode 33, type GraphMethodException, "Unsupported
// get
//   request. Object with ID '...' does not exist, cannot be loaded due to missing permissions, or does not
//   support this operation." (reported in https://github.com/roughike/flutter_facebook_login/issues/44).

#include "sim/metaformat.h"
#include "sim/phoneregistry.h"

#include <QJsonObject>
#include <QTest>

using namespace handover::sim;

Q_DECLARE_METATYPE(handover::sim::GraphAccess)
Q_DECLARE_METATYPE(handover::sim::PhoneRegistration)

namespace {

const QString kOwned = QStringLiteral("106540352242922");
const QString kOther = QStringLiteral("106540352242999");
const QByteArray kOwnedToken = QByteArrayLiteral("EAAG-owned");
const QByteArray kOtherToken = QByteArrayLiteral("EAAG-other");

PhoneRegistration registration(const QString &id, const QByteArray &token, const QString &verifiedName = {})
{
    return PhoneRegistration{
        BusinessPhone{id, QStringLiteral("15550783881"), QStringLiteral("102290129340398")}, verifiedName,
        token};
}

} // namespace

class TestWaSimPhoneRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accessFollowsTheRegistry_data();
    void accessFollowsTheRegistry();
    void anotherPhonesTokenSeesNoSuchObject();
    void namingAPhoneAgainKeepsItsToken();
    void unknownPhonesAreNamedByTheirId();
    void phoneNodeIsMetasShape();
    void invalidTokenBodyIsMetasOAuthException();
    void unknownObjectBodyIsMetasGraphMethodException();
};

void TestWaSimPhoneRegistry::accessFollowsTheRegistry_data()
{
    QTest::addColumn<QList<PhoneRegistration>>("phones");
    QTest::addColumn<QByteArray>("openToken");
    QTest::addColumn<QString>("phoneNumberId");
    QTest::addColumn<QByteArray>("bearer");
    QTest::addColumn<GraphAccess>("expected");

    const QList<PhoneRegistration> none;
    const QList<PhoneRegistration> namedOnly{registration(kOwned, {})};
    const QList<PhoneRegistration> owned{registration(kOwned, kOwnedToken),
                                         registration(kOther, kOtherToken)};
    QTest::newRow("an open simulator takes any token for any phone")
        << none << QByteArray() << kOwned << QByteArrayLiteral("anything") << GraphAccess::Granted;
    QTest::newRow("an open simulator takes no token either")
        << none << QByteArray() << kOwned << QByteArray() << GraphAccess::Granted;
    QTest::newRow("an open simulator started with a token takes only that one")
        << none << QByteArrayLiteral("open") << kOwned << QByteArrayLiteral("other")
        << GraphAccess::InvalidToken;
    QTest::newRow("an open simulator started with a token takes it for any phone")
        << none << QByteArrayLiteral("open") << kOther << QByteArrayLiteral("open") << GraphAccess::Granted;
    QTest::newRow("a phone named without a token leaves the simulator open")
        << namedOnly << QByteArray() << kOwned << QByteArrayLiteral("anything") << GraphAccess::Granted;
    QTest::newRow("a registered phone takes its own token")
        << owned << QByteArray() << kOwned << kOwnedToken << GraphAccess::Granted;
    QTest::newRow("a registered phone refuses another phone's token as invalid")
        << owned << QByteArray() << kOwned << kOtherToken << GraphAccess::InvalidToken;
    QTest::newRow("a registered phone refuses a missing token")
        << owned << QByteArray() << kOwned << QByteArray() << GraphAccess::InvalidToken;
    QTest::newRow("a registered phone refuses the open token once phones have their own")
        << owned << QByteArrayLiteral("open") << kOwned << QByteArrayLiteral("open")
        << GraphAccess::InvalidToken;
    QTest::newRow("a token of a registered phone sees no unknown phone")
        << owned << QByteArray() << QStringLiteral("999") << kOwnedToken << GraphAccess::UnknownPhone;
    QTest::newRow("a token nobody registered is invalid for an unknown phone")
        << owned << QByteArray() << QStringLiteral("999") << QByteArrayLiteral("nobody's")
        << GraphAccess::InvalidToken;
    QTest::newRow("a token is compared whole, not as a prefix")
        << owned << QByteArray() << kOwned << kOwnedToken.left(4) << GraphAccess::InvalidToken;
}

void TestWaSimPhoneRegistry::accessFollowsTheRegistry()
{
    QFETCH(QList<PhoneRegistration>, phones);
    QFETCH(QByteArray, openToken);
    QFETCH(QString, phoneNumberId);
    QFETCH(QByteArray, bearer);
    QFETCH(GraphAccess, expected);
    PhoneRegistry registry;
    for (const PhoneRegistration &phone : std::as_const(phones))
        registry.add(phone);
    QCOMPARE(registry.access(phoneNumberId, bearer, openToken), expected);
}

void TestWaSimPhoneRegistry::anotherPhonesTokenSeesNoSuchObject()
{
    PhoneRegistry registry;
    registry.add(registration(kOwned, kOwnedToken));
    registry.add(registration(kOther, kOtherToken));
    // The phone itself refuses the other token as invalid; its media does not exist for that token.
    QCOMPARE(registry.access(kOwned, kOtherToken, {}), GraphAccess::InvalidToken);
    QCOMPARE(registry.objectAccess(kOwned, kOtherToken, {}), GraphAccess::UnknownPhone);
    QCOMPARE(registry.objectAccess(kOwned, kOwnedToken, {}), GraphAccess::Granted);
    QCOMPARE(registry.objectAccess(kOwned, "EAAG-stranger", {}), GraphAccess::InvalidToken);

    PhoneRegistry open;
    QCOMPARE(open.objectAccess(kOwned, "anything", {}), GraphAccess::Granted);
    QCOMPARE(open.objectAccess(kOwned, "anything", "the-token"), GraphAccess::InvalidToken);
}

void TestWaSimPhoneRegistry::namingAPhoneAgainKeepsItsToken()
{
    PhoneRegistry registry;
    registry.add(registration(kOwned, kOwnedToken, QStringLiteral("Acme Clinics")));
    QVERIFY(registry.isStrict());
    PhoneRegistration renamed = registration(kOwned, {});
    renamed.phone.displayPhoneNumber = QStringLiteral("15550000001");
    registry.add(renamed);
    QVERIFY(registry.isStrict());
    QCOMPARE(registry.phone(kOwned).displayPhoneNumber, QStringLiteral("15550000001"));
    QCOMPARE(registry.access(kOwned, kOwnedToken, {}), GraphAccess::Granted);
    QCOMPARE(registry.access(kOwned, QByteArrayLiteral("x"), {}), GraphAccess::InvalidToken);

    registry.add(registration(kOwned, kOtherToken));
    QCOMPARE(registry.access(kOwned, kOtherToken, {}), GraphAccess::Granted);
    QCOMPARE(registry.access(kOwned, kOwnedToken, {}), GraphAccess::InvalidToken);
}

void TestWaSimPhoneRegistry::unknownPhonesAreNamedByTheirId()
{
    PhoneRegistry registry;
    QCOMPARE(registry.phone(QStringLiteral("42")),
             (BusinessPhone{QStringLiteral("42"), QStringLiteral("42"), QStringLiteral("0")}));
    registry.add(registration(kOwned, kOwnedToken));
    QCOMPARE(registry.verifiedName(kOwned), QStringLiteral("Business 3881"));
    registry.add(registration(kOwned, {}, QStringLiteral("Acme Clinics")));
    QCOMPARE(registry.verifiedName(kOwned), QStringLiteral("Acme Clinics"));
}

void TestWaSimPhoneRegistry::phoneNodeIsMetasShape()
{
    const QJsonObject node = phoneNumberNode(registration(kOwned, {}).phone, QStringLiteral("Acme Clinics"));
    QCOMPARE(node, (QJsonObject{{QStringLiteral("id"), kOwned},
                                {QStringLiteral("display_phone_number"), QStringLiteral("+15550783881")},
                                {QStringLiteral("verified_name"), QStringLiteral("Acme Clinics")}}));
}

void TestWaSimPhoneRegistry::invalidTokenBodyIsMetasOAuthException()
{
    const MetaError error = MetaError::invalidAccessToken();
    QCOMPARE(error.httpStatus, 401);
    const QJsonObject body = metaErrorBody(error, QStringLiteral("AbCdEfGhIjKlMnOpQrStUvW"));
    QCOMPARE(body.keys(), QStringList{QStringLiteral("error")});
    const QJsonObject inner = body.value(QStringLiteral("error")).toObject();
    QCOMPARE(inner.value(QStringLiteral("type")).toString(), QStringLiteral("OAuthException"));
    QCOMPARE(inner.value(QStringLiteral("code")).toInt(), 190);
    QVERIFY(!inner.value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(inner.value(QStringLiteral("fbtrace_id")).toString(), QStringLiteral("AbCdEfGhIjKlMnOpQrStUvW"));
    QVERIFY(!inner.contains(QStringLiteral("error_subcode"))); // Meta leaves it out when there is none
}

void TestWaSimPhoneRegistry::unknownObjectBodyIsMetasGraphMethodException()
{
    const MetaError error = MetaError::unknownObject(QStringLiteral("999"), QStringLiteral("get"));
    QCOMPARE(error.httpStatus, 400);
    const QJsonObject inner =
        metaErrorBody(error, QStringLiteral("T")).value(QStringLiteral("error")).toObject();
    QCOMPARE(inner.value(QStringLiteral("type")).toString(), QStringLiteral("GraphMethodException"));
    QCOMPARE(inner.value(QStringLiteral("code")).toInt(), 100);
    QCOMPARE(inner.value(QStringLiteral("error_subcode")).toInt(), 33);
    QVERIFY(inner.value(QStringLiteral("message"))
                .toString()
                .startsWith(QStringLiteral("Unsupported get request. Object with ID '999' does not exist")));
}

QTEST_GUILESS_MAIN(TestWaSimPhoneRegistry)
#include "tst_wasim_phoneregistry.moc"
