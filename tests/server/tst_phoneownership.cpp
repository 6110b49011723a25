// L8: a WhatsApp number belongs to the org that proves it with its own access token, checked against the
// Graph API (played by the simulator); each org's sends carry its own token; the tokens are sealed at rest.
//
// Meta's phone number node, which the simulator answers to the number's token only, is
// {"id", "display_phone_number", "verified_name", ...} (Meta's "WhatsApp Business Account Phone Number API",
// GET /{Version}/{Phone-Number-ID}, as shown at
// https://docs.kapso.ai/api-reference/phone-numbers/get-phone-number-details); any other token gets Meta's
// error body {"error": {"message", "type": "OAuthException", "code": 190, "fbtrace_id"}}
// (https://developers.facebook.com/docs/graph-api/guides/error-handling).

#include "tests/support/orgsetup.h"
#include "tests/support/serverprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QtTest>
#include <algorithm>
#include <optional>

using namespace handover::testing;

namespace {

const QString kPhoneA = QStringLiteral("5550001001");      // Acme's, proven with kTokenA
const QString kPhoneB = QStringLiteral("5550002002");      // Globex's, proven with kTokenB
const QString kLegacyPhone = QStringLiteral("5550003003"); // Acme's from its single-org days, no own token
const QString kTokenA = QStringLiteral("EAAGacmeTokenForPhone5550001001xyz");
const QString kTokenB = QStringLiteral("EAAGglobexTokenForPhone5550002002xyz");
const QString kKeyFile = QStringLiteral("token-vault.key");
constexpr int kSendTimeoutMs = 30000;

QJsonObject phoneBody(const QString &phoneId, const std::optional<QString> &token,
                      const QString &display = QStringLiteral("+1 555 0100"))
{
    QJsonObject body{{QStringLiteral("remote_waba_id"), QString(QStringLiteral("waba-") + phoneId)},
                     {QStringLiteral("remote_phone_id"), phoneId},
                     {QStringLiteral("display_phone_number"), display}};
    if (token)
        body.insert(QStringLiteral("access_token"), *token);
    return body;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class TestPhoneOwnership : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void anOrgRegistersAPhoneWithItsOwnToken();
    void anotherOrgIsRefusedAlikeWithAWrongOrTheRealToken();
    void withTwoOrgsAPhoneWithoutTokenIsRefused();
    void aNumberMetaDoesNotKnowAndMalformedTokensAreRefused();
    void theOtherOrgRegistersItsOwnPhone();
    void theOwnerReRegistersItsPhone();
    void listsNeverShowATokenAndEachOrgSeesOnlyItsPhones();
    void eachOrgSendsWithItsOwnPhonesToken_data();
    void eachOrgSendsWithItsOwnPhonesToken();
    void tokensAreSealedAtRest();
    void aMissingOrWrongKeyFileStopsTheServer_data();
    void aMissingOrWrongKeyFileStopsTheServer();
    void aSilentGraphApiIsUnavailableWithoutBlockingTheServer();

private:
    HttpResult registerPhone(const TestOrg &org, const QJsonObject &body);
    QJsonArray phonesOf(const TestOrg &org);

    ServerProcess m_server;
    OrgSetup m_setup{m_server};
    TestOrg m_acme;
    TestOrg m_globex;
};

void TestPhoneOwnership::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    // Meta's side: each number and the one token that may use it.
    HttpClient meta = m_server.simulatorClient();
    for (const auto &[phone, token] : {std::pair{kPhoneA, kTokenA}, std::pair{kPhoneB, kTokenB},
                                       std::pair{kLegacyPhone, m_server.options().accessToken}}) {
        const HttpResult named = meta.post(QStringLiteral("/sim/phones"),
                                           QJsonObject{{QStringLiteral("phone_number_id"), phone},
                                                       {QStringLiteral("display_phone_number"), phone},
                                                       {QStringLiteral("access_token"), token}});
        QVERIFY2(named.status == 200, qPrintable(describeResult(named)));
    }

    m_acme = m_setup.bootstrapOrg();
    // While the server holds one org, a phone may use the server-wide token.
    const HttpResult legacy = registerPhone(m_acme, phoneBody(kLegacyPhone, std::nullopt));
    QVERIFY2(legacy.status == 201, qPrintable(describeResult(legacy)));

    const auto globex = m_setup.initOrg(QStringLiteral("Globex"));
    QVERIFY2(globex, m_setup.why());
    m_globex = *globex;
}

HttpResult TestPhoneOwnership::registerPhone(const TestOrg &org, const QJsonObject &body)
{
    return m_server.client(org.apiKey).post(QStringLiteral("/v1/orgs/%1/waba-phones").arg(org.orgId), body);
}

QJsonArray TestPhoneOwnership::phonesOf(const TestOrg &org)
{
    return m_server.client(org.apiKey)
        .get(QStringLiteral("/v1/orgs/%1/waba-phones").arg(org.orgId))
        .array(QStringLiteral("waba_phones"));
}

void TestPhoneOwnership::anOrgRegistersAPhoneWithItsOwnToken()
{
    const HttpResult created = registerPhone(m_acme, phoneBody(kPhoneA, kTokenA));
    QVERIFY2(created.status == 201, qPrintable(describeResult(created)));
    QCOMPARE(created.string(QStringLiteral("remote_phone_id")), kPhoneA);
    QCOMPARE(created.json().keys(),
             (QStringList{QStringLiteral("display_phone_number"), QStringLiteral("id"),
                          QStringLiteral("remote_phone_id"), QStringLiteral("remote_waba_id")}));
    QVERIFY(!created.body.contains(kTokenA.toUtf8()));
}

void TestPhoneOwnership::anotherOrgIsRefusedAlikeWithAWrongOrTheRealToken()
{
    const HttpResult ownToken = registerPhone(m_globex, phoneBody(kPhoneA, kTokenB));
    QVERIFY2(errorShapeProblem(ownToken, 4220004).isEmpty(),
             qPrintable(errorShapeProblem(ownToken, 4220004)));
    const HttpResult realToken = registerPhone(m_globex, phoneBody(kPhoneA, kTokenA));
    QVERIFY2(errorShapeProblem(realToken, 4220004).isEmpty(),
             qPrintable(errorShapeProblem(realToken, 4220004)));
    // Nothing in the answer tells "Meta refused the token" from "another org has the number".
    QCOMPARE(realToken.body, ownToken.body);
    QCOMPARE(ownToken.json()[QStringLiteral("payload")][QStringLiteral("fields")].toArray(),
             QJsonArray{QStringLiteral("access_token")});
    QVERIFY(!ownToken.body.contains(m_acme.orgId.toUtf8()));

    QCOMPARE(phonesOf(m_globex).size(), 0);
    QCOMPARE(phonesOf(m_acme).size(), 2); // the legacy phone and kPhoneA, still Acme's
}

void TestPhoneOwnership::withTwoOrgsAPhoneWithoutTokenIsRefused()
{
    const HttpResult refused = registerPhone(m_globex, phoneBody(kPhoneB, std::nullopt));
    QVERIFY2(errorShapeProblem(refused, 4220004).isEmpty(), qPrintable(errorShapeProblem(refused, 4220004)));
    QCOMPARE(refused.json()[QStringLiteral("payload")][QStringLiteral("fields")].toArray(),
             QJsonArray{QStringLiteral("access_token")});
    // The owner too: with two orgs, a new phone needs its token.
    const HttpResult own = registerPhone(m_acme, phoneBody(QStringLiteral("5550004004"), std::nullopt));
    QVERIFY2(errorShapeProblem(own, 4220004).isEmpty(), qPrintable(errorShapeProblem(own, 4220004)));
    QCOMPARE(phonesOf(m_globex).size(), 0);
}

void TestPhoneOwnership::aNumberMetaDoesNotKnowAndMalformedTokensAreRefused()
{
    const HttpResult unknown = registerPhone(m_globex, phoneBody(QStringLiteral("5550009999"), kTokenB));
    QVERIFY2(errorShapeProblem(unknown, 4220004).isEmpty(), qPrintable(errorShapeProblem(unknown, 4220004)));
    const HttpResult badToken = registerPhone(m_globex, phoneBody(kPhoneB, QStringLiteral("has space")));
    QVERIFY2(errorShapeProblem(badToken, 4000002).isEmpty(),
             qPrintable(errorShapeProblem(badToken, 4000002)));
    const HttpResult longToken = registerPhone(m_globex, phoneBody(kPhoneB, QString(2049, QLatin1Char('x'))));
    QVERIFY2(errorShapeProblem(longToken, 4000002).isEmpty(),
             qPrintable(errorShapeProblem(longToken, 4000002)));
    QJsonObject numeric = phoneBody(kPhoneB, std::nullopt);
    numeric.insert(QStringLiteral("access_token"), 42);
    const HttpResult wrongType = registerPhone(m_globex, numeric);
    QVERIFY2(errorShapeProblem(wrongType, 4000001).isEmpty(),
             qPrintable(errorShapeProblem(wrongType, 4000001)));
    for (const HttpResult *refused : {&badToken, &longToken, &wrongType})
        QCOMPARE(refused->json()[QStringLiteral("payload")][QStringLiteral("fields")].toArray(),
                 QJsonArray{QStringLiteral("access_token")});
    QCOMPARE(phonesOf(m_globex).size(), 0);
}

void TestPhoneOwnership::theOtherOrgRegistersItsOwnPhone()
{
    const HttpResult created = registerPhone(m_globex, phoneBody(kPhoneB, kTokenB));
    QVERIFY2(created.status == 201, qPrintable(describeResult(created)));
    QCOMPARE(phonesOf(m_globex).size(), 1);
}

void TestPhoneOwnership::theOwnerReRegistersItsPhone()
{
    const QString before = phonesOf(m_acme).at(1).toObject().value(QLatin1String("id")).toString();
    const HttpResult updated =
        registerPhone(m_acme, phoneBody(kPhoneA, kTokenA, QStringLiteral("+1 555 0101")));
    QVERIFY2(updated.status == 200, qPrintable(describeResult(updated)));
    QCOMPARE(updated.string(QStringLiteral("id")), before);
    const QJsonArray phones = phonesOf(m_acme);
    QCOMPARE(phones.size(), 2);
    QCOMPARE(phones.at(1).toObject().value(QLatin1String("display_phone_number")).toString(),
             QStringLiteral("+1 555 0101"));
    // A wrong token changes nothing, not even for the owner.
    const HttpResult wrong =
        registerPhone(m_acme, phoneBody(kPhoneA, kTokenB, QStringLiteral("+1 555 0666")));
    QVERIFY2(errorShapeProblem(wrong, 4220004).isEmpty(), qPrintable(errorShapeProblem(wrong, 4220004)));
    QCOMPARE(phonesOf(m_acme).at(1).toObject().value(QLatin1String("display_phone_number")).toString(),
             QStringLiteral("+1 555 0101"));
}

void TestPhoneOwnership::listsNeverShowATokenAndEachOrgSeesOnlyItsPhones()
{
    for (const TestOrg *org : {&m_acme, &m_globex}) {
        const HttpResult listed =
            m_server.client(org->apiKey).get(QStringLiteral("/v1/orgs/%1/waba-phones").arg(org->orgId));
        QCOMPARE(listed.status, 200);
        for (const QString &secret : {kTokenA, kTokenB, m_server.options().accessToken})
            QVERIFY2(!listed.body.contains(secret.toUtf8()), listed.body.constData());
        QVERIFY2(!listed.body.contains("token"), listed.body.constData());
    }
    QStringList acme;
    for (const QJsonValue &phone : phonesOf(m_acme))
        acme.append(phone.toObject().value(QLatin1String("remote_phone_id")).toString());
    QCOMPARE(acme, (QStringList{kLegacyPhone, kPhoneA}));
    QCOMPARE(phonesOf(m_globex).at(0).toObject().value(QLatin1String("remote_phone_id")).toString(), kPhoneB);
}

void TestPhoneOwnership::eachOrgSendsWithItsOwnPhonesToken_data()
{
    QTest::addColumn<bool>("globex");
    QTest::addColumn<QString>("phoneId");
    QTest::addColumn<QString>("token");
    QTest::newRow("L8: the first org's phone sends with its own token") << false << kPhoneA << kTokenA;
    QTest::newRow("L8: the second org's phone sends with its own token") << true << kPhoneB << kTokenB;
    QTest::newRow("L8: a phone registered without a token sends with the server-wide one")
        << false << kLegacyPhone << m_server.options().accessToken;
}

void TestPhoneOwnership::eachOrgSendsWithItsOwnPhonesToken()
{
    QFETCH(bool, globex);
    QFETCH(QString, phoneId);
    QFETCH(QString, token);
    const TestOrg &org = globex ? m_globex : m_acme;
    HttpClient admin = m_server.client(org.apiKey);
    const QString templateId = QStringLiteral("tpl-") + phoneId;
    const HttpResult added =
        admin.post(QStringLiteral("/v1/orgs/%1/templates").arg(org.orgId),
                   QJsonObject{{QStringLiteral("remote_template_id"), templateId},
                               {QStringLiteral("name"), QStringLiteral("visit_reminder")},
                               {QStringLiteral("language"), QStringLiteral("en")},
                               {QStringLiteral("category"), QStringLiteral("UTILITY")},
                               {QStringLiteral("body"), QStringLiteral("See you tomorrow.")}});
    QVERIFY2(added.status == 201, qPrintable(describeResult(added)));
    const QString customer = m_setup.newPhone();
    const QString contactId = m_setup.createContact(org, customer);
    QVERIFY2(!contactId.isEmpty(), m_setup.why());
    const QString roomId = m_setup.createChatroom(
        org, contactId,
        QJsonObject{{QStringLiteral("user_id"), org.admin.id},
                    {QStringLiteral("remote_waba_id"), QString(QStringLiteral("waba-") + phoneId)},
                    {QStringLiteral("remote_phone_id"), phoneId}});
    QVERIFY2(!roomId.isEmpty(), m_setup.why());
    const HttpResult sent =
        admin.post(QStringLiteral("/v3/orgs/%1/chatrooms/%2/template-messages").arg(org.orgId, roomId),
                   QJsonObject{{QStringLiteral("remote_template_id"), templateId}});
    QVERIFY2(sent.status == 201, qPrintable(describeResult(sent)));

    HttpClient meta = m_server.simulatorClient();
    const QString path = QStringLiteral("/sim/messages?to=") + customer.mid(1);
    QJsonArray received;
    QTRY_VERIFY_WITH_TIMEOUT(!(received = meta.get(path).array(QStringLiteral("messages"))).isEmpty(),
                             kSendTimeoutMs);
    QCOMPARE(received.size(), 1);
    const QJsonObject message = received.first().toObject();
    QCOMPARE(message.value(QLatin1String("phone_number_id")).toString(), phoneId);
    QCOMPARE(message.value(QLatin1String("access_token")).toString(), token);
}

void TestPhoneOwnership::tokensAreSealedAtRest()
{
    const QString keyPath = QDir(m_server.dataDir()).filePath(kKeyFile);
    const QFileInfo key(keyPath);
    QVERIFY2(key.exists(), qPrintable(keyPath));
    QCOMPARE(key.size(), 32);
#ifdef Q_OS_UNIX
    const QFileDevice::Permissions modeBits =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup |
        QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther |
        QFileDevice::ExeOther;
    QCOMPARE((key.permissions() & modeBits).toInt(),
             (QFileDevice::ReadOwner | QFileDevice::WriteOwner).toInt()); // 0600
#endif

    // The database, with what its write-ahead log has not yet copied back, never holds a token's bytes.
    const QString database = QDir(m_server.dataDir()).filePath(QStringLiteral("handover.db"));
    const QByteArray stored = fileBytes(database) + fileBytes(database + QStringLiteral("-wal"));
    QVERIFY(stored.size() > 4096);
    for (const QString &token : {kTokenA, kTokenB}) {
        QVERIFY2(!stored.contains(token.toUtf8()), qPrintable(token));
        QVERIFY2(!stored.contains(token.toUtf8().toBase64()), qPrintable(token));
    }
    QVERIFY(!m_server.serverOutput().contains(kTokenA.toUtf8()));
    QVERIFY(!m_server.serverOutput().contains(kTokenB.toUtf8()));

    // ...but it holds them sealed: one per phone registered with a token.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(database);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QVERIFY(db.open());
        QSqlQuery rows(db);
        QVERIFY(rows.exec(
            QStringLiteral("SELECT p.remote_phone_id, length(t.sealed_token) FROM waba_phone_tokens t "
                           "JOIN waba_phones p ON p.id = t.waba_phone_id ORDER BY 1")));
        QStringList sealed;
        while (rows.next()) {
            sealed.append(rows.value(0).toString());
            const QString &token = sealed.last() == kPhoneA ? kTokenA : kTokenB;
            QCOMPARE(rows.value(1).toInt(), 24 + 16 + token.size()); // nonce + MAC + the token
        }
        QCOMPARE(sealed, (QStringList{kPhoneA, kPhoneB}));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
}

void TestPhoneOwnership::aMissingOrWrongKeyFileStopsTheServer_data()
{
    QTest::addColumn<QByteArray>("key"); // empty: no key file at all
    QTest::addColumn<QString>("said");
    QTest::newRow("a missing key file names the file and says it is missing")
        << QByteArray() << QStringLiteral("is missing");
    QTest::newRow("another database's key file does not open the tokens")
        << QByteArray(32, '\x5a') << QStringLiteral("does not open");
    QTest::newRow("a file of the wrong size is not a key")
        << QByteArray("short") << QStringLiteral("not a Handover key");
}

void TestPhoneOwnership::aMissingOrWrongKeyFileStopsTheServer()
{
    QFETCH(QByteArray, key);
    QFETCH(QString, said);
    const QString keyPath = QDir(m_server.dataDir()).filePath(kKeyFile);
    const QByteArray original = fileBytes(keyPath);
    QCOMPARE(original.size(), 32);
    m_server.stopServe();
    QVERIFY(QFile::remove(keyPath));
    if (!key.isEmpty())
        QVERIFY(writeFile(keyPath, key));

    const bool started = m_server.startServe();
    const QString output = m_server.errorString() + QString::fromUtf8(m_server.serverOutput());

    QFile::remove(keyPath);
    QVERIFY(writeFile(keyPath, original));
    QVERIFY(QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    if (started)
        m_server.stopServe();
    QVERIFY2(m_server.startServe(), qPrintable(m_server.errorString()));

    QVERIFY2(!started, "the server started with a wrong key file");
    QVERIFY2(output.contains(keyPath), qPrintable(output));
    QVERIFY2(output.contains(said), qPrintable(output));
    QVERIFY2(fileBytes(keyPath) == original, "the server replaced the key file");
    QCOMPARE(phonesOf(m_acme).size(), 2);
}

void TestPhoneOwnership::aSilentGraphApiIsUnavailableWithoutBlockingTheServer()
{
    // A Graph API that accepts connections and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    ServerProcess::Options options;
    options.simulator = false;
    options.serveArguments = {QStringLiteral("--graph-url"),
                              QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())};
    ServerProcess server(options);
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const QString path = QStringLiteral("/v1/orgs/%1/waba-phones").arg(server.orgId());

    // One more than an org may have waiting for Meta at once.
    QNetworkAccessManager network;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 5; ++i) {
        QNetworkRequest request(server.url().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + server.apiKey().toUtf8());
        request.setTransferTimeout(60000);
        const QJsonObject body = phoneBody(QStringLiteral("555000700%1").arg(i), kTokenA);
        replies.append(network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    const auto finished = [&replies] {
        return int(std::count_if(replies.cbegin(), replies.cend(),
                                 [](QNetworkReply *r) { return r->isFinished(); }));
    };
    QTRY_VERIFY_WITH_TIMEOUT(finished() >= 1, 8000);
    QCOMPARE(finished(), 1);
    QNetworkReply *refused =
        *std::find_if(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); });
    QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
    QVERIFY(!refused->rawHeader("Retry-After").isEmpty());
    QCOMPARE(QJsonDocument::fromJson(refused->readAll()).object().value(QLatin1String("error_code")).toInt(),
             4290001);

    // While four checks wait for Meta, the server answers everything else at once.
    HttpClient other = server.client(server.apiKey());
    QCOMPARE(server.client().get(QStringLiteral("/healthz")).status, 200);
    const HttpResult single = other.post(path, phoneBody(QStringLiteral("5550007999"), std::nullopt));
    QVERIFY2(single.status == 201, qPrintable(describeResult(single)));

    QTRY_VERIFY_WITH_TIMEOUT(finished() == 5, 60000);
    for (QNetworkReply *reply : std::as_const(replies)) {
        if (reply == refused)
            continue;
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.append({name, value});
        QVERIFY2(errorShapeProblem(result, 5020001).isEmpty(),
                 qPrintable(errorShapeProblem(result, 5020001)));
    }
    qDeleteAll(replies);
    const QJsonArray phones = server.client(server.apiKey()).get(path).array(QStringLiteral("waba_phones"));
    QCOMPARE(phones.size(), 1); // only the one without a token
}

QTEST_GUILESS_MAIN(TestPhoneOwnership)
#include "tst_phoneownership.moc"
