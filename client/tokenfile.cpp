#include "client/tokenfile_p.h"
#include "core/logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace handover::client {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerOnlyDir = kOwnerOnly | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                             QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                             QFileDevice::WriteOther | QFileDevice::ExeOther;

Error fileError(const QString &what, const QString &path, const QString &reason)
{
    return Error::make(ErrorCode::Internal, QStringLiteral("%1 %2: %3").arg(what, path, reason));
}

} // namespace

TokenFile::TokenFile(QString directory)
    : m_directory(std::move(directory))
{}

QString TokenFile::filePath() const
{
    return QDir(m_directory).filePath(QStringLiteral("session-tokens.json"));
}

Result<QJsonObject> TokenFile::readAll() const
{
    QFile file(filePath());
    if (!file.exists())
        return QJsonObject();
    // Someone loosened the permissions (a copy, a backup restore): tighten them before trusting the file.
    if (file.permissions().testAnyFlags(kOthers)) {
        qCWarning(lcClient) << "token file" << filePath()
                            << "was readable by others; restricting it to the user";
        if (!file.setPermissions(kOwnerOnly))
            return fileError(QStringLiteral("Could not restrict"), filePath(), file.errorString());
    }
    if (!file.open(QIODevice::ReadOnly))
        return fileError(QStringLiteral("Could not read"), filePath(), file.errorString());
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fileError(QStringLiteral("Could not parse"), filePath(), parseError.errorString());
    return document.object();
}

Result<void> TokenFile::writeAll(const QJsonObject &tokens)
{
    QDir dir(m_directory);
    if (!dir.exists()) {
        if (!QDir().mkpath(m_directory))
            return fileError(QStringLiteral("Could not create"), m_directory,
                             QStringLiteral("mkpath failed"));
        QFile::setPermissions(m_directory, kOwnerOnlyDir);
    }
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly))
        return fileError(QStringLiteral("Could not write"), filePath(), file.errorString());
    // Restricted before a byte of the secret is written.
    if (!file.setPermissions(kOwnerOnly)) {
        file.cancelWriting();
        return fileError(QStringLiteral("Could not restrict"), filePath(), file.errorString());
    }
    file.write(QJsonDocument(tokens).toJson(QJsonDocument::Compact));
    if (!file.commit())
        return fileError(QStringLiteral("Could not write"), filePath(), file.errorString());
    return {};
}

Result<void> TokenFile::write(const QString &account, const QString &token)
{
    Result<QJsonObject> tokens = readAll();
    if (!tokens)
        return tokens.error();
    tokens->insert(account, token);
    return writeAll(*tokens);
}

Result<std::optional<QString>> TokenFile::read(const QString &account) const
{
    Result<QJsonObject> tokens = readAll();
    if (!tokens)
        return tokens.error();
    const QJsonValue value = tokens->value(account);
    if (!value.isString())
        return std::optional<QString>();
    return std::optional<QString>(value.toString());
}

Result<void> TokenFile::remove(const QString &account)
{
    Result<QJsonObject> tokens = readAll();
    if (!tokens)
        return tokens.error();
    if (!tokens->contains(account))
        return {};
    tokens->remove(account);
    return writeAll(*tokens);
}

} // namespace handover::client
