#include "client/tokenstore.h"

#include "client/tokenfile_p.h"
#include "core/logging.h"

#include <QTimer>
#include <QUrl>

#ifdef HANDOVER_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

#include <memory>

namespace handover::client {

namespace {

// Answers from the event loop, in the context's thread, and not at all once the context is gone.
template <typename T> void answer(const QObject *context, std::function<void(T)> done, T value)
{
    QTimer::singleShot(
        0, context, [done = std::move(done), value = std::move(value)]() mutable { done(std::move(value)); });
}

} // namespace

TokenStore::TokenStore(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
#ifdef HANDOVER_HAVE_QTKEYCHAIN
    if (m_options.tryKeychain)
        m_storage = Storage::Keychain;
    else
        m_fallbackReason = QStringLiteral("The keychain is switched off.");
#else
    m_fallbackReason = QStringLiteral("This build of Handover has no keychain support (QtKeychain).");
#endif
}

TokenStore::~TokenStore() = default;

QString TokenStore::makeAccount(const QUrl &serverUrl, const QString &userId)
{
    QString server =
        serverUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
    while (server.endsWith(QLatin1Char('/')))
        server.chop(1);
    return server + QLatin1Char('#') + userId;
}

QString TokenStore::fallbackFilePath() const
{
    return TokenFile(m_options.fallbackDirectory).filePath();
}

void TokenStore::fallBack(const QString &reason)
{
    if (m_storage == Storage::File)
        return;
    qCWarning(lcClient) << "no keychain:" << reason << "; session tokens go to" << fallbackFilePath()
                        << "(readable only by this user)";
    m_storage = Storage::File;
    m_fallbackReason = reason;
    Q_EMIT storageChanged(m_storage);
}

void TokenStore::save(const QString &account, const QString &token, const QObject *context, Done done)
{
    run(Op::Save, account, token, context, [done = std::move(done)](Result<std::optional<QString>> r) {
        done(r ? Result<void>() : Result<void>(r.error()));
    });
}

void TokenStore::load(const QString &account, const QObject *context, Loaded done)
{
    run(Op::Load, account, {}, context, std::move(done));
}

void TokenStore::remove(const QString &account, const QObject *context, Done done)
{
    run(Op::Remove, account, {}, context, [done = std::move(done)](Result<std::optional<QString>> r) {
        done(r ? Result<void>() : Result<void>(r.error()));
    });
}

Result<std::optional<QString>> TokenStore::runOnFile(Op op, const QString &account, const QString &token)
{
    TokenFile file(m_options.fallbackDirectory);
    switch (op) {
    case Op::Save:
        if (Result<void> written = file.write(account, token); !written)
            return written.error();
        return std::optional<QString>();
    case Op::Load:
        return file.read(account);
    case Op::Remove:
        if (Result<void> removed = file.remove(account); !removed)
            return removed.error();
        return std::optional<QString>();
    }
    return std::optional<QString>();
}

void TokenStore::run(Op op, const QString &account, const QString &token, const QObject *context,
                     std::function<void(Result<std::optional<QString>>)> done)
{
    using Answer = Result<std::optional<QString>>;
#ifdef HANDOVER_HAVE_QTKEYCHAIN
    if (m_storage == Storage::Keychain) {
        QKeychain::Job *job = nullptr;
        switch (op) {
        case Op::Save: {
            auto *write = new QKeychain::WritePasswordJob(m_options.service, this);
            write->setTextData(token);
            job = write;
            break;
        }
        case Op::Load:
            job = new QKeychain::ReadPasswordJob(m_options.service, this);
            break;
        case Op::Remove:
            job = new QKeychain::DeletePasswordJob(m_options.service, this);
            break;
        }
        job->setAutoDelete(false);
        job->setInsecureFallback(false);
        job->setKey(account);
        // Whichever comes first, the job's answer or the timeout, decides; the other finds `settled` set.
        auto settled = std::make_shared<bool>(false);
        auto onFile = [this, op, account, token, context, done](const QString &reason) {
            fallBack(reason);
            answer<Answer>(context, done, runOnFile(op, account, token));
        };
        connect(job, &QKeychain::Job::finished, this, [=, this](QKeychain::Job *finished) {
            finished->deleteLater();
            if (std::exchange(*settled, true))
                return;
            switch (finished->error()) {
            case QKeychain::NoError: {
                Answer result = std::optional<QString>();
                if (op == Op::Load)
                    result = std::optional<QString>(
                        static_cast<QKeychain::ReadPasswordJob *>(finished)->textData());
                else
                    (void)runOnFile(Op::Remove, account, {}); // no copy of a secret left behind in the file
                answer<Answer>(context, done, result);
                return;
            }
            case QKeychain::EntryNotFound:
                // Not in the keychain; a token saved while it was unavailable may be in the file.
                answer<Answer>(context, done,
                               op == Op::Save ? Answer(std::optional<QString>())
                                              : runOnFile(op, account, token));
                return;
            case QKeychain::AccessDeniedByUser:
            case QKeychain::CouldNotDeleteEntry:
                answer<Answer>(
                    context, done,
                    Answer(Error::make(ErrorCode::Forbidden,
                                       QStringLiteral("The keychain refused: ") + finished->errorString())));
                return;
            case QKeychain::NoBackendAvailable:
            case QKeychain::NotImplemented:
            case QKeychain::AccessDenied:
            case QKeychain::OtherError:
                onFile(QStringLiteral("No keychain service answered: ") + finished->errorString());
                return;
            }
        });
        QTimer::singleShot(m_options.keychainTimeoutMs, job, [=, this] {
            if (std::exchange(*settled, true))
                return;
            onFile(
                QStringLiteral("The keychain did not answer within %1 ms.").arg(m_options.keychainTimeoutMs));
        });
        job->start();
        return;
    }
#endif
    answer<Answer>(context, std::move(done), runOnFile(op, account, token));
}

} // namespace handover::client
