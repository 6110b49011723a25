#pragma once

#include <QString>
#include <QUuid>

namespace handover {

// Ids are strings (UUIDs on the wire). The aliases say which kind of thing an id names.
using OrgId = QString;
using UserId = QString;
using GroupId = QString;
using ContactId = QString;
using ChatroomId = QString;
using MessageId = QString;
using TemplateId = QString;

// Where new ids come from; injected so tests can predict them.
class IdSource
{
public:
    virtual ~IdSource() = default;
    virtual QString newId() = 0;
};

class UuidSource final : public IdSource
{
public:
    QString newId() override { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
};

// "<prefix>-1", "<prefix>-2", ...: readable ids for tests and demos.
class SequentialIdSource final : public IdSource
{
public:
    explicit SequentialIdSource(QString prefix = QStringLiteral("id")) : m_prefix(std::move(prefix)) {}
    QString newId() override { return m_prefix + QLatin1Char('-') + QString::number(++m_next); }

private:
    QString m_prefix;
    qint64 m_next = 0;
};

} // namespace handover
