#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace handover::client {

// Session tokens in one JSON file ({"<account>": "<token>"}) that only the user may read or write (0600, in a
// 0700 directory): the fallback when no keychain service answers. Written atomically (QSaveFile).
class TokenFile
{
public:
    explicit TokenFile(QString directory);

    QString filePath() const;
    Result<void> write(const QString &account, const QString &token);
    Result<std::optional<QString>> read(const QString &account) const;
    Result<void> remove(const QString &account);

private:
    Result<QJsonObject> readAll() const;
    Result<void> writeAll(const QJsonObject &tokens);

    QString m_directory;
};

} // namespace handover::client
