#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace handover::sim {

// A string member that may be absent or null (then *out is left as it is); false when it has another type.
inline bool readOptionalString(const QJsonObject &object, const QString &key, QString *out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

// Inserts key: value unless value is empty, for JSON that leaves out what it does not have.
inline void insertUnlessEmpty(QJsonObject &object, const char *key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(QString::fromLatin1(key), value);
}

} // namespace handover::sim
