#pragma once

#include "core/result.h"

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace handover::client {

// Where session tokens are kept between runs: the system keychain through QtKeychain (Secret Service or
// KWallet on Linux, the Keychain on macOS, the Credential Manager on Windows), or, when no keychain service
// answers (a headless machine, a desktop without one) or the build has no QtKeychain, a file in the data
// directory that only the user can read (0600). usesFallbackFile() tells the settings page which, so it can
// say "stored in a file readable only by you" instead of pretending.
class TokenStore : public QObject
{
    Q_OBJECT

public:
    enum class Storage
    {
        Keychain,
        File,
    };

    struct Options
    {
        QString service = QStringLiteral("Handover"); // the keychain entry's service name
        QString fallbackDirectory;                    // where the file goes; required
        bool tryKeychain = true;                      // false: the file only (tests, portable installs)
        int keychainTimeoutMs = 5000;                 // a keychain that does not answer counts as absent
    };

    explicit TokenStore(Options options, QObject *parent = nullptr);
    ~TokenStore() override;

    // An account names one session: makeAccount(server URL, user id).
    static QString makeAccount(const QUrl &serverUrl, const QString &userId);

    using Done = std::function<void(Result<void>)>;
    using Loaded = std::function<void(Result<std::optional<QString>>)>; // nullopt: nothing stored

    // Each answers once, in `context`'s thread, never after `context` is gone.
    void save(const QString &account, const QString &token, const QObject *context, Done done);
    void load(const QString &account, const QObject *context, Loaded done);
    void remove(const QString &account, const QObject *context, Done done);

    Storage storage() const { return m_storage; }
    bool usesFallbackFile() const { return m_storage == Storage::File; }
    QString fallbackReason() const { return m_fallbackReason; } // why the keychain is not used
    QString fallbackFilePath() const;

Q_SIGNALS:
    void storageChanged(handover::client::TokenStore::Storage storage);

private:
    enum class Op
    {
        Save,
        Load,
        Remove,
    };
    void run(Op op, const QString &account, const QString &token, const QObject *context,
             std::function<void(Result<std::optional<QString>>)> done);
    Result<std::optional<QString>> runOnFile(Op op, const QString &account, const QString &token);
    void fallBack(const QString &reason);

    Options m_options;
    Storage m_storage = Storage::File;
    QString m_fallbackReason;
};

} // namespace handover::client
