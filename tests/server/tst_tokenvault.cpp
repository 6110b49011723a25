// The sealing of secrets at rest: XSalsa20-Poly1305 under a key file that is created owner-only.

#include "server/auth/tokenvault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace handover;

namespace {

std::array<unsigned char, TokenVault::kKeyBytes> keyOf(unsigned char fill)
{
    std::array<unsigned char, TokenVault::kKeyBytes> key{};
    key.fill(fill);
    return key;
}

const QByteArray kToken = QByteArrayLiteral("EAAGm0PX4ZCpsBAKZBd7ZC0dZAr1oNqZD");

} // namespace

class TestTokenVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSealedValueOpensAndHidesItsText();
    void eachSealHasItsOwnNonce();
    void aChangedValueDoesNotOpen_data();
    void aChangedValueDoesNotOpen();
    void anotherKeyDoesNotOpen();
    void aKeyFileIsCreatedOwnerOnlyAndReadBack();
    void aKeyFileIsNeverReplaced();
    void wrongKeyFilesAreRefused_data();
    void wrongKeyFilesAreRefused();
};

void TestTokenVault::aSealedValueOpensAndHidesItsText()
{
    const TokenVault vault = TokenVault::fromKey(keyOf(7));
    const QByteArray sealed = vault.seal(kToken);
    QCOMPARE(sealed.size(), TokenVault::kNonceBytes + TokenVault::kMacBytes + kToken.size());
    QVERIFY(!sealed.contains(kToken));
    QVERIFY(!sealed.contains(kToken.left(8)));
    const Result<QByteArray> opened = vault.open(sealed);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().description));
    QCOMPARE(*opened, kToken);
    QCOMPARE(*vault.open(vault.seal(QByteArray())), QByteArray());
}

void TestTokenVault::eachSealHasItsOwnNonce()
{
    const TokenVault vault = TokenVault::fromKey(keyOf(7));
    const QByteArray first = vault.seal(kToken);
    const QByteArray second = vault.seal(kToken);
    QVERIFY(first.left(TokenVault::kNonceBytes) != second.left(TokenVault::kNonceBytes));
    QVERIFY(first != second);
}

void TestTokenVault::aChangedValueDoesNotOpen_data()
{
    QTest::addColumn<int>("flipAt"); // -1: cut the last byte off instead
    QTest::newRow("a byte of the nonce changed") << 3;
    QTest::newRow("a byte of the MAC changed") << TokenVault::kNonceBytes + 2;
    QTest::newRow("a byte of the ciphertext changed") << TokenVault::kNonceBytes + TokenVault::kMacBytes + 5;
    QTest::newRow("the value cut short") << -1;
}

void TestTokenVault::aChangedValueDoesNotOpen()
{
    QFETCH(int, flipAt);
    const TokenVault vault = TokenVault::fromKey(keyOf(7));
    QByteArray sealed = vault.seal(kToken);
    if (flipAt < 0)
        sealed.chop(1);
    else
        sealed[flipAt] = char(sealed.at(flipAt) ^ 0x01);
    QVERIFY(!vault.open(sealed).ok());
    QVERIFY(!vault.open(sealed.left(TokenVault::kNonceBytes + TokenVault::kMacBytes - 1)).ok());
}

void TestTokenVault::anotherKeyDoesNotOpen()
{
    const QByteArray sealed = TokenVault::fromKey(keyOf(7)).seal(kToken);
    QVERIFY(!TokenVault::fromKey(keyOf(8)).open(sealed).ok());
}

void TestTokenVault::aKeyFileIsCreatedOwnerOnlyAndReadBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("token-vault.key"));
    const Result<TokenVault> created = TokenVault::createKeyFile(path);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().description));
    const QFileInfo file(path);
    QCOMPARE(file.size(), TokenVault::kKeyBytes);
#ifdef Q_OS_UNIX
    const QFileDevice::Permissions modeBits =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup |
        QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther |
        QFileDevice::ExeOther;
    QCOMPARE((file.permissions() & modeBits).toInt(),
             (QFileDevice::ReadOwner | QFileDevice::WriteOwner).toInt()); // 0600
#endif
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("token-vault.key")});

    const Result<TokenVault> read = TokenVault::readKeyFile(path);
    QVERIFY(read.ok());
    QCOMPARE(*read->open(created->seal(kToken)), kToken);
}

void TestTokenVault::aKeyFileIsNeverReplaced()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token-vault.key"));
    QVERIFY(TokenVault::createKeyFile(path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    const Result<TokenVault> again = TokenVault::createKeyFile(path);
    QVERIFY(!again.ok());
    QVERIFY(again.error().description.contains(path));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestTokenVault::wrongKeyFilesAreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("exists");
    QTest::newRow("a missing file") << QByteArray() << false;
    QTest::newRow("an empty file") << QByteArray() << true;
    QTest::newRow("a byte short") << QByteArray(TokenVault::kKeyBytes - 1, 'k') << true;
    QTest::newRow("a byte too many") << QByteArray(TokenVault::kKeyBytes + 1, 'k') << true;
}

void TestTokenVault::wrongKeyFilesAreRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, exists);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("token-vault.key"));
    if (exists) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    const Result<TokenVault> read = TokenVault::readKeyFile(path);
    QVERIFY(!read.ok());
    QVERIFY2(read.error().description.contains(path), qPrintable(read.error().description));
}

QTEST_GUILESS_MAIN(TestTokenVault)
#include "tst_tokenvault.moc"
