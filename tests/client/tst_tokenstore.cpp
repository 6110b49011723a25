#include "client/tokenstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace handover;
using namespace handover::client;

namespace {

constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                             QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                             QFileDevice::WriteOther | QFileDevice::ExeOther;

// Runs one store operation to its answer.
struct Waiter
{
    QObject context;
    bool answered = false;
};

Result<void> saveNow(TokenStore &store, const QString &account, const QString &token)
{
    Waiter w;
    Result<void> outcome = Error::make(ErrorCode::Internal, QStringLiteral("no answer"));
    store.save(account, token, &w.context, [&](Result<void> r) {
        outcome = r;
        w.answered = true;
    });
    (void)QTest::qWaitFor([&] { return w.answered; }, 15000);
    return outcome;
}

Result<std::optional<QString>> loadNow(TokenStore &store, const QString &account)
{
    Waiter w;
    Result<std::optional<QString>> outcome = Error::make(ErrorCode::Internal, QStringLiteral("no answer"));
    store.load(account, &w.context, [&](Result<std::optional<QString>> r) {
        outcome = r;
        w.answered = true;
    });
    (void)QTest::qWaitFor([&] { return w.answered; }, 15000);
    return outcome;
}

Result<void> removeNow(TokenStore &store, const QString &account)
{
    Waiter w;
    Result<void> outcome = Error::make(ErrorCode::Internal, QStringLiteral("no answer"));
    store.remove(account, &w.context, [&](Result<void> r) {
        outcome = r;
        w.answered = true;
    });
    (void)QTest::qWaitFor([&] { return w.answered; }, 15000);
    return outcome;
}

} // namespace

class TestTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theFileKeepsTokensReadableOnlyByTheUser();
    void aLoosenedFileIsTightenedBeforeUse();
    void anAnswerNeverReachesAContextThatIsGone();
    void withoutAReachableKeychainTheFileIsUsedAndSaysSo();
};

void TestTokenStore::theFileKeepsTokensReadableOnlyByTheUser()
{
    QTemporaryDir dir;
    const QString tokens = dir.filePath(QStringLiteral("secrets"));
    TokenStore store(TokenStore::Options{QStringLiteral("Handover-test"), tokens, false, 1000});
    QVERIFY(store.usesFallbackFile());
    QVERIFY(!store.fallbackReason().isEmpty());
    const QString account =
        TokenStore::makeAccount(QUrl(QStringLiteral("https://h.example/")), QStringLiteral("u1"));
    QCOMPARE(account, QStringLiteral("https://h.example#u1"));

    QVERIFY(saveNow(store, account, QStringLiteral("session-token-1")).ok());
    QVERIFY(saveNow(store, QStringLiteral("other"), QStringLiteral("session-token-2")).ok());
    QCOMPARE(loadNow(store, account)->value_or(QString()), QStringLiteral("session-token-1"));
    QFile file(store.fallbackFilePath());
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() & kOthers, QFileDevice::Permissions());
    QVERIFY(file.permissions().testFlag(QFileDevice::ReadOwner));
    QCOMPARE(QFile::permissions(tokens) & kOthers, QFileDevice::Permissions());

    QVERIFY(removeNow(store, account).ok());
    QVERIFY(!loadNow(store, account)->has_value());
    QCOMPARE(loadNow(store, QStringLiteral("other"))->value_or(QString()), QStringLiteral("session-token-2"));
    QVERIFY(!loadNow(store, QStringLiteral("never-saved"))->has_value());
}

void TestTokenStore::aLoosenedFileIsTightenedBeforeUse()
{
    QTemporaryDir dir;
    TokenStore store(TokenStore::Options{QStringLiteral("Handover-test"), dir.path(), false, 1000});
    QVERIFY(saveNow(store, QStringLiteral("a"), QStringLiteral("t")).ok());
    QVERIFY(QFile::setPermissions(store.fallbackFilePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                                QFileDevice::ReadGroup |
                                                                QFileDevice::ReadOther));
    QCOMPARE(loadNow(store, QStringLiteral("a"))->value_or(QString()), QStringLiteral("t"));
    QCOMPARE(QFile::permissions(store.fallbackFilePath()) & kOthers, QFileDevice::Permissions());
}

void TestTokenStore::anAnswerNeverReachesAContextThatIsGone()
{
    QTemporaryDir dir;
    TokenStore store(TokenStore::Options{QStringLiteral("Handover-test"), dir.path(), false, 1000});
    bool called = false;
    {
        QObject context;
        store.save(QStringLiteral("a"), QStringLiteral("t"), &context, [&](Result<void>) { called = true; });
    }
    QTest::qWait(50);
    QVERIFY(!called);
}

void TestTokenStore::withoutAReachableKeychainTheFileIsUsedAndSaysSo()
{
    // On this headless machine no Secret Service answers; with one, the keychain keeps the token and the file
    // stays empty. Either way the token comes back and the store says where it went.
    QTemporaryDir dir;
    TokenStore store(TokenStore::Options{QStringLiteral("Handover-test"), dir.path(), true, 3000});
    QSignalSpy changed(&store, &TokenStore::storageChanged);
    const QString account =
        QStringLiteral("tst_tokenstore#") + QString::number(QCoreApplication::applicationPid());
    QVERIFY(saveNow(store, account, QStringLiteral("secret")).ok());
    QCOMPARE(loadNow(store, account)->value_or(QString()), QStringLiteral("secret"));
    if (store.usesFallbackFile()) {
        qInfo("keychain unavailable (%s); the token went to %s", qPrintable(store.fallbackReason()),
              qPrintable(store.fallbackFilePath()));
        QCOMPARE(changed.size(), 1);
        QVERIFY(QFile::exists(store.fallbackFilePath()));
        QCOMPARE(QFile::permissions(store.fallbackFilePath()) & kOthers, QFileDevice::Permissions());
    } else {
        qInfo("a keychain answered; the token is kept there");
        QVERIFY(!QFile::exists(store.fallbackFilePath()));
    }
    QVERIFY(removeNow(store, account).ok());
    QVERIFY(!loadNow(store, account)->has_value());
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
